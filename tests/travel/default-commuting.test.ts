import { describe, expect, it } from 'vitest';
import { emissionsReport } from '../../src/aggregate/emissions-query.js';
import { footprint, type AnalysisContext } from '../../src/aggregate/footprint.js';
import { parsePolicy } from '../../src/convert/policy.js';
import type { EmissionLine } from '../../src/kernel/emission-line.js';
import { sourceName } from '../../src/render/source-names.js';
import { partsByYear } from '../../src/targets/comparable.js';
import { splitChange } from '../../src/targets/like-for-like.js';
import { DEFAULT_COMMUTING_SOURCE, defaultCommutingMsg } from '../../src/travel/default-commuting.js';
import { ConfigSchema, DEFAULT_COMMUTE } from '../../src/workspace/config.js';
import { library, SURVEY_HEADER, workspace } from './setup.js';

// Read by hand from data/factors/uk-gov-2019.json, the miles rows of "Average car", "Unknown".
const CAR_MILE_2019 = 0.28502; // car.average.unknown, kg CO2e per mile
const CAR_WTT_MILE_2019 = 0.07279; // car.average.unknown.wtt, kg CO2e per mile
// data/factors/uk-gov-2021.json, the same row.
const CAR_MILE_2021 = 0.27596;

/** A config for North Acute with its denominators and travel settings. */
function configWith(denominators: readonly Record<string, unknown>[], travel: Record<string, unknown> = {}) {
  return ConfigSchema.parse({
    version: 1,
    organisations: [{
      id: 'north-acute', name: 'North Acute', kind: 'nhs-trust',
      sites: [{ id: 'main', name: 'Main Hospital' }, { id: 'hub', name: 'Community Hub' }],
      denominators, travel,
    }],
  });
}

const WTE_2019 = [{ year: '2019/20', staffWte: 3102 }];
const FY2019 = { from: '2019-04-01', to: '2020-03-31' };
const defaults = (lines: readonly EmissionLine[]): EmissionLine[] => lines.filter((l) => l.source === DEFAULT_COMMUTING_SOURCE);

