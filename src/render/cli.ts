/**
 * `npm run render`: the command line of the headless renderer. See --help.
 */
import path from 'node:path';
import {HELP, parseArgs} from './args';
import {cleanup, exitCleanlyOnSignals, trackSession} from './cleanup';
import {errorReport, RenderError, UsageError} from './errors';
import {CHAPTER_PROJECT} from './paths';
import {ProgressPrinter} from './progress';
import {answerFromRecord} from './runRecord';

function fail(error: unknown): never {
  const {lines, exitCode} = errorReport(error);
  process.stderr.write(lines.join('\n') + '\n');
  cleanup();
  process.exit(exitCode);
}

async function main(): Promise<void> {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof RenderError) throw new UsageError(error.message);
    throw error;
  }
  if (options.help) {
    process.stdout.write(HELP + '\n');
    return;
  }
  exitCleanlyOnSignals('render');
  const printer = new ProgressPrinter();
  const list = options.list;
  if (options.assemble !== null) {
    const {runAssemble} = await import('./assemble');
    await runAssemble(options.assemble, {
      onProgress: printer.callback,
      log: line => printer.log(line),
    });
    printer.done();
    return;
  }
  // Nothing changed since the last complete render of this command: answered
  // from its run record, before Vite, a browser or ffmpeg are even loaded.
  const project = path.resolve(options.project ?? CHAPTER_PROJECT);
  if (await answerFromRecord(options, project, line => printer.log(line))) {
    printer.done();
    return;
  }
  const {runRender} = await import('./render');
  await runRender(options, {
    onProgress: list ? undefined : printer.callback,
    log: line => (list ? process.stdout.write(line + '\n') : printer.log(line)),
    note: line =>
      list ? process.stderr.write(line + '\n') : printer.log(line),
    onSession: trackSession,
  });
  printer.done();
}

// Node exits with code 0 when nothing is left to wait for, even if main()
// never finished (a promise that never settles): that must not pass for a
// successful render.
process.once('beforeExit', () =>
  fail(new RenderError('stopped before finishing (an internal error)')),
);

main().then(
  () => process.exit(0),
  error => fail(error),
);
