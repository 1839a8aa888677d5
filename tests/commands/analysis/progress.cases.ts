import { describe, expect, it } from 'vitest';
import { YEARS, acuteKg, councilKg, fy } from './expected.js';
import { csvRecords, json, near, text } from './workspace.js';

const target = (r: any, id: string): any => r.targets.find((t: any) => t.progress.target.id === id);
const row = (t: any, year: number): any => t.progress.rows.find((x: any) => x.year === year);

/** `tco2e progress`: `dir` gives the workspace built by the caller's `beforeAll`. */
export function progressCases(dir: () => string): void {
  describe.concurrent('tco2e progress on the analysis fixture', { timeout: 90_000 }, () => {
    it('a spelled-out linear target: baseline from the ledger, pathway, gap and status by year', async () => {
      const r = await json(dir(), 'progress', '--org', 'north-acute', '--json');
      expect(r.problems).toEqual([]);
      const t = target(r, 'halve-by-2026');
      const b = acuteKg(2016) / 1000; // 494.46 t
      expect(t.progress.baseline).toMatchObject({ year: 2016, label: '2016/17', origin: 'ledger' });
      near(t.progress.baseline.tco2e, b);
      near(t.progress.targetTco2e, b / 2);
      expect(t.actuals.map((a: any) => [a.year, a.complete])).toEqual(YEARS.map((y) => [y, true]));
      // Each year's parts are written as an object (kind of data, site and survey → tCO2e) that adds up to the year.
      for (const a of t.actuals) near(Object.values(a.parts as Record<string, number>).reduce((s, v) => s + v, 0), a.tco2e);
      expect(Object.keys(t.actuals[0].parts).length).toBeGreaterThan(0);
      for (const y of YEARS) {
        // Linear from 494.46 in 2016/17 to half of it in 2026/27: 50% × (y − 2016) / 10 cut by y.
        const required = b * (1 - (0.5 * (y - 2016)) / 10);
        const x = row(t, y);
        near(x.requiredTco2e, required);
        near(x.actualTco2e, acuteKg(y) / 1000);
        near(x.gapTco2e, acuteKg(y) / 1000 - required);
        expect(x.status).toBe('on-track');
      }
      // 2019/20: the pathway allows 494.46 × 0.85 = 420.291 t; 306.72 t was emitted.
      near(row(t, 2019).requiredTco2e, 420.291);
      near(row(t, 2019).gapTco2e, 306.72 - 420.291);
      expect(t.progress.headline).toMatchObject({ year: 2019, status: 'on-track', statusReason: 'at-or-below-pathway' });
    });

    it('flat consumption: the like-for-like split puts all of the change on the factors', async () => {
      const r = await json(dir(), 'progress', '--org', 'north-acute', '--target', 'halve-by-2026', '--json');
      expect(r.targets).toHaveLength(1);
      const lfl = r.targets[0].likeForLike;
      expect(lfl.fixedYear).toBe(2016);
      // At 2016 factors every year is 1,200,000 kWh × 0.41205 = 494.46 t.
      for (const p of lfl.series) near(p.tco2e, 494.46);
      expect(lfl.split).toMatchObject({ fromYear: 2016, toYear: 2019, fixedYear: 2016 });
      // 306.72 − 494.46 = −187.74 t, all of it from the grid factor falling.
      near(lfl.split.totalChangeTco2e, -187.74);
      expect(lfl.split.fromUsingLessTco2e).toBeCloseTo(0, 9);
      near(lfl.split.fromFactorsTco2e, -187.74);
    });

    it('a preset with a declared 1990 baseline: the range milestone\'s midpoint shapes the pathway', async () => {
      const t = target(await json(dir(), 'progress', '--org', 'north-acute', '--json'), 'nhs-2040');
      expect(t.progress.target).toMatchObject({ preset: 'nhs-carbon-footprint-2040', presetOverrides: [], baselineYear: 1990, targetYear: 2040 });
      expect(t.progress.baseline).toMatchObject({ tco2e: 1000, origin: 'declared' });
      // Linear from 1,000 t in 1990/91 to 200 t (−80%) at 2030, the middle of 2028–2032:
      // 2016/17 1,000 × (1 − 0.8 × 26/40) = 480 t; 2019/20 1,000 × (1 − 0.8 × 29/40) = 420 t.
      near(row(t, 2016).requiredTco2e, 480);
      near(row(t, 2019).requiredTco2e, 420);
      // 2016/17 is 14.46 t above the pathway, 1.446 points of the baseline: within the 5-point margin.
      near(row(t, 2016).gapPctPoints, 1.446);
      expect(row(t, 2016)).toMatchObject({ status: 'at-risk', statusReason: 'within-margin' });
      expect(row(t, 2017)).toMatchObject({ status: 'on-track' });
      expect(t.progress.milestones.map((m: any) => [m.label, m.state])).toEqual([['2028/29–2032/33', 'pending'], ['2040/41', 'pending']]);
    });

    it('the council preset takes its baseline year from the config; supplier factors do not move a location-based target', async () => {
      const r = await json(dir(), 'progress', '--org', 'riverside-council', '--json');
      const t = target(r, 'net-zero-2030');
      expect(t.progress.target).toMatchObject({ preset: 'council-net-zero-2030', presetOverrides: [], baselineYear: 2016, targetYear: 2030, scope2: 'location' });
      const b = councilKg(2016) / 1000; // 616.368 t
      near(t.progress.baseline.tco2e, b);
      // Net zero by 2030/31, linear: 2019/20 is 3 of 14 years along.
      near(row(t, 2019).requiredTco2e, b * (1 - 3 / 14));
      near(row(t, 2019).actualTco2e, councilKg(2019) / 1000);
      expect(row(t, 2019).status).toBe('on-track');
      // Flat electricity and gas: nothing from using less here either.
      expect(t.likeForLike.split.fromUsingLessTco2e).toBeCloseTo(0, 9);
      near(t.likeForLike.split.fromFactorsTco2e, (councilKg(2019) - councilKg(2016)) / 1000);
    });

    it('the year with a missing month is shown but not judged', async () => {
      const r = await json(dir(), 'progress', '--org', 'east-community', '--json');
      const t = target(r, 'nhs-plus-2045');
      expect(row(t, 2018)).toMatchObject({ complete: false, used: false, status: null });
      expect(row(t, 2019)).toMatchObject({ complete: true, used: true });
      expect(t.progress.warnings.map((w: any) => w.code)).toContain('incomplete_years');
      expect(t.progress.budget.comparedYears).toEqual([2016, 2017, 2019]);
    });

    it('as text and CSV: status words, the like-for-like sentence, negative gaps as numbers', async () => {
      const [table, csv] = await Promise.all([
        text(dir(), 'progress', '--org', 'north-acute'),
        text(dir(), 'progress', '--org', 'north-acute', '--format', 'csv'),
      ]);
      expect(table).toContain('Halve emissions by 2026/27 on 2016/17 [halve-by-2026]');
      expect(table).toContain('2019/20: 307 tCO2e against a pathway of 420: on track.');
      expect(table).toContain('Like-for-like (factors held at 2016): 2016/17 to 2019/20 the total changed by -188 tCO2e: 0 from activity');
      const rows = csvRecords(csv);
      const r19 = rows.find((x) => x.target === 'halve-by-2026' && x.year === fy(2019))!;
      expect(r19.gap_tco2e).toMatch(/^-113\.57/);
      near(Number(r19.gap_tco2e), 306.72 - 420.291);
      expect(r19.status).toBe('on-track');
      near(Number(r19.fixed_factor_tco2e), 494.46);
    });
  });
}
