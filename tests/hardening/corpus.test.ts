/**
 * Nasty files, run through the importers as a person would run them: each either stops with a
 * user error naming the problem (and stores nothing) or lands with exactly the rows it should
 * reject rejected, the rest stored. The test names say which, and why.
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/convert/policy.js';
import { loadFactors } from '../../src/factors/library.js';
import { importEnergy, type ImportRequest } from '../../src/import/import-energy.js';
import { importFleet } from '../../src/import/import-fleet.js';
import { importJourneys } from '../../src/import/import-journeys.js';
import type { ImportSummary } from '../../src/import/summary.js';
import { loadBuiltinProfiles } from '../../src/map/profiles.js';
import { Ledger } from '../../src/store/ledger.js';
import { runCli, userErrorAsync } from '../helpers.js';
import { BILL_HEADER, billCsv, billRow, halfHourlyCsv, intervalCsv, METER, wideBillCsv, writeRepeated } from './nasty.js';

/** The import's clock: a day in January 2025, after every date the corpus means to be in the past. */
const IMPORTED_AT = new Date('2025-01-15T09:00:00Z');

const library = loadFactors();
const profiles = loadBuiltinProfiles();
const org = { id: 'north-acute', name: 'North Acute', kind: 'nhs-trust' as const, sites: [{ id: 'main', name: 'Main Hospital', meters: [METER] }], denominators: [] };

type Importer = (ledger: Ledger, req: ImportRequest) => Promise<ImportSummary>;
const IMPORTERS: Readonly<Record<'energy' | 'fleet' | 'journeys', Importer>> = { energy: importEnergy, fleet: importFleet, journeys: importJourneys };

const MB = 1_000_000;
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tco2e-nasty-'));
});

/** A fresh ledger and the request for `path`, as the CLI would build it. */
function fresh(name: string): Ledger {
  return Ledger.open(join(dir, `${name}.sqlite`), { create: true });
}
function request(path: string, profileId?: string): ImportRequest {
  return { path, org, profiles, library, policy: parsePolicy('financial-year'), now: IMPORTED_AT, toolVersion: '0.1.0', ...(profileId === undefined ? {} : { profileId }) };
}
let fileNo = 0;
function file(content: string | Buffer): string {
  const p = join(dir, `nasty-${++fileNo}.csv`);
  writeFileSync(p, content);
  return p;
}

/** The 50 MB single line: a header's worth of meters with no newline anywhere. */
function fiftyMbLine(): string {
  const p = join(dir, 'one-line-50mb.csv');
  writeRepeated(p, '', `${METER},`, 50 * MB);
  return p;
}

/** A good first row, then a row whose one cell is 10 MB long (unquoted or quoted). */
function tenMbField(quoted: boolean): string {
  const p = join(dir, `field-10mb-${quoted ? 'quoted' : 'plain'}.csv`);
  const prefix = `${BILL_HEADER}\r\n${billRow()}\r\n${METER},${quoted ? '"' : ''}`;
  writeRepeated(p, prefix, 'x', 10 * MB + prefix.length, `${quoted ? '"' : ''},01/05/2024,31/05/2024,5\r\n`);
  return p;
}

/** 300 good rows (past the first 4 KB the file is sniffed on), then a row with a NUL in its meter. */
function lateNul(): string {
  return billCsv(...Array.from({ length: 300 }, () => billRow()), billRow({ meter: '12000012\u000034567', start: '01/05/2024', end: '31/05/2024' }));
}

interface Refusal {
  readonly name: string;
  readonly kind: keyof typeof IMPORTERS;
  readonly make: () => string;
  readonly profileId?: string;
  readonly code: string;
  readonly message?: RegExp;
}

