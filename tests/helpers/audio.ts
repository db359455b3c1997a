/**
 * Listening to a rendered file's audio with ffmpeg's own meters, for the
 * narration tests: silences (silencedetect) and where speech starts.
 */
import {spawnSync} from 'node:child_process';
import {findFfmpeg} from '../../src/render/ffmpeg';

/**
 * What ffmpeg prints on stderr when it runs a file's audio through `filter`
 * (a meter such as silencedetect or ebur128) and discards the result.
 */
export function meterAudio(file: string, filter: string): string {
  return spawnSync(
    findFfmpeg().path,
    [
      ...['-hide_banner', '-nostats', '-i', file, '-map', '0:a'],
      ...['-af', filter, '-f', 'null', '-'],
    ],
    {encoding: 'utf8'},
  ).stderr;
}

/** The silences (at least 0.15 s under -50 dBFS) of a file's audio. */
export function silences(file: string): {start: number; end: number}[] {
  const log = meterAudio(file, 'silencedetect=n=-50dB:d=0.15');
  const starts = [...log.matchAll(/silence_start: ([\d.]+)/g)];
  const ends = [...log.matchAll(/silence_end: ([\d.]+)/g)];
  return starts.map((m, i) => ({
    start: Number(m[1]),
    end: ends[i] ? Number(ends[i][1]) : Infinity,
  }));
}

/** Where sound starts after each silence, in seconds. */
export function onsets(file: string): number[] {
  return silences(file)
    .map(s => s.end)
    .filter(Number.isFinite);
}
