/**
 * `npm run render`: the command line of the headless renderer. See --help.
 */
import {rmSync} from 'node:fs';
import {HELP, parseArgs, UsageError} from './args';
import {killPid} from './browser';
import {runningEncoders} from './encode';
import {RenderError} from './errors';
import {pendingTemps} from './files';
import {ProgressPrinter} from './progress';
import {runRender} from './render';
import type {Session} from './session';

let session: Session | null = null;
let exiting = false;

/** Kills what this process started and removes its temporary files. */
function cleanup(): void {
  for (const child of runningEncoders) {
    if (child.exitCode === null) killPid(child.pid);
  }
  if (session) killPid(session.browser.pid);
  for (const file of pendingTemps) rmSync(file, {force: true});
}

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
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (exiting) return;
      exiting = true;
      process.stderr.write(`\nrender: cancelled (${signal}); nothing was overwritten\n`);
      cleanup();
      process.exit(130);
    });
  }
  const printer = new ProgressPrinter();
  await runRender(options, {
    onProgress: options.list ? undefined : printer.callback,
    log: line => (options.list ? process.stdout.write(line + '\n') : printer.log(line)),
    onSession: s => (session = s),
  });
  printer.done();
}

main().then(
  () => process.exit(0),
  error => fail(error),
);
