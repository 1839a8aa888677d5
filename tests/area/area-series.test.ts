/**
 * An area's trajectory (issue 16, part 2), figures worked out by hand from the fixture rows
 * (tests/fixtures/la-ghg): totals, within influence, per resident, per km², the index on a base
 * year, the sectors; rows that are not an authority never in a total; a county and its districts
 * never added together; a new edition replacing the old; a CO2-only edition labelled.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { areaReport } from '../../src/area/area-series.js';
import { areaCsv } from '../../src/cli/views/area-view.js';
import { importLaGhg } from '../../src/import/import-la-ghg.js';
import { Ledger } from '../../src/store/ledger.js';
import { ROOT, userError } from '../helpers.js';

const FIX = join(ROOT, 'tests/fixtures/la-ghg');
const A = join(FIX, 'la-ghg-2005-2020.csv');
const B = join(FIX, 'la-ghg-2005-2022.csv');
const C = join(FIX, 'la-co2-2005-2019.csv');

async function ledgerWith(...files: string[]): Promise<Ledger> {
  const ledger = Ledger.open(join(mkdtempSync(join(tmpdir(), 'tco2e-area-')), 'ledger.sqlite'), { create: true });
  for (const f of files) await importLaGhg(ledger, { path: f, now: new Date('2025-06-02T09:00:00Z'), toolVersion: '0.1.0' });
  return ledger;
}

describe('area: one authority, one edition', () => {
  it('totals, within influence, per resident, per km² and the index, as a hand calculation over the rows gives', async () => {
    const ledger = await ledgerWith(A);
    const [bcp] = areaReport(ledger, { codes: ['E06000058'], baseYear: 2019 }).series;
    // BCP rows of the 2005-2020 fixture, kt CO2e (territorial; within influence in brackets):
    // 2018: 200 + 300 + 150 + 1.5 (N2O) + 20 (CH4) + 100 (motorways; 0) − 5 (forest) = 766.5 (666.5)
    // 2019: 180 + 290 + 140 + 1.5 + 18 + 100 − 5 = 724.5 (624.5)
    // 2020: 160 + 280 + 110 + 1.0 + 16 + 80 − 5 = 642.0 (562.0)
    expect(bcp!.years.map((y) => [y.year, y.territorialTCo2e, y.influenceTCo2e])).toEqual([[2018, 766_500, 666_500], [2019, 724_500, 624_500], [2020, 642_000, 562_000]]);
    const y2020 = bcp!.years[2]!;
    // Per resident: 642 kt ÷ 397.0 thousand people = 1.61713 t; per km²: 642,000 t ÷ 161.5 km² = 3975.23 t.
    expect(y2020.tPerResident).toBeCloseTo(1.61713, 5);
    expect(y2020.tPerKm2).toBeCloseTo(3975.23, 2);
    // Index on 2019: 642 ÷ 724.5 × 100 = 88.6128; 2018: 766.5 ÷ 724.5 × 100 = 105.7971.
    expect(y2020.index).toBeCloseTo(88.6128, 4);
    expect(bcp!.years[0]!.index).toBeCloseTo(105.7971, 4);
    expect(bcp!.years[1]!.index).toBe(100);
    expect(bcp).toMatchObject({ edition: '2005-2020', basis: 'ghg', baseYear: 2019, measure: 'territorial' });
    // Each year's figure traces to the seven rows it sums (lines 2–8 for 2018).
    expect(bcp!.years[0]!.trace).toEqual({ rows: 7, firstLine: 2, lastLine: 8 });
  });

  it('the base year defaults to the earliest; --influence draws the measures on the within-influence figures', async () => {
    const ledger = await ledgerWith(A);
    const [bcp] = areaReport(ledger, { codes: ['E06000058'], influence: true }).series;
    // 2020 on 2018 within influence: 562 ÷ 666.5 × 100 = 84.3211; per resident 562 ÷ 397 = 1.41562 t.
    expect(bcp!.baseYear).toBe(2018);
    expect(bcp!.years[2]!.index).toBeCloseTo(84.3211, 4);
    expect(bcp!.years[2]!.tPerResident).toBeCloseTo(1.41562, 5);
  });

  it('breaks a year down by sector and sub-sector, the parts adding up to the total', async () => {
    const ledger = await ledgerWith(A);
    const [bcp] = areaReport(ledger, { codes: ['E06000058'], by: 'sector' }).series;
    // 2019: Domestic 180 + 290 = 470; Transport 140 + 1.5 + 100 = 241.5; Waste 18; LULUCF −5 (kt).
    expect(bcp!.years[1]!.parts).toEqual([
      { sector: 'Domestic', tCo2e: 470_000 }, { sector: 'LULUCF', tCo2e: -5_000 }, { sector: 'Transport', tCo2e: 241_500 }, { sector: 'Waste Management', tCo2e: 18_000 },
    ]);
    const [sub] = areaReport(ledger, { codes: ['E06000058'], by: 'subsector' }).series;
    expect(sub!.years[1]!.parts.filter((p) => p.sector === 'Transport')).toEqual([
      { sector: 'Transport', subsector: 'Road Transport (A roads)', tCo2e: 141_500 }, { sector: 'Transport', subsector: 'Road Transport (Motorways)', tCo2e: 100_000 },
    ]);
  });
});

describe('what is never added', () => {
  it('rows that are not an authority never enter a total; a county and its districts stay apart', async () => {
    const ledger = await ledgerWith(A);
    const r = areaReport(ledger, { codes: ['E10000030', 'E07000207', 'E07000209'] });
    // Surrey's own row: 2000 kt; Elmbridge 2019: (100 + 1) + 50 = 151 kt; Guildford: 120 + 40 = 160 kt.
    // Unallocated consumption (9000 kt) and large electricity users (700 kt) are in none of them.
    expect(r.series.map((s) => [s.laCode, s.kind, s.years[1]!.territorialTCo2e])).toEqual([['E10000030', 'county', 2_000_000], ['E07000207', 'authority', 151_000], ['E07000209', 'authority', 160_000]]);
    expect(r.series[1]!.secondTier).toBe('Surrey');
  });
});

describe('editions', () => {
  it('a new edition replaces the series it covers: its figures and years, its edition named', async () => {
    const ledger = await ledgerWith(A, B);
    const [bcp] = areaReport(ledger, { codes: ['E06000058'] }).series;
    // The 2005-2022 edition revises 2019 to 185 + 290 + 140 + 1.5 + 18 + 100 − 5 = 729.5 kt and holds no 2018.
    expect(bcp!.edition).toBe('2005-2022');
    expect(bcp!.years.map((y) => [y.year, y.territorialTCo2e])).toEqual([[2019, 729_500], [2020, 647_000], [2021, 671_000], [2022, 620_000]]);
    // Index on 2019 (the earliest): 2022 = 620 ÷ 729.5 × 100 = 84.9897.
    expect(bcp!.years[3]!.index).toBeCloseTo(84.9897, 4);
    // Guildford is not in the newer file: its series stays the older edition's.
    expect(areaReport(ledger, { codes: ['E07000209'] }).series[0]!.edition).toBe('2005-2020');
  });

  it('undoing the new edition brings the older one back', async () => {
    const ledger = await ledgerWith(A, B);
    const newer = ledger.listBatches().find((b) => b.file_name === 'la-ghg-2005-2022.csv')!;
    ledger.undoBatch(newer.id, { at: '2025-06-03T09:00:00Z' });
    expect(areaReport(ledger, { codes: ['E06000058'] }).series[0]!.edition).toBe('2005-2020');
  });

  it('a CO2-only edition is read and labelled CO2 only; a greenhouse gas edition is preferred where both are held', async () => {
    const ledger = await ledgerWith(C);
    const r = areaReport(ledger, { codes: ['E06000059'] });
    // Dorset 2019: 250 + 57 = 307 kt CO2; per resident 307 ÷ 378.5 = 0.81110 t.
    expect(r.series[0]).toMatchObject({ basis: 'co2', edition: '2005-2019' });
    expect(r.series[0]!.basisLabel).toMatch(/^CO2 only/);
    expect(r.series[0]!.years[1]!.territorialTCo2e).toBe(307_000);
    expect(r.series[0]!.years[1]!.tPerResident).toBeCloseTo(0.8111, 4);
    expect(r.warnings.map((w) => w.code)).toEqual(['la_co2_only']);
    const both = await ledgerWith(C, A);
    expect(areaReport(both, { codes: ['E06000058'] }).series[0]).toMatchObject({ basis: 'ghg', edition: '2005-2020' });
  });
});

describe('asking', () => {
  it('refuses a code that is not a GSS code; warns of one not held', async () => {
    const ledger = await ledgerWith(A);
    expect(userError(() => areaReport(ledger, { codes: ['BCP'] })).code).toBe('la_code_invalid');
    expect(userError(() => areaReport(ledger, { codes: ['E06000001'] })).code).toBe('la_none_held');
    expect(areaReport(ledger, { codes: ['E06000058', 'E06000001'] }).warnings.map((w) => w.code)).toEqual(['la_not_held']);
  });

  it('CSV carries the edition and basis on every row, formula-safe', async () => {
    const ledger = await ledgerWith(A);
    const csv = areaCsv(areaReport(ledger, { codes: ['E06000058'], by: 'sector' }));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('la_code,la_name,year,edition,basis,measure,territorial_tco2e,influence_tco2e,population_thousands,area_km2,t_per_resident,t_per_km2,base_year,index,sector,subsector,sector_tco2e');
    expect(lines[1]).toBe('E06000058,"Bournemouth, Christchurch and Poole",2018,2005-2020,ghg,territorial,766500,666500,395,161.5,1.940506329113924,4746.130030959753,2018,100,Domestic,,500000');
    const guarded = areaCsv({ series: [{ ...areaReport(ledger, { codes: ['E06000058'] }).series[0]!, laName: '=HYPERLINK("x")' }], warnings: [] });
    expect(guarded.split('\r\n')[1]).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
