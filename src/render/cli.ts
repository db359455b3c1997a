/**
 * `npm run render`: the command line of the headless renderer. See --help.
 */
import path from 'node:path';
import {HELP, parseArgs, type CliOptions} from './args';
import {exitCleanlyOnSignals, makeCommandSignal} from './cleanup';
import {errorReport, RenderError, UsageError} from './errors';
import {CHAPTER_PROJECT} from './paths';
import {ProgressPrinter} from './progress';
import {answerFromRecord} from './runRecord';

/**
 * This run's cancel signal: what the command starts is registered on it,
 * and a failure or Ctrl-C cancels it (kills and removes all of that).
 */
const cancellation = makeCommandSignal();

function fail(error: unknown): never {
  const {lines, exitCode} = errorReport(error);
  process.stderr.write(lines.join('\n') + '\n');
  cancellation.cancel('failed');
  process.exit(exitCode);
}

/** The entry point (render.ts) of the command the options ask for. */
async function commandFor(options: CliOptions) {
  const render = await import('./render');
  if (options.list) return render.listCommand;
  if (options.still !== null) return render.stillCommand;
  if (options.contactSheet) return render.contactSheetCommand;
  if (options.shard) return render.shardCommand;
  return render.videoCommand;
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
  exitCleanlyOnSignals('render', cancellation);
  const printer = new ProgressPrinter();
  const list = options.list;
  if (options.assemble !== null) {
    const {runAssemble} = await import('./assemble');
    await runAssemble(options.assemble, {
      signal: cancellation.signal,
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
  const command = await commandFor(options);
  await command(options, {
    signal: cancellation.signal,
    onProgress: list ? undefined : printer.callback,
    log: line => (list ? process.stdout.write(line + '\n') : printer.log(line)),
    note: line =>
      list ? process.stderr.write(line + '\n') : printer.log(line),
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
