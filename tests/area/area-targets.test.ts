/**
 * Area targets (issue 16, part 2): an area's commitment judged on its figures from the local
 * authority statistics with the organisations' pathway, status, trend and budget logic, on
 * calendar years; and `compare --la` putting an area beside the organisations. Figures are worked
 * out by hand from the fixture rows (tests/fixtures/la-ghg; totals as in area-series.test.ts).
 *
 * Bournemouth, Christchurch and Poole (E06000058) in the 2005-2022 edition, kt CO2e
 * (territorial; within influence in brackets): 2019 729.5 (610), 2020 647 (550), 2021 671 (565),
 * 2022 620 (515).
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { areaActuals, areaReportWithTargets, type AreaReportWithTargets } from '../../src/area/area-targets.js';
import { areaTable } from '../../src/cli/views/area-view.js';
import type { CompareWithAreas } from '../../src/area/compare-areas.js';
import { importLaGhg } from '../../src/import/import-la-ghg.js';
import { Ledger } from '../../src/store/ledger.js';
import { loadPresets } from '../../src/targets/presets.js';
import { resolveTarget } from '../../src/targets/resolve.js';
import { parseConfig, type TargetConfig } from '../../src/workspace/config.js';
import { ROOT, runCli, userError } from '../helpers.js';

const FIX = join(ROOT, 'tests/fixtures/la-ghg');
const A = join(FIX, 'la-ghg-2005-2020.csv');
const B = join(FIX, 'la-ghg-2005-2022.csv');
const BCP = 'E06000058';
const presets = loadPresets();

async function ledgerWith(...files: string[]): Promise<Ledger> {
  const ledger = Ledger.open(join(mkdtempSync(join(tmpdir(), 'tco2e-area-targets-')), 'ledger.sqlite'), { create: true });
  for (const f of files) await importLaGhg(ledger, { path: f, now: new Date('2025-06-02T09:00:00Z'), toolVersion: '0.1.0' });
  return ledger;
}

/** The area's 2050 preset with the council's own −40% by 2030, as a config entry gives it. */
const AREA_2050: TargetConfig = { id: 'bcp-area-2050', area: BCP, preset: 'area-carbon-neutral-2050', interim: [{ year: 2030, reductionPct: 40 }] };

async function judged(entries: readonly TargetConfig[], ...files: string[]): Promise<AreaReportWithTargets> {
  const ledger = await ledgerWith(...(files.length === 0 ? [B] : files));
  try {
    return areaReportWithTargets(ledger, { codes: [BCP] }, entries, presets);
  } finally {
    ledger.close();
  }
}

describe('area presets', () => {
  it('ship carbon neutral by 2050 (the UK target year) and by 2030 (the common declaration), on 2019, calendar years, cited', () => {
    const p2050 = presets.find((p) => p.id === 'area-carbon-neutral-2050')!;
    const p2030 = presets.find((p) => p.id === 'area-carbon-neutral-2030')!;
    expect(p2050).toMatchObject({ appliesTo: 'area', basis: 'calendar', baselineYear: 2019, targetYear: 2050, reductionPct: 100, scopes: [] });
    expect(p2050.source.title).toBe('The Climate Change Act 2008 (2050 Target Amendment) Order 2019 (SI 2019/1056)');
    expect(p2030).toMatchObject({ appliesTo: 'area', basis: 'calendar', baselineYear: 2019, targetYear: 2030, reductionPct: 100 });
    expect(p2030.note).toContain('common shape of those declarations');
    expect(p2030.note).toContain('may change targetYear');
    // The organisations' presets are theirs still.
    expect(presets.find((p) => p.id === 'council-net-zero-2030')!.appliesTo).toBe('organisation');
  });

  it('an area preset cannot be an organisation\'s target, nor an organisation\'s preset an area\'s', () => {
    const own = resolveTarget({ id: 'x', org: 'bcp-council', preset: 'area-carbon-neutral-2050' }, presets);
    expect(own.ok ? [] : own.problems.map((p) => p.code)).toEqual(['preset_wrong_kind']);
    const area = resolveTarget({ id: 'y', area: BCP, preset: 'council-net-zero-2030', baselineYear: 2019 }, presets);
    expect(area.ok ? [] : area.problems.map((p) => p.code)).toEqual(['preset_wrong_kind']);
    expect(area.ok ? '' : area.problems[0]!.message).toContain('area-carbon-neutral-2050');
  });
});

