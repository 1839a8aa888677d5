/**
 * Files as UK systems export them, named otherwise than the built-in spellings: each loads with
 * the layout its columns mean, and a unit in a header is used.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/convert/policy.js';
import { loadFactors } from '../../src/factors/library.js';
import { importEnergy } from '../../src/import/import-energy.js';
import { importFleet } from '../../src/import/import-fleet.js';
import { importJourneys } from '../../src/import/import-journeys.js';
import type { ImportRequest } from '../../src/import/request.js';
import { loadBuiltinProfiles } from '../../src/map/profiles.js';
import { Ledger } from '../../src/store/ledger.js';

const library = loadFactors();
const profiles = loadBuiltinProfiles();
const org = { id: 'north-acute', name: 'North Acute', kind: 'nhs-trust' as const, sites: [], denominators: [] };

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'tco2e-detect-'));
  const ledger = Ledger.open(join(dir, 'ledger.sqlite'), { create: true });
  const req = (path: string): ImportRequest => ({ path, org, profiles, library, policy: parsePolicy('financial-year'), now: new Date('2025-06-02T09:00:00Z'), toolVersion: '0.1.0' });
  const file = (name: string, lines: string[]): string => {
    const p = join(dir, name);
    writeFileSync(p, lines.join('\r\n') + '\r\n');
    return p;
  };
  return { ledger, req, file };
}

/** The 48 half-hours of 2 May 2024 (a BST day), as `dd/MM/yyyy` and `HH:mm`. */
const HALF_HOURS = Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 === 0 ? '00' : '30'}`);

const kwhOf = (s: Awaited<ReturnType<typeof importEnergy>>): number => s.totals.quantities.filter((q) => q.unit === 'kWh' && q.direction === 'import').reduce((a, q) => a + q.quantity, 0);

describe('energy files by meaning', () => {
  it('an AMR export with a meter number, a reading date-time and consumption in Wh: Wh ÷ 1,000', async () => {
    const { ledger, req, file } = setup();
    const p = file('amr.csv', ['Meter Number,Reading Date Time,Consumption (Wh)', ...HALF_HOURS.map((t) => `1200001234567,02/05/2024 ${t},500`)]);
    const s = await importEnergy(ledger, req(p));
    expect(s.status).toBe('stored');
    expect(s.profile).toBe('interval');
    expect(kwhOf(s)).toBeCloseTo(24, 9);
  });

  it('readings with the date and the time in columns of their own are joined', async () => {
    const { ledger, req, file } = setup();
    const p = file('split.csv', ['MPAN,Date,Time,kWh,Status', ...HALF_HOURS.map((t) => `1200001234567,02/05/2024,${t}:00,1.5,A`)]);
    const s = await importEnergy(ledger, req(p));
    expect(s.status).toBe('stored');
    expect(s.rows.rejected).toBe(0);
    expect(kwhOf(s)).toBeCloseTo(72, 9);
  });

  it('a half-hour\'s demand in kW is kWh ÷ 2 only because the header says kW, and the warning says so', async () => {
    const { ledger, req, file } = setup();
    const p = file('kw.csv', ['MPAN,Timestamp,Demand (kW)', ...HALF_HOURS.map((t) => `1200001234567,02/05/2024 ${t},10`)]);
    const s = await importEnergy(ledger, req(p));
    expect(s.status).toBe('stored');
    expect(kwhOf(s)).toBeCloseTo(240, 9);
    expect(s.warnings.map((w) => w.code)).toContain('unit_from_header');
  });

  it('half-hour columns numbered 1…48 with a site reference and a consumption date', async () => {
    const { ledger, req, file } = setup();
    const cols = Array.from({ length: 48 }, (_, i) => String(i + 1));
    const p = file('hh.csv', [`Site Ref,Consumption Date,${cols.join(',')}`, `1200001234567,02/05/2024,${cols.map(() => '0.5').join(',')}`]);
    const s = await importEnergy(ledger, req(p));
    expect(s.profile).toBe('half-hourly-numbered');
    expect(kwhOf(s)).toBeCloseTo(24, 9);
  });

  it('a bill whose consumption is headed in Wh is stored in Wh', async () => {
    const { ledger, req, file } = setup();
    const p = file('bill.csv', ['MPAN,Fuel,Period Start,Period End,Consumption (Wh)', '1200001234567,Electricity,01/05/2024,31/05/2024,1500000']);
    const s = await importEnergy(ledger, req(p));
    expect(s.status).toBe('stored');
    expect(s.totals.quantities).toEqual([expect.objectContaining({ unit: 'Wh', quantity: 1_500_000 })]);
  });
});

describe('fleet and journeys files by meaning', () => {
  it('a fuel-card export whose quantity carries its unit in brackets', async () => {
    const { ledger, req, file } = setup();
    const p = file('card.csv', ['Trans Date,Vehicle Reg No.,Fuel Grade,Quantity (Ltrs),Net £,Mileage', '02/05/2024,AB12 CDE,Diesel,45.2,68.50,45210']);
    const s = await importFleet(ledger, req(p));
    expect(s.status).toBe('stored');
    expect(s.profile).toBe('fuel-card');
    expect(s.totals.quantities).toEqual([expect.objectContaining({ unit: 'litres', quantity: 45.2 })]);
  });

  it('a form tool\'s survey: a timestamp column, numbered and reworded questions', async () => {
    const { ledger, req, file } = setup();
    const p = file('survey.csv', [
      'Timestamp,Q1. Where is your usual place of work?,Q2. How do you get to work most days?,Q3) How far is it from home to work (miles)?,Q4. How many days a week are you on site?',
      '10/09/2024 08:01,Main Hospital,Car (on my own),12,5',
      '10/09/2024 08:05,Main Hospital,Bus,3,4',
    ]);
    const s = await importJourneys(ledger, { ...req(p), wave: '2024 autumn' });
    expect(s.status).toBe('stored');
    expect(s.profile).toBe('travel-survey');
    expect(s.surveyResponses).toBe(2);
  });
});