describe('commuting by the default method where there is no staff travel survey', () => {
  it('counts staff WTE × 961 miles by average car, with its WTT, and says so', () => {
    const { ledger } = workspace();
    const ctx: AnalysisContext = { ledger, library, config: configWith(WTE_2019) };
    const fp = footprint(ctx, { orgs: ['north-acute'], ...FY2019 });
    const main = defaults(fp.lines).filter((l) => l.kind === 'main');
    const wtt = defaults(fp.lines).filter((l) => l.kind === 'wtt');
    expect(main).toHaveLength(1);
    expect(wtt).toHaveLength(1);
    // 3,102 WTE × 961 miles = 2,981,022 miles; × 0.28502 kg/mile (2019) = 849,650.89044 kg.
    expect(main[0]!.quantity).toBe(2_981_022);
    expect(main[0]!.kgCo2e).toBeCloseTo(849_650.89044, 4);
    // The WTT: 2,981,022 miles × 0.07279 kg/mile (2019) = 216,988.59138 kg.
    expect(wtt[0]!.kgCo2e).toBeCloseTo(216_988.59138, 4);
    expect(main[0]).toMatchObject({
      org: 'north-acute', site: null, unit: 'miles', factorKey: 'car.average.unknown', factorYear: 2019, factorKgPerUnit: CAR_MILE_2019,
      scope: 3, scopeCategory: 7, estimated: true, periodStart: '2019-04-01', periodEnd: '2020-03-31',
      trace: { file: 'tco2e.config.json', line: 0, batchId: null },
    });
    expect(wtt[0]).toMatchObject({ factorKey: 'car.average.unknown.wtt', factorKgPerUnit: CAR_WTT_MILE_2019, estimated: true });
    expect(main[0]!.trace.note).toBe(`default method (no staff travel survey): 3,102 WTE × 961 miles a year = 2,981,022 miles, average car (unknown fuel); ${DEFAULT_COMMUTE.source}; tier 3 estimate`);
    expect(fp.warnings).toContainEqual({ code: 'commuting_default_method', message: defaultCommutingMsg.estimated('north-acute', [{ year: 2019, staffWte: 3102 }], 5, 961, DEFAULT_COMMUTE.source) });
    expect(fp.warnings.find((w) => w.code === 'commuting_default_method')!.message)
      .toBe(`north-acute: no staff travel survey in 2019/20 or the 5 years before; commuting there is estimated by the default method: 3,102 WTE × 961 miles a year by average car (${DEFAULT_COMMUTE.source}), tier 3.`);
    expect(sourceName(DEFAULT_COMMUTING_SOURCE)).toBe('Staff commuting (default method)');

    // The WTT is counted only when the query asks for it: 849,650.89044 + 216,988.59138 = 1,066,639.48182 kg.
    const query = { org: 'north-acute', period: '2019/20', by: 'year', yearBasis: 'financial', scope2: 'location', fill: 'none' } as const;
    expect(emissionsReport(ctx, { ...query, wtt: false }).result.total.kgCo2e).toBeCloseTo(849_650.89044, 4);
    expect(emissionsReport(ctx, { ...query, wtt: true }).result.total.kgCo2e).toBeCloseTo(1_066_639.48182, 4);
  });

  it('is clipped to the query\'s dates like survey commuting', () => {
    const { ledger } = workspace();
    const ctx: AnalysisContext = { ledger, library, config: configWith(WTE_2019) };
    // April to June 2019: 91 of the year's 366 days (2020 is a leap year, February 29 falls in it).
    const fp = footprint(ctx, { orgs: ['north-acute'], from: '2019-04-01', to: '2019-06-30' });
    const main = defaults(fp.lines).find((l) => l.kind === 'main')!;
    expect(main.periodEnd).toBe('2019-06-30');
    expect(main.kgCo2e).toBeCloseTo((849_650.89044 * 91) / 366, 4);
  });

  it('follows the query\'s factor policy, as survey commuting does', () => {
    const { ledger } = workspace();
    const config = configWith([{ year: '2021/22', staffWte: 2000 }]);
    const ctx: AnalysisContext = { ledger, library, config };
    const q = { orgs: ['north-acute'], from: '2021-04-01', to: '2022-03-31' };
    const own = defaults(footprint(ctx, q).lines).find((l) => l.kind === 'main')!;
    const fixed = defaults(footprint(ctx, { ...q, policy: parsePolicy('fixed:2019') }).lines).find((l) => l.kind === 'main')!;
    // 2,000 × 961 = 1,922,000 miles; × 0.27596 (2021 set) = 530,395.12 kg; × 0.28502 (2019 set) = 547,808.44 kg.
    expect(own).toMatchObject({ factorYear: 2021, factorKgPerUnit: CAR_MILE_2021 });
    expect(own.kgCo2e).toBeCloseTo(530_395.12, 4);
    expect(fixed).toMatchObject({ factorYear: 2019, factorKgPerUnit: CAR_MILE_2019 });
    expect(fixed.kgCo2e).toBeCloseTo(547_808.44, 4);
  });

  it('leaves commuting out where the config says so, and says that it did', () => {
    const { ledger } = workspace();
    const ctx: AnalysisContext = { ledger, library, config: configWith(WTE_2019, { commutingWithoutSurvey: 'leave-out' }) };
    const fp = footprint(ctx, { orgs: ['north-acute'], ...FY2019 });
    expect(fp.lines.filter((l) => l.scopeCategory === 7)).toEqual([]);
    expect(fp.warnings).toContainEqual({ code: 'commuting_left_out', message: defaultCommutingMsg.leftOut('north-acute', [2019], 5, true) });
    expect(fp.warnings.find((w) => w.code === 'commuting_left_out')!.message).toContain('commuting is left out there, as the config chooses');
    expect(fp.warnings.map((w) => w.code)).not.toContain('commuting_default_method');
  });

  it('by default estimates an NHS trust\'s, as the NHS portal did, and leaves a council\'s out, saying so', () => {
    const { ledger } = workspace();
    const council = ConfigSchema.parse({ version: 1, organisations: [{ id: 'city', name: 'City Council', kind: 'council', denominators: WTE_2019 }] });
    const fp = footprint({ ledger, library, config: council }, { orgs: ['city'], ...FY2019 });
    expect(fp.lines.filter((l) => l.scopeCategory === 7)).toEqual([]);
    expect(fp.warnings).toContainEqual({ code: 'commuting_left_out', message: defaultCommutingMsg.leftOut('city', [2019], 5, false) });
    expect(fp.warnings.find((w) => w.code === 'commuting_left_out')!.message).toContain('not an NHS trust');
    // The same council choosing the estimate gets it.
    const chosen = ConfigSchema.parse({ version: 1, organisations: [{ id: 'city', name: 'City Council', kind: 'council', denominators: WTE_2019, travel: { commutingWithoutSurvey: 'estimate' } }] });
    expect(defaults(footprint({ ledger, library, config: chosen }, { orgs: ['city'], ...FY2019 }).lines).filter((l) => l.kind === 'main')).toHaveLength(1);
  });

  it('says what to add when a year has neither a survey nor a WTE figure', () => {
    const { ledger } = workspace();
    const ctx: AnalysisContext = { ledger, library, config: configWith([{ year: '2018/19', staffWte: 3000 }]) };
    const fp = footprint(ctx, { orgs: ['north-acute'], ...FY2019 });
    expect(fp.lines.filter((l) => l.scopeCategory === 7)).toEqual([]);
    expect(fp.warnings).toContainEqual({ code: 'commuting_no_wte', message: defaultCommutingMsg.noWte('north-acute', [2019]) });
    expect(fp.warnings.find((w) => w.code === 'commuting_no_wte')!.message).toContain('add staffWte to the organisation\'s denominators in tco2e.config.json');
    expect(fp.warnings.map((w) => w.code)).not.toContain('commuting_default_method');
  });
});