const REFUSED: readonly Refusal[] = [
  { name: 'a 0-byte file is refused as empty', kind: 'energy', make: () => file(''), code: 'empty_file' },
  { name: 'a header-only file is refused: it has no rows', kind: 'energy', make: () => file(`${BILL_HEADER}\r\n`), code: 'no_rows' },
  { name: 'a 50 MB single line with no newline is refused as too long a record, not read into memory', kind: 'energy', make: fiftyMbLine, code: 'record_too_long', message: /line 1 is over 1,048,576 characters/ },
  { name: 'a 10 MB unquoted field is refused as too long a record, naming its line', kind: 'energy', make: () => tenMbField(false), code: 'record_too_long', message: /line 3 is over 1,048,576 characters/ },
  { name: 'a 10 MB quoted field is refused, saying it is not closed within the limit (not "never closed")', kind: 'energy', make: () => tenMbField(true), code: 'unterminated_quote', message: /line 3 is not closed within 1,048,576 characters/ },
  { name: 'a NUL byte in the first rows is refused as a binary file', kind: 'energy', make: () => file(billCsv(billRow({ fuel: 'Elec\u0000tricity' }))), code: 'file_is_binary' },
  { name: 'a fleet file with only its header is refused: it has no rows', kind: 'fleet', make: () => file('Card Number,Transaction Date,Registration,Product,Quantity,Net Amount\r\n'), code: 'no_rows' },
  { name: 'a journeys file of 0 bytes is refused as empty', kind: 'journeys', make: () => file(''), code: 'empty_file' },
];

describe('nasty files that are refused whole: a user error with its code, nothing stored, the ledger sound', () => {
  for (const c of REFUSED) {
    it(c.name, async () => {
      const ledger = fresh(`refused-${fileNo}`);
      try {
        const e = await userErrorAsync(IMPORTERS[c.kind](ledger, request(c.make(), c.profileId)));
        expect(e.code).toBe(c.code);
        if (c.message) expect(e.message).toMatch(c.message);
        expect(ledger.listBatches()).toEqual([]);
        expect(ledger.integrityCheck()).toBe('ok');
        // The ledger still takes a good file afterwards.
        expect((await importEnergy(ledger, request(file(billCsv(billRow()))))).status).toBe('stored');
      } finally {
        ledger.close();
      }
    });
  }
});

interface Partial {
  readonly name: string;
  readonly kind: keyof typeof IMPORTERS;
  readonly content: string | Buffer;
  readonly profileId?: string;
  readonly rows: ImportSummary['rows'];
  /** [line, code] of every problem, in order. */
  readonly problems: readonly (readonly [number, string])[];
  /** Warnings expected among the rest (companion-factor notes aside). */
  readonly warnings?: readonly (readonly [number, string])[];
  /** kWh (or the unit's quantity) stored for the accepted rows. */
  readonly stored?: number;
}

/** Row 2 is a good April bill; row 3 carries the nasty value, for May. */
const withMay = (over: Parameters<typeof billRow>[0]): string => billCsv(billRow(), billRow({ start: '01/05/2024', end: '31/05/2024', ...over }));

const FUEL_HEADER = 'Card Number,Transaction Date,Registration,Product,Quantity,Net Amount';
const CLAIMS_HEADER = 'Claim ID,Employee Number,Cost Centre,Expense Date,Expense Type,Description,Miles,Amount (£),Fuel Type,Engine Size,Class';

