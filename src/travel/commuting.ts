/**
 * Staff commuting emissions from survey waves (Scope 3 category 7).
 *
 * Per respondent, a year of commuting is one-way distance × 2 × days a week on site × working
 * weeks a year (config `travel.workingWeeks`, default 46), in the mode's factor unit; a car's
 * km are divided by the people in it (see `commute-factors.ts` for the keys). People who work from
 * home have no journeys, and the days they work at home are already outside "days a week on site".
 * Respondents are then scaled to the headcount (`headcount.ts`).
 *
 * A wave describes the financial year it is dated to (`waves.ts`); a report period takes each
 * year's commuting pro rata by days, and where two waves fall in one year the later one is used.
 * The engine converts each respondent's scaled distance, so the factor year follows the policy
 * and every line carries the full trace; its WTT companions come along where the year's set
 * publishes them. Conversions are dated to the first day of the year's part inside the period
 * (1 April for a whole financial year), so the financial-year policy uses that year's set and the
 * calendar-year policy the set of the calendar year it starts in.
 */

import type { EmissionLine } from '../kernel/emission-line.js';
import { financialYearLabel, type FactorPolicy } from '../convert/policy.js';
import type { FactorLibrary } from '../factors/library.js';
import { COMMUTE_MODES, type CommuteMode } from '../map/survey.js';
import type { OrganisationConfig } from '../workspace/config.js';
import { commuteFactor, type ModeFactor } from './commute-factors.js';
import { Tally, convertTravel, emissionLine, type Figure } from './engine.js';
import { scaleWave, siteOf, type WaveScale } from './headcount.js';
import { travelMsg } from './travel-text.js';
import { financialYearOf, yearShare, type ReportPeriod } from './period.js';
import type { CommutingMode, CommutingResult, CommutingWave, TravelWarning } from './types.js';
import type { StoredResponse, SurveyWave, WaveDate } from './waves.js';

interface Planned {
  readonly r: StoredResponse;
  readonly factor: ModeFactor;
  /** A year of the respondent's commuting in the factor's unit (a car: their share of its km). */
  readonly quantity: number;
  readonly occupants: number;
  readonly respondentKg: number;
}

interface ModeSums {
  keys: Set<string>;
  respondents: number;
  respondentKm: number;
  respondentKgCo2e: number;
  scaledKm: number;
  kgCo2e: number;
  wttKgCo2e: number;
  tdKgCo2e: number;
}

const ROUND = (n: number): string => String(Math.round(n * 1000) / 1000);

function mainKg(figures: readonly Figure[]): number {
  return figures.filter((f) => f.kind === 'main').reduce((s, f) => s + f.result.kgCo2e, 0);
}

/** What every conversion of one wave shares. */
interface WaveRun {
  readonly library: FactorLibrary;
  readonly org: OrganisationConfig;
  readonly policy: FactorPolicy;
  /** The first day of the year's part inside the report period: every conversion is dated to it. */
  readonly date: string;
  readonly weeks: number;
}

/** Respondents left out, by reason, and site answers the config does not know: the wave's warnings. */
interface LeftOut {
  missingAnswers: number;
  conversionFailed: number;
  readonly noFactor: Map<string, number>;
  readonly failures: Map<string, number>;
  readonly unknownSites: Map<string, number>;
}

type Modes = Map<CommuteMode, ModeSums>;

function sumsOf(modes: Modes, mode: CommuteMode): ModeSums {
  let m = modes.get(mode);
  if (!m) modes.set(mode, (m = { keys: new Set(), respondents: 0, respondentKm: 0, respondentKgCo2e: 0, scaledKm: 0, kgCo2e: 0, wttKgCo2e: 0, tdKgCo2e: 0 }));
  return m;
}

