/**
 * Replacing and correcting at the grain data is measured in (issue: "the ledger keeps every
 * promise at the level of a meter and a day"): an import supersedes exactly the meter-days,
 * meter-periods or transactions it brings again; gaps fill; undo restores; the summary says what
 * was superseded, before and after. Totals are read through the same query the reports use.
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emissionLines } from '../../src/aggregate/ledger-lines.js';
import { parsePolicy } from '../../src/convert/policy.js';
import { loadFactors } from '../../src/factors/library.js';
import { importEnergy } from '../../src/import/import-energy.js';
import { importFleet } from '../../src/import/import-fleet.js';
import type { ImportRequest } from '../../src/import/request.js';
import { rejectsCsv } from '../../src/import/rejects.js';
import { loadBuiltinProfiles } from '../../src/map/profiles.js';
import { Ledger } from '../../src/store/ledger.js';
import pg from 'pg';
import { freshDatabase } from '../pg/server.js';

const library = loadFactors();
const profiles = loadBuiltinProfiles();
const org = { id: 'north-acute', name: 'North Acute', kind: 'nhs-trust' as const, sites: [{ id: 'main', name: 'Main Hospital', meters: [] }], denominators: [] };
const METERS = ['1200000000001', '1200000000002', '1200000000003'];

/** The engines every case runs on: a ledger file, and a ledger on a PostgreSQL server. */
const ENGINES = ['sqlite', 'postgres'] as const;
type Engine = (typeof ENGINES)[number];

async function setup(engine: Engine) {
  const dir = mkdtempSync(join(tmpdir(), 'tco2e-supersede-'));
  const ledger = Ledger.open(engine === 'sqlite' ? join(dir, 'ledger.sqlite') : await freshDatabase('supersede'), { create: true });
  const req = (path: string, over: Partial<ImportRequest> = {}): ImportRequest => ({
    path, org, profiles, library, policy: parsePolicy('financial-year'), now: new Date('2025-06-02T09:00:00Z'), toolVersion: '0.1.0', ...over,
  });
  let n = 0;
  const file = (content: string): string => {
    const p = join(dir, `file-${++n}.csv`);
    writeFileSync(p, content);
    return p;
  };
  return { ledger, req, file };
}

/** One meter-day of a half-hourly file (48 periods, start-labelled): every half-hour `kwh`. */
/** Takes a fuel-card import's months away, leaving its activities as a ledger before schema 6 held them. */
async function deleteFuelMonths(engine: Engine, ledger: Ledger, batchId: number): Promise<void> {
  if (engine === 'sqlite') {
    const db = new Database(ledger.path);
    db.prepare('DELETE FROM fuel_months WHERE batch_id = ?').run(batchId);
    db.close();
    return;
  }
  const client = new pg.Client(ledger.path); // the URL without its password: the test server has none
  await client.connect();
  await client.query('DELETE FROM fuel_months WHERE batch_id = $1', [batchId]);
  await client.end();
}

function hhRow(meter: string, day: number, kwh: number): string {
  return `${meter},${String(day).padStart(2, '0')}/04/2025,${Array.from({ length: 48 }, () => kwh).join(',')}`;
}