describe('area targets: the same pathway, status, trend and budget as an organisation\'s', () => {
  it('carbon neutral by 2050 with −40% by 2030 on 2019: pathway, cut achieved, status, budget, trend', async () => {
    const r = await judged([AREA_2050]);
    expect(r.targetProblems).toEqual([]);
    const [a] = r.targets;
    const p = a!.progress;
    expect(a).toMatchObject({ laCode: BCP, edition: '2005-2022' });
    expect(p.target).toMatchObject({ org: BCP, area: { laCode: BCP, measure: 'territorial' }, basis: 'calendar', baselineYear: 2019, targetYear: 2050, reductionPct: 100, scopes: [], sources: null });
    // Baseline 2019: 729.5 kt = 729,500 t, from the statistics.
    expect(p.baseline).toMatchObject({ year: 2019, label: '2019', tco2e: 729_500, origin: 'ledger' });
    // Pathway: 729,500 in 2019 → 60% of it, 437,700, in 2030 → 0 in 2050. The first stretch cuts
    // (729,500 − 437,700) ÷ 11 = 26,527.27 t a year, so 2022 asks 729,500 − 3 × 26,527.27 = 649,918.18 t
    // (a 3/11 × 40% = 10.909% cut); 2030 asks 437,700 and 2040 half of it, 218,850.
    const row = (y: number) => p.rows.find((x) => x.year === y)!;
    expect(row(2022).requiredTco2e).toBeCloseTo(649_918.18, 2);
    expect(row(2022).requiredReductionPct).toBeCloseTo(10.9091, 4);
    expect(row(2030).requiredTco2e).toBeCloseTo(437_700, 6);
    expect(row(2040).requiredTco2e).toBeCloseTo(218_850, 6);
    // 2022: 620,000 t, a cut of (729,500 − 620,000) ÷ 729,500 = 15.0103%, below the pathway: on track.
    expect(p.headline).toMatchObject({ year: 2022, label: '2022', actualTco2e: 620_000, status: 'on-track', statusReason: 'at-or-below-pathway' });
    expect(p.headline!.actualReductionPct).toBeCloseTo(15.0103, 4);
    // 2020 647,000 ≤ 702,972.73 and 2021 671,000 ≤ 676,445.45: on track both.
    expect(row(2021).requiredTco2e).toBeCloseTo(676_445.45, 2);
    expect([row(2020).status, row(2021).status]).toEqual(['on-track', 'on-track']);
    // Budget over 2019–2022: allowed 4 × 729,500 − 26,527.27 × (0 + 1 + 2 + 3) = 2,758,836.36 t;
    // emitted 729,500 + 647,000 + 671,000 + 620,000 = 2,667,500 t: 91,336.36 t under.
    expect(p.budget.comparedYears).toEqual([2019, 2020, 2021, 2022]);
    expect(p.budget.allowedInComparedYearsTco2e).toBeCloseTo(2_758_836.36, 2);
    expect(p.budget.emittedInComparedYearsTco2e).toBe(2_667_500);
    expect(p.budget.overBudgetTco2e).toBeCloseTo(-91_336.36, 2);
    // Trend, least squares over 2019–2022: Sxy = −1.5 × 62,625 − 0.5 × −19,875 + 0.5 × 4,125 + 1.5 × −46,875
    // = −152,250, Sxx = 5: −30,450 t a year from 666,875 at 2020.5, zero at 2020.5 + 21.90 = 2042.4: by 2043, in time.
    expect(p.projection!.line.slopeTco2ePerYear).toBeCloseTo(-30_450, 6);
    expect(p.projection).toMatchObject({ reachesTargetIn: 2043, reachesTargetByTargetYear: true });
    expect(p.milestones.map((m) => [m.label, m.state])).toEqual([['2030', 'pending'], ['2050', 'pending']]);
    expect(p.milestones[0]!.levelTco2e).toBeCloseTo(437_700, 6);
  });

  it('carbon neutral by 2030 on 2019: above the pathway by more than the margin and the trend misses: off track', async () => {
    const r = await judged([{ id: 'bcp-area-2030', area: BCP, preset: 'area-carbon-neutral-2030' }]);
    const p = r.targets[0]!.progress;
    // 729,500 ÷ 11 = 66,318.18 t a year: 2022 asks 729,500 − 198,954.55 = 530,545.45 t. 620,000 is
    // 89,454.55 t above, 12.26 points of the baseline (more than 5); the trend reaches zero in 2043,
    // after 2030: off track. 2021: 671,000 against 596,863.64, 10.16 points, trend over 2019–2021
    // (−29,250 t a year) misses too: off track. 2020: 647,000 ≤ 663,181.82: on track.
    const row = (y: number) => p.rows.find((x) => x.year === y)!;
    expect(row(2022).requiredTco2e).toBeCloseTo(530_545.45, 2);
    expect(row(2022).gapPctPoints).toBeCloseTo(12.2624, 4);
    expect([row(2020).status, row(2021).status, row(2022).status]).toEqual(['on-track', 'off-track', 'off-track']);
    expect(row(2022).statusReason).toBe('above-margin-and-trend-misses');
  });

  it('"measure": "influence" judges the total within the scope of influence of local authorities', async () => {
    const r = await judged([{ ...AREA_2050, measure: 'influence' }]);
    const p = r.targets[0]!.progress;
    // Baseline 610,000 t; 2022 515,000 t: a cut of 95,000 ÷ 610,000 = 15.5738%.
    expect(p.baseline.tco2e).toBe(610_000);
    expect(p.headline!.actualReductionPct).toBeCloseTo(15.5738, 4);
  });

  it('the edition counted is the newest: the 2005-2022 edition revises the 2019 baseline from 724,500 to 729,500 t', async () => {
    expect((await judged([AREA_2050], A)).targets[0]!.progress.baseline.tco2e).toBe(724_500);
    const both = await judged([AREA_2050], A, B);
    expect(both.targets[0]).toMatchObject({ edition: '2005-2022' });
    expect(both.targets[0]!.progress.baseline.tco2e).toBe(729_500);
  });

  it('a baseline year the edition does not hold is a problem, not a figure; targets of other authorities are left out', async () => {
    const r = await judged([{ ...AREA_2050, baselineYear: 2018 }, { id: 'dorset', area: 'E06000059', preset: 'area-carbon-neutral-2050' }]);
    expect(r.targets).toEqual([]);
    expect(r.targetProblems.map((p) => [p.code, p.org, p.target])).toEqual([['no_baseline', BCP, 'bcp-area-2050']]);
  });

  it('areaActuals takes whole calendar years, leaving out a year without the measure\'s figure', async () => {
    const [s] = (await judged([])).series;
    expect(areaActuals(s!, 'territorial').map((a) => [a.year, a.tco2e, a.complete])).toEqual([[2019, 729_500, true], [2020, 647_000, true], [2021, 671_000, true], [2022, 620_000, true]]);
    const noInfluence = { ...s!, years: s!.years.map((y) => (y.year === 2020 ? { ...y, influenceTCo2e: null } : y)) };
    expect(areaActuals(noInfluence, 'influence').map((a) => a.year)).toEqual([2019, 2021, 2022]);
  });

  it('the table shows each area target under its authority, with the pathway, status and milestones', async () => {
    const text = areaTable(await judged([AREA_2050]));
    expect(text).toContain('Target Area carbon neutral by 2050 on 2019 [bcp-area-2050, preset area-carbon-neutral-2050]: 100% by 2050 on 2019, 40% by 2030; on the territorial total');
    expect(text).toMatch(/2022 +620,000 +649,918 +15 +10\.9 +on track/);
    expect(text).toContain('Milestone 2030 (40%): pending.');
  });
});