/** One wave's commuting for the part of its year inside the report period. */
export function commuteWave(
  library: FactorLibrary,
  org: OrganisationConfig,
  wave: SurveyWave,
  dating: WaveDate,
  year: { readonly part: ReportPeriod; readonly share: number },
  policy: FactorPolicy,
  tally: Tally,
): { wave: CommutingWave; lines: EmissionLine[]; warnings: TravelWarning[] } {
  const run: WaveRun = { library, org, policy, date: year.part.start, weeks: org.travel.workingWeeks };
  const modes: Modes = new Map();
  const left: LeftOut = { missingAnswers: 0, conversionFailed: 0, noFactor: new Map(), failures: new Map(), unknownSites: new Map() };
  const planned = planResponses(run, wave.responses, modes, left);
  const scale = scaleWave(org, dating.financialYear, wave.label, wave.responses.map((r, i) => ({ site: r.site, staffGroup: r.staffGroup, usable: planned[i] !== undefined })));
  const lines = scaledLines(run, planned, scale, year, tally, modes);
  const warnings = [...scale.warnings, ...leftOutWarnings(wave.label, left)];

  const modeRows = modeRowsOf(modes);
  const total = (k: 'kgCo2e' | 'wttKgCo2e' | 'tdKgCo2e' | 'respondentKgCo2e'): number => modeRows.reduce((s, m) => s + m[k], 0);
  const usable = planned.filter((p) => p !== undefined).length;
  return {
    wave: {
      wave: wave.label, financialYear: dating.financialYear, datedBy: dating.datedBy, date: dating.date, share: year.share, files: wave.files,
      respondents: wave.responses.length, usableRespondents: usable,
      excluded: { missingAnswers: left.missingAnswers, noFactor: [...left.noFactor.values()].reduce((s, n) => s + n, 0), conversionFailed: left.conversionFailed },
      scaling: scale.scaling, modes: modeRows, respondentKgCo2e: total('respondentKgCo2e'),
      kgCo2e: total('kgCo2e'), wttKgCo2e: total('wttKgCo2e'), tdKgCo2e: total('tdKgCo2e'),
    },
    lines,
    warnings,
  };
}

/**
 * First pass: who can be counted, and each one's own year of commuting (`zero` for those with no
 * journeys, undefined for those left out). Its conversions are counted again in the second pass,
 * so what they would say is said there, once.
 */
function planResponses(run: WaveRun, responses: readonly StoredResponse[], modes: Modes, left: LeftOut): (Planned | 'zero' | undefined)[] {
  const scratch = new Tally();
  return responses.map((r) => {
    sumsOf(modes, r.mode).respondents += 1;
    if (r.site !== null && siteOf(run.org, r.site) === undefined) left.unknownSites.set(r.site, (left.unknownSites.get(r.site) ?? 0) + 1);
    if (r.mode === 'work_from_home') return 'zero';
    if (r.oneWayKm === null || r.daysPerWeek === null) {
      left.missingAnswers += 1;
      return undefined;
    }
    const choice = commuteFactor(r.mode, r.detail, { size: r.carSize, fuel: r.carFuel });
    if (choice.kind === 'zero') return 'zero';
    if (choice.kind === 'none') {
      left.noFactor.set(choice.detail, (left.noFactor.get(choice.detail) ?? 0) + 1);
      return undefined;
    }
    const occupants = r.mode === 'car_share' ? Math.max(r.occupants ?? 2, 1) : 1;
    const quantity = (r.oneWayKm * 2 * r.daysPerWeek * run.weeks) / (choice.factor.unit === 'km' ? occupants : 1);
    const own = convertTravel(run.library, { keys: choice.factor.keys, quantity, unit: choice.factor.unit, date: run.date, use: 'commuting' }, run.policy, scratch);
    if ('error' in own) {
      left.conversionFailed += 1;
      left.failures.set(own.error, (left.failures.get(own.error) ?? 0) + 1);
      return undefined;
    }
    let respondentKg = mainKg(own);
    if (choice.factor.electricityKey !== undefined) {
      const ev = convertTravel(run.library, { keys: [choice.factor.electricityKey], quantity, unit: 'km', date: run.date, use: 'commuting' }, run.policy, scratch);
      if (!('error' in ev)) respondentKg += mainKg(ev);
    }
    return { r, factor: choice.factor, quantity, occupants, respondentKg };
  });
}

/** Second pass: each counted respondent's year scaled to the headcount and the year's share, as lines. */
function scaledLines(run: WaveRun, planned: readonly (Planned | 'zero' | undefined)[], scale: WaveScale, year: { readonly part: ReportPeriod; readonly share: number }, tally: Tally, modes: Modes): EmissionLine[] {
  const lines: EmissionLine[] = [];
  planned.forEach((p, i) => {
    if (p === undefined || p === 'zero') return;
    const factor = scale.factors[i] ?? null;
    const multiplier = (factor ?? 1) * year.share;
    const quantity = p.quantity * multiplier;
    const m = sumsOf(modes, p.r.mode);
    m.respondentKm += p.quantity;
    m.respondentKgCo2e += p.respondentKg;
    m.scaledKm += quantity;
    const note = travelMsg.lineNote(distanceWorking(p, run.weeks), scale.groupText[i] ?? null, factor, scale.scaling.basis, year.share);
    const place = {
      org: run.org.id, site: p.r.site, periodStart: year.part.start, periodEnd: year.part.end, estimated: true,
      trace: { file: p.r.fileName, line: p.r.line, batchId: p.r.batchId, note },
    };
    const runs: [string, readonly string[]][] = [[`commuting:${p.r.mode}`, p.factor.keys]];
    if (p.factor.electricityKey !== undefined) runs.push([`commuting:${p.r.mode}:electricity`, [p.factor.electricityKey]]);
    for (const [source, keys] of runs) {
      const figures = convertTravel(run.library, { keys, quantity, unit: p.factor.unit, date: run.date, use: 'commuting' }, run.policy, tally);
      if ('error' in figures) continue; // converted in the first pass with the same keys, unit and date
      for (const f of figures) {
        lines.push(emissionLine(f, { ...place, source }));
        if (f.kind === 'main') {
          m.keys.add(f.result.key);
          m.kgCo2e += f.result.kgCo2e;
        } else if (f.kind === 'wtt') m.wttKgCo2e += f.result.kgCo2e;
        else if (f.kind === 'td') m.tdKgCo2e += f.result.kgCo2e;
      }
    }
  });
  return lines;
}

