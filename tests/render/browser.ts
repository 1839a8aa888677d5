/**
 * Opens a report in headless Chromium the way a reader would and records what went wrong:
 * console errors, uncaught exceptions, dialogs (an `alert` means injected script ran), every
 * network request, the drawn size of every SVG, and whether it prints to an A4 PDF. Report tests
 * call `checkInBrowser` and assert on the result.
 *
 * The browser is the one `findBrowser` (find-browser.ts) picks, once per process: the path in
 * TCO2E_CHROMIUM if set, else an installed Chromium or Chrome, else on Linux x64 the Chromium
 * shipped in the dev dependency @sparticuz/chromium, unpacked into the temp folder on first use.
 * No browser is downloaded and no test is skipped: with none to be had, these tests fail and say
 * how to get one. Each check starts its own headless browser, offline, with the flags below.
 */

import { mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { ROOT } from '../helpers.js';
import { findBrowser } from './find-browser.js';

/**
 * For a headless browser run as root on a machine with no network. The sandbox can't start as
 * root (Playwright turns it off by default too); the pages are the tests' own local files. The
 * rest keep Chromium from using a GPU or a small /dev/shm, and from reaching out to Google's
 * services for updates, sync or first-run pages.
 */
export const LAUNCH_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** Git-ignored; screenshots land here for a person to look at. */
export const ARTEFACTS_DIR = join(ROOT, 'tests/.artefacts');

/** A4 at 96 CSS pixels per inch: 210 mm × 297 mm. */
const A4_VIEWPORT = { width: 794, height: 1123 };

/**
 * The little of the browser's DOM these checks touch. The tests compile without the DOM library
 * (they run in Node); code passed to `page.evaluate` runs in the page, where these exist.
 */
export interface DomElement {
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { readonly width: number; readonly height: number };
}

export interface DomDocument {
  readonly title: string;
  querySelectorAll(selector: string): Iterable<DomElement> & { readonly length: number };
}

/** Inside `page.evaluate` only: `(globalThis as unknown as PageGlobals).document`. */
export interface PageGlobals {
  readonly document: DomDocument;
}

export interface SvgSize {
  readonly width: number;
  readonly height: number;
}

export interface BrowserCheck<T> {
  /** Console messages of type error, and uncaught page errors. */
  readonly consoleErrors: readonly string[];
  /** Every URL the page requested, the page itself included. */
  readonly requests: readonly string[];
  /** Messages of any alert/confirm/prompt the page opened. */
  readonly dialogs: readonly string[];
  readonly svgSizes: readonly SvgSize[];
  /** Size of the printed A4 PDF, and its page count. */
  readonly pdfBytes: number;
  readonly pdfPages: number;
  /** PNG of the first printed page (print media, A4 viewport). */
  readonly screenshotPath: string;
  /** Whatever `probe` returned. */
  readonly probe: T;
}

export interface CheckOptions<T> {
  /** Extra look at the loaded page, e.g. counting elements. */
  readonly probe?: (page: Page) => Promise<T>;
  /** Screenshot file name; default the HTML file's name with `.png`. */
  readonly screenshotName?: string;
}

export async function checkInBrowser<T = undefined>(htmlPath: string, options: CheckOptions<T> = {}): Promise<BrowserCheck<T>> {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: A4_VIEWPORT, javaScriptEnabled: true, offline: true });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(pathToFileURL(resolve(htmlPath)).href, { waitUntil: 'load' });
    const svgSizes = await page.evaluate(() =>
      [...(globalThis as unknown as PageGlobals).document.querySelectorAll('svg')].map((s) => {
        const r = s.getBoundingClientRect();
        return { width: r.width, height: r.height };
      }),
    );
    const probe = (options.probe ? await options.probe(page) : undefined) as T;
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    mkdirSync(ARTEFACTS_DIR, { recursive: true });
    const screenshotPath = join(ARTEFACTS_DIR, options.screenshotName ?? basename(htmlPath).replace(/\.html?$/i, '') + '.png');
    await page.screenshot({ path: screenshotPath });
    return { consoleErrors, requests, dialogs, svgSizes, pdfBytes: pdf.length, pdfPages: countPdfPages(pdf), screenshotPath, probe };
  } finally {
    await browser.close();
  }
}

/** Starts the browser `findBrowser` picked; a failure to start says which browser it was. */
export async function launchBrowser(): Promise<Browser> {
  const found = await findBrowser();
  try {
    return await chromium.launch({ executablePath: found.executablePath, args: [...LAUNCH_ARGS], ...(found.env ? { env: found.env } : {}) });
  } catch (e) {
    throw new Error(`Could not start ${found.description}, ${found.executablePath}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

/** Page objects in the PDF (`/Type /Page`, not `/Pages`); enough for Chromium's own output. */
export function countPdfPages(pdf: Uint8Array): number {
  return (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}
