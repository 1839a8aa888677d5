/**
 * The analysis fixture (tests/fixtures/analysis) imported through the CLI into a fresh temporary
 * workspace, as a person would: `tco2e init`, the config put in place, then `tco2e import ...`
 * for each file. `analysis.test.ts` builds it once in its `beforeAll`; the cases of each
 * command (`*.cases.ts`) run their queries against it, concurrently, since every query only reads.
 */

import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ROOT, runCli } from '../../helpers.js';

export const FIXTURE = join(ROOT, 'tests/fixtures/analysis');

/** The imports, in order: [kind, file, org, extra flags]. */
const IMPORTS: readonly (readonly [string, string, string, readonly string[]])[] = [
  ['energy', 'acute-electricity-2016-2020.csv', 'north-acute', []],
  ['energy', 'community-electricity-2016-2020.csv', 'east-community', []],
  ['energy', 'council-energy-2016-2020.csv', 'riverside-council', []],
  ['journeys', 'community-survey-2017.csv', 'east-community', ['--profile', 'travel-survey', '--wave', '2017 autumn']],
  ['journeys', 'community-survey-2019.csv', 'east-community', ['--profile', 'travel-survey', '--wave', '2019 autumn']],
  ['journeys', 'community-claims-2019-20.csv', 'east-community', ['--profile', 'business-travel']],
];

/** Creates the workspace and imports every fixture file; returns its folder. */
export function buildWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tco2e-analysis-'));
  expect(runCli(dir, 'init', '--org', 'north-acute', '--name', 'North Acute').code).toBe(0);
  for (const f of readdirSync(FIXTURE)) copyFileSync(join(FIXTURE, f), join(dir, f));
  for (const [kind, file, org, extra] of IMPORTS) {
    const r = runCli(dir, 'import', kind, file, '--org', org, ...extra, '--json');
    expect(r.code, `${file}: ${r.stderr}`).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'stored', rows: { rejected: 0 } });
  }
  return dir;
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const runs = new Map<string, Promise<CliRun>>();

/**
 * Runs the built CLI in `dir` without waiting for it (as `runCli`, no workspace from the
 * environment). The queries only read the workspace, so the same command line is run once and
 * its output shared by the cases that ask for it.
 */
export function cli(dir: string, ...args: string[]): Promise<CliRun> {
  const key = JSON.stringify([dir, ...args]);
  let run = runs.get(key);
  if (run === undefined) {
    run = new Promise((resolve) => {
      execFile(process.execPath, [join(ROOT, 'bin/run.js'), ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, TCO2E_DB: '', TCO2E_CONFIG: '' } }, (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      });
    });
    runs.set(key, run);
  }
  return run;
}

/** Runs a command in the workspace and parses its JSON (the command must succeed). */
export async function json(dir: string, ...args: string[]): Promise<any> {
  const r = await cli(dir, ...args);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

/** Runs a command in the workspace and returns what it printed (the command must succeed). */
export async function text(dir: string, ...args: string[]): Promise<string> {
  const r = await cli(dir, ...args);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

/** Equal to 1e-6 relative (absolute 1e-9 around zero). */
export function near(actual: number, expected: number): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(Math.max(1e-6 * Math.abs(expected), 1e-9));
}

/** A CSV printed by a command, split into rows of raw cells (quoted fields unquoted). */
export function csvRows(out: string): string[][] {
  const rows: string[][] = [];
  for (const line of out.trim().split(/\r\n/)) {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cell += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        cells.push(cell);
        cell = '';
      } else cell += ch;
    }
    cells.push(cell);
    rows.push(cells);
  }
  return rows;
}

/** CSV rows as records keyed by the header. */
export function csvRecords(out: string): Record<string, string>[] {
  const [header, ...rows] = csvRows(out);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}
