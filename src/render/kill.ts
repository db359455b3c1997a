/**
 * Ending the processes a run started, by process id. Free of heavy imports
 * (no puppeteer): the command line's cleanup loads it on every run,
 * including the no-op one answered from the run record.
 */

/** Kills one process we started, if it is still alive. */
export function killPid(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * Kills a browser we launched and its helper processes (renderer, GPU,
 * utility, crash handler): puppeteer starts it as the leader of its own
 * process group, so the group has its id.
 */
export function killBrowser(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // No such group (already gone): the process alone, if any.
  }
  killPid(pid);
}
