/**
 * Finds a Chromium for the browser tests, once per process. In order:
 *
 * 1. `TCO2E_CHROMIUM`, when set: the path of a Chromium or Chrome executable. A path that is not
 *    an executable file is an error, not a reason to look elsewhere.
 * 2. An installed Chromium or Chrome in its usual place on Linux, macOS or Windows.
 * 3. On Linux x64, the Chromium inside the dev dependency `@sparticuz/chromium`: the binary ships
 *    in the npm package, compressed, and is unpacked once into the temp folder, in a folder named
 *    for its version and the user, where later runs find it.
 *
 * Nothing is downloaded, and nothing is skipped: with no browser to be had, `findBrowser` rejects
 * with a message saying how to get one, so the browser tests fail.
 */

import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, lstatSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, posix, win32 } from 'node:path';
import { promisify } from 'node:util';

/** Environment variable naming the browser to use. */
export const CHROMIUM_ENV = 'TCO2E_CHROMIUM';

const NPM_CHROMIUM = '@sparticuz/chromium';

export interface FoundBrowser {
  readonly executablePath: string;
  /** Where it was found, for messages: e.g. "the browser named by TCO2E_CHROMIUM". */
  readonly description: string;
  /** The browser's whole environment, when it needs more than this process's; else undefined. */
  readonly env?: Readonly<Record<string, string>>;
}

/** What the search depends on; `findBrowser` uses this machine's. */
export interface SearchContext {
  readonly platform: NodeJS.Platform;
  readonly arch: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly isExecutableFile: (path: string) => boolean;
  /** The npm package's Chromium, unpacked; rejects with the reason when it can't be had. */
  readonly npmChromium: () => Promise<FoundBrowser>;
}

let cached: Promise<FoundBrowser> | undefined;

/** The browser for this process: searched for on the first call, the same answer after. */
export function findBrowser(): Promise<FoundBrowser> {
  cached ??= locateBrowser({
    platform: process.platform,
    arch: process.arch,
    env: process.env,
    isExecutableFile,
    npmChromium: unpackNpmChromium,
  });
  return cached;
}

export async function locateBrowser(ctx: SearchContext): Promise<FoundBrowser> {
  const explicit = ctx.env[CHROMIUM_ENV];
  if (explicit !== undefined && explicit !== '') {
    if (!ctx.isExecutableFile(explicit)) {
      throw new Error(`${CHROMIUM_ENV} is set to "${explicit}", which is not an executable file. Set it to the path of a Chromium or Chrome executable, or unset it to use an installed one.`);
    }
    return { executablePath: explicit, description: `the browser named by ${CHROMIUM_ENV}` };
  }

  const candidates = systemBrowserCandidates(ctx.platform, ctx.env);
  const installed = candidates.find((path) => ctx.isExecutableFile(path));
  if (installed !== undefined) return { executablePath: installed, description: 'the installed browser' };

  let npmReason: string;
  if (ctx.platform === 'linux' && ctx.arch === 'x64') {
    try {
      return await ctx.npmChromium();
    } catch (e) {
      npmReason = e instanceof Error ? e.message : String(e);
    }
  } else {
    npmReason = `it ships a Chromium for Linux x64 only, and this is ${ctx.platform} ${ctx.arch}`;
  }

  throw new Error(
    [
      'No Chromium or Chrome for the browser tests.',
      `- ${CHROMIUM_ENV} is not set.`,
      candidates.length > 0 ? `- None is installed at: ${candidates.join(', ')}.` : `- No usual install location is known on ${ctx.platform}.`,
      `- The dev dependency ${NPM_CHROMIUM} gave none: ${npmReason}`,
      'To get one, do any of:',
      `- set ${CHROMIUM_ENV} to the path of a Chromium or Chrome executable;`,
      '- install Chromium or Google Chrome in its usual place;',
      `- on Linux x64, install the dev dependencies (npm ci): ${NPM_CHROMIUM} brings a Chromium.`,
    ].join('\n'),
  );
}

