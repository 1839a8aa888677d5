import { EventEmitter } from 'node:events';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emissionsReport, type EmissionsQuery } from '../../src/aggregate/emissions-query.js';
import { LINE_COLUMNS, type LineRecord } from '../../src/export/lines/records.js';
import { selectLines } from '../../src/export/lines/select.js';
import { linesCsv, linesJson } from '../../src/export/lines/serialise.js';
import { blocks, writeChunksToStream } from '../../src/export/output-stream.js';
import { runCli, userError } from '../helpers.js';
import { exportWorkspace, type Workspace } from './fixture.js';

let w: Workspace;
beforeAll(async () => {
  w = await exportWorkspace();
});
afterAll(() => {
  w.ledger.close();
});

const text = (chunks: Iterable<string>): string => [...chunks].join('');
const csvRows = (csv: string): string[][] => Papa.parse<string[]>(csv.trimEnd(), { newline: '\r\n' }).data;

function records(org?: string, period = '2024/25'): LineRecord[] {
  const s = selectLines({ ...w.ctx, reads: new Map() }, { ...(org === undefined ? {} : { org }), period });
  return JSON.parse(text(linesJson(s.lines))) as LineRecord[];
}

const sum = (rs: readonly LineRecord[], keep: (r: LineRecord) => boolean): number => rs.filter(keep).reduce((s, r) => s + (r.kg_co2e as number), 0);

describe('export lines: CSV', () => {
  it('has one row per line with the full trace, in the documented columns', () => {
    const s = selectLines({ ...w.ctx, reads: new Map() }, { org: 'acute', period: '2024/25' });
    const rows = csvRows(text(linesCsv(s.lines)));
    expect(rows[0]).toEqual([...LINE_COLUMNS]);
    expect(rows).toHaveLength(1 + s.taken.location + s.taken.market);
    const gas = rows.find((r) => r[3] === 'gas' && r[4] === '2024-04-01')!;
    const at = (c: (typeof LINE_COLUMNS)[number]): string => gas[LINE_COLUMNS.indexOf(c)]!;
    expect([at('org'), at('site'), at('meter'), at('unit'), at('estimated'), at('kind'), at('basis'), at('factor_key'), at('factor_year'), at('factor_edition')])
      .toEqual(['acute', 'Main Hospital', 'G1', 'kWh', 'true', 'main', 'location', 'natural_gas', '2024', 'condensed set v1.1']);
    expect([at('factor_kg_per_unit'), at('scope'), at('trace_file'), at('trace_line')]).toEqual(['0.1829', '1', 'bills.csv', '5']);
    // April is 30 of the bill's 365 days.
    expect(Number(at('quantity'))).toBeCloseTo(500_000 * 30 / 365, 9);
  });

  it('neutralises a formula-like cell but keeps a negative figure a number', () => {
    const csv = text(linesCsv(selectLines({ ...w.ctx, reads: new Map() }, { org: 'acute', period: '2024/25' }).lines));
    const reversal = csv.split('\r\n').find((l) => l.includes('=cmd'))!;
    const cells = reversal.split(',');
    expect(cells[LINE_COLUMNS.indexOf('meter')]).toBe("'=cmd");
    expect(cells[LINE_COLUMNS.indexOf('quantity')]).toBe('-12.5');
    expect(Number(cells[LINE_COLUMNS.indexOf('kg_co2e')])).toBeCloseTo(-12.5 * 0.22522, 9);
    expect(csv).not.toMatch(/(^|,)=cmd/m);
  });
});

describe('export lines: JSON', () => {
  it('is an array of records under the same names as the CSV columns', () => {
    const rs = records('acute');
    expect(Array.isArray(rs)).toBe(true);
    expect(Object.keys(rs[0]!)).toEqual([...LINE_COLUMNS]);
    const claim = rs.find((r) => r.meter === '=cmd')!;
    expect([claim.quantity, claim.source, claim.scope, claim.scope_category, claim.estimated]).toEqual([-12.5, 'travel:car', 3, 6, false]);
    expect(text(linesJson([]))).toBe('[]\n');
  });
});

