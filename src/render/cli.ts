/**
 * `npm run render`: the command line of the headless renderer. See --help.
 */
import {HELP, parseArgs, UsageError} from './args';
import {cleanup, exitCleanlyOnSignals, trackSession} from './cleanup';
import {RenderError} from './errors';
import {ProgressPrinter} from './progress';
import {runRender} from './render';

function fail(error: unknown): never {
  const printable = error instanceof RenderError;
  const message = printable
    ? error.message
    : error instanceof Error
      ? `${error.message}`
      : String(error);
  process.stderr.write(`render: ${message}\n`);
  if (printable && error.details) process.stderr.write(`${error.details}\n`);
  else if (!printable && error instanceof Error && error.stack) {
    process.stderr.write(`${error.stack}\n`);
  }
  cleanup();
  process.exit(error instanceof UsageError ? 2 : 1);
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
  await runRender(options, {
    onProgress: options.list ? undefined : printer.callback,
    log: line =>
      options.list ? process.stdout.write(line + '\n') : printer.log(line),
    onSession: trackSession,
  });
  printer.done();
}

main().then(
  () => process.exit(0),
  error => fail(error),
);
