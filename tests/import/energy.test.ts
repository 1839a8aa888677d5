import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/convert/policy.js';
import { loadFactors } from '../../src/factors/library.js';
import { importEnergy, type ImportRequest } from '../../src/import/import-energy.js';
import { rejectsCsv } from '../../src/import/rejects.js';
import { loadBuiltinProfiles } from '../../src/map/profiles.js';
import { Ledger } from '../../src/store/ledger.js';
import { ROOT, userErrorAsync } from '../helpers.js';

const library = loadFactors();
const profiles = loadBuiltinProfiles();
const org = { id: 'north-acute', name: 'North Acute', kind: 'nhs-trust' as const, sites: [{ id: 'main', name: 'Main Hospital', meters: ['1200001234567'] }], denominators: [] };

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'tco2e-import-'));
  const ledger = Ledger.open(join(dir, 'ledger.sqlite'), { create: true });
  const req = (path: string, over: Partial<ImportRequest> = {}): ImportRequest => ({
    path, org, profiles, library, policy: parsePolicy('financial-year'), now: new Date('2025-06-02T09:00:00Z'), toolVersion: '0.1.0', ...over,
  });
  const file = (name: string, content: string | Buffer) => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  return { dir, ledger, req, file };
}


const BILLS = join(ROOT, 'tests/fixtures/energy/bills-win1252.csv');