describe('export lines: totals equal `emissions`', () => {
  const report = (over: Partial<EmissionsQuery> = {}) => emissionsReport({ ...w.ctx, reads: new Map() }, {
    org: 'acute', period: '2024/25', by: 'year', yearBasis: 'financial', scope2: 'location', wtt: false, fill: 'none', ...over,
  }).result.total;

  it('location-based main lines add up to the total; with T&D and WTT to the --wtt total', () => {
    const rs = records('acute');
    const location = (r: LineRecord): boolean => r.basis === 'location' && r.scope !== null;
    expect(sum(rs, (r) => location(r) && r.kind === 'main')).toBeCloseTo(report().kgCo2e, 6);
    expect(sum(rs, location)).toBeCloseTo(report({ wtt: true }).kgCo2e, 6);
    expect(sum(rs, (r) => r.kind === 'outside_scopes')).toBeCloseTo(report().outsideScopesKgCo2e, 6);
  });

  it('market-based lines replace Scope 2 to give the market-based total', () => {
    const rs = records('acute');
    const market = sum(rs, (r) => r.basis === 'market') + sum(rs, (r) => r.basis === 'location' && r.kind === 'main' && r.scope !== null && r.scope !== 2);
    expect(market).toBeCloseTo(report().market!.kgCo2e, 6);
  });

  it('every organisation by default; an unknown one is refused', () => {
    const s = selectLines({ ...w.ctx, reads: new Map() }, {});
    expect(s.orgs).toEqual(['acute', 'bare']);
    expect(new Set([...s.lines].map((l) => l.periodStart.slice(0, 4)))).toEqual(new Set(['2023', '2024', '2025']));
    expect(userError(() => selectLines(w.ctx, { org: 'nobody' })).code).toBe('unknown_org');
  });
});

describe('writing pieces', () => {
  it('gathers small pieces into blocks of about 1 MB, in order', () => {
    const pieces = Array.from({ length: 3000 }, (_, i) => `${String(i).padStart(999, '.')}\n`);
    const out = [...blocks(pieces)];
    expect(out.length).toBe(3);
    expect(out.join('')).toBe(pieces.join(''));
    expect(out.slice(0, -1).every((b) => b.length >= 1 << 20)).toBe(true);
  });

  it('waits for a full stream to drain', async () => {
    const written: string[] = [];
    const stream = Object.assign(new EventEmitter(), {
      write(chunk: string): boolean {
        written.push(chunk);
        setImmediate(() => stream.emit('drain'));
        return false;
      },
    });
    const big = Array.from({ length: 3 }, () => 'x'.repeat(1 << 20));
    await writeChunksToStream(stream as unknown as NodeJS.WritableStream, big);
    expect(written.join('')).toBe(big.join(''));
    expect(written).toHaveLength(3);
  });
});

describe('the commands, as a user runs them (needs `npm run build`)', () => {
  // Each run starts a Node process; on a busy machine that takes seconds, hence the allowance.
  const SPAWNS = 60_000;

  it('export lines --format json adds up to `emissions --json`', () => {
    const lines = runCli(w.dir, 'export', 'lines', '--org', 'acute', '--period', '2024/25', '--format', 'json');
    // Commuting by the default method (staff WTE, no survey) is among the lines, and said.
    // The 2024 set publishes no well-to-tank factors (its condensed edition): the line that would have one says so.
    expect(lines.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Warning: acute: no staff travel survey in 2024\/25 .*default method: 500 WTE/), expect.stringMatching(/^Warning: The 2024 factor set does not publish car\.average\.unknown\.wtt/)]);
    expect(lines.code).toBe(0);
    const rs = JSON.parse(lines.stdout) as LineRecord[];
    const em = runCli(w.dir, 'emissions', '--org', 'acute', '--period', '2024/25', '--json');
    expect(em.code).toBe(0);
    const total = (JSON.parse(em.stdout) as { result: { total: { kgCo2e: number } } }).result.total.kgCo2e;
    expect(sum(rs, (r) => r.basis === 'location' && r.scope !== null && r.kind === 'main')).toBeCloseTo(total, 6);
  }, SPAWNS);

  it('export secr --out writes the disclosure, and refuses to write over the ledger', () => {
    const out = join(w.dir, 'secr.html');
    const secr = runCli(w.dir, 'export', 'secr', '--org', 'acute', '--period', '2024/25', '--format', 'html', '--out', out);
    expect(secr.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const size = statSync(w.ledgerPath).size;
    const refused = runCli(w.dir, 'export', 'secr', '--org', 'acute', '--period', '2024/25', '--out', w.ledgerPath);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Refusing to write');
    expect(statSync(w.ledgerPath).size).toBe(size);
  }, SPAWNS);
});

describe('writing pieces to a reader that goes away', () => {
  it('stops quietly on EPIPE and throws any other stream error', async () => {
    const failingStream = (code: string) => {
      const written: string[] = [];
      const stream = Object.assign(new EventEmitter(), {
        write(chunk: string): boolean {
          written.push(chunk);
          setImmediate(() => stream.emit('error', Object.assign(new Error(code), { code })));
          return false;
        },
      });
      return { stream: stream as unknown as NodeJS.WritableStream, written };
    };
    const big = Array.from({ length: 3 }, () => 'x'.repeat(1 << 20));
    const pipe = failingStream('EPIPE');
    await writeChunksToStream(pipe.stream, big);
    expect(pipe.written).toHaveLength(1);
    const disk = failingStream('ENOSPC');
    await expect(writeChunksToStream(disk.stream, big)).rejects.toThrow('ENOSPC');
  });
});
