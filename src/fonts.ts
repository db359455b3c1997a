/**
 * The fonts the scenes use, shipped through npm (@fontsource) so that text
 * renders the same on every machine. Import this module once from a project
 * file; call {@link loadFonts} before drawing frames that must be exact.
 */
import '@fontsource/jetbrains-mono/400.css';
import '@fontsource/jetbrains-mono/700.css';
import '@fontsource/source-sans-3/400.css';
import '@fontsource/source-sans-3/400-italic.css';
import '@fontsource/source-sans-3/600.css';
import '@fontsource/source-sans-3/700.css';
import {FONTS} from './theme';

/** CSS font shorthands of every face the scenes draw with. */
export const FONT_FACES = [
  `400 32px ${FONTS.text}`,
  `italic 400 32px ${FONTS.text}`,
  `600 32px ${FONTS.text}`,
  `700 32px ${FONTS.text}`,
  `400 32px ${FONTS.mono}`,
  `700 32px ${FONTS.mono}`,
];

/**
 * Loads every face in {@link FONT_FACES} so that the first frame drawn uses
 * the real fonts, not a fallback (web fonts load lazily on first use).
 */
export async function loadFonts(): Promise<void> {
  await Promise.all(FONT_FACES.map(face => document.fonts.load(face)));
}

// Start loading at once in a browser, so the editor's first frames already use
// the real faces (a canvas does not redraw by itself when a font arrives).
if (typeof document !== 'undefined') void loadFonts();
