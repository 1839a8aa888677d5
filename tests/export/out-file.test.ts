/**
 * `export lines --out` as a person or a scheduled job runs it (the built CLI: `npm run build`
 * first): the file is written whole or not at all, whatever stops it part-way (a full disk, a
 * file-size limit, a kill), and `--json` answers in one JSON document.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LineRecord } from '../../src/export/lines/records.js';
import { killCliAt, startCli } from '../hardening/spawn-cli.js';
import { runCli } from '../helpers.js';
import { exportWorkspace, type Workspace } from './fixture.js';

let w: Workspace;
beforeAll(async () => {
  w = await exportWorkspace();
});
afterAll(() => {
  w.ledger.close();
});

/** Each run starts a Node process; on a busy machine that takes seconds, hence the allowance. */
const SPAWNS = 90_000;

/** The temporaries `export lines --out` writes beside its file (see src/export/output-stream.ts). */
const temporaries = (dir: string): string[] => readdirSync(dir).filter((f) => /^\..+\.tco2e-\d+-[a-z0-9]+-[0-9a-f]{12}\.tmp$/.test(f));
const anyTemporary = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('export lines --out, stopped part-way', () => {
  it('at a file-size limit: a disk_full error (exit 2), the earlier export as it was, no temporary left', async () => {
    const out = join(w.dir, 'limited.csv');
    // The earlier export: the organisation with no lines, a header alone (281 bytes).
    expect(runCli(w.dir, 'export', 'lines', '--org', 'bare', '--out', out).code).toBe(0);
    const earlier = readFileSync(out);
    // 16 KiB: the earlier file fits, every line of the fixture (about 36 KB) does not. The whole
    // export is one block of writing, so the write that meets the limit is a short one, not a
    // failed one: only the write after it fails.
    const limit = "trap '' XFSZ; ulimit -f 16";
    const r = await startCli(w.dir, ['export', 'lines', '--out', out], {}, limit).done;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/The disk is full \(or a file-size limit was reached\): .*limited\.csv could not be written\. Any earlier copy of it is unchanged\./);
    expect(r.stderr).toContain('What to do:');
    expect(readFileSync(out).equals(earlier)).toBe(true);
    expect(anyTemporary(w.dir)).toEqual([]);

    const json = await startCli(w.dir, ['export', 'lines', '--out', out, '--json'], {}, limit).done;
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'disk_full' } });
    expect(readFileSync(out).equals(earlier)).toBe(true);
    expect(anyTemporary(w.dir)).toEqual([]);
  }, SPAWNS);

  it('killed: the earlier export as it was; the temporary it leaves is removed by the next export into the folder', async () => {
    const out = join(w.dir, 'killed.csv');
    expect(runCli(w.dir, 'export', 'lines', '--org', 'bare', '--out', out).code).toBe(0);
    const earlier = readFileSync(out);
    const killed = await killCliAt(w.dir, ['export', 'lines', '--out', out], 'output-written:1', () => ({ temporaries: temporaries(w.dir), file: readFileSync(out) }));
    expect(killed.run.signal).toBe('SIGKILL');
    // Halted after writing its first block into its temporary, the earlier file untouched.
    expect(killed.seen?.temporaries).toHaveLength(1);
    expect(killed.seen?.temporaries[0]).toMatch(/^\.killed\.csv\.tco2e-/);
    expect(killed.seen?.file.equals(earlier)).toBe(true);
    // Nothing runs on SIGKILL: the temporary is still there, the earlier file as it was.
    expect(temporaries(w.dir)).toEqual(killed.seen?.temporaries);
    expect(readFileSync(out).equals(earlier)).toBe(true);

    // The next export into the folder, of another file, finds the writer gone and removes it.
    expect(runCli(w.dir, 'export', 'lines', '--org', 'acute', '--out', join(w.dir, 'other.csv')).code).toBe(0);
    expect(temporaries(w.dir)).toEqual([]);
    // And the same export run again writes the file whole.
    expect(runCli(w.dir, 'export', 'lines', '--out', out).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(runCli(w.dir, 'export', 'lines').stdout);
  }, SPAWNS);
});

describe('export lines --json', () => {
  const args = ['export', 'lines', '--org', 'acute', '--period', '2024/25'];
  // The fixture's trust has staff WTE and no travel survey: its commuting is estimated by the
  // default method, and the document's warnings say so.
  const byDefaultWarning = { code: 'commuting_default_method', message: expect.stringMatching(/500 WTE × 961 miles a year by average car/) as unknown };
  // The 2024 set publishes no well-to-tank factor for the car: its line says so, never filled.
  const noWtt = { code: 'wtt_not_published', message: expect.stringMatching(/^The 2024 factor set does not publish car\.average\.unknown\.wtt/) as unknown };

  it('with --out: what was written, `{ orgs, from, to, format, file, counts, warnings }`', () => {
    const out = join(w.dir, 'summary.csv');
    const r = runCli(w.dir, ...args, '--out', out, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rows = Papa.parse<string[]>(readFileSync(out, 'utf8').trimEnd(), { newline: '\r\n' }).data;
    const summary = JSON.parse(r.stdout) as { counts: { lines: number; location: number; market: number } };
    expect(summary).toEqual({
      orgs: ['acute'], from: '2024-04-01', to: '2025-03-31', format: 'csv', file: out,
      counts: { lines: rows.length - 1, location: expect.any(Number) as unknown, market: expect.any(Number) as unknown }, warnings: [byDefaultWarning, noWtt],
    });
    expect(summary.counts.location + summary.counts.market).toBe(summary.counts.lines);
    expect(rows.slice(1).filter((row) => row[12] === 'market')).toHaveLength(summary.counts.market);
  }, SPAWNS);

  it('to stdout: one document, the records (as --format json writes them) between what is known first and the counts and warnings', () => {
    const r = runCli(w.dir, ...args, '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout) as { records: LineRecord[]; counts: { lines: number } };
    expect(Object.keys(doc)).toEqual(['orgs', 'from', 'to', 'format', 'file', 'records', 'counts', 'warnings']);
    expect(doc).toMatchObject({ orgs: ['acute'], from: '2024-04-01', to: '2025-03-31', format: 'json', file: null, warnings: [byDefaultWarning, noWtt] });
    expect(doc.records).toEqual(JSON.parse(runCli(w.dir, ...args, '--format', 'json').stdout));
    expect(doc.counts.lines).toBe(doc.records.length);
  }, SPAWNS);

  it('a problem is `{ error }` on stdout with exit code 2', () => {
    const r = runCli(w.dir, 'export', 'lines', '--org', 'nobody', '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'unknown_org', message: 'No organisation "nobody" in the workspace config.' } });
  }, SPAWNS);
});