describe('a survey next to years by the default method', () => {
  // Wave "2021 autumn" (financial year 2021/22). No site is answered, so the survey's commuting and
  // the default method's differ only in where they come from, not in the site they are put at.
  const WAVE_2021 = [
    SURVEY_HEADER,
    'C1,,Nursing,Drive alone,,10km,5',
    'C2,,Admin,Bus,,8km,5',
  ];

  async function surveyed() {
    const ws = workspace();
    await ws.importFile('survey-2021.csv', WAVE_2021, '2021 autumn');
    const config = configWith(WTE_2019, { headcount: [{ year: '2021/22', headcount: 100 }] });
    const ctx: AnalysisContext = { ledger: ws.ledger, library, config };
    return ctx;
  }
  const q = { orgs: ['north-acute'], from: '2019-04-01', to: '2023-03-31' };
  const inYear = (lines: readonly EmissionLine[], y: number): EmissionLine[] => lines.filter((l) => l.scopeCategory === 7 && l.kind === 'main' && l.periodStart.startsWith(String(y)));

  it('uses the default method before the survey, the survey in its year, and carries it forward after', async () => {
    const ctx = await surveyed();
    const fp = footprint(ctx, q);
    expect(inYear(fp.lines, 2019).map((l) => l.source)).toEqual([DEFAULT_COMMUTING_SOURCE]);
    // 2020/21 has no WTE figure and the survey is later: nothing, and the warning says why.
    expect(inYear(fp.lines, 2020)).toEqual([]);
    expect(fp.warnings).toContainEqual({ code: 'commuting_no_wte', message: defaultCommutingMsg.noWte('north-acute', [2020]) });
    const survey = inYear(fp.lines, 2021);
    expect(survey.map((l) => l.source).sort()).toEqual(['commuting:bus', 'commuting:drive_alone']);
    expect(survey.every((l) => l.trace.file === 'survey-2021.csv' && l.site === null)).toBe(true);
    const carried = inYear(fp.lines, 2022);
    expect(carried.map((l) => l.source).sort()).toEqual(['commuting:bus', 'commuting:drive_alone']);
    expect(carried.every((l) => l.trace.note?.includes('carried forward from the 2021/22 survey wave'))).toBe(true);
    expect(fp.warnings.find((w) => w.code === 'commuting_default_method')!.message).toContain('no staff travel survey in 2019/20 or the 5 years before');
  });

  it('reads the change from the default method to the survey as a change of method, not as using less', async () => {
    const ctx = await surveyed();
    const reportedLines = footprint(ctx, q).lines;
    const fixedLines = footprint(ctx, { ...q, policy: parsePolicy('fixed:2019') }).lines;
    const reportedParts = partsByYear(reportedLines, 'financial-year');
    const fixedParts = partsByYear(fixedLines, 'financial-year');
    const series = (parts: Map<number, Map<string, number>>) => [...parts].map(([year, p]) => ({ year, tco2e: [...p.values()].reduce((s, v) => s + v, 0) }));
    const r = splitChange({ reported: series(reportedParts), fixedFactors: series(fixedParts), fixedYear: 2019, reportedParts, fixedParts }, 2019, 2021);
    if (!r.ok) throw new Error(r.problems.join('\n'));
    // The only thing in either year is commuting, by a different method in each: none of the
    // change is using less or the factors; all of it is coverage.
    const reported2019 = series(reportedParts).find((p) => p.year === 2019)!.tco2e;
    const reported2021 = series(reportedParts).find((p) => p.year === 2021)!.tco2e;
    // 2019/20 is the default method's 849.65089044 t; 2021/22 the survey's, scaled to 100 staff.
    expect(reported2019).toBeCloseTo(849.65089044, 6);
    expect(reported2021).toBeGreaterThan(0);
    expect(r.split.totalChangeTco2e).toBeCloseTo(reported2021 - reported2019, 9);
    expect(r.split.fromUsingLessTco2e).toBe(0);
    expect(r.split.fromFactorsTco2e).toBe(0);
    expect(r.split.fromCoverageTco2e).toBeCloseTo(reported2021 - reported2019, 9);
    expect(r.split.steps).toEqual([{ group: 'commuting', sites: [], surveyChanged: false, methodChanged: true }]);
  });
});
