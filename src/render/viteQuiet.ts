/**
 * Imported before Vite: tsx runs the CLI as CommonJS, and Vite's CommonJS
 * entry prints a deprecation warning on load unless this variable is set.
 */
process.env.VITE_CJS_IGNORE_WARNING = 'true';

/** Marker export so the module has a purpose for readers and linters. */
export const VITE_QUIET = true;
