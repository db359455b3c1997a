/**
 * Progress reporting: one typed callback, and a printer that draws a live bar
 * per scene on a TTY or a few plain lines per scene otherwise.
 */

/** What the renderer is doing. */
export type ProgressStage = 'loading' | 'rendering' | 'encoding' | 'joining';

/** One progress report. */
export interface ProgressEvent {
  stage: ProgressStage;
  /** The scene (or the chapter file) the report is about. */
  scene: string;
  done: number;
  total: number;
}

/** The one progress callback. */
export type ProgressCallback = (event: ProgressEvent) => void;

interface Line {
  text: string;
  started: number;
  lastPrinted: number;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--';
  const s = Math.max(0, Math.round(seconds));
  return s >= 60
    ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
    : `${s}s`;
}

/** Prints progress to a stream: live bars on a TTY, plain lines otherwise. */
export class ProgressPrinter {
  private readonly lines = new Map<string, Line>();
  private drawn = 0;
  private readonly tty: boolean;

  /** Creates a printer writing to `stream` (default stderr). */
  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {
    this.tty = !!stream.isTTY && process.env.CI === undefined;
  }

  /** The callback to pass to the renderer. */
  readonly callback: ProgressCallback = event => this.update(event);

  /** Prints a message line above the bars. */
  log(message: string): void {
    if (this.tty) {
      this.clear();
      this.stream.write(message + '\n');
      this.redraw();
    } else {
      this.stream.write(message + '\n');
    }
  }

  private update(event: ProgressEvent) {
    const now = Date.now();
    let line = this.lines.get(event.scene);
    if (!line) {
      line = {text: '', started: now, lastPrinted: -1};
      this.lines.set(event.scene, line);
    }
    if (event.stage === 'rendering' && event.done === 0) line.started = now;
    const elapsed = (now - line.started) / 1000;
    const fps =
      event.stage === 'rendering' && elapsed > 0 ? event.done / elapsed : 0;
    const eta = fps > 0 ? (event.total - event.done) / fps : Infinity;
    const fraction = event.total > 0 ? event.done / event.total : 1;
    if (this.tty) {
      const width = 24;
      const filled = Math.round(fraction * width);
      line.text =
        `${event.scene.padEnd(18)} ${event.stage.padEnd(9)} ` +
        `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ` +
        `${event.done}/${event.total}` +
        (event.stage === 'rendering'
          ? `  ${fps.toFixed(1)} fps  ETA ${duration(eta)}`
          : '');
      this.clear();
      this.redraw();
    } else {
      // A few lines per scene: at each quarter and at each stage change.
      const quarter = Math.floor(fraction * 4);
      const key = `${event.stage}:${quarter}`;
      if (line.text === key) return;
      if (
        event.stage === 'rendering' &&
        quarter === line.lastPrinted &&
        event.done !== event.total
      )
        return;
      line.text = key;
      line.lastPrinted = quarter;
      this.stream.write(
        `${event.scene}: ${event.stage} ${event.done}/${event.total}` +
          (event.stage === 'rendering' && event.done > 0
            ? ` (${fps.toFixed(1)} fps, ETA ${duration(eta)})`
            : '') +
          '\n',
      );
    }
  }

  private clear() {
    if (!this.tty || this.drawn === 0) return;
    this.stream.write(`\x1b[${this.drawn}A\x1b[J`);
    this.drawn = 0;
  }

  private redraw() {
    if (!this.tty) return;
    for (const line of this.lines.values()) {
      if (line.text) {
        this.stream.write(
          line.text.slice(0, (this.stream.columns || 120) - 1) + '\n',
        );
        this.drawn++;
      }
    }
  }

  /** Stops drawing bars (leaves them on screen). */
  done(): void {
    this.drawn = 0;
  }
}