const PARTIAL: readonly Partial[] = [
  { name: 'quantity 1e308 kWh is rejected as implausible, not stored (two such rows once summed to Infinity, shown as null)', kind: 'energy', content: billCsv(billRow({ quantity: '1e308' }), billRow({ quantity: '1e308', start: '01/05/2024', end: '31/05/2024' }), billRow({ start: '01/06/2024', end: '30/06/2024' })), rows: { read: 3, accepted: 1, excluded: 0, rejected: 2 }, problems: [[2, 'implausible_quantity'], [3, 'implausible_quantity']], stored: 1000 },
  { name: 'quantity -1e308 kWh (export) is rejected as implausible too', kind: 'energy', content: withMay({ quantity: '-1e308' }), rows: { read: 2, accepted: 1, excluded: 0, rejected: 1 }, problems: [[3, 'implausible_quantity']], stored: 1000 },
  { name: 'quantity NaN is rejected as not finite', kind: 'energy', content: withMay({ quantity: 'NaN' }), rows: { read: 2, accepted: 1, excluded: 0, rejected: 1 }, problems: [[3, 'not_finite']], stored: 1000 },
  { name: 'quantity Infinity is rejected as not finite', kind: 'energy', content: withMay({ quantity: 'Infinity' }), rows: { read: 2, accepted: 1, excluded: 0, rejected: 1 }, problems: [[3, 'not_finite']], stored: 1000 },
  { name: 'quantity 1e400 (beyond a double) is rejected as too large', kind: 'energy', content: withMay({ quantity: '1e400' }), rows: { read: 2, accepted: 1, excluded: 0, rejected: 1 }, problems: [[3, 'too_large']], stored: 1000 },
  { name: 'quantity -0 is read as zero consumption and accepted', kind: 'energy', content: withMay({ quantity: '-0' }), rows: { read: 2, accepted: 2, excluded: 0, rejected: 0 }, problems: [], stored: 1000 },
  { name: 'date 31/02/2024 is rejected as not a real date (both columns named)', kind: 'energy', content: withMay({ start: '31/02/2024', end: '31/02/2024' }), rows: { read: 2, accepted: 1, excluded: 0, rejected: 1 }, problems: [[3, 'invalid_date'], [3, 'invalid_date']], stored: 1000 },
  { name: 'date 29/02/2023 (not a leap year) is rejected as not a real date', kind: 'energy', content: withMay({ start: '29/02/2023', end: '29/02/2023' }), rows: { read: 2, accepted: 1, excluded: 0, rejected: 1 }, problems: [[3, 'invalid_date'], [3, 'invalid_date']], stored: 1000 },
  { name: 'a date in 1899 is rejected as an implausible year', kind: 'energy', content: withMay({ start: '01/04/1899', end: '30/04/1899' }), rows: { read: 2, accepted: 1, excluded: 0, rejected: 1 }, problems: [[3, 'implausible_year'], [3, 'implausible_year']], stored: 1000 },
  { name: 'a bill for 2100 (a year the date reader takes) begins after the day of the import: rejected as not yet begun, not converted with the nearest set', kind: 'energy', content: withMay({ start: '01/04/2100', end: '30/04/2100' }), rows: { read: 2, accepted: 1, excluded: 0, rejected: 1 }, problems: [[3, 'future_date']], stored: 1000 },
  { name: 'a bill beginning the day after the import is rejected; one beginning on the day itself is kept', kind: 'energy', content: billCsv(billRow({ start: '15/01/2025', end: '15/01/2025' }), billRow({ start: '16/01/2025', end: '31/01/2025' })), rows: { read: 2, accepted: 1, excluded: 0, rejected: 1 }, problems: [[3, 'future_date']], stored: 1000 },
  { name: 'a date in 2999 is rejected as an implausible year', kind: 'energy', content: withMay({ start: '01/04/2999', end: '30/04/2999' }), rows: { read: 2, accepted: 1, excluded: 0, rejected: 1 }, problems: [[3, 'implausible_year'], [3, 'implausible_year']], stored: 1000 },
  {
    name: 'invalid UTF-8 after a BOM: the line is warned about, its damaged quantity rejected, the rest stored',
    kind: 'energy',
    content: Buffer.concat([Buffer.from(`\ufeff${billCsv(billRow())}${METER},Electricity,01/05/2024,31/05/2024,`), Buffer.from([0xff, 0x35]), Buffer.from('\r\n')]),
    rows: { read: 2, accepted: 1, excluded: 0, rejected: 1 }, problems: [[3, 'not_a_number']], warnings: [[3, 'invalid_utf8']], stored: 1000,
  },
  {
    name: 'a mostly UTF-8 file with one invalid sequence is read as Windows-1252 and warned about (it once garbled "Café" silently)',
    kind: 'energy',
    content: Buffer.concat([Buffer.from(`Site Name,${BILL_HEADER}\r\nCafé,${billRow()}\r\nCaf`), Buffer.from([0xc3, 0x28]), Buffer.from(`,${billRow({ start: '01/05/2024', end: '31/05/2024' })}\r\n`)]),
    rows: { read: 2, accepted: 2, excluded: 0, rejected: 0 }, problems: [], warnings: [[3, 'mixed_encoding']], stored: 2000,
  },
  {
    name: 'a NUL byte deep in the file (past the sniffed head) rejects its row, naming the column; the rest is stored',
    kind: 'energy', content: lateNul(), rows: { read: 301, accepted: 300, excluded: 0, rejected: 1 }, problems: [[302, 'nul_byte']], stored: 300 * 1000,
  },
  {
    name: 'a NUL byte deep in an interval file (read as raw text) rejects its reading, so that day is incomplete: every reading of it is rejected, none stored',
    kind: 'energy', profileId: 'interval', content: intervalCsv(4, 3 * 48 + 5),
    rows: { read: 192, accepted: 144, excluded: 0, rejected: 48 },
    // The fourth day is lines 146–193: its first line names the gap, each other reading points to it.
    problems: [[2 + 3 * 48 + 5, 'nul_byte'], [2 + 3 * 48, 'incomplete_day'], ...Array.from({ length: 47 }, (_, i) => 147 + i).filter((l) => l !== 2 + 3 * 48 + 5).map((l) => [l, 'incomplete_day'] as const)],
    stored: 144,
  },
  {
    name: 'half-hourly clock-change days: 50 values on the 46-period day and 46 on the 50-period day are rejected, naming the periods',
    kind: 'energy', profileId: 'half-hourly-start',
    content: halfHourlyCsv([{ date: '30/03/2024', periods: 48, kwh: 1 }, { date: '31/03/2024', periods: 50, kwh: 1 }, { date: '27/10/2024', periods: 46, kwh: 1 }, { date: '28/10/2024', periods: 48, kwh: 0.5 }]),
    rows: { read: 4, accepted: 2, excluded: 0, rejected: 2 },
    problems: [[3, 'extra_period'], [3, 'extra_period'], [3, 'extra_period'], [3, 'extra_period'], [4, 'missing_period'], [4, 'missing_period'], [4, 'missing_period'], [4, 'missing_period']],
    warnings: [[1, 'duplicate_header']], stored: 48 + 24,
  },
  {
    name: 'half-hourly clock-change days with the right counts (46 in March, 50 in October) are stored whole',
    kind: 'energy', profileId: 'half-hourly-start',
    content: halfHourlyCsv([{ date: '31/03/2024', periods: 46, kwh: 1 }, { date: '27/10/2024', periods: 50, kwh: 2 }]),
    rows: { read: 2, accepted: 2, excluded: 0, rejected: 0 }, problems: [], warnings: [[1, 'duplicate_header']], stored: 46 + 100,
  },
  {
    name: 'a half-hourly day after the day of the import is rejected before it is stored; the days up to it are kept',
    kind: 'energy', profileId: 'half-hourly-start',
    content: halfHourlyCsv([{ date: '14/01/2025', periods: 48, kwh: 1 }, { date: '15/01/2025', periods: 48, kwh: 1 }, { date: '16/01/2025', periods: 48, kwh: 1 }]),
    rows: { read: 3, accepted: 2, excluded: 0, rejected: 1 }, problems: [[4, 'future_date']], warnings: [[1, 'duplicate_header']], stored: 96,
  },
  {
    name: 'a half-hour of 1e308 kWh rejects its day before the day is stored',
    kind: 'energy', profileId: 'half-hourly-start',
    content: halfHourlyCsv([{ date: '30/03/2024', periods: 48, kwh: 1e308 }, { date: '01/04/2024', periods: 48, kwh: 1 }]),
    rows: { read: 2, accepted: 1, excluded: 0, rejected: 1 }, problems: [[2, 'implausible_quantity']], warnings: [[1, 'duplicate_header']], stored: 48,
  },
  {
    name: 'a duplicated quantity header is warned about and the first column is read',
    kind: 'energy', content: `${BILL_HEADER},Consumption (kWh)\r\n${billRow()},2000\r\n`,
    rows: { read: 1, accepted: 1, excluded: 0, rejected: 0 }, problems: [], warnings: [[1, 'duplicate_header']], stored: 1000,
  },
  { name: '10,000 columns: the five the profile reads are found and the row stored', kind: 'energy', content: wideBillCsv(9995, [billRow()]), rows: { read: 1, accepted: 1, excluded: 0, rejected: 0 }, problems: [], stored: 1000 },
  {
    name: 'fleet: 1e308 litres on a fuel card is rejected as implausible; NaN as not finite',
    kind: 'fleet', content: `${FUEL_HEADER}\r\n7077 0011,02/04/2024,AB12 CDE,DIESEL,45.20,68.50\r\n7077 0011,03/04/2024,AB12 CDE,DIESEL,1e308,68.50\r\n7077 0011,04/04/2024,AB12 CDE,DIESEL,NaN,68.50\r\n`,
    rows: { read: 3, accepted: 1, excluded: 0, rejected: 2 }, // A purchase is checked as a reading as it is read: problems in line order.
    problems: [[3, 'implausible_quantity'], [4, 'not_finite']], stored: 45.2,
  },
  {
    name: 'journeys: 29/02/2023 on a claim is rejected as not a real date; 1e308 miles as implausible',
    kind: 'journeys', content: `${CLAIMS_HEADER}\r\nC1,10234567,CC100,03/05/2024,Business Mileage,Visit,42,18.90,Diesel,1600cc,\r\nC2,10234567,CC100,29/02/2023,Business Mileage,Visit,10,4.50,Diesel,1600cc,\r\nC3,10234567,CC100,04/05/2024,Business Mileage,Visit,1e308,4.50,Diesel,1600cc,\r\n`,
    rows: { read: 3, accepted: 1, excluded: 0, rejected: 2 }, problems: [[3, 'invalid_date'], [4, 'implausible_quantity']], stored: 42,
  },
];

