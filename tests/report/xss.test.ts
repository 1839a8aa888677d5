/**
 * Names come from files and configs that people type or suppliers export: a site or an
 * organisation called `<script>…` must reach the board and the comparison as text, never as
 * markup. The workspace is made and reported the way a user does it, through the CLI.
 */

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';
import { checkInBrowser } from '../render/browser.js';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const SCRIPT_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';
const IMG_ESCAPED = '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;';

// Five CLI runs (each a fresh Node process) on a busy two-core machine.
const SETUP_TIMEOUT_MS = 90_000;
const BROWSER_TIMEOUT_MS = 90_000;

/** A CSV cell quoted as a spreadsheet writes it: inner quotes doubled. */
const cell = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** April bills for two sites in two financial years, so there is a trajectory to compare. */
function bills(sites: readonly { readonly name: string; readonly mpan: string }[], kwh: readonly [number, number]): string {
  const rows = ['Site,MPAN,Fuel,From,To,Consumption,Unit,Read Type'];
  for (const [i, year] of [2023, 2024].entries()) {
    for (const s of sites) rows.push([cell(s.name), s.mpan, 'Electricity', `01/04/${year}`, `30/04/${year}`, String(kwh[i]!), 'kWh', 'A'].join(','));
  }
  return rows.join('\n') + '\n';
}

function cli(dir: string, ...args: string[]): string {
  const r = runCli(dir, ...args);
  if (r.code !== 0) throw new Error(`tco2e ${args.join(' ')} exited ${String(r.code)}:\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

let dir = '';
let boardFile = '';
let printTablesFile = '';
let compareFile = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tco2e-xss-'));
  cli(dir, 'init', '--org', 'hostile', '--name', SCRIPT, '--kind', 'council');
  // A second organisation, named like the second site, so the comparison carries both names.
  const configPath = join(dir, 'tco2e.config.json');
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as { organisations: unknown[] };
  config.organisations.push({ id: 'other', name: IMG, kind: 'nhs-trust' });
  writeFileSync(configPath, JSON.stringify(config, null, 2));

  writeFileSync(join(dir, 'hostile.csv'), bills([{ name: SCRIPT, mpan: '1200000000011' }, { name: IMG, mpan: '1200000000022' }], [10_000, 9_000]));
  writeFileSync(join(dir, 'other.csv'), bills([{ name: IMG, mpan: '1200000000033' }], [20_000, 17_000]));
  cli(dir, 'import', 'energy', 'hostile.csv', '--org', 'hostile');
  cli(dir, 'import', 'energy', 'other.csv', '--org', 'other');

  boardFile = join(dir, 'board.html');
  compareFile = join(dir, 'compare.html');
  cli(dir, 'report', 'board', '--org', 'hostile', '--period', '2024/25', '--out', boardFile);
  printTablesFile = join(dir, 'board-print-tables.html');
  cli(dir, 'report', 'board', '--org', 'hostile', '--period', '2024/25', '--out', printTablesFile, '--print-tables');
  cli(dir, 'report', 'compare', '--period', '2024/25', '--out', compareFile);
}, SETUP_TIMEOUT_MS);

describe('report board --print-tables', () => {
  it('marks the page to print every chart\'s table; without it the page prints none', () => {
    expect(readFileSync(printTablesFile, 'utf8')).toContain('<body class="print-tables">');
    expect(readFileSync(boardFile, 'utf8')).toContain('<body>');
  });
});

describe('hostile names in the board and comparison reports', () => {
  it('the raw HTML carries them escaped, with no script or img element anywhere', () => {
    for (const file of [boardFile, compareFile]) {
      const page = readFileSync(file, 'utf8');
      expect(page, file).toContain(SCRIPT_ESCAPED);
      expect(page, file).toContain(IMG_ESCAPED);
      expect(page, file).not.toMatch(/<script/i);
      expect(page, file).not.toMatch(/<img/i);
      expect(page, file).not.toContain(SCRIPT);
      expect(page, file).not.toContain(IMG);
    }
    const board = readFileSync(boardFile, 'utf8');
    // The organisation in the title, and each site in the site chart's table.
    expect(board).toContain(`<title>${SCRIPT_ESCAPED}: carbon report 2024/25</title>`);
    expect(board).toContain(`<th scope="row">${SCRIPT_ESCAPED}</th>`);
    expect(board).toContain(`<th scope="row">${IMG_ESCAPED}</th>`);
  });

  it.each([['board', () => boardFile], ['comparison', () => compareFile]] as const)('the %s report in a browser opens no dialog, runs nothing and shows the names as text', async (kind, file) => {
    const result = await checkInBrowser(file(), {
      screenshotName: `xss-${kind}.png`,
      probe: async (page) => ({
        scripts: await page.locator('script').count(),
        embeds: await page.locator('img, image, iframe, object, embed, foreignObject').count(),
        heading: await page.innerText('header'),
        text: await page.innerText('body'),
      }),
    });

    expect(result.dialogs).toEqual([]);
    expect(result.consoleErrors).toEqual([]);
    expect(result.requests).toHaveLength(1);
    expect(result.probe.scripts).toBe(0);
    expect(result.probe.embeds).toBe(0);
    expect(result.probe.heading).toContain(SCRIPT);
    expect(result.probe.text).toContain(SCRIPT);
    expect(result.probe.text).toContain(IMG);
  }, BROWSER_TIMEOUT_MS);
});
