/**
 * Where the browser that draws is: CHROME_PATH, an installed Chromium, then
 * the one @sparticuz/chromium ships (unpacked once). Kept apart from
 * browser.ts, which loads puppeteer, so that the render cache can name the
 * browser before anything starts.
 */
import {execFile} from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {RenderError} from './errors';
import {pidAlive} from './files';
import {REPO_ROOT} from './paths';

/** Where a browser was found. */
export interface BrowserLocation {
  path: string;
  source: 'CHROME_PATH' | 'installed' | '@sparticuz/chromium';
}

/** Installed browsers looked for, in order, after CHROME_PATH. */
export const INSTALLED_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** The one line printed when no browser can be found. */
export const NO_BROWSER_MESSAGE =
  'no Chrome/Chromium found: install one (apt-get install -y chromium), ' +
  'or npm install @sparticuz/chromium, or set CHROME_PATH to its executable';

function onPath(names: string[]): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of names) {
      const file = path.join(dir, name);
      if (dir && existsSync(file)) return file;
    }
  }
  return null;
}

/** Finds a browser: CHROME_PATH, an installed one, then @sparticuz/chromium. */
export async function findBrowser(
  env: NodeJS.ProcessEnv = process.env,
): Promise<BrowserLocation> {
  if (env.CHROME_PATH) {
    if (!existsSync(env.CHROME_PATH)) {
      throw new RenderError(
        `CHROME_PATH: expected a browser executable, got "${env.CHROME_PATH}" (no such file)`,
      );
    }
    return {path: env.CHROME_PATH, source: 'CHROME_PATH'};
  }
  if (env.MC_RENDER_NO_INSTALLED_BROWSER !== '1') {
    const installed =
      INSTALLED_BROWSERS.find(file => existsSync(file)) ??
      onPath(['chromium', 'chromium-browser', 'google-chrome', 'chrome']);
    if (installed) return {path: installed, source: 'installed'};
  }
  if (env.MC_RENDER_NO_SPARTICUZ !== '1') {
    const file = await unpackSparticuz().catch(() => null);
    if (file) return {path: file, source: '@sparticuz/chromium'};
  }
  throw new RenderError(NO_BROWSER_MESSAGE);
}

/** @sparticuz/chromium's entry module and version, or null if not installed. */
function sparticuzPackage(): {entry: string; version: string} | null {
  try {
    const entry = createRequire(path.join(REPO_ROOT, 'package.json')).resolve(
      '@sparticuz/chromium',
    );
    // <package>/build/cjs/index.cjs: the package.json is three levels up.
    const manifest = path.resolve(path.dirname(entry), '../../package.json');
    const {version} = JSON.parse(readFileSync(manifest, 'utf8')) as {
      version: string;
    };
    return {entry, version};
  } catch {
    return null;
  }
}

/**
 * Where @sparticuz/chromium is unpacked, once per version, for every run:
 * node_modules/.cache/mc-render/chromium-<version>/.
 */
export function sparticuzDir(version: string): string {
  return path.join(
    REPO_ROOT,
    'node_modules/.cache/mc-render',
    `chromium-${version}`,
  );
}

/**
 * Unpacks @sparticuz/chromium (about 190 MB) into {@link sparticuzDir}
 * unless it is there already, and returns the executable.
 *
 * @remarks
 * The package unpacks into `os.tmpdir()` and reuses that copy only while
 * TMPDIR stays the same; every run with its own TMPDIR would leave 190 MB
 * behind. So it unpacks here in a child process whose TMPDIR is a staging
 * directory next to the final one, renamed into place when complete: two
 * renders starting at once never run a half-written binary, and a run
 * killed mid-unpack leaves only a staging directory that the next run
 * removes.
 */
async function unpackSparticuz(): Promise<string | null> {
  const pkg = sparticuzPackage();
  if (!pkg) return null;
  const dir = sparticuzDir(pkg.version);
  const executable = path.join(dir, 'chromium');
  if (existsSync(executable)) return executable;
  const parent = path.dirname(dir);
  mkdirSync(parent, {recursive: true});
  removeStaleStaging(parent, path.basename(dir));
  const staging = `${dir}.staging-${process.pid}-${Date.now()}`;
  mkdirSync(staging, {recursive: true});
  try {
    await new Promise<void>((resolve, reject) =>
      execFile(
        process.execPath,
        [
          '-e',
          `require(${JSON.stringify(pkg.entry)}).executablePath()` +
            '.then(p => process.stdout.write(p))',
        ],
        {env: {...process.env, TMPDIR: staging}, timeout: 300_000},
        error => (error ? reject(error) : resolve()),
      ),
    );
    if (!existsSync(path.join(staging, 'chromium'))) return null;
    try {
      renameSync(staging, dir);
    } catch {
      // Another run got there first: use its copy.
    }
    return existsSync(executable) ? executable : null;
  } finally {
    rmSync(staging, {recursive: true, force: true});
  }
}

/** Removes staging directories of unpacks whose process is gone. */
function removeStaleStaging(parent: string, base: string): void {
  let names: string[] = [];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(`${base}.staging-`)) continue;
    const pid = Number(
      name.slice(base.length + '.staging-'.length).split('-')[0],
    );
    if (!pidAlive(pid)) {
      rmSync(path.join(parent, name), {recursive: true, force: true});
    }
  }
}

/**
 * The browser {@link findBrowser} would return, without unpacking anything:
 * null when that would be @sparticuz/chromium and it is not unpacked yet.
 */
export function knownBrowser(
  env: NodeJS.ProcessEnv = process.env,
): BrowserLocation | null {
  if (env.CHROME_PATH) {
    return existsSync(env.CHROME_PATH)
      ? {path: env.CHROME_PATH, source: 'CHROME_PATH'}
      : null;
  }
  if (env.MC_RENDER_NO_INSTALLED_BROWSER !== '1') {
    const installed =
      INSTALLED_BROWSERS.find(file => existsSync(file)) ??
      onPath(['chromium', 'chromium-browser', 'google-chrome', 'chrome']);
    if (installed) return {path: installed, source: 'installed'};
  }
  if (env.MC_RENDER_NO_SPARTICUZ !== '1') {
    const pkg = sparticuzPackage();
    const file = pkg && path.join(sparticuzDir(pkg.version), 'chromium');
    if (file && existsSync(file)) {
      return {path: file, source: '@sparticuz/chromium'};
    }
  }
  return null;
}