describe('nasty rows that are rejected while the rest of the file lands', () => {
  for (const c of PARTIAL) {
    it(c.name, async () => {
      const ledger = fresh(`partial-${fileNo}`);
      try {
        const s = await IMPORTERS[c.kind](ledger, request(file(c.content), c.profileId));
        expect(s.status).toBe('stored');
        expect(s.rows).toEqual(c.rows);
        expect(s.problems.map((p) => [p.line, p.code])).toEqual(c.problems);
        expect(s.warnings.filter((w) => w.code !== 'companion_not_published').map((w) => [w.line, w.code])).toEqual(c.warnings ?? []);
        if (c.stored !== undefined) {
          const main = ledger.batchActivities(s.batchId!).filter((a) => a.companionOf === null);
          expect(main.reduce((sum, a) => sum + a.quantity, 0)).toBeCloseTo(c.stored, 9);
          // Nothing from a rejected line reached the ledger.
          const rejectedLines = new Set(c.problems.map(([line]) => line));
          expect(main.filter((a) => rejectedLines.has(a.line))).toEqual([]);
        }
        // Every total is a finite number: nothing was lost to Infinity or NaN.
        expect(s.totals.quantities.every((q) => Number.isFinite(q.quantity))).toBe(true);
        expect(Number.isFinite(s.totals.kgCo2e)).toBe(true);
        expect(ledger.listBatches()).toHaveLength(1);
        expect(ledger.integrityCheck()).toBe('ok');
      } finally {
        ledger.close();
      }
    });
  }

  it('with --strict the same nasty value refuses the whole file and stores nothing', async () => {
    const ledger = fresh('strict');
    try {
      const s = await importEnergy(ledger, { ...request(file(withMay({ quantity: '1e308' }))), strict: true });
      expect(s.status).toBe('refused-strict');
      expect(s.problems.map((p) => p.code)).toEqual(['implausible_quantity']);
      expect(ledger.listBatches()).toEqual([]);
      expect(ledger.integrityCheck()).toBe('ok');
    } finally {
      ledger.close();
    }
  });
});