/** The usual install locations of Chromium and Chrome on a platform, most likely first. */
export function systemBrowserCandidates(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): string[] {
  switch (platform) {
    case 'linux':
      // Ubuntu's chromium-browser may be a stub that points at the snap, so it comes after the rest.
      return ['/usr/bin/chromium', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome', '/usr/bin/chromium-browser'];
    case 'darwin': {
      const apps = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium'];
      return [...apps.map((app) => posix.join('/Applications', app)), ...apps.map((app) => posix.join(homedir(), 'Applications', app))];
    }
    case 'win32': {
      const roots = [env.PROGRAMFILES ?? 'C:\\Program Files', env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', env.LOCALAPPDATA].filter((r): r is string => r !== undefined && r !== '');
      return [...new Set(roots)].flatMap((root) => [win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'), win32.join(root, 'Chromium', 'Application', 'chrome.exe')]);
    }
    default:
      return [];
  }
}

export function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const execFileAsync = promisify(execFile);

/** Marks an unpacked folder as whole; written last, before the folder gets its final name. */
const COMPLETE_MARK = '.complete';

/**
 * Unpacks the npm package's Chromium into `<temp>/tco2e-chromium-<version>-<uid>`, or finds it
 * there from an earlier run. The package's `executablePath()` unpacks into the temp folder it
 * sees, so it runs in a child process whose temp folder is a fresh one; that folder is renamed
 * into place when whole, so test workers unpacking at once never see half a browser.
 */
async function unpackNpmChromium(): Promise<FoundBrowser> {
  const pkgDir = npmPackageDir();
  const version = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  const uid = process.getuid?.() ?? 0;
  const dir = join(tmpdir(), `tco2e-chromium-${version}-${uid}`);
  const found: FoundBrowser = {
    executablePath: join(dir, 'chromium'),
    description: `the Chromium ${version} from ${NPM_CHROMIUM}`,
    env: { ...definedEnv(), FONTCONFIG_FILE: join(dir, 'fonts.conf') },
  };

  if (existsSync(dir)) {
    const st = lstatSync(dir);
    if (!st.isDirectory() || st.uid !== uid) throw new Error(`${dir} is in the way: it is not a folder of this user's. Remove it and run again.`);
    if (existsSync(join(dir, COMPLETE_MARK)) && isExecutableFile(found.executablePath)) return found;
    // Partly cleaned away (say, by a temp-folder sweep): move it aside, then unpack afresh.
    const aside = mkdtempSync(`${dir}.stale-`);
    try {
      renameSync(dir, join(aside, 'old'));
    } catch {
      // Another process moved it first.
    } finally {
      rmSync(aside, { recursive: true, force: true });
    }
  }

  const staging = mkdtempSync(`${dir}.partial-`);
  try {
    const script = `const { default: chromium } = await import(${JSON.stringify(NPM_CHROMIUM)}); process.stdout.write(await chromium.executablePath());`;
    const { stdout } = await execFileAsync(process.execPath, ['--input-type=module', '-e', script], {
      // From inside the package, its own name resolves to it (a package may import itself by name).
      cwd: pkgDir,
      env: { ...process.env, TMPDIR: staging, TMP: staging, TEMP: staging },
    });
    if (stdout !== join(staging, 'chromium') || !isExecutableFile(stdout)) {
      throw new Error(`${NPM_CHROMIUM} unpacked its Chromium to "${stdout}", not into ${staging}`);
    }
    writeFileSync(join(staging, 'fonts.conf'), fontsConf(dir));
    writeFileSync(join(staging, COMPLETE_MARK), `${version}\n`);
    try {
      renameSync(staging, dir);
    } catch (e) {
      // Another process got there first: use its copy if whole.
      if (!(existsSync(join(dir, COMPLETE_MARK)) && isExecutableFile(found.executablePath))) throw e;
    }
  } catch (e) {
    throw new Error(`could not unpack its Chromium: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return found;
}

/** The installed package's folder; rejects, saying so, when the dev dependencies are not installed. */
function npmPackageDir(): string {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(NPM_CHROMIUM);
  } catch {
    throw new Error('it is not installed; install the dev dependencies with npm ci.');
  }
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === NPM_CHROMIUM) return dir;
  }
  throw new Error(`found ${entry}, but not the package.json above it.`);
}

/**
 * Fontconfig settings for the unpacked Chromium: the system's fonts as usual, and after them the
 * font that ships with the package (Open Sans), so that text is drawn even where no font is installed.
 */
function fontsConf(dir: string): string {
  const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${xml(join(dir, 'fonts'))}</dir>
  <cachedir>${xml(join(dir, 'fontconfig-cache'))}</cachedir>
</fontconfig>
`;
}

function definedEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
}
