/**
 * Properties of every built-in import profile over damaged files: a small file each profile
 * imports cleanly is cut short, has cells replaced with hostile values, lines dropped or
 * repeated, columns swapped and stray bytes inserted, and each mutant is imported into a fresh
 * ledger. Whatever happens, the import either refuses with a `UserError` and stores nothing,
 * or comes back with a summary that accounts for every row read and a ledger that matches it:
 * one whole batch when stored, nothing when refused. Seeded, so a failure is reproducible.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/convert/policy.js';
import { isUserError } from '../../src/kernel/errors.js';
import { loadFactors } from '../../src/factors/library.js';
import { importEnergy } from '../../src/import/import-energy.js';
import { importFleet } from '../../src/import/import-fleet.js';
import { importJourneys } from '../../src/import/import-journeys.js';
import type { ImportSummary } from '../../src/import/summary.js';
import { loadBuiltinProfiles } from '../../src/map/profiles.js';
import { Ledger } from '../../src/store/ledger.js';

/** One seed for every property: a failure names its path, and re-running reproduces it. */
const SEED = 20_241_126;

/** Mutants per profile: twelve profiles at this count keep the file well inside its time budget. */
const RUNS_PER_PROFILE = 30;

const METER = '1200001234567';
const library = loadFactors();
const profiles = loadBuiltinProfiles();
const org = { id: 'north-acute', name: 'North Acute', kind: 'nhs-trust' as const, sites: [{ id: 'main', name: 'Main Hospital', meters: [METER] }] };
/** After every date in the base files, so none is rejected as not yet begun. */
const NOW = new Date('2025-06-01T09:00:00Z');

type Grid = readonly (readonly string[])[];

