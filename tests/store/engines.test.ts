/**
 * The same work on both engines gives the same figures: the sample integrated care system loaded
 * into a ledger file and into a ledger on a PostgreSQL server, every import's summary compared,
 * every organisation's footprint compared line by line, and every report the demo writes compared
 * as written.
 *
 * Sums are where the engines could part: SQLite's SUM compensates for rounding and PostgreSQL's
 * does not (see src/store/pg/dialect.ts), so a sum of many rows may differ in the last bits of a
 * double (about 1e-14 of it) though every figure shown is the same. Numbers are compared to 12
 * significant figures, far past any figure a report shows, and reports after chart coordinates
 * (never shown as text) are cut to 9.
 */

import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { footprint, memberIds } from '../../src/aggregate/footprint.js';
import { runDemo, type DemoResult } from '../../src/demo/run-demo.js';
import { loadFactors } from '../../src/factors/library.js';
import { Ledger } from '../../src/store/ledger.js';
import { loadWorkspace } from '../../src/workspace/config.js';
import { ROOT } from '../helpers.js';
import { freshDatabase } from '../pg/server.js';

const NOW = new Date('2026-04-20T09:00:00Z');
const library = loadFactors();

/** Every number in a value cut to 12 significant figures, so that values compare as figures. */
function figures(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? v : Number(v.toPrecision(12));
  if (Array.isArray(v)) return v.map(figures);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, figures(x)]));
  return v;
}

/** A report as written, decimals with more than 9 significant figures (chart coordinates) cut to 9. */
function report(file: string): string {
  return readFileSync(file, 'utf8').replace(/-?\d+\.\d{6,}/g, (n) => String(Number(Number(n).toPrecision(9))));
}

describe('the sample ICS on a ledger file and on a PostgreSQL server', () => {
  let file: DemoResult;
  let server: DemoResult;
  let serverUrl: string;

  beforeAll(async () => {
    serverUrl = await freshDatabase('engines');
    const demo = (outDir: string, ledger?: string) => runDemo({ samplesDir: join(ROOT, 'data/samples/ics'), outDir, library, now: NOW, toolVersion: '0.0.0-test', ...(ledger === undefined ? {} : { ledger }) });
    file = await demo(mkdtempSync(join(tmpdir(), 'tco2e-engines-file-')));
    server = await demo(mkdtempSync(join(tmpdir(), 'tco2e-engines-server-')), serverUrl);
  }, 180_000);

  it('imports every file the same way: status, rows, problems, totals and supersessions', () => {
    expect(server.imports.length).toBe(file.imports.length);
    expect(server.imports.length).toBeGreaterThan(10);
    for (let i = 0; i < file.imports.length; i++) {
      const a = file.imports[i]!.summary;
      const b = server.imports[i]!.summary;
      expect(b.status, a.file).toBe('stored');
      expect(figures(b), a.file).toEqual(figures(a));
    }
  });

  it("gives every organisation's footprint line by line, and the demo's yearly totals and target verdicts", () => {
    expect(figures(server.orgs)).toEqual(figures(file.orgs));
    const workspace = loadWorkspace({ cwd: file.workspaceDir, env: {}, configFlag: join(file.workspaceDir, 'tco2e.config.json') });
    const onFile = Ledger.open(workspace.ledgerPath);
    const onServer = Ledger.open(serverUrl);
    try {
      for (const org of workspace.config.organisations) {
        for (const grain of ['line', 'summed'] as const) {
          const read = (ledger: Ledger) => footprint({ ledger, library, config: workspace.config, reads: new Map() }, { orgs: memberIds(workspace.config, org.id), grain }).lines;
          const a = read(onFile);
          const b = read(onServer);
          expect(b.length, `${org.id} ${grain}`).toBe(a.length);
          expect(a.length).toBeGreaterThan(0);
          expect(figures(b), `${org.id} ${grain}`).toEqual(figures(a));
        }
      }
    } finally {
      onFile.close();
      onServer.close();
    }
  }, 120_000);

  it('writes the same board reports and comparison, figure for figure', () => {
    expect(server.reports.map((r) => basename(r))).toEqual(file.reports.map((r) => basename(r)));
    for (let i = 0; i < file.reports.length; i++) {
      const a = report(file.reports[i]!);
      const b = report(server.reports[i]!);
      expect(a.length).toBeGreaterThan(10_000);
      expect(b === a, `${basename(file.reports[i]!)} differs from the file ledger's`).toBe(true);
    }
  });
});