/** The respondent's year of commuting as worked out, for the line's note. */
function distanceWorking(p: Planned, weeks: number): string {
  const annualKm = p.r.oneWayKm! * 2 * p.r.daysPerWeek! * weeks;
  return `${ROUND(p.r.oneWayKm!)} km one way × 2 × ${ROUND(p.r.daysPerWeek!)} days a week × ${weeks} weeks = ${ROUND(annualKm)} km a year`
    + (p.occupants > 1 ? ` ÷ ${p.occupants} people in the car` : '');
}

function leftOutWarnings(w: string, left: LeftOut): TravelWarning[] {
  const warnings: TravelWarning[] = [];
  if (left.missingAnswers > 0) warnings.push({ code: 'missing_answers', message: travelMsg.missingAnswers(w, left.missingAnswers), wave: w, count: left.missingAnswers });
  for (const [detail, n] of left.noFactor) warnings.push({ code: 'mode_without_factor', message: travelMsg.modeWithoutFactor(w, n, detail.replace(/_/g, ' ')), wave: w, count: n });
  for (const [reason, n] of left.failures) warnings.push({ code: 'conversion_failed', message: travelMsg.conversionFailed(w, n, reason), wave: w, count: n });
  for (const [site, n] of left.unknownSites) warnings.push({ code: 'survey_site_unknown', message: travelMsg.surveySiteUnknown(w, site, n), wave: w, site, count: n });
  return warnings;
}

/** The modes answered, in the vocabulary's order. */
function modeRowsOf(modes: Modes): CommutingMode[] {
  return COMMUTE_MODES.filter((mode) => modes.has(mode)).map((mode) => {
    const m = modes.get(mode)!;
    return {
      mode, factorKeys: [...m.keys].sort(), respondents: m.respondents, respondentKm: m.respondentKm, respondentKgCo2e: m.respondentKgCo2e,
      scaledKm: m.scaledKm, kgCo2e: m.kgCo2e, wttKgCo2e: m.wttKgCo2e, tdKgCo2e: m.tdKgCo2e,
    };
  });
}

/**
 * Commuting for every financial year the period touches: the latest wave dated to each year,
 * pro rata by the days of the year inside the period. A year with no wave is said, not filled.
 */
export function commutingForPeriod(
  library: FactorLibrary,
  org: OrganisationConfig,
  waves: readonly SurveyWave[],
  period: ReportPeriod,
  policy: FactorPolicy,
  tally: Tally,
): { result: CommutingResult; warnings: TravelWarning[] } {
  const warnings: TravelWarning[] = [];
  const results: CommutingWave[] = [];
  const lines: EmissionLine[] = [];
  for (let fy = financialYearOf(period.start); fy <= financialYearOf(period.end); fy++) {
    const year = yearShare(fy, period);
    if (year === undefined) continue;
    const label = financialYearLabel(fy);
    const candidates = waves.filter((w) => w.dating?.startYear === fy); // already in date order
    const used = candidates[candidates.length - 1];
    if (used === undefined) {
      warnings.push({ code: 'no_survey_for_year', message: travelMsg.noSurveyForYear(label) });
      continue;
    }
    for (const w of candidates.slice(0, -1)) warnings.push({ code: 'wave_not_used', message: travelMsg.waveNotUsed(w.label, label, used.label), wave: w.label });
    const r = commuteWave(library, org, used, used.dating!, year, policy, tally);
    results.push(r.wave);
    lines.push(...r.lines);
    warnings.push(...r.warnings);
  }
  const total = (k: 'kgCo2e' | 'wttKgCo2e' | 'tdKgCo2e'): number => results.reduce((s, w) => s + w[k], 0);
  return { result: { kgCo2e: total('kgCo2e'), wttKgCo2e: total('wttKgCo2e'), tdKgCo2e: total('tdKgCo2e'), waves: results, lines }, warnings };
}