describe('area targets in the config', () => {
  const config = (target: Record<string, unknown>): string => JSON.stringify({ version: 1, organisations: [{ id: 'bcp-council', name: 'BCP Council', kind: 'council', laCode: BCP }], targets: [target] });
  const problems = (target: Record<string, unknown>): string => userError(() => parseConfig(config(target), 'tco2e.config.json')).message;

  it('accepts an area target spelled out: 2019, carbon neutral by 2050, −40% by 2030, calendar', () => {
    const c = parseConfig(config({ id: 'bcp-area', area: BCP, baselineYear: 2019, targetYear: 2050, reductionPct: 100, interim: [{ year: 2030, reductionPct: 40 }], basis: 'calendar' }), 'tco2e.config.json');
    const r = resolveTarget(c.targets[0]!, presets);
    expect(r.ok && r.target).toMatchObject({ org: BCP, area: { laCode: BCP, measure: 'territorial' }, basis: 'calendar', targetYear: 2050 });
  });

  it('refuses an entry naming both an organisation and an area, or neither, and what does not apply to an area', () => {
    expect(problems({ id: 'x', org: 'bcp-council', area: BCP, preset: 'area-carbon-neutral-2050' })).toContain('targets.0.area: must name an organisation ("org") or an area ("area"), not both');
    expect(problems({ id: 'x', preset: 'area-carbon-neutral-2050' })).toContain('targets.0: must name an organisation ("org") or a local authority area ("area", its GSS code)');
    expect(problems({ id: 'x', area: BCP, preset: 'area-carbon-neutral-2050', scopes: [1] })).toContain('targets.0.scopes: does not apply to an area target');
    expect(problems({ id: 'x', area: BCP, preset: 'area-carbon-neutral-2050', basis: 'financial' })).toContain('targets.0.basis: must be "calendar" for an area target');
    expect(problems({ id: 'x', org: 'bcp-council', preset: 'council-net-zero-2030', baselineYear: 2019, measure: 'influence' })).toContain('targets.0.measure: applies to an area target only');
    expect(problems({ id: 'x', area: 'E6000058', preset: 'area-carbon-neutral-2050' })).toContain('targets.0.area: must be a local authority GSS code');
  });
});

