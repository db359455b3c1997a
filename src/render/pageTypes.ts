/**
 * What the Node driver and the render page (page.ts) say to each other: the
 * calls of `window.__mcRender` and their results. Types only, so Node code
 * imports them without pulling in the browser side.
 */
import type {BeatSpan} from '../beats';
import type {SweepReport} from './pageSweep';

/** Settings every page call needs: frame rate and canvas scale. */
export interface PageSettings {
  fps: number;
  resolutionScale: number;
}

/** One scene as the page sees it at the given settings. */
export interface PageSceneInfo {
  name: string;
  firstFrame: number;
  frames: number;
}

/** What {@link PageApi.scenes} returns. */
export interface PageProjectInfo {
  name: string;
  width: number;
  height: number;
  scenes: PageSceneInfo[];
}

/** A failure inside the page, with the scene and frame it happened at. */
export interface PageFailure {
  error: {message: string; stack: string; scene?: string; frame?: number};
}

/** Time spent per stage of a frame, in milliseconds summed over frames. */
export interface PageTimings {
  /** Main thread: advancing the scene and drawing it. */
  draw: number;
  /** Main thread: snapshotting a frame and waiting for room in the pool. */
  wait: number;
  /** Main thread: the snapshot alone (part of `wait`). */
  snapshot: number;
  /**
   * Workers (in parallel with drawing): making frames' messages, PNGs or
   * yuv patches (finding what changed and converting it, yuvFrames.ts).
   */
  encode: number;
  /** Workers: uploading frames until ffmpeg's pipe took them. */
  upload: number;
  /** Frames sent as yuv patches (the others as PNGs, or repeats). */
  patches: number;
  /**
   * Workers: reading frames back and comparing each with the frame before,
   * to find held frames.
   */
  compare: number;
  /**
   * Frames found pixel-identical to the frame before: not encoded, sent as
   * repeats of it (see framePool.ts).
   */
  held: number;
  /**
   * Of the held frames, those not even drawn: nothing they are drawn from
   * had changed (see page.ts).
   */
  still: number;
  /** Wall time of the whole range. */
  total: number;
  /**
   * Filled in by the render command, not the page: the x264 segments the
   * range was encoded in, and how many of them were relayed (relay.ts).
   */
  segments?: number;
  relayed?: number;
}

/** A probed node's state (see tests/helpers/render.ts). */
export interface PageNodeState {
  text?: string;
  position: [number, number];
  opacity: number;
  width?: number;
  height?: number;
  fill?: string;
  stroke?: string;
  custom?: unknown;
}

/**
 * How the page ships a video's frames (framePool.ts); the renderer's choice
 * is FRAME_PIPELINE (video.ts).
 */
export interface FramePipeline {
  /** Frames encoded or uploaded at once. */
  inFlight: number;
  /** Frame workers (see framePool.ts). */
  workers: number;
  /**
   * Send frames pixel-identical to the frame before as repeats, not
   * encoded (page default true; MC_RENDER_HELD_FRAMES=0 turns it off).
   */
  heldFrames: boolean;
  /**
   * How frames travel: yuv420p patches of what changed (page default, see
   * yuvFrames.ts) or PNGs (MC_RENDER_FRAMES=png; what `tee` needs).
   */
  frames: 'yuv' | 'png';
  /**
   * Send a frame as a repeat without drawing it where nothing it is drawn
   * from changed (no signal's flag raised; see page.ts). Needs
   * `heldFrames`. Page default false; the renderer turns it on
   * (MC_RENDER_STILL_FRAMES=0 turns it off).
   */
  stillFrames: boolean;
}

/** The calls the Node driver makes through page.evaluate. */
export interface PageApi {
  scenes(settings: PageSettings): Promise<PageProjectInfo | PageFailure>;
  render(
    opts: PageSettings & {
      scene: string;
      from: number;
      to: number;
      /** The frame stream path (a WebSocket, see server.ts). */
      stream: string;
    } & Partial<FramePipeline> &
      Pick<FramePipeline, 'inFlight' | 'workers'>,
  ): Promise<{frames: number; timings: PageTimings} | PageFailure>;
  still(
    opts: PageSettings & {scene: string; frame: number; sink: string},
  ): Promise<{width: number; height: number} | PageFailure>;
  sheet(
    opts: PageSettings & {
      scene: string;
      frames: number[];
      captions: string[];
      columns: number;
      thumbWidth: number;
      sink: string;
    },
  ): Promise<{width: number; height: number} | PageFailure>;
  probe(
    opts: PageSettings & {scene: string; frame: number; keys: string[]},
  ): Promise<{nodes: Record<string, PageNodeState>} | PageFailure>;
  /** The scene's named beats (src/beats.ts), in seconds from its start. */
  beats(
    opts: PageSettings & {scene: string},
  ): Promise<{beats: BeatSpan[]} | PageFailure>;
  /**
   * Plays the scene and checks what every component drew against the math
   * on `perSecond` frames a second, its last frame and each beat's first and
   * last frames (see pageSweep.ts).
   */
  sweep(
    opts: PageSettings & {scene: string; perSecond: number},
  ): Promise<{report: SweepReport} | PageFailure>;
}

declare global {
  interface Window {
    __mcRender?: PageApi;
    __mcRenderError?: string;
  }
}
