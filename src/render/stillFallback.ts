/**
 * Still frames that were not still: the page takes a frame where no signal
 * changed as the frame before without drawing it, and checks every 31st
 * such frame by drawing it (page.ts). A scene that changes its picture
 * outside signals fails that check; its render is then run again drawing
 * every frame, with a note, instead of failing or freezing frames.
 */

/** Words of the frame workers' message when the check fails (framePool.ts). */
export const STILL_MISMATCH = 'was taken as still';

/** Whether an error is a failed still-frame check. */
export function isStillMismatch(error: unknown): boolean {
  return error instanceof Error && error.message.includes(STILL_MISMATCH);
}

/**
 * Runs `attempt(stillFrames)`; if still frames were on and the check failed,
 * notes it for `scene` and runs `attempt(false)`. Each attempt must start
 * its output afresh (encoder, temporary files, progress).
 */
export async function withStillFallback<T>(
  stillFrames: boolean,
  scene: string,
  note: (line: string) => void,
  attempt: (stillFrames: boolean) => Promise<T>,
): Promise<T> {
  try {
    return await attempt(stillFrames);
  } catch (error) {
    if (!stillFrames || !isStillMismatch(error)) throw error;
    note(
      `${scene}: its picture changed while no signal did (does a node draw from state kept outside signals?); rendering it again, drawing every frame`,
    );
    return attempt(false);
  }
}