describe('nasty files through the CLI: exit code 2, the reason, no stack trace', () => {
  const cases: readonly { name: string; make: () => string; says: RegExp }[] = [
    { name: 'a 0-byte file', make: () => file(''), says: /is empty/ },
    { name: 'a 50 MB single line', make: fiftyMbLine, says: /over 1,048,576 characters/ },
    { name: 'a NUL byte in the first rows', make: () => file(billCsv(billRow({ fuel: 'Elec\u0000tricity' }))), says: /binary file/ },
    { name: 'a header-only file', make: () => file(`${BILL_HEADER}\r\n`), says: /no data rows/ },
  ];
  let workspace = '';
  beforeAll(() => {
    workspace = mkdtempSync(join(tmpdir(), 'tco2e-nasty-cli-'));
    expect(runCli(workspace, 'init', '--org', 'north-acute', '--name', 'North Acute').code).toBe(0);
  });
  for (const c of cases) {
    it(`${c.name} exits 2 with the reason and no stack trace`, () => {
      const r = runCli(workspace, 'import', 'energy', c.make(), '--org', 'north-acute');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(c.says);
      expect(r.stderr).not.toMatch(/\n\s+at .+[:(]\d+/);
      expect(r.stderr).not.toContain('UserError');
      const listed = runCli(workspace, 'imports', 'list', '--json');
      expect(listed.code).toBe(0);
      expect(JSON.parse(listed.stdout)).toEqual({ imports: [] });
    });
  }
});