describe('the CLI', () => {
  it('`area` shows the area target (table and JSON); `compare --la` puts the area beside the council, each on its own baseline', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tco2e-area-targets-cli-'));
    writeFileSync(join(dir, 'tco2e.config.json'), JSON.stringify({
      version: 1,
      organisations: [{ id: 'bcp-council', name: 'BCP Council', kind: 'council', laCode: BCP }],
      targets: [AREA_2050],
    }));
    Ledger.open(join(dir, 'tco2e-ledger.sqlite'), { create: true }).close();
    expect(runCli(dir, 'import', 'la-ghg', B).code).toBe(0);
    const json = JSON.parse(runCli(dir, 'area', '--la', BCP, '--json').stdout) as AreaReportWithTargets;
    expect(json.targets[0]!.progress.headline).toMatchObject({ year: 2022, actualTco2e: 620_000, status: 'on-track' });
    expect(runCli(dir, 'area', '--la', BCP).stdout).toContain('Milestone 2030 (40%): pending.');

    const cmp = runCli(dir, 'compare', '--orgs', 'bcp-council', '--la', BCP, '--json');
    expect(cmp.stderr).toBe('');
    const r = JSON.parse(cmp.stdout) as CompareWithAreas;
    // The area is indexed to its own earliest year, 2019: 2022 is 620 ÷ 729.5 × 100 = 84.9897.
    const s = r.area!.series[0]!;
    expect(s).toMatchObject({ laCode: BCP, baseYear: 2019 });
    expect(s.years.find((y) => y.year === 2022)!.index).toBeCloseTo(84.9897, 4);
    expect(r.area!.targets[0]!.progress.target.id).toBe('bcp-area-2050');
    const text = runCli(dir, 'compare', '--orgs', 'bcp-council', '--la', BCP).stdout;
    expect(text).toContain('Areas, from the local authority greenhouse gas statistics');
    expect(text).toMatch(/2022 +620,000 \(85\)/);
    expect(text).toContain('E06000058 target Area carbon neutral by 2050 on 2019 [bcp-area-2050]: 2022 620,000 t, a 15% cut on 2019 (the pathway asks 10.9%): on track; trend reaches the target level in 2043.');
    // Without --la there is no area.
    expect((JSON.parse(runCli(dir, 'compare', '--orgs', 'bcp-council', '--json').stdout) as CompareWithAreas).area).toBeNull();
  }, 90_000);
});
