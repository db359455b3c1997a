/**
 * Joining scene MP4s into the chapter file: the concat list and the
 * ffmetadata with one chapter per scene.
 */

/** One scene of the joined file. */
export interface ChapterPart {
  title: string;
  file: string;
  frames: number;
}

function escapeMeta(text: string): string {
  return text.replace(/([=;#\\\n])/g, '\\$1');
}

/**
 * The ffmetadata text: a title and one [CHAPTER] per part, in frames of
 * 1/fps (TIMEBASE), each starting where the previous ends.
 */
export function chapterMetadata(
  title: string,
  parts: ChapterPart[],
  fps: number,
): string {
  const rate = Number.isInteger(fps)
    ? `1/${fps}`
    : `1000/${Math.round(fps * 1000)}`;
  const lines = [';FFMETADATA1', `title=${escapeMeta(title)}`];
  let at = 0;
  for (const part of parts) {
    lines.push(
      '',
      '[CHAPTER]',
      `TIMEBASE=${rate}`,
      `START=${at}`,
      `END=${at + part.frames}`,
      `title=${escapeMeta(part.title)}`,
    );
    at += part.frames;
  }
  return lines.join('\n') + '\n';
}

/** The concat demuxer's list file for the given MP4s. */
export function concatList(files: string[]): string {
  return files.map(f => `file '${f.replace(/'/g, "'\\''")}'`).join('\n') + '\n';
}

/** ffmpeg arguments joining by stream copy, with chapters from metadata. */
export function joinArgs(
  listFile: string,
  metadataFile: string,
  output: string,
): string[] {
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'concat',
    '-safe',
    '0',
    '-i',
    listFile,
    '-i',
    metadataFile,
    '-map',
    '0',
    '-map_metadata',
    '1',
    '-map_chapters',
    '1',
    '-c',
    'copy',
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    output,
  ];
}