/** Half-hour labels as each half-hourly profile expects them (see PERIOD_PATTERNS in src/map/profiles.ts). */
const hhLabels = {
  start: Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`),
  end: Array.from({ length: 48 }, (_, i) => `[${String(Math.floor((i + 1) / 2)).padStart(2, '0')}:${(i + 1) % 2 ? '30' : '00'}]`),
  numbered: Array.from({ length: 48 }, (_, i) => `kWh_${i + 1}`),
};

/** Two January days (no clock change) of 48 half-hours each at 1.5 kWh, with the daily total. */
function halfHourly(labels: readonly string[]): Grid {
  const day = (date: string): string[] => [METER, date, ...Array.from({ length: 48 }, () => '1.5'), '72'];
  return [['MPAN', 'Date', ...labels, 'Total kWh'], day('10/01/2024'), day('11/01/2024')];
}

/**
 * Two January days of half-hour readings, timestamps in the profile's dd/MM/yyyy HH:mm: two, so
 * that damage to one day (which then goes unstored) leaves the other to store.
 */
function interval(): Grid {
  const day = (date: string): string[][] => Array.from({ length: 48 }, (_, i) => [METER, `${date} ${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`, '0.75']);
  return [['MPAN', 'Timestamp', 'kWh'], ...day('10/01/2024'), ...day('11/01/2024')];
}

/** A small file per built-in profile that imports with no row rejected. */
const BASE: Readonly<Record<string, Grid>> = {
  'business-travel': [
    ['Claim ID', 'Employee Number', 'Cost Centre', 'Expense Date', 'Expense Type', 'Miles', 'Amount (£)', 'Fuel Type', 'Engine Size', 'Class'],
    ['C1001', '10234567', 'CC100', '03/05/2024', 'Business Mileage', '42', '18.90', 'Diesel', '1600cc', ''],
    ['C1003', '10234569', 'CC210', '15/05/2024', 'Rail', '185.5', '142.30', '', '', 'Standard'],
    ['C1004', '10234569', 'CC210', '16/05/2024', 'Taxi', '3', '12.00', '', '', ''],
    ['C1009', '10234573', 'CC400', '24/05/2024', 'Bus', '6', '2.80', '', '', ''],
  ],
  'energy-bill': [
    ['Site Name', 'MPAN', 'Fuel', 'Start Date', 'End Date', 'Consumption (kWh)', 'Read Type', 'Cost (£)'],
    ['Main Hospital', METER, 'Electricity', '01/04/2024', '30/04/2024', '412500.5', 'A', '£61,875.08'],
    ['Main Hospital', METER, 'Electricity', '01/05/2024', '31/05/2024', '398000', 'E', ''],
    ['Main Hospital', '9988776655', 'Gas', '01/04/2024', '30/04/2024', '1285000', 'A', '96375.00'],
  ],
  'ev-charging': [
    ['Session Start', 'Charge Point ID', 'Vehicle Registration', 'Energy Delivered (kWh)', 'Site'],
    ['01/04/2024 07:45', 'CP-001', 'EV21 ABC', '32.4', 'Main Hospital'],
    ['02/04/2024 18:00', 'CP-002', '', '12.6', ''],
    ['03/04/2024 09:00', 'CP-001', 'EV23VAN', '20', ''],
  ],
  'fleet-mileage-km': [
    ['Date', 'Vehicle Type', 'Fuel', 'Distance (km)'],
    ['01/04/2024', 'Car', 'Diesel', '10'],
    ['02/04/2024', 'Van', 'Petrol', '120.5'],
    ['03/04/2024', 'Car', 'Petrol', '42'],
  ],
  'fleet-mileage': [
    ['Month', 'Vehicle Type', 'Fuel Type', 'Business Miles', 'Depot'],
    ['Apr-24', 'Van', 'Diesel', '300', 'Estates Depot'],
    ['Apr-24', 'Car', 'Petrol', '1000.5', ''],
    ['May-24', 'Car', 'Diesel', '80', ''],
  ],
  'fuel-card': [
    ['Card Number', 'Transaction Date', 'Registration', 'Product', 'Quantity', 'Net Amount', 'Odometer', 'Site'],
    ['7077 0011', '01/04/2024 08:12', 'AB12 CDE', 'DIESEL', '45.20', '68.50', '45210', ''],
    ['7077 0012', '02/04/2024', 'VN70XYZ', 'ULSD', '60.00', '90.10', '12001', ''],
    ['7077 0099', '05/04/2024', 'ZZ01 ZZZ', 'Unleaded', '30.00', '44.70', '', 'Pool Cars'],
  ],
  'half-hourly-end': halfHourly(hhLabels.end),
  'half-hourly-numbered': halfHourly(hhLabels.numbered),
  'half-hourly-start': halfHourly(hhLabels.start),
  interval: interval(),
  'travel-survey': [
    [
      'ID',
      'Which site do you usually work at?',
      'Which staff group do you belong to?',
      'How do you usually travel to work?',
      'If you car share, how many people (including you) are usually in the car?',
      'Approximately how far is your journey to work, one way, in miles?',
      'On average, how many days a week do you travel to your work site?',
    ],
    ['101', 'Main Hospital', 'Nursing and midwifery', 'Car (on my own)', '', '12', '5'],
    ['102', 'Main Hospital', 'Administrative and clerical', 'Car share (driver)', '3', '8', '4'],
    ['105', 'Main Hospital', 'Medical and dental', 'Bicycle', '', '3', '5'],
    ['106', 'Main Hospital', 'Nursing and midwifery', 'On foot', '', '0.8', '5'],
  ],
  'vehicle-register': [
    ['Registration', 'Vehicle Type', 'Size', 'Fuel Type', 'Base Site'],
    ['AB12 CDE', 'Car', 'Medium', 'Diesel', 'Main Hospital'],
    ['EV21 ABC', 'Car', 'Medium', 'Battery Electric', 'Main Hospital'],
    ['VN70 XYZ', 'Panel van', 'Class III', 'Diesel', ''],
  ],
};

const PROFILE_IDS = Object.keys(BASE).sort();

function csvText(grid: Grid): string {
  const quote = (c: string): string => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
  return grid.map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}

const dir = mkdtempSync(join(tmpdir(), 'tco2e-profile-props-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let fileNo = 0;

/** Imports `bytes` with the profile forced, through that profile's importer, into a fresh ledger. */
async function importBytes(profileId: string, bytes: Uint8Array): Promise<{ ledger: Ledger; outcome: { summary: ImportSummary } | { error: unknown } }> {
  fileNo++;
  const path = join(dir, `${profileId}-${fileNo}.csv`);
  writeFileSync(path, bytes);
  const ledger = Ledger.open(join(dir, `ledger-${fileNo}.sqlite`), { create: true });
  const kind = profiles.find((p) => p.id === profileId)?.kind;
  const req = { path, org, profiles, profileId, library, policy: parsePolicy('financial-year'), now: NOW, toolVersion: '0.1.0' };
  try {
    const summary = kind === 'energy' ? await importEnergy(ledger, req) : kind === 'fleet' ? await importFleet(ledger, req) : await importJourneys(ledger, { ...req, wave: '2024 autumn' });
    return { ledger, outcome: { summary } };
  } catch (error) {
    return { ledger, outcome: { error } };
  }
}

const TABLES = ['batches', 'activities', 'hh_days', 'survey_responses', 'vehicles', 'batch_problems'] as const;

function rowCounts(ledger: Ledger): Record<string, number> {
  return Object.fromEntries(TABLES.map((t) => [t, ledger.select<{ n: number }>(`SELECT count(*) AS n FROM ${t}`, [])[0]!.n]));
}

const EMPTY = Object.fromEntries(TABLES.map((t) => [t, 0]));

/** `mixed`: stored with some rows rejected. */
type Outcome = 'user-error' | 'stored' | 'mixed' | 'refused';

/** Checks the ledger against what the import said, and names what happened. */
function checkOutcome(ledger: Ledger, outcome: { summary: ImportSummary } | { error: unknown }): Outcome {
  expect(ledger.integrityCheck()).toBe('ok');
  if ('error' in outcome) {
    // Anything but a UserError is a crash: rethrown, it fails the property with its stack.
    if (!isUserError(outcome.error)) throw outcome.error;
    expect(rowCounts(ledger)).toEqual(EMPTY);
    return 'user-error';
  }
  const s = outcome.summary;
  const { read, accepted, rejected, excluded } = s.rows;
  expect(accepted + rejected + excluded).toBe(read);
  if (s.status === 'stored') {
    const batches = ledger.listBatches();
    expect(batches).toHaveLength(1);
    const batch = batches[0]!;
    expect(batch.id).toBe(s.batchId);
    expect([batch.rows_read, batch.rows_accepted, batch.rows_rejected, batch.rows_excluded]).toEqual([read, accepted, rejected, excluded]);
    // Every rejected row keeps its cells, so the rejects file can be fixed and imported again.
    expect(s.rejectedCells.size).toBe(rejected);
    const counts = rowCounts(ledger);
    const stored = counts.activities! + counts.hh_days! + counts.survey_responses! + counts.vehicles!;
    if (accepted > 0) expect(stored).toBeGreaterThan(0);
    else expect(stored).toBe(0);
    return rejected > 0 ? 'mixed' : 'stored';
  }
  expect(s.status.startsWith('refused-')).toBe(true);
  expect(s.batchId).toBeNull();
  expect(rowCounts(ledger)).toEqual(EMPTY);
  return 'refused';
}

/** Values real exports and hostile ones put in cells. */
const HOSTILE = [
  '', ' ', '=1+1', '+SUM(A1)', '1e308', '-1e308', '1e-320', 'NaN', 'Infinity', '-0', '-1', '0', '(1200)', '£5', '12 kWh',
  'x'.repeat(5_000), '\u0000', '1\u0000', '"', 'a"b', 'Ünïcödé 中文 😀', '\u00a0', '\ufeff', '31/02/2024', '29/02/2023', '00/01/2024',
  '13/13/2024', '01/01/1900', '01/01/2999', '2024-04-01', '1/4/24', '99/99/9999', '1,23,456', '12,34.5', '1.234,5', '1,2,3', '1.2.3',
  '\r', '\n', ',', 'Electricity', 'Diesel', 'Car', 'Rail', 'Main Hospital', METER,
];

type GridOp =
  | { readonly op: 'cell'; readonly row: number; readonly col: number; readonly value: string }
  | { readonly op: 'drop'; readonly row: number }
  | { readonly op: 'dup'; readonly row: number }
  | { readonly op: 'swap'; readonly a: number; readonly b: number; readonly row: number | null };

type ByteOp = { readonly op: 'truncate'; readonly at: number } | { readonly op: 'insert'; readonly at: number; readonly bytes: readonly number[] };

const gridOp: fc.Arbitrary<GridOp> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('cell' as const), row: fc.nat(), col: fc.nat(), value: fc.constantFrom(...HOSTILE) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('drop' as const), row: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('dup' as const), row: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('swap' as const), a: fc.nat(), b: fc.nat(), row: fc.option(fc.nat(), { nil: null }) }) },
);

const byteOp: fc.Arbitrary<ByteOp> = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x00, 0x22, 0x2c, 0x0d, 0x0a, 0xef, 0xbb, 0xbf, 0xff, 0xfe, 0xc3)), { minLength: 1, maxLength: 8 }) }),
);

const mutation = fc.record({ grid: fc.array(gridOp, { maxLength: 4 }), bytes: fc.array(byteOp, { maxLength: 2 }) }).filter((m) => m.grid.length + m.bytes.length > 0);

/** Applies grid operations to a copy (row 0 is the header: it may be damaged too). */
function mutateGrid(base: Grid, ops: readonly GridOp[]): string[][] {
  const rows = base.map((r) => [...r]);
  for (const o of ops) {
    if (rows.length === 0) break;
    const r = ('row' in o && o.row !== null ? o.row : 0) % rows.length;
    switch (o.op) {
      case 'cell': {
        const row = rows[r]!;
        if (row.length > 0) row[o.col % row.length] = o.value;
        break;
      }
      case 'drop':
        rows.splice(r, 1);
        break;
      case 'dup':
        rows.splice(r, 0, [...rows[r]!]);
        break;
      case 'swap': {
        const targets = o.row === null ? rows.slice(1) : [rows[r]!];
        for (const row of targets) {
          if (row.length === 0) continue;
          const a = o.a % row.length;
          const b = o.b % row.length;
          [row[a], row[b]] = [row[b]!, row[a]!];
        }
        break;
      }
    }
  }
  return rows;
}

function mutateBytes(bytes: Uint8Array, ops: readonly ByteOp[]): Uint8Array {
  let out = bytes;
  for (const o of ops) {
    const at = o.at % (out.length + 1);
    out = o.op === 'truncate' ? out.subarray(0, at) : Buffer.concat([out.subarray(0, at), Uint8Array.from(o.bytes), out.subarray(at)]);
  }
  return out;
}

describe('built-in profiles: base files', () => {
  it('has a base file for each of the twelve built-in profiles', () => {
    expect(PROFILE_IDS).toEqual(profiles.map((p) => p.id).sort());
    expect(PROFILE_IDS).toHaveLength(12);
  });

  it.each(PROFILE_IDS)('%s: the base file stores with no row rejected', async (id) => {
    const { ledger, outcome } = await importBytes(id, Buffer.from(csvText(BASE[id]!), 'utf8'));
    try {
      if ('error' in outcome) throw outcome.error;
      const s = outcome.summary;
      expect(s.profile).toBe(id);
      expect(s.status).toBe('stored');
      expect(s.rows.rejected).toBe(0);
      expect(s.rows.accepted).toBeGreaterThan(0);
      expect(s.rows.read).toBe(BASE[id]!.length - 1);
      expect(checkOutcome(ledger, outcome)).toBe('stored');
    } finally {
      ledger.close();
    }
  });
});

describe('built-in profiles: mutated and truncated files', () => {
  it.each(PROFILE_IDS)('%s: a damaged file gives a UserError or a summary the ledger matches, never a crash or a partial batch', async (id) => {
    const base = BASE[id]!;
    const seen = { 'user-error': 0, stored: 0, mixed: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const bytes = mutateBytes(Buffer.from(csvText(mutateGrid(base, m.grid)), 'utf8'), m.bytes);
        const { ledger, outcome } = await importBytes(id, bytes);
        try {
          seen[checkOutcome(ledger, outcome)]++;
        } finally {
          ledger.close();
        }
      }),
      { seed: SEED, numRuns: RUNS_PER_PROFILE },
    );
    // The mutants reached every side: stored with rows rejected, and refused.
    expect(seen.mixed).toBeGreaterThan(0);
    expect(seen['user-error'] + seen.refused).toBeGreaterThan(0);
  });
});

describe('built-in profiles: what the properties found', () => {
  /** The interval base file's header and its first `n` readings, then `more` lines as given. */
  function intervalFile(n: number, more: readonly (readonly string[])[] = []): Uint8Array {
    const [header, ...readings] = BASE.interval!;
    return Buffer.from(csvText([header!, ...readings.slice(0, n), ...more]), 'utf8');
  }

  it('refuses an interval file whose only day is incomplete instead of storing an empty batch', async () => {
    // Cut after two readings: neither has a problem of its own, but the day they begin is
    // incomplete, so both are rejected and there is nothing to store.
    const { ledger, outcome } = await importBytes('interval', intervalFile(2));
    try {
      if ('error' in outcome) throw outcome.error;
      const s = outcome.summary;
      expect(s.status).toBe('refused-unusable');
      expect(s.rows).toEqual({ read: 2, accepted: 0, excluded: 0, rejected: 2 });
      expect(s.problems.map((p) => [p.line, p.code])).toEqual([[2, 'incomplete_day'], [3, 'incomplete_day']]);
      expect(checkOutcome(ledger, outcome)).toBe('refused');
    } finally {
      ledger.close();
    }
  });

  it('still stores the complete days of an interval file that ends part-way through a day', async () => {
    const nextDay = [[METER, '12/01/2024 00:00', '0.75'], [METER, '12/01/2024 00:30', '0.75']];
    const { ledger, outcome } = await importBytes('interval', intervalFile(48, nextDay));
    try {
      if ('error' in outcome) throw outcome.error;
      const s = outcome.summary;
      expect(s.status).toBe('stored');
      // Both readings of the incomplete day are rejected (and kept for the rejects file).
      expect(s.problems.map((p) => [p.line, p.code])).toEqual([[50, 'incomplete_day'], [51, 'incomplete_day']]);
      expect(s.rows).toEqual({ read: 50, accepted: 48, excluded: 0, rejected: 2 });
      expect(checkOutcome(ledger, outcome)).toBe('mixed');
      expect(ledger.batchCounts(s.batchId!).hhDays).toBe(1);
      // 48 half-hours at 0.75 kWh.
      expect(s.totals.quantities).toEqual([{ source: 'electricity', unit: 'kWh', direction: 'import', quantity: 36 }]);
    } finally {
      ledger.close();
    }
  });
});
