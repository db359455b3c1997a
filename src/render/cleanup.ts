/**
 * Cancellation for the command-line entry points (cli.ts, bench.ts): the
 * process's cancel signal, cancelled on SIGINT or SIGTERM, or on failure,
 * so that an interrupted run kills exactly the processes it started
 * (ffmpeg, the browser) and leaves nothing new in TMPDIR or in --out.
 */
import {makeCancelSignal, type CancelController} from './cancel';
import {removeRunTempDir} from './tempDirs';

/**
 * The cancel signal of a command-line process: besides what the command
 * registers on it, cancelling it removes the process's run directory in
 * TMPDIR (the browser's profile and temporary files, Vite's cache).
 */
export function makeCommandSignal(): CancelController {
  const controller = makeCancelSignal();
  controller.signal.onCancel(removeRunTempDir);
  return controller;
}

/**
 * Installs SIGINT/SIGTERM handlers that cancel the run and exit with 130,
 * saying so on stderr as `<name>: cancelled (SIGINT); nothing was
 * overwritten`.
 */
export function exitCleanlyOnSignals(
  name: string,
  {signal, cancel}: CancelController,
): void {
  for (const signalName of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signalName, () => {
      if (signal.cancelled) return;
      process.stderr.write(
        `\n${name}: cancelled (${signalName}); nothing was overwritten\n`,
      );
      cancel(signalName);
      process.exit(130);
    });
  }
}
