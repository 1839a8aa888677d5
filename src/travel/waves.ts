/**
 * Survey waves as stored (`tco2e import journeys --wave …`), and which financial year each one
 * describes.
 *
 * A wave is every active import's responses stored under one label for the organisation (a
 * survey split into one file per site is one wave). Its year, first rule that applies:
 * 1. the caller's `waveYears` entry for the label: a financial year (`2024/25`) or a date;
 * 2. a financial year in the label: "2024/25 staff survey" → 2024/25;
 * 3. a year with a month or season in the label: "October 2024", "2024 autumn". Seasons are
 *    dated to their middle month (spring April, summer July, autumn October), and the date
 *    decides the financial year (April to March). Winter is taken as January of the year named,
 *    with a warning, since "winter 2024" is used for both ends of a year;
 * 4. the dates of the wave's imports, when they carry any (a survey export with dated answers);
 * 5. a year alone in the label: "2024 survey" → 2024/25, the financial year holding nine of the
 *    calendar year's twelve months (the same reading the factor-year policy makes of a year);
 * 6. otherwise the wave is undated: it still has mode shares, but no emissions and no comparison.
 *
 * Patient and visitor travel surveys are stored in the same table, each response with its
 * respondent type (staff responses have none): `readWaves` returns staff waves only,
 * `readVisitorWaves` patient and visitor waves, dated by the same rules.
 */

import { financialYearLabel, isIsoDate } from '../convert/policy.js';
import { UserError } from '../kernel/errors.js';
import { COMMUTE_MODES, type CommuteMode } from '../map/survey.js';
import type { Ledger } from '../store/ledger.js';
import { financialYearOf, parseFinancialYear } from './period.js';
import type { WaveDating } from './types.js';

export interface StoredResponse {
  readonly batchId: number;
  readonly fileName: string;
  readonly line: number;
  readonly respondent: string | null;
  readonly site: string | null;
  readonly staffGroup: string | null;
  readonly mode: CommuteMode;
  readonly occupants: number | null;
  readonly oneWayKm: number | null;
  readonly daysPerWeek: number | null;
  readonly detail: string | null;
  readonly carFuel: string | null;
  readonly carSize: string | null;
  readonly carShareRole: 'driver' | 'passenger' | null;
}

export interface WaveDate {
  /** First year of the financial year the wave describes. */
  readonly startYear: number;
  readonly financialYear: string;
  /** The date the wave is placed at, for ordering waves. */
  readonly date: string;
  readonly datedBy: WaveDating;
  readonly winter: boolean;
}

export interface SurveyWave {
  readonly label: string;
  readonly dating: WaveDate | undefined;
  readonly files: readonly string[];
  /** Highest import id: breaks ties between waves placed on the same date. */
  readonly lastBatchId: number;
  readonly responses: readonly StoredResponse[];
}

interface Row {
  batchId: number;
  fileName: string;
  batchStart: string | null;
  line: number;
  wave: string;
  respondent: string | null;
  site: string | null;
  staffGroup: string | null;
  mainMode: string;
  occupants: number | null;
  oneWayKm: number | null;
  daysPerWeek: number | null;
  extraJson: string | null;
}

const MODES: ReadonlySet<string> = new Set(COMMUTE_MODES);

function textOf(extra: Record<string, unknown>, key: string): string | null {
  const v = extra[key];
  return typeof v === 'string' ? v : null;
}

/** The stored mode, within the vocabulary: the import stores only the vocabulary; anything else would be a ledger written by hand. */
function modeOf(mainMode: string): CommuteMode {
  return MODES.has(mainMode) ? (mainMode as CommuteMode) : 'other';
}

function response(r: Row): StoredResponse {
  const extra = r.extraJson === null ? {} : (JSON.parse(r.extraJson) as Record<string, unknown>);
  const role = textOf(extra, 'carShareRole');
  return {
    batchId: r.batchId, fileName: r.fileName, line: r.line, respondent: r.respondent, site: r.site, staffGroup: r.staffGroup,
    mode: modeOf(r.mainMode),
    occupants: r.occupants, oneWayKm: r.oneWayKm, daysPerWeek: r.daysPerWeek,
    detail: textOf(extra, 'modeDetail'), carFuel: textOf(extra, 'carFuel'), carSize: textOf(extra, 'carSize'),
    carShareRole: role === 'driver' || role === 'passenger' ? role : null,
  };
}

