/**
 * The one error type the renderer reports to users: its message is printed
 * as is, on one line (plus a stack for scene errors), with a non-zero exit.
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

/** Thrown when a render is cancelled (SIGINT/SIGTERM). */
export class CancelledError extends RenderError {
  /** Creates the cancellation error. */
  constructor(signal = 'SIGINT') {
    super(`render cancelled (${signal})`);
    this.name = 'CancelledError';
  }
}
