/**
 * The errors the renderer reports to users: a message printed as is, on one
 * line (plus a stack for scene errors), with a non-zero exit.
 */
export class RenderError extends Error {
  /** Creates an error whose message is shown to the user as is. */
  constructor(
    message: string,
    /** Extra lines printed after the message (a scene's stack). */
    public readonly details?: string,
  ) {
    super(message);
    this.name = 'RenderError';
  }
}

/** A bad command line (or a name it gives that does not exist): exit code 2. */
export class UsageError extends RenderError {}

/** Thrown when a render is cancelled (SIGINT/SIGTERM). */
export class CancelledError extends RenderError {
  /** Creates the cancellation error. */
  constructor(signal = 'SIGINT') {
    super(`render cancelled (${signal})`);
    this.name = 'CancelledError';
  }
}

/** A Node.js system error (fs, child_process): it has a code like ENOSPC. */
export interface SystemError extends Error {
  code: string;
  syscall?: string;
  path?: string;
}

/** True for Node.js system errors (they carry an E... code). */
export function isSystemError(error: unknown): error is SystemError {
  return (
    error instanceof Error &&
    typeof (error as Partial<SystemError>).code === 'string' &&
    /^E[A-Z0-9]+$/.test((error as SystemError).code)
  );
}

/**
 * What a system error says, without its code prefix and syscall suffix:
 * "ENOSPC: no space left on device, write" -> "no space left on device".
 */
export function systemReason(error: SystemError): string {
  const text = error.message
    .replace(/^E[A-Z0-9]+:\s*/, '')
    .replace(/,\s*\w+(\s+'.*')?(\s+->\s+'.*')?$/, '')
    .trim();
  return `${text || 'failed'} (${error.code})`;
}

/**
 * A file-system failure as one line naming the file and the reason, e.g.
 * `cannot write "output/a@1s.png": no space left on device (ENOSPC)`.
 * Errors that are not system errors are returned unchanged.
 */
export function fileError(
  action: string,
  file: string,
  error: unknown,
): unknown {
  if (!isSystemError(error)) return error;
  return new RenderError(`cannot ${action} "${file}": ${systemReason(error)}`);
}

/**
 * What the CLI prints for an error: one line (the renderer's own message;
 * for a system error, what failed on which path), plus a scene's stack or,
 * for an unexpected error (a bug), its stack.
 */
export function errorReport(error: unknown): {
  lines: string[];
  exitCode: number;
} {
  const exitCode = error instanceof UsageError ? 2 : 1;
  if (error instanceof RenderError) {
    return {
      lines: [
        `render: ${error.message}`,
        ...(error.details ? [error.details] : []),
      ],
      exitCode,
    };
  }
  if (isSystemError(error)) {
    const where = error.path ? ` "${error.path}"` : '';
    const what = error.syscall ? `${error.syscall}${where}` : where.trim();
    return {
      lines: [
        `render: ${what ? `${what}: ` : ''}${systemReason(error).trim()}`,
      ],
      exitCode,
    };
  }
  if (error instanceof Error) {
    return {
      lines: [
        `render: ${error.message}`,
        ...(error.stack ? [error.stack] : []),
      ],
      exitCode,
    };
  }
  return {lines: [`render: ${String(error)}`], exitCode};
}