describe('import energy: bills', () => {
  it('reads a Windows-1252 supplier export with a preamble, stores what it can and reports the rest exactly', async () => {
    const { ledger, req } = setup();
    const s = await importEnergy(ledger, req(BILLS));
    expect(s.status).toBe('stored');
    expect(s.profile).toBe('energy-bill');
    expect(s.rows).toEqual({ read: 5, accepted: 3, excluded: 0, rejected: 2 });
    expect(s.period).toEqual({ start: '2024-03-15', end: '2024-04-30' });
    expect(s.problems.map((p) => [p.line, p.column, p.value, p.code])).toEqual([
      [8, 'Start Date', '31/04/2024', 'invalid_date'],
      [9, 'Consumption (kWh)', 'ten', 'not_a_number'],
      [9, '', '', 'unknown_unit'],
    ]);
    // Electricity: April 2024, the 2024 set. 412,500.5 kWh × 0.20705 generation.
    const elec = s.totals.quantities.find((q) => q.source === 'electricity' && q.direction === 'import')!;
    expect(elec.quantity).toBeCloseTo(412_500.5, 6);
    // Negative electricity is export, kept apart, not netted.
    expect(s.totals.quantities.find((q) => q.direction === 'export')).toEqual({ source: 'electricity', unit: 'kWh', direction: 'export', quantity: 1200 });
    expect(s.sites).toEqual(['Main Hospital', 'Ward Block']);
    const counts = ledger.batchCounts(s.batchId!);
    expect(counts.problems).toBe(s.problems.length + s.warnings.length);
    ledger.close();
  });

  it('calendarises a bill across months, each part with its own factor year and its apportionment', async () => {
    const { ledger, req } = setup();
    const s = await importEnergy(ledger, req(BILLS));
    const gas = ledger.batchActivities(s.batchId!).filter((a) => a.factorKey === 'natural_gas');
    // 15 March – 14 April 2024: 17 days in March (FY 2023/24, set 2023), 14 in April (set 2024).
    expect(gas.map((g) => [g.periodStart, g.factorYear])).toEqual([['2024-03-15', 2023], ['2024-04-01', 2024]]);
    expect(gas[0]!.quantity).toBeCloseTo(1_285_000 * 17 / 31, 6);
    expect(gas[0]!.kgCo2e).toBeCloseTo(1_285_000 * 17 / 31 * 0.18293, 6);
    // The March part carries its well-to-tank (2023 set); the April part cannot (2024 set has none).
    expect(ledger.batchActivities(s.batchId!).filter((a) => a.companionOf === 'natural_gas').map((a) => [a.factorKey, a.periodStart])).toEqual([['natural_gas.wtt', '2024-03-15']]);
    expect(JSON.parse(gas[1]!.apportionedFrom!)).toEqual({ start: '2024-03-15', end: '2024-04-14', days: 14, totalDays: 31, share: 14 / 31 });
    // The 2024 set has no well-to-tank: said, not filled.
    expect(s.warnings.map((w) => w.code)).toContain('companion_not_published');
    ledger.close();
  });

  it('re-importing the same file changes nothing and says so', async () => {
    const { ledger, req } = setup();
    const first = await importEnergy(ledger, req(BILLS));
    const again = await importEnergy(ledger, req(BILLS));
    expect(again.status).toBe('already-imported');
    expect(again.batchId).toBe(first.batchId);
    expect(ledger.listBatches()).toHaveLength(1);
    ledger.close();
  });

  it('refuses a file overlapping stored data, listing the overlap; --replace supersedes in one go', async () => {
    const { ledger, req, file } = setup();
    const first = await importEnergy(ledger, req(BILLS));
    const corrected = file('corrected.csv', 'MPAN,Fuel,Start Date,End Date,Consumption (kWh)\n1200001234567,Electricity,01/04/2024,30/04/2024,400000\n');
    const refused = await importEnergy(ledger, req(corrected));
    expect(refused.status).toBe('refused-overlap');
    expect(refused.overlaps[0]).toMatchObject({ batchId: first.batchId, meter: '1200001234567', incoming: { start: '2024-04-01', end: '2024-04-30' } });
    expect(ledger.listBatches()).toHaveLength(1);
    const replaced = await importEnergy(ledger, req(corrected, { replace: true }));
    expect(replaced.status).toBe('stored');
    // Only April of that meter is superseded: the earlier import stays active for the rest.
    expect(ledger.getBatch(first.batchId!)).toMatchObject({ status: 'active' });
    expect(replaced.superseded).toMatchObject([{ batchId: first.batchId, meter: '1200001234567', start: '2024-04-01', end: '2024-04-30', quantityAfter: 400_000 }]);
    ledger.close();
  });

  it('--strict refuses the whole file when any row is rejected; --dry-run stores nothing', async () => {
    const { ledger, req } = setup();
    expect((await importEnergy(ledger, req(BILLS, { strict: true }))).status).toBe('refused-strict');
    const dry = await importEnergy(ledger, req(BILLS, { dryRun: true }));
    expect(dry.status).toBe('dry-run');
    expect(dry.rows.accepted).toBe(3);
    expect(ledger.listBatches()).toEqual([]);
    ledger.close();
  });

  it('writes the rejected rows as they were, with line and reason, ready to fix', async () => {
    const { ledger, req } = setup();
    const s = await importEnergy(ledger, req(BILLS, { dryRun: true }));
    expect(rejectsCsv(s).split('\r\n')).toEqual([
      'line,reason,Site Name,MPAN,Fuel,Start Date,End Date,Consumption (kWh),Read Type,Cost (£)',
      '8,"Start Date: ""31/04/2024"" is not a real date: April 2024 has 30 days.",Bad Site,1200001111111,Electricity,31/04/2024,30/05/2024,100,A,',
      `9,"Consumption (kWh): ""ten"" is not a number: expected a number such as 1234.5 or 1,234.5.; no unit is given: add a unit column, or set ""unit"" in the profile",Bad Site,1200001111111,Steam,01/04/2024,30/04/2024,ten,A,`,
      '',
    ]);
    ledger.close();
  });

  it('a header-only file, an empty file and a workbook are refused with a clear message, nothing stored', async () => {
    const { ledger, req, file } = setup();
    expect((await userErrorAsync(importEnergy(ledger, req(file('h.csv', 'MPAN,Fuel,Start Date,End Date,Consumption (kWh)\r\n'))))).code).toBe('no_rows');
    expect((await userErrorAsync(importEnergy(ledger, req(file('e.csv', ''))))).code).toBe('empty_file');
    const xlsx = await userErrorAsync(importEnergy(ledger, req(file('bills.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0])))));
    expect(xlsx.code).toBe('file_is_zip');
    expect(xlsx.message).toMatch(/Excel/);
    expect(ledger.listBatches()).toEqual([]);
    ledger.close();
  });

  it('an unrecognised layout asks for --profile, showing the header it found', async () => {
    const { ledger, req, file } = setup();
    const e = await userErrorAsync(importEnergy(ledger, req(file('odd.csv', 'Thing,Other\n1,2\n'))));
    expect(e.code).toBe('no_profile_fits');
    expect(e.message).toContain('"Thing", "Other"');
    expect(e.hint).toContain('--profile');
    ledger.close();
  });
});

/** A start-labelled half-hourly file: header 00:00…23:30 (+2 spare columns for the long day). */
function hhFile(rows: { meter: string; date: string; values: (number | '')[]; total?: number }[]): string {
  const labels = Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);
  const header = ['MPAN', 'Date', ...labels, '01:00', '01:30', 'Total Units', 'kVArh_1'];
  const lines = rows.map((r) => {
    const vals = [...r.values, ...Array<string>(50 - r.values.length).fill('')];
    return [r.meter, r.date, ...vals, r.total ?? '', '9.9'].join(',');
  });
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}

describe('import energy: half-hourly', () => {
  it('stores 46, 48 and 50-period days, reconciles the daily total, and sums to monthly activities', async () => {
    const { ledger, req, file } = setup();
    const day = (n: number, v: number) => Array<number>(n).fill(v);
    const path = file('hh.csv', hhFile([
      { meter: 'M1', date: '30/03/2024', values: day(48, 1), total: 48 },
      { meter: 'M1', date: '31/03/2024', values: day(46, 1), total: 46 },
      { meter: 'M1', date: '27/10/2024', values: day(50, 2), total: 100 },
      { meter: 'M1', date: '28/10/2024', values: day(48, 0.5), total: 30 },
    ]));
    const s = await importEnergy(ledger, req(path, { profileId: 'half-hourly-start' }));
    expect(s.status).toBe('stored');
    expect(s.rows).toEqual({ read: 4, accepted: 4, excluded: 0, rejected: 0 });
    expect(ledger.batchCounts(s.batchId!).hhDays).toBe(4);
    // The repeated 01:00 and 01:30 columns of the long day are flagged as duplicate headers, not rejected.
    expect(s.warnings.filter((w) => w.code !== 'companion_not_published').map((w) => [w.line, w.code])).toEqual([[1, 'duplicate_header'], [5, 'total_mismatch']]);
    const elec = s.totals.quantities.find((q) => q.source === 'electricity')!;
    expect(elec.quantity).toBeCloseTo(48 + 46 + 100 + 24, 9);
    ledger.close();
  });

  it('rejects a clock-change day with the wrong number of values, and gaps, naming the day', async () => {
    const { ledger, req, file } = setup();
    const path = file('hh-bad.csv', hhFile([
      { meter: 'M1', date: '31/03/2024', values: Array<number>(48).fill(1) },
      { meter: 'M1', date: '01/04/2024', values: [...Array<number>(20).fill(1), '', ...Array<number>(27).fill(1)] },
    ]));
    const s = await importEnergy(ledger, req(path, { profileId: 'half-hourly-start' }));
    expect(s.problems.map((p) => [p.line, p.code])).toEqual([[2, 'extra_period'], [2, 'extra_period'], [3, 'missing_period']]);
    expect(s.problems[0]!.message).toContain('2024-03-31 has 46 half-hours');
    expect(s.problems[2]!.message).toContain('half-hour 21 of 48 on 2024-04-01 is empty');
    ledger.close();
  });
});

describe('rejects file', () => {
  it('neutralises formulas in rejected cells', () => {
    const csv = rejectsCsv({ header: ['Site'], problems: [{ file: 'f', line: 2, column: 'Site', value: '=HYPERLINK("x")', code: 'c', message: 'm' }], rejectedCells: new Map([[2, ['=HYPERLINK("x")']]]) });
    expect(csv).toContain(`2,Site: m,"'=HYPERLINK(""x"")"`);
  });
});


describe('import energy: interval readings', () => {
  function intervalFile(meters: string[], day: string, periods: number, from = 0): string {
    const lines = ['MPAN,Timestamp,kWh,Read Type'];
    // Start instants in UTC, written in ISO with an offset so the test does not depend on the parser's zone handling.
    const start = Date.parse(`${day}T00:00:00Z`) - (day > '2024-03-31' && day <= '2024-10-27' ? 3_600_000 : 0);
    for (const m of meters) {
      for (let p = from; p < periods; p++) lines.push(`${m},${new Date(start + p * 1_800_000).toISOString()},0.5,${p === 0 ? 'E' : 'A'}`);
    }
    return lines.join('\n') + '\n';
  }

  it('places readings by instant into meter-days, 46 on the spring change', async () => {
    const { ledger, req, file } = setup();
    const s = await importEnergy(ledger, req(file('int.csv', intervalFile(['M1', 'M2'], '2024-03-31', 46)), { profileId: 'interval' }));
    expect(s.status).toBe('stored');
    expect(s.rows).toEqual({ read: 92, accepted: 92, excluded: 0, rejected: 0 });
    expect(ledger.batchCounts(s.batchId!).hhDays).toBe(2);
    expect(s.totals.quantities[0]!.quantity).toBeCloseTo(46, 9);
    ledger.close();
  });

  it('a timestamp with the same digits as one already placed is read afresh, not taken for it', async () => {
    const { ledger, req, file } = setup();
    const good = intervalFile(['M1'], '2024-06-01', 48);
    // Line 3 repeats line 2's timestamp digit for digit, with "Y" where the offset "Z" was: not a time.
    const lines = good.split('\n');
    const bad = lines[1]!.replace(/Z,/, 'Y,').replace(/^M1,/, 'M2,');
    const text = [lines[0], lines[1], bad, ...lines.slice(2)].join('\n');
    const s = await importEnergy(ledger, req(file('same-digits.csv', text), { profileId: 'interval' }));
    expect(s.rows.rejected).toBe(1);
    expect(s.problems.map((p) => [p.line, p.code])).toEqual([[3, 'unrecognised_date']]);
    ledger.close();
  });

  it('reports an incomplete day and a duplicate reading instead of filling or doubling', async () => {
    const { ledger, req, file } = setup();
    const text = intervalFile(['M1'], '2024-06-01', 48, 2) + intervalFile(['M2'], '2024-06-01', 48).split('\n').slice(1, 3).join('\n') + '\n';
    const s = await importEnergy(ledger, req(file('gaps.csv', text), { profileId: 'interval' }));
    // Every reading of an incomplete day is rejected (46 of M1, 2 of M2): nothing is left to store.
    expect(s.rows).toEqual({ read: 48, accepted: 0, excluded: 0, rejected: 48 });
    expect(s.status).toBe('refused-unusable');
    expect(s.problems.every((p) => p.code === 'incomplete_day')).toBe(true);
    expect(s.problems.filter((p) => p.message.includes('has 46 of the 48 half-hours of 2024-06-01'))).toHaveLength(1);
    expect(s.problems.filter((p) => p.message.includes('has 2 of the 48 half-hours of 2024-06-01'))).toHaveLength(1);
    expect(s.problems.filter((p) => /^a reading of meter M1 on 2024-06-01, a day with 46 of its 48 half-hours \(first on line 2\)/.test(p.message))).toHaveLength(45);
    const dup = intervalFile(['M3'], '2024-06-01', 48);
    const s2 = await importEnergy(ledger, req(file('dup.csv', `${dup}${dup.split('\n')[1]!}\n`), { profileId: 'interval', dryRun: true }));
    expect(s2.problems.map((p) => p.code)).toEqual(['duplicate_reading']);
    ledger.close();
  });
});

describe('import energy: interval readings in UK wall-clock time', () => {
  it('reads the repeated hour of the autumn clock change as BST then GMT: a complete 50-period day', async () => {
    const { ledger, req, file } = setup();
    // 27 October 2024: 00:00 … 01:30 BST, then 01:00 … 23:30 GMT: 50 readings, 01:00 and 01:30 twice.
    const times: string[] = [];
    for (let h = 0; h < 2; h++) for (const m of ['00', '30']) times.push(`${String(h).padStart(2, '0')}:${m}`);
    for (let h = 1; h < 24; h++) for (const m of ['00', '30']) times.push(`${String(h).padStart(2, '0')}:${m}`);
    expect(times).toHaveLength(50);
    const text = ['MPAN,Timestamp,kWh', ...times.map((t, i) => `M1,27/10/2024 ${t},${i + 1}`)].join('\n') + '\n';
    const s = await importEnergy(ledger, req(file('autumn.csv', text), { profileId: 'interval' }));
    expect(s.problems).toEqual([]);
    expect(ledger.batchCounts(s.batchId!).hhDays).toBe(1);
    expect(s.totals.quantities[0]!.quantity).toBe((50 * 51) / 2);
    ledger.close();
  });
});

describe('import energy: Excel serial dates', () => {
  it('reads serial dates when the profile says so, and refuses bare numbers otherwise', async () => {
    const { ledger, req, file } = setup();
    // 45383 is 1 April 2024 and 45412 is 30 April 2024 in Excel's 1900 date system.
    const path = file('serial.csv', 'MPAN,Fuel,Start Date,End Date,Consumption (kWh)\n1200001234567,Electricity,45383,45412,1000\n');
    const bill = profiles.find((p) => p.id === 'energy-bill')!;
    const refused = await importEnergy(ledger, req(path, { dryRun: true }));
    expect(refused.problems.map((p) => p.column)).toEqual(['Start Date', 'End Date']);
    const serial = { ...bill, id: 'bill-excel-dates', excelDates: true };
    const s = await importEnergy(ledger, req(path, { profiles: [...profiles, serial], profileId: 'bill-excel-dates' }));
    expect(s.problems).toEqual([]);
    expect(s.period).toEqual({ start: '2024-04-01', end: '2024-04-30' });
    ledger.close();
  });
});

describe('import energy: interval files larger than one read', () => {
  it('reads rows cut straight from the text with exact lines, blank lines skipped, problems located', async () => {
    const { ledger, req, file } = setup();
    // 40 meters × 48 half-hours of 1 June 2024 (UTC+1), ~90 KB: most of it is read as plain text.
    const lines = ['MPAN,Timestamp,kWh,Read Type'];
    for (let m = 0; m < 40; m++) {
      for (let p = 0; p < 48; p++) {
        const t = new Date(Date.parse('2024-05-31T23:00:00Z') + p * 1_800_000).toISOString();
        lines.push(`12000000${String(m).padStart(5, '0')},${t},0.5,A`);
      }
    }
    // Far into the file: a bad reading, a blank line, a row of empty fields, and a short row.
    lines[1500] = lines[1500]!.replace(',0.5,', ',n/a,');
    lines.splice(1700, 0, '', ',,,');
    lines.splice(1800, 0, '1200000000039');
    const s = await importEnergy(ledger, req(file('big.csv', lines.join('\n') + '\n'), { profileId: 'interval', dryRun: true }));
    expect(s.rows.read).toBe(40 * 48 + 1); // the short row counts as read; blank rows do not
    expect(s.problems.map((p) => [p.line, p.code])).toEqual([
      [1501, 'placeholder'],
      // Array index 1800 is file line 1801 (the header is line 1); the blank lines above it count.
      [1801, 'missing_date'],
      [1801, 'missing_quantity'],
      // Meter 31's day (file lines 1490–1537) lost line 1501: its other 47 readings are rejected with it.
      [1490, 'incomplete_day'],
      ...Array.from({ length: 47 }, (_, i) => 1491 + i).filter((l) => l !== 1501).map((l) => [l, 'incomplete_day']),
    ]);
    expect(s.rows).toEqual({ read: 40 * 48 + 1, accepted: 39 * 48, excluded: 0, rejected: 49 });
    expect(s.problems[0]!.column).toBe('kWh');
    ledger.close();
  });
});

describe('import energy: dates with a time stamped on', () => {
  it('reads "01/04/2024 00:00:00" in a dd/MM/yyyy column as the date', async () => {
    const { ledger, req, file } = setup();
    const path = file('timed.csv', 'MPAN,Fuel,Start Date,End Date,Consumption (kWh)\n1200001234567,Electricity,01/04/2024 00:00:00,30/04/2024 23:59,1000\n');
    const s = await importEnergy(ledger, req(path, { dryRun: true }));
    expect(s.problems).toEqual([]);
    expect(s.period).toEqual({ start: '2024-04-01', end: '2024-04-30' });
    ledger.close();
  });
});
