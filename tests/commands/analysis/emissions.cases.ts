import { describe, expect, it } from 'vitest';
import {
  ACUTE_CALENDAR_KG, ACUTE_FLOOR_M2, BUSINESS_2019_KG, COMMUNITY_MONTH_KWH, COMMUTING_2019_KG, COUNCIL_ELEC_KWH, COUNCIL_MARKET_2019_KG, FILLED_JULY_2018_KG,
  GRID, YEARS, acuteKg, acuteWttTdKg, communityElectricityKg, councilGasKg, councilKg, fy,
} from './expected.js';
import { csvRecords, json, near, text } from './workspace.js';

const group = (report: any, key: string): any => report.result.groups.find((g: any) => Object.values(g.key).includes(key));
const scopeKg = (g: any, scope: number, category: number | null = null): number =>
  g.scopes.filter((s: any) => s.scope === scope && (category === null || s.category === category)).reduce((s: number, x: any) => s + x.kgCo2e, 0);

/** `tco2e emissions`: `dir` gives the workspace built by the caller's `beforeAll`. */
export function emissionsCases(dir: () => string): void {
  describe.concurrent('tco2e emissions on the analysis fixture', { timeout: 90_000 }, () => {
    it('totals the flat-consumption trust by financial year and scope, each year at its own grid factor', async () => {
      const r = await json(dir(), 'emissions', '--org', 'north-acute', '--json');
      expect(r.result.groups.map((g: any) => g.key.period)).toEqual(YEARS.map(fy));
      for (const y of YEARS) {
        const g = group(r, fy(y));
        near(g.kgCo2e, acuteKg(y));
        near(scopeKg(g, 2), acuteKg(y));
        expect(scopeKg(g, 1) + scopeKg(g, 3)).toBe(0);
        expect(g.quantities).toEqual([{ source: 'electricity', unit: 'kWh', quantity: 1_200_000, estimatedQuantity: 0 }]);
      }
      near(r.result.total.kgCo2e, 1_562_736);
      // The same query as --format json prints the same report.
      expect((await json(dir(), 'emissions', '--org', 'north-acute', '--format', 'json')).result.total.kgCo2e).toBe(r.result.total.kgCo2e);
    });

    it('--wtt adds exactly the well-to-tank and T&D that the default boundary reports as excluded', async () => {
      const without = await json(dir(), 'emissions', '--org', 'north-acute', '--json');
      const withWtt = await json(dir(), 'emissions', '--org', 'north-acute', '--wtt', '--json');
      for (const y of YEARS) {
        const a = group(without, fy(y));
        const b = group(withWtt, fy(y));
        near(b.kgCo2e - a.kgCo2e, acuteWttTdKg(y));
        near(a.excludedKgCo2e.wtt + a.excludedKgCo2e.td, acuteWttTdKg(y));
        near(scopeKg(b, 3, 3), acuteWttTdKg(y));
        expect(b.excludedKgCo2e).toEqual({ wtt: 0, td: 0 });
      }
      near(group(withWtt, '2016/17').kgCo2e, 494_460 + 125_700);
      expect(withWtt.result.boundary).toMatchObject({ includeWtt: true, includeTd: true });
    });

    it('--calendar groups January–December, each month keeping its financial year\'s factor', async () => {
      const r = await json(dir(), 'emissions', '--org', 'north-acute', '--calendar', '--json');
      expect(r.result.groups.map((g: any) => g.key.period)).toEqual(['2016', '2017', '2018', '2019', '2020']);
      for (const [year, kg] of Object.entries(ACUTE_CALENDAR_KG)) near(group(r, year).kgCo2e, kg);
      near(r.result.total.kgCo2e, 1_562_736);
      const csv = csvRecords(await text(dir(), 'emissions', '--org', 'north-acute', '--calendar', '--format', 'csv'));
      near(Number(csv.find((row) => row.year === '2017')!.tco2e_location), 440.019);
    });

    it('puts market-based Scope 2 beside location-based where a supplier factor is declared', async () => {
      const loc = await json(dir(), 'emissions', '--org', 'riverside-council', '--json');
      const mkt = await json(dir(), 'emissions', '--org', 'riverside-council', '--scope2', 'market', '--json');
      for (const y of YEARS) {
        const g = group(loc, fy(y));
        near(g.kgCo2e, councilKg(y));
        near(scopeKg(g, 1), councilGasKg(y));
        near(g.scope2LocationKgCo2e, COUNCIL_ELEC_KWH * GRID[y]!);
        // Before 2019/20 no supplier factor applies: the market figure falls back to the grid.
        if (y < 2019) expect(g.market).toMatchObject({ supplierKwh: 0, gridFallbackKwh: COUNCIL_ELEC_KWH });
      }
      const g19 = group(loc, '2019/20');
      near(g19.market.kgCo2e, COUNCIL_MARKET_2019_KG);
      near(g19.market.scope2KgCo2e, 48_000);
      expect(g19.market).toMatchObject({ supplierKwh: COUNCIL_ELEC_KWH, gridFallbackKwh: 0 });
      // The market query reports the same groups; its intensities use the market total.
      near(group(mkt, '2019/20').market.kgCo2e, COUNCIL_MARKET_2019_KG);
      const i19 = mkt.intensity.find((i: any) => i.year === '2019/20').figures.find((f: any) => f.metric === 'floorAreaM2');
      near(i19.kgCo2ePerUnit, COUNCIL_MARKET_2019_KG / 8000);
      const table = await text(dir(), 'emissions', '--org', 'riverside-council', '--scope2', 'market');
      expect(table).toContain('tCO2e (market)');
      expect(table).toMatch(/2019\/20\s+268\.6\s+466\s+220\.6\s+48\s/);
    });

    it('gives intensity per m² from the config\'s floor area for each year', async () => {
      const r = await json(dir(), 'emissions', '--org', 'north-acute', '--json');
      for (const y of YEARS) {
        const f = r.intensity.find((i: any) => i.year === fy(y)).figures.find((x: any) => x.metric === 'floorAreaM2');
        expect(f.denominator).toBe(ACUTE_FLOOR_M2);
        near(f.kgCo2ePerUnit, acuteKg(y) / ACUTE_FLOOR_M2);
      }
      // 494,460 kg ÷ 20,000 m² = 24.723 kg/m², shown to one decimal.
      expect(await text(dir(), 'emissions', '--org', 'north-acute')).toMatch(/north-acute 2016\/17: 24\.7 per floor area \(m²\)/);
    });

    it('shows the gap month and leaves it unfilled by default', async () => {
      const r = await json(dir(), 'emissions', '--org', 'east-community', '--period', '2018/19', '--by', 'source', '--json');
      near(group(r, 'electricity').kgCo2e, communityElectricityKg(2018));
      const row = r.coverage.find((c: any) => c.source === 'electricity' && c.year === '2018/19');
      expect(row).toMatchObject({ site: 'Eastgate Clinic', missingMonths: ['2018-07'], monthsCovered: 11, monthsFilled: 0 });
      expect(r.result.fillMethods).toEqual([]);
      const table = await text(dir(), 'emissions', '--org', 'east-community', '--period', '2018/19', '--by', 'source');
      expect(table).toContain('Gaps (months with no data; not filled):');
      expect(table).toContain('east-community Eastgate Clinic electricity 2018/19: 2018-07');
    });

    it('--fill previous-year fills July 2018 from July 2017 at this year\'s factor and names the method', async () => {
      // Over every year held: the donor month (July 2017) must be inside what is read.
      const [without, filled, table] = await Promise.all([
        json(dir(), 'emissions', '--org', 'east-community', '--json'),
        json(dir(), 'emissions', '--org', 'east-community', '--fill', 'previous-year', '--json'),
        text(dir(), 'emissions', '--org', 'east-community', '--fill', 'previous-year'),
      ]);
      const g = group(filled, '2018/19');
      near(g.kgCo2e - group(without, '2018/19').kgCo2e, FILLED_JULY_2018_KG);
      near(g.filledKgCo2e, FILLED_JULY_2018_KG);
      near(g.quantities.find((q: any) => q.source === 'electricity').quantity, 12 * COMMUNITY_MONTH_KWH);
      expect(filled.result.fillMethods).toEqual(['previous-year']);
      expect(filled.coverage.find((c: any) => c.source === 'electricity' && c.year === '2018/19')).toMatchObject({ missingMonths: [], monthsFilled: 1 });
      // The other years are untouched.
      for (const y of [2016, 2017, 2019]) near(group(filled, fy(y)).kgCo2e, group(without, fy(y)).kgCo2e);
      expect(table).toContain('gaps filled by "previous-year" (filled figures counted as estimated)');
      expect(table).not.toContain('Gaps (months with no data');
    });

    it('counts commuting and business travel in Scope 3 beside the community trust\'s electricity', async () => {
      const r = await json(dir(), 'emissions', '--org', 'east-community', '--period', '2019/20', '--by', 'scope', '--json');
      near(group(r, 'Scope 2').kgCo2e, communityElectricityKg(2019));
      near(group(r, 'Scope 3 category 7').kgCo2e, COMMUTING_2019_KG);
      near(group(r, 'Scope 3 category 6').kgCo2e, BUSINESS_2019_KG);
      near(r.result.total.kgCo2e, communityElectricityKg(2019) + COMMUTING_2019_KG + BUSINESS_2019_KG);
    });

    it('CSV by site neutralises a site name that starts like a formula', async () => {
      const out = await text(dir(), 'emissions', '--org', 'east-community', '--by', 'site', '--format', 'csv');
      expect(out).toContain('\r\n\'@Home Team,');
      expect(out).not.toMatch(/(^|\n)@Home/);
      const rows = csvRecords(out);
      expect(rows.map((row) => row.site)).toEqual(['(no site)', '\'@Home Team', 'Eastgate Clinic', 'Total']);
      near(Number(rows.find((row) => row.site === 'Eastgate Clinic')!.scope2_location_tco2e), (YEARS.reduce((s, y) => s + communityElectricityKg(y), 0)) / 1000);
    });
  });
}
