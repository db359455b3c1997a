/**
 * `npm run narration`: builds the narration (takes found, scratch voice
 * spoken where none), writes the timings the scenes import and prints one
 * line per scene; with `--editor`, also the chapter's track for the editor
 * (see ./editorMix.ts). Bad input: one line on stderr, exit code 1, nothing
 * written.
 */
import path from 'node:path';
import {REPO_ROOT} from '../render/paths';
import {buildNarration, narrationPaths} from './build';
import {writeEditorTrack} from './editorMix';

// `--root DIR`: a project laid out as DIR/scenes and DIR/narration.
const at = process.argv.indexOf('--root');
const root = at > 0 ? path.resolve(process.argv[at + 1] ?? '.') : undefined;
// `--editor`: also mix the chapter's track the editor plays (npm start).
const editor = process.argv.includes('--editor');
const paths = narrationPaths(root ?? REPO_ROOT);
const log = (line: string) => process.stderr.write(line + '\n');

buildNarration({paths, log})
  .then(async manifest => {
    if (editor) {
      await writeEditorTrack(
        path.join(paths.scenes, 'chapter12.ts'),
        paths,
        manifest,
        log,
      );
    }
    return manifest;
  })
  .then(
    manifest => {
      for (const [scene, blocks] of Object.entries(manifest.scenes)) {
        const seconds = blocks.reduce((s, b) => s + b.seconds, 0);
        const takes = blocks.filter(b => b.source === 'take').length;
        process.stdout.write(
          `narration ${scene}: ${blocks.length} blocks, ${seconds.toFixed(1)} s (${takes} recorded, ${blocks.length - takes} scratch)\n`,
        );
      }
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(
        `narration: ${(error as Error).message.split('\n')[0]}\n`,
      );
      process.exit(1);
    },
  );