function hhFile(rows: readonly string[]): string {
  const periods = Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 === 0 ? '00' : '30'}`);
  return [`MPAN,Date,${periods.join(',')}`, ...rows].join('\n') + '\n';
}

/** kWh counted for each meter (main electricity lines only), through the reports' own query. */
function kwhByMeter(ledger: Ledger): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of emissionLines(ledger, { orgs: [org.id] }).lines) {
    if (l.kind !== 'main' || l.meter === null) continue;
    out[l.meter] = (out[l.meter] ?? 0) + l.quantity;
  }
  return out;
}

function kgTotal(ledger: Ledger): number {
  return emissionLines(ledger, { orgs: [org.id] }).lines.reduce((s, l) => s + (l.kind === 'outside_scopes' ? 0 : l.kgCo2e), 0);
}

describe.each(ENGINES)('on %s', (engine) => {
  describe('replacing half-hourly data by meter and day', () => {
    it('--replace with one meter supersedes that meter only; the other meters keep counting', async () => {
      const { ledger, req, file } = await setup(engine);
      const rows = METERS.flatMap((m, i) => [1, 2, 3, 4, 5].map((d) => hhRow(m, d, 1 + i)));
      const first = await importEnergy(ledger, req(file(hhFile(rows))));
      expect(first.status).toBe('stored');
      // 5 days × 48 half-hours × 1, 2 and 3 kWh.
      expect(kwhByMeter(ledger)).toEqual({ [METERS[0]!]: 240, [METERS[1]!]: 480, [METERS[2]!]: 720 });
      const fix = file(hhFile([1, 2, 3, 4, 5].map((d) => hhRow(METERS[0]!, d, 0.5))));
      expect((await importEnergy(ledger, req(fix))).status).toBe('refused-overlap');
      const replaced = await importEnergy(ledger, req(fix, { replace: true }));
      expect(replaced.status).toBe('stored');
      expect(kwhByMeter(ledger)).toEqual({ [METERS[0]!]: 120, [METERS[1]!]: 480, [METERS[2]!]: 720 });
      expect(replaced.superseded).toEqual([{ batchId: first.batchId, fileName: 'file-1.csv', meter: METERS[0], unit: 'kWh', start: '2025-04-01', end: '2025-04-05', rows: 5, quantityBefore: 240, quantityAfter: 120 }]);
      // The earlier import stays active: only its meter-days for the first meter stopped counting.
      expect(ledger.getBatch(first.batchId!)!.status).toBe('active');
      ledger.close();
    });

    it('fills a gap without --replace, and --replace of a gap supersedes nothing', async () => {
      const { ledger, req, file } = await setup(engine);
      await importEnergy(ledger, req(file(hhFile([1, 2, 5, 6].map((d) => hhRow(METERS[0]!, d, 1))))));
      const gap = file(hhFile([3, 4].map((d) => hhRow(METERS[0]!, d, 2))));
      const filled = await importEnergy(ledger, req(gap));
      expect(filled.status).toBe('stored');
      expect(filled.overlaps).toEqual([]);
      expect(kwhByMeter(ledger)).toEqual({ [METERS[0]!]: 4 * 48 + 2 * 96 });
      ledger.close();

      const second = await setup(engine);
      await importEnergy(second.ledger, second.req(second.file(hhFile([1, 2, 5, 6].map((d) => hhRow(METERS[0]!, d, 1))))));
      const withReplace = await importEnergy(second.ledger, second.req(second.file(hhFile([3, 4].map((d) => hhRow(METERS[0]!, d, 2)))), { replace: true }));
      expect(withReplace.superseded).toEqual([]);
      expect(kwhByMeter(second.ledger)).toEqual({ [METERS[0]!]: 4 * 48 + 2 * 96 });
      second.ledger.close();
    });

    it('correcting two days of a stored month recomputes that month from the days that still count, emissions included', async () => {
      const { ledger, req, file } = await setup(engine);
      await importEnergy(ledger, req(file(hhFile([1, 2, 3, 4, 5, 6].map((d) => hhRow(METERS[0]!, d, 1))))));
      const kgBefore = kgTotal(ledger);
      const kgPerKwh = kgBefore / (6 * 48);
      const fixed = await importEnergy(ledger, req(file(hhFile([3, 4].map((d) => hhRow(METERS[0]!, d, 3)))), { replace: true }));
      expect(fixed.superseded).toMatchObject([{ meter: METERS[0], rows: 2, quantityBefore: 96, quantityAfter: 288 }]);
      expect(kwhByMeter(ledger)).toEqual({ [METERS[0]!]: 4 * 48 + 2 * 144 });
      // The same factors apply to every day of April 2025: emissions follow the kWh exactly.
      expect(kgTotal(ledger)).toBeCloseTo(kgPerKwh * (4 * 48 + 2 * 144), 9);
      ledger.close();
    });

    it('undoing a replace restores what it superseded, exactly', async () => {
      const { ledger, req, file } = await setup(engine);
      const rows = METERS.flatMap((m, i) => [1, 2, 3, 4, 5].map((d) => hhRow(m, d, 1 + i)));
      await importEnergy(ledger, req(file(hhFile(rows))));
      const before = kwhByMeter(ledger);
      const kgBefore = kgTotal(ledger);
      const fix = await importEnergy(ledger, req(file(hhFile([2, 3].map((d) => hhRow(METERS[1]!, d, 7)))), { replace: true }));
      expect(kwhByMeter(ledger)[METERS[1]!]).toBe(3 * 96 + 2 * 336);
      ledger.undoBatch(fix.batchId!, { at: '2025-06-03T10:00:00Z', reason: 'wrong file' });
      expect(kwhByMeter(ledger)).toEqual(before);
      expect(kgTotal(ledger)).toBeCloseTo(kgBefore, 9);
      ledger.close();
    });

    it('undoing an older correction keeps a newer one: what an import since covers stays covered', async () => {
      const { ledger, req, file } = await setup(engine);
      await importEnergy(ledger, req(file(hhFile([1, 2, 3].map((d) => hhRow(METERS[0]!, d, 1))))));
      const a = await importEnergy(ledger, req(file(hhFile([2].map((d) => hhRow(METERS[0]!, d, 2)))), { replace: true }));
      await importEnergy(ledger, req(file(hhFile([2].map((d) => hhRow(METERS[0]!, d, 5)))), { replace: true }));
      ledger.undoBatch(a.batchId!, { at: '2025-06-03T10:00:00Z' });
      // Day 2 is the newest import's (5 kWh a half-hour), not the first file's again.
      expect(kwhByMeter(ledger)).toEqual({ [METERS[0]!]: 2 * 48 + 240 });
      ledger.close();
    });
  });

  describe('replacing bills by meter and period', () => {
    const header = 'MPAN,Fuel,Start Date,End Date,Consumption,Unit\n';
    it('a corrected bill for one month supersedes that month of that meter only', async () => {
      const { ledger, req, file } = await setup(engine);
      const year = header + ['01/04/2024,30/04/2024,1000', '01/05/2024,31/05/2024,1100', '01/06/2024,30/06/2024,1200']
        .flatMap((p) => [`${METERS[0]!},Electricity,${p.replace(/,(\d+)$/, ',$1,kWh')}`, `${METERS[1]!},Electricity,${p.replace(/,(\d+)$/, ',$1,kWh')}`]).join('\n') + '\n';
      const first = await importEnergy(ledger, req(file(year)));
      expect(first.status).toBe('stored');
      const fix = file(`${header}${METERS[0]!},Electricity,01/05/2024,31/05/2024,900,kWh\n`);
      expect((await importEnergy(ledger, req(fix))).status).toBe('refused-overlap');
      const replaced = await importEnergy(ledger, req(fix, { replace: true }));
      expect(replaced.superseded).toMatchObject([{ batchId: first.batchId, meter: METERS[0], rows: 1, quantityBefore: 1100, quantityAfter: 900, start: '2024-05-01', end: '2024-05-31' }]);
      expect(kwhByMeter(ledger)).toEqual({ [METERS[0]!]: 1000 + 900 + 1200, [METERS[1]!]: 3300 });
      ledger.undoBatch(replaced.batchId!, { at: '2025-06-03T10:00:00Z' });
      expect(kwhByMeter(ledger)).toEqual({ [METERS[0]!]: 3300, [METERS[1]!]: 3300 });
      ledger.close();
    });

    it('a bill covering part of a stored one leaves the rest of the stored one counting, pro rata by days', async () => {
      const { ledger, req, file } = await setup(engine);
      await importEnergy(ledger, req(file(`${header}${METERS[0]!},Electricity,01/04/2024,30/04/2024,3000,kWh\n`)));
      await importEnergy(ledger, req(file(`${header}${METERS[0]!},Electricity,16/04/2024,30/04/2024,2000,kWh\n`), { replace: true }));
      // 1–15 April of the first bill (15 of 30 days) and the whole of the second.
      expect(kwhByMeter(ledger)[METERS[0]!]).toBeCloseTo(1500 + 2000, 9);
      ledger.close();
    });
  });

  describe('a bill over stored half-hourly days', () => {
    it('supersedes the days it covers and reports what it brings for them, pro rata by days', async () => {
      const { ledger, req, file } = await setup(engine);
      await importEnergy(ledger, req(file(hhFile([1, 2, 3, 4, 5, 6].map((d) => hhRow(METERS[0]!, d, 1))))));
      const bill = file(`MPAN,Fuel,Start Date,End Date,Consumption,Unit\n${METERS[0]!},Electricity,01/04/2025,10/04/2025,1000,kWh\n`);
      const replaced = await importEnergy(ledger, req(bill, { replace: true }));
      // Six stored days of 48 kWh; the bill brings 100 kWh a day for each of them.
      expect(replaced.superseded).toMatchObject([{ meter: METERS[0], rows: 6, quantityBefore: 288, quantityAfter: 600 }]);
      expect(kwhByMeter(ledger)).toEqual({ [METERS[0]!]: 1000 });
      ledger.close();
    });
  });

  describe('fleet lines are transactions', () => {
    const header = 'Card Number,Registration,Transaction Date,Product,Quantity,Net Amount\n';
    it('the same purchases in another export are an overlap; --replace supersedes those purchases only', async () => {
      const { ledger, req, file } = await setup(engine);
      const lines = ['0001,AB12CDE,03/04/2024,Diesel,40.00,60.00', '0001,AB12CDE,10/04/2024,Diesel,35.50,53.25', '0002,XY34ZZZ,11/04/2024,Unleaded,20.00,30.00'];
      const first = await importFleet(ledger, req(file(header + lines.join('\n') + '\n')));
      expect(first.status).toBe('stored');
      // A re-export (another column order would do too) holding one purchase again and one new.
      const again = file(header + [lines[1], '0002,XY34ZZZ,18/04/2024,Unleaded,25.00,37.50'].join('\n') + '\n');
      const refused = await importFleet(ledger, req(again));
      expect(refused.status).toBe('refused-overlap');
      expect(refused.overlaps).toMatchObject([{ meter: 'AB12CDE', start: '2024-04-10' }]);
      const replaced = await importFleet(ledger, req(again, { replace: true }));
      expect(replaced.superseded).toMatchObject([{ meter: 'AB12CDE', rows: 1, quantityBefore: 35.5, quantityAfter: 35.5 }]);
      const litres = emissionLines(ledger, { orgs: [org.id] }).lines.filter((l) => l.kind === 'main').reduce((s, l) => s + l.quantity, 0);
      expect(litres).toBeCloseTo(40 + 35.5 + 20 + 25, 9);
      ledger.close();
    });
  });

  describe('fuel-card purchases kept by vehicle and month are still transactions', () => {
    const header = 'Card Number,Registration,Transaction Date,Product,Quantity,Net Amount\n';
    /** Litres and kg CO2e counted per vehicle (main lines), through the reports' own query. */
    const byVehicle = (ledger: Ledger): Record<string, { litres: number; kg: number }> => {
      const out: Record<string, { litres: number; kg: number }> = {};
      for (const l of emissionLines(ledger, { orgs: [org.id] }).lines) {
        if (l.kind !== 'main' || l.meter === null) continue;
        const v = (out[l.meter] ??= { litres: 0, kg: 0 });
        v.litres += l.quantity;
        v.kg += l.kgCo2e;
      }
      return out;
    };
    // Forecourt diesel, 2025 set (FY 2025/26): kg CO2e a litre (Fuels › Liquid fuels › Diesel (average biofuel blend)).
    const DIESEL = 2.57082;
    const april = ['0001,AB12CDE,03/04/2025,Diesel,40.00,60.00', '0001,AB12CDE,10/04/2025,Diesel,35.50,53.25', '0001,AB12CDE,24/04/2025,Diesel,30.00,45.00', '0002,XY34ZZZ,11/04/2025,Diesel,20.00,30.00'];

    it("a vehicle's purchases of a fuel in a month are one activity, every purchase kept with its line", async () => {
      const { ledger, req, file } = await setup(engine);
      const s = await importFleet(ledger, req(file(header + [...april, '0001,AB12CDE,02/05/2025,Diesel,10.00,15.00'].join('\n') + '\n')));
      expect(s.status).toBe('stored');
      const main = ledger.batchActivities(s.batchId!).filter((a) => a.companionOf === null);
      // April for AB12CDE (lines 2–4), April for XY34ZZZ (line 5), May for AB12CDE (line 6).
      expect(main.map((a) => [a.line, a.meter, a.periodStart, a.periodEnd, a.quantity])).toEqual([
        [2, 'AB12CDE', '2025-04-03', '2025-04-24', 105.5],
        [5, 'XY34ZZZ', '2025-04-11', '2025-04-11', 20],
        [6, 'AB12CDE', '2025-05-02', '2025-05-02', 10],
      ]);
      expect(main[0]!.kgCo2e).toBeCloseTo(105.5 * DIESEL, 9);
      expect(ledger.batchFuelPurchases(s.batchId!).map((p) => [p.line, p.monthLine, p.day, p.quantity, p.extra])).toEqual([
        [2, 2, '2025-04-03', 40, { product: 'Diesel', cost: 60 }],
        [3, 2, '2025-04-10', 35.5, { product: 'Diesel', cost: 53.25 }],
        [4, 2, '2025-04-24', 30, { product: 'Diesel', cost: 45 }],
        [5, 5, '2025-04-11', 20, { product: 'Diesel', cost: 30 }],
        [6, 6, '2025-05-02', 10, { product: 'Diesel', cost: 15 }],
      ]);
      expect(ledger.batchCounts(s.batchId!).fuelPurchases).toBe(5);
      ledger.close();
    });

    it('a refund takes its purchase out of the month; the month sums the rest', async () => {
      const { ledger, req, file } = await setup(engine);
      const s = await importFleet(ledger, req(file(header + [...april, '0001,AB12CDE,12/04/2025,Diesel,-35.50,-53.25'].join('\n') + '\n')));
      expect(s.rows).toEqual({ read: 5, accepted: 3, excluded: 2, rejected: 0 });
      const main = ledger.batchActivities(s.batchId!).filter((a) => a.companionOf === null && a.meter === 'AB12CDE');
      expect(main.map((a) => [a.line, a.periodStart, a.periodEnd, a.quantity])).toEqual([[2, '2025-04-03', '2025-04-24', 70]]);
      expect(ledger.batchFuelPurchases(s.batchId!).map((p) => p.line)).toEqual([2, 4, 5]);
      ledger.close();
    });

    it('a purchase brought again supersedes that purchase only: its month is summed from the rest; undo restores it', async () => {
      const { ledger, req, file } = await setup(engine);
      const first = await importFleet(ledger, req(file(header + april.join('\n') + '\n')));
      expect(byVehicle(ledger).AB12CDE!.litres).toBeCloseTo(105.5, 9);
      // A re-export with the 10 April purchase again, and a new one.
      const again = file(header + ['0001,AB12CDE,10/04/2025,Diesel,35.50,53.25', '0001,AB12CDE,28/04/2025,Diesel,12.00,18.00'].join('\n') + '\n');
      const refused = await importFleet(ledger, req(again));
      expect(refused.status).toBe('refused-overlap');
      expect(refused.overlaps).toMatchObject([{ meter: 'AB12CDE', start: '2025-04-10', end: '2025-04-10', batchId: first.batchId }]);
      const replaced = await importFleet(ledger, req(again, { replace: true }));
      expect(replaced.superseded).toMatchObject([{ meter: 'AB12CDE', rows: 1, quantityBefore: 35.5, quantityAfter: 35.5, start: '2025-04-10', end: '2025-04-10' }]);
      // Counted once: 40 + 30 from the first file's month (summed again), 35.5 + 12 from the second.
      const after = byVehicle(ledger);
      expect(after.AB12CDE!.litres).toBeCloseTo(40 + 30 + 35.5 + 12, 9);
      expect(after.AB12CDE!.kg).toBeCloseTo((40 + 30 + 35.5 + 12) * DIESEL, 9);
      expect(after.XY34ZZZ!.litres).toBeCloseTo(20, 9);
      expect(ledger.batchFuelPurchases(first.batchId!).find((p) => p.line === 3)?.supersededBy).toBe(replaced.batchId);
      // The month that remains runs from its first live purchase to its last.
      const live = emissionLines(ledger, { orgs: [org.id] }).lines.filter((l) => l.kind === 'main' && l.meter === 'AB12CDE' && l.trace.batchId === first.batchId);
      expect(live.map((l) => [l.periodStart, l.periodEnd, l.quantity])).toEqual([['2025-04-03', '2025-04-24', 70]]);
      // A third export bringing the same purchase again: it supersedes the second's, not the first's.
      const third = await importFleet(ledger, req(file(header + '0001,AB12CDE,10/04/2025,Diesel,35.50,53.25\n'), { replace: true }));
      expect(third.superseded).toMatchObject([{ batchId: replaced.batchId, rows: 1 }]);
      expect(byVehicle(ledger).AB12CDE!.litres).toBeCloseTo(40 + 30 + 35.5 + 12, 9);
      // Undoing the second: its 12 litres go; the 10 April purchase stays superseded by the third.
      ledger.undoBatch(replaced.batchId!, { at: '2025-06-03T10:00:00Z' });
      expect(byVehicle(ledger).AB12CDE!.litres).toBeCloseTo(40 + 30 + 35.5, 9);
      expect(ledger.batchFuelPurchases(first.batchId!).find((p) => p.line === 3)?.supersededBy).toBe(third.batchId);
      // Undoing the third too: the first file's month counts whole again, as first stored.
      ledger.undoBatch(third.batchId!, { at: '2025-06-03T11:00:00Z' });
      expect(byVehicle(ledger).AB12CDE).toEqual({ litres: 105.5, kg: expect.closeTo(105.5 * DIESEL, 9) as number });
      expect(ledger.batchFuelPurchases(first.batchId!).every((p) => p.supersededBy === null)).toBe(true);
      ledger.close();
    });
  });

  describe('fuel cards stored one activity per purchase (before schema 6)', () => {
    it('a new import of the same purchase supersedes the stored one; undo restores it', async () => {
      const { ledger, req, file } = await setup(engine);
      const header = 'Card Number,Registration,Transaction Date,Product,Quantity,Net Amount\n';
      const old = await importFleet(ledger, req(file(header + '0001,AB12CDE,03/04/2025,Diesel,40.00,60.00\n0001,AB12CDE,10/05/2025,Diesel,35.50,53.25\n')));
      // One purchase a month: the activities are those a ledger before schema 6 held; without
      // their months, they are stored as it stored them.
      await deleteFuelMonths(engine, ledger, old.batchId!);
      const again = await importFleet(ledger, req(file(header + '0001,AB12CDE,10/05/2025,Diesel,35.50,53.25\n0001,AB12CDE,20/05/2025,Diesel,5.00,7.50\n'), { replace: true }));
      expect(again.superseded).toMatchObject([{ batchId: old.batchId, meter: 'AB12CDE', rows: 1, quantityBefore: 35.5 }]);
      const litres = (): number => emissionLines(ledger, { orgs: [org.id] }).lines.filter((l) => l.kind === 'main').reduce((s, l) => s + l.quantity, 0);
      expect(litres()).toBeCloseTo(40 + 35.5 + 5, 9);
      ledger.undoBatch(again.batchId!, { at: '2025-06-03T10:00:00Z' });
      expect(litres()).toBeCloseTo(40 + 35.5, 9);
      ledger.close();
    });
  });

  describe('one bad reading takes its day, not its month', () => {
    it('an interval reading of 2e12 rejects its meter-day only, names its line, and the corrected day loads', async () => {
      const { ledger, req, file } = await setup(engine);
      const rows: string[] = [];
      const stamp = (day: number, p: number): string => `${String(day).padStart(2, '0')}/04/2025 ${String(Math.floor(p / 2)).padStart(2, '0')}:${p % 2 === 0 ? '00' : '30'}`;
      for (const m of METERS.slice(0, 2)) for (let d = 1; d <= 30; d++) for (let p = 0; p < 48; p++) rows.push(`${m},${stamp(d, p)},1.5`);
      // Line 698 (the header is line 1): meter 1, 15 April, half-hour 25 (12:00).
      const at = 697 - 1;
      expect(rows[at]).toBe(`${METERS[0]!},${stamp(15, 24)},1.5`);
      rows[at] = `${METERS[0]!},${stamp(15, 24)},2e12`;
      const s = await importEnergy(ledger, req(file(`MPAN,Timestamp,kWh\n${rows.join('\n')}\n`)));
      expect(s.status).toBe('stored');
      // 2,880 readings: the 48 of meter 1's 15 April rejected, the rest stored and counted.
      expect(s.rows).toEqual({ read: 2880, accepted: 2832, excluded: 0, rejected: 48 });
      expect(s.problems.find((p) => p.code === 'implausible_quantity')).toMatchObject({ line: 698 });
      expect(s.problems.find((p) => p.code === 'incomplete_day')!.message).toContain('line 698');
      const rejects = rejectsCsv(s).split('\r\n');
      expect(rejects.filter((l) => l.includes('15/04/2025'))).toHaveLength(48);
      expect(kwhByMeter(ledger)).toEqual({ [METERS[0]!]: 29 * 72, [METERS[1]!]: 30 * 72 });
      expect(ledger.batchCounts(s.batchId!).hhDays).toBe(59);
      // The corrected day alone loads: it overlaps nothing stored.
      const day = Array.from({ length: 48 }, (_, p) => `${METERS[0]!},${stamp(15, p)},1.5`);
      const fixed = await importEnergy(ledger, req(file(`MPAN,Timestamp,kWh\n${day.join('\n')}\n`)));
      expect(fixed.status).toBe('stored');
      expect(kwhByMeter(ledger)).toEqual({ [METERS[0]!]: 30 * 72, [METERS[1]!]: 30 * 72 });
      ledger.close();
    });
  });
});
