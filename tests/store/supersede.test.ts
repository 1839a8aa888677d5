/**
 * Replacing and correcting at the grain data is measured in (issue: "the ledger keeps every
 * promise at the level of a meter and a day"): an import supersedes exactly the meter-days,
 * meter-periods or transactions it brings again; gaps fill; undo restores; the summary says what
 * was superseded, before and after. Totals are read through the same query the reports use.
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
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

const library = loadFactors();
const profiles = loadBuiltinProfiles();
const org = { id: 'north-acute', name: 'North Acute', kind: 'nhs-trust' as const, sites: [{ id: 'main', name: 'Main Hospital', meters: [] }], denominators: [] };
const METERS = ['1200000000001', '1200000000002', '1200000000003'];

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'tco2e-supersede-'));
  const ledger = Ledger.open(join(dir, 'ledger.sqlite'), { create: true });
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

describe('replacing half-hourly data by meter and day', () => {
  it('--replace with one meter supersedes that meter only; the other meters keep counting', async () => {
    const { ledger, req, file } = setup();
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
    const { ledger, req, file } = setup();
    await importEnergy(ledger, req(file(hhFile([1, 2, 5, 6].map((d) => hhRow(METERS[0]!, d, 1))))));
    const gap = file(hhFile([3, 4].map((d) => hhRow(METERS[0]!, d, 2))));
    const filled = await importEnergy(ledger, req(gap));
    expect(filled.status).toBe('stored');
    expect(filled.overlaps).toEqual([]);
    expect(kwhByMeter(ledger)).toEqual({ [METERS[0]!]: 4 * 48 + 2 * 96 });
    ledger.close();

    const second = setup();
    await importEnergy(second.ledger, second.req(second.file(hhFile([1, 2, 5, 6].map((d) => hhRow(METERS[0]!, d, 1))))));
    const withReplace = await importEnergy(second.ledger, second.req(second.file(hhFile([3, 4].map((d) => hhRow(METERS[0]!, d, 2)))), { replace: true }));
    expect(withReplace.superseded).toEqual([]);
    expect(kwhByMeter(second.ledger)).toEqual({ [METERS[0]!]: 4 * 48 + 2 * 96 });
    second.ledger.close();
  });

  it('correcting two days of a stored month recomputes that month from the days that still count, emissions included', async () => {
    const { ledger, req, file } = setup();
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
    const { ledger, req, file } = setup();
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
    const { ledger, req, file } = setup();
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
    const { ledger, req, file } = setup();
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
    const { ledger, req, file } = setup();
    await importEnergy(ledger, req(file(`${header}${METERS[0]!},Electricity,01/04/2024,30/04/2024,3000,kWh\n`)));
    await importEnergy(ledger, req(file(`${header}${METERS[0]!},Electricity,16/04/2024,30/04/2024,2000,kWh\n`), { replace: true }));
    // 1–15 April of the first bill (15 of 30 days) and the whole of the second.
    expect(kwhByMeter(ledger)[METERS[0]!]).toBeCloseTo(1500 + 2000, 9);
    ledger.close();
  });
});

describe('a bill over stored half-hourly days', () => {
  it('supersedes the days it covers and reports what it brings for them, pro rata by days', async () => {
    const { ledger, req, file } = setup();
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
    const { ledger, req, file } = setup();
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

describe('one bad reading takes its day, not its month', () => {
  it('an interval reading of 2e12 rejects its meter-day only, names its line, and the corrected day loads', async () => {
    const { ledger, req, file } = setup();
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