const MONTHS: readonly (readonly [RegExp, number])[] = [
  [/\bjan(uary)?\b/, 1], [/\bfeb(ruary)?\b/, 2], [/\bmar(ch)?\b/, 3], [/\bapr(il)?\b/, 4], [/\bmay\b/, 5], [/\bjune?\b/, 6],
  [/\bjuly?\b/, 7], [/\baug(ust)?\b/, 8], [/\bsept?(ember)?\b/, 9], [/\boct(ober)?\b/, 10], [/\bnov(ember)?\b/, 11], [/\bdec(ember)?\b/, 12],
];
const SEASONS: readonly (readonly [RegExp, number])[] = [[/\bspring\b/, 4], [/\bsummer\b/, 7], [/\b(autumn|fall)\b/, 10], [/\bwinter\b/, 1]];

function at(date: string, datedBy: WaveDating, winter = false): WaveDate {
  const startYear = financialYearOf(date);
  return { startYear, financialYear: financialYearLabel(startYear), date, datedBy, winter };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A `waveYears` entry: a financial year or an ISO date; anything else is the caller's mistake. */
function fromOverride(label: string, text: string): WaveDate {
  const fy = parseFinancialYear(text);
  if (fy !== undefined) return at(`${fy}-10-01`, 'override');
  if (isIsoDate(text)) return at(text, 'override');
  throw new UserError('bad_wave_year', `The year given for survey wave "${label}" ("${text}") is neither a financial year like 2024/25 nor a date YYYY-MM-DD.`, 'Give the wave\'s financial year, e.g. "2024/25", or the date it ran.');
}

/** Which financial year a wave describes (rules in the module comment); undefined if none. */
export function dateWave(label: string, batchStarts: readonly string[], override?: string): WaveDate | undefined {
  if (override !== undefined) return fromOverride(label, override);
  const words = label.toLowerCase();
  const fyMatch = /\b(\d{4}\s*[/-]\s*(?:\d{4}|\d{2}))\b/.exec(words);
  const fy = fyMatch ? parseFinancialYear(fyMatch[1]!) : undefined;
  if (fy !== undefined) return at(`${fy}-10-01`, 'label_financial_year');
  const yearMatch = /\b(19|20)\d{2}\b/.exec(words);
  const year = yearMatch ? Number(yearMatch[0]) : undefined;
  if (year !== undefined) {
    const month = MONTHS.find(([re]) => re.test(words))?.[1];
    if (month !== undefined) return at(`${year}-${pad(month)}-15`, 'label_month');
    const season = SEASONS.find(([re]) => re.test(words))?.[1];
    if (season !== undefined) return at(`${year}-${pad(season)}-15`, 'label_season', season === 1);
  }
  const earliest = [...batchStarts].sort()[0];
  if (earliest !== undefined) return at(earliest, 'batch_period');
  if (year !== undefined) return at(`${year}-07-01`, 'label_year');
  return undefined;
}

/** The organisation's survey waves in active imports, in date order (undated waves last). */
export function readWaves(ledger: Ledger, org: string, waveYears: Readonly<Record<string, string>> = {}): SurveyWave[] {
  const rows = ledger.select<Row>(`
    SELECT s.batch_id AS batchId, b.file_name AS fileName, b.period_start AS batchStart, s.line, s.wave, s.respondent, s.site,
      s.staff_group AS staffGroup, s.main_mode AS mainMode, s.occupants, s.one_way_km AS oneWayKm, s.days_per_week AS daysPerWeek,
      s.extra_json AS extraJson
    FROM survey_responses s JOIN batches b ON b.id = s.batch_id
    WHERE b.status = 'active' AND s.org = ? AND s.respondent_type IS NULL
    ORDER BY s.wave, s.batch_id, s.line`, [org]);
  return groupWaves(rows, waveYears, response).sort(compareWaves);
}

/** Stored rows grouped into waves by label, each dated (rules in the module comment). */
function groupWaves<R extends Pick<Row, 'wave' | 'batchStart' | 'fileName' | 'batchId'>, T>(rows: readonly R[], waveYears: Readonly<Record<string, string>>, read: (r: R) => T): { label: string; dating: WaveDate | undefined; files: string[]; lastBatchId: number; responses: T[] }[] {
  const byWave = new Map<string, R[]>();
  for (const r of rows) {
    let list = byWave.get(r.wave);
    if (!list) byWave.set(r.wave, (list = []));
    list.push(r);
  }
  return [...byWave].map(([label, list]) => ({
    label,
    dating: dateWave(label, [...new Set(list.map((r) => r.batchStart).filter((s): s is string => s !== null))], waveYears[label]),
    files: [...new Set(list.map((r) => r.fileName))],
    lastBatchId: Math.max(...list.map((r) => r.batchId)),
    responses: list.map(read),
  }));
}

export type VisitorType = 'patient' | 'visitor' | 'carer' | 'unknown';
const VISITOR_TYPES: ReadonlySet<string> = new Set<VisitorType>(['patient', 'visitor', 'carer', 'unknown']);

/** One response to a patient and visitor travel survey, as stored. */
export interface StoredVisitorResponse {
  readonly batchId: number;
  readonly fileName: string;
  readonly line: number;
  readonly respondent: string | null;
  readonly site: string | null;
  readonly respondentType: VisitorType;
  readonly mode: CommuteMode;
  readonly detail: string | null;
  readonly carShareRole: 'driver' | 'passenger' | null;
  /** People in the car, the respondent included: 1 driving alone, a car share's answer (2 when unanswered); null otherwise. */
  readonly occupants: number | null;
  readonly oneWayKm: number | null;
  /** One-way journeys the visit meant (2: there and back). */
  readonly journeysPerVisit: number;
  /** True when the survey did not ask and 2 was assumed. */
  readonly journeysAssumed: boolean;
  readonly carFuel: string | null;
  readonly carSize: string | null;
}

/** A patient and visitor survey wave: every active import's responses stored under one label. */
export interface VisitorWave {
  readonly label: string;
  readonly dating: WaveDate | undefined;
  readonly files: readonly string[];
  /** Highest import id: breaks ties between waves placed on the same date. */
  readonly lastBatchId: number;
  readonly responses: readonly StoredVisitorResponse[];
}

interface VisitorRow extends Pick<Row, 'batchId' | 'fileName' | 'batchStart' | 'line' | 'wave' | 'respondent' | 'site' | 'mainMode' | 'occupants' | 'oneWayKm' | 'extraJson'> {
  respondentType: string;
  journeysPerVisit: number | null;
  journeysAssumed: number | null;
}

/** Journeys per visit when a row holds none (a ledger written by hand): there and back, as the import assumes. */
const DEFAULT_JOURNEYS_PER_VISIT = 2;

function visitorResponse(r: VisitorRow): StoredVisitorResponse {
  const extra = r.extraJson === null ? {} : (JSON.parse(r.extraJson) as Record<string, unknown>);
  const role = textOf(extra, 'carShareRole');
  return {
    batchId: r.batchId, fileName: r.fileName, line: r.line, respondent: r.respondent, site: r.site,
    respondentType: VISITOR_TYPES.has(r.respondentType) ? (r.respondentType as VisitorType) : 'unknown',
    mode: modeOf(r.mainMode), detail: textOf(extra, 'modeDetail'),
    carShareRole: role === 'driver' || role === 'passenger' ? role : null,
    occupants: r.occupants, oneWayKm: r.oneWayKm,
    journeysPerVisit: r.journeysPerVisit ?? DEFAULT_JOURNEYS_PER_VISIT,
    journeysAssumed: r.journeysPerVisit === null || r.journeysAssumed === 1,
    carFuel: textOf(extra, 'carFuel'), carSize: textOf(extra, 'carSize'),
  };
}

/** The organisation's patient and visitor survey waves in active imports, in date order (undated waves last), as `readWaves`. */
export function readVisitorWaves(ledger: Ledger, org: string, waveYears: Readonly<Record<string, string>> = {}): VisitorWave[] {
  const rows = ledger.select<VisitorRow>(`
    SELECT s.batch_id AS batchId, b.file_name AS fileName, b.period_start AS batchStart, s.line, s.wave, s.respondent, s.site,
      s.respondent_type AS respondentType, s.main_mode AS mainMode, s.occupants, s.one_way_km AS oneWayKm,
      s.journeys_per_visit AS journeysPerVisit, s.journeys_assumed AS journeysAssumed, s.extra_json AS extraJson
    FROM survey_responses s JOIN batches b ON b.id = s.batch_id
    WHERE b.status = 'active' AND s.org = ? AND s.respondent_type IS NOT NULL
    ORDER BY s.wave, s.batch_id, s.line`, [org]);
  return groupWaves(rows, waveYears, visitorResponse).sort(compareWaves);
}

/** Date order; undated waves last, by label. */
export function compareWaves(a: Pick<SurveyWave, 'dating' | 'lastBatchId' | 'label'>, b: Pick<SurveyWave, 'dating' | 'lastBatchId' | 'label'>): number {
  const da = a.dating?.date ?? '9999';
  const db = b.dating?.date ?? '9999';
  if (da !== db) return da < db ? -1 : 1;
  if (a.lastBatchId !== b.lastBatchId) return a.lastBatchId - b.lastBatchId;
  return a.label < b.label ? -1 : a.label > b.label ? 1 : 0;
}
