/**
 * Staff travel survey responses: one row per respondent → one stored response (no emissions
 * yet: turning responses into annual commuting emissions is a later stage, which needs the
 * mode, car occupancy, one-way distance in km and days a week on site stored here).
 *
 * Mode answers are normalised to a fixed vocabulary (`COMMUTE_MODES`); the rules, in order:
 * 1. A few standard option texts are taken whole (the census "Underground, metro, light rail,
 *    tram" → tram).
 * 2. Otherwise each mode's words are looked for. More specific readings win over the general
 *    ones they contain: car share over driving ("Car share (driver)"), park and ride over bus and
 *    car, e-bike over cycle, e-scooter over scooter.
 * 3. Park and ride → bus: the survey asks for the mode of the longest part of the journey, which
 *    for park and ride is the bus; `modeDetail: "park_and_ride"` keeps the car leg visible.
 *    Coach, shuttle and minibus → bus; underground/tube → train; metro, light rail, DLR → tram;
 *    taxi, ferry, e-scooter and "Other…" → other, each with its `modeDetail`.
 * 4. An answer naming two different modes ("Bus and train") is rejected as ambiguous rather than
 *    guessed; an answer naming none is rejected with the accepted answers listed.
 * 5. "Other (please specify)" with the mode typed in the column beside it is read from what was
 *    typed ("Motorbike" → motorbike); a bare choice number (an export with numeric values) is
 *    rejected, saying to export the choices' texts, since no number says which mode it stands for.
 *
 * Days on site may be answered as a share of the week (`60%`): a share of five working days.
 *
 * A car share needs its occupants (people in the car, the respondent included, 2–9); when the
 * occupants question is unanswered 2 is stored, the fewest a share can have (the most emissions
 * per person), flagged `occupantsAssumed`. Driving alone is stored with 1 occupant.
 */

import type { z } from 'zod';
import type { Problem } from '../kernel/problem.js';
import type { SurveyRecord } from '../store/records.js';
import { convertQuantity } from '../units/units.js';
import { answerWords, headerDistanceUnit, parseAnswerNumber, parseCount, parseShareOfWeek, type DistanceUnit } from './answers.js';
import { parseCarSize, parseVehicleFuel } from './business-travel.js';
import { detach, RowReader, type CellContext } from './cells.js';
import { explainColumns, findColumn } from './columns.js';
import { scoreHeader } from './detect/score.js';
import { VOCABULARY } from './detect/vocabulary.js';
import { surveyColumnSpec, type SurveyProfile } from './profile-schema.js';
import { responseDateColumn } from './response-dates.js';
import { EXTRA_HEADER_ROWS_MAX, extraHeaderRow, type ExtraHeaderRow } from './survey-header-rows.js';

type Profile = z.infer<typeof SurveyProfile>;

export const COMMUTE_MODES = ['drive_alone', 'car_share', 'motorbike', 'bus', 'train', 'tram', 'cycle', 'e_bike', 'walk', 'work_from_home', 'other'] as const;
export type CommuteMode = (typeof COMMUTE_MODES)[number];

export interface ModeAnswer {
  readonly mode: CommuteMode;
  /** What the vocabulary leaves out: coach, park_and_ride, underground, taxi, ferry, e_scooter… */
  readonly detail?: string;
  readonly carShareRole?: 'driver' | 'passenger';
}

export type ModeReading = { ok: true; answer: ModeAnswer } | { ok: false; code: 'unknown_mode' | 'ambiguous_mode'; modes: readonly string[] };

/** Whole answers read as one (normalised with `answerWords`). */
const WHOLE: Readonly<Record<string, ModeAnswer>> = {
  'underground metro light rail tram': { mode: 'tram', detail: 'underground_metro_light_rail_tram' },
  'underground metro light rail or tram': { mode: 'tram', detail: 'underground_metro_light_rail_tram' },
};

type Cue = 'wfh' | 'park_and_ride' | 'car_share' | 'e_bike' | 'e_scooter' | 'motorbike' | 'cycle' | 'walk' | 'coach' | 'bus' | 'tram' | 'underground' | 'train' | 'drive' | 'taxi' | 'ferry' | 'air' | 'other';

const CUES: readonly [Cue, RegExp][] = [
  ['wfh', /\bwork(ing|ed|s)? (mainly |mostly |only |entirely )?(at or from|from|at) home\b|\bhome ?work(ing|er)?\b|\bwfh\b|\bremote(ly)?\b/],
  ['park_and_ride', /\bpark (and )?ride\b|\bp and r\b|\bp r\b/],
  ['car_share', /\bcar ?shar\w*|\bcar\b.*\bshar(e|es|ed|ing)\b|\bshare (a |the )?(car|lift)s?\b|\blift ?shar\w*|\blifts?\b|\bcar ?pool\w*|\b(car|van) passenger\b|\bpassenger (in|of) (a |an |the |someone s |someone else s )?(car|van)\b|\bdropped off\b|\bdriven (in|by|to)\b/],
  ['e_bike', /\be ?bikes?\b|\belectric (push )?(bi)?(cycle|bike)s?\b|\bpedelecs?\b|\be ?cycles?\b/],
  ['e_scooter', /\be ?scooters?\b|\belectric scooters?\b|\bkick scooters?\b/],
  ['motorbike', /\bmotor ?(bike|cycle)s?\b|\bmotorcycl\w*|\bmopeds?\b|\bscooters?\b|\bpowered two wheeler\b/],
  ['cycle', /\b(bi)?cycl(e|es|ed|ing|ist)\b|\bbikes?\b|\bbiking\b|\bpush ?bike\b/],
  ['walk', /\bwalk\w*|\bon foot\b|\bfoot\b|\brun(ning)?\b|\bjog\w*|\bwheel(ing|chair)?\b/],
  ['coach', /\bcoach(es)?\b/],
  ['bus', /\bbus(es)?\b|\bminibus\w*|\bshuttle\b/],
  ['tram', /\btrams?\b|\btramway\b|\blight rail\b|\bmetro\w*|\bdlr\b|\bsupertram\b/],
  ['underground', /\bunderground\b|\btube\b|\bsubway\b/],
  ['train', /\btrains?\b|(?<!light )\brail(way)?\b|\boverground\b/],
  ['drive', /\bcars?\b|\bdriv(e|er|es|ing)\b|\bdrove\b|\bvans?\b|\bown vehicle\b/],
  ['taxi', /\btaxis?\b|\bcabs?\b|\buber\b|\bminicab\b/],
  ['ferry', /\bferry\b|\bferries\b|\bboat\b/],
  ['air', /\bfly\b|\bflights?\b|\bplane\b/],
  ['other', /^other\b/],
];

const CUE_MODE: Readonly<Record<Cue, ModeAnswer>> = {
  wfh: { mode: 'work_from_home' }, park_and_ride: { mode: 'bus', detail: 'park_and_ride' }, car_share: { mode: 'car_share' },
  e_bike: { mode: 'e_bike' }, e_scooter: { mode: 'other', detail: 'e_scooter' }, motorbike: { mode: 'motorbike' }, cycle: { mode: 'cycle' },
  walk: { mode: 'walk' }, coach: { mode: 'bus', detail: 'coach' }, bus: { mode: 'bus' }, tram: { mode: 'tram' },
  underground: { mode: 'train', detail: 'underground' }, train: { mode: 'train' }, drive: { mode: 'drive_alone' },
  taxi: { mode: 'other', detail: 'taxi' }, ferry: { mode: 'other', detail: 'ferry' }, air: { mode: 'other', detail: 'air' }, other: { mode: 'other' },
};

/** A more specific cue removes the general ones it contains. */
const OVERRIDES: readonly [Cue, readonly Cue[]][] = [
  ['park_and_ride', ['drive', 'bus', 'car_share']],
  ['car_share', ['drive']],
  ['e_bike', ['cycle']],
  ['e_scooter', ['motorbike']],
  ['bus', ['coach']],
  ['underground', ['train']],
  ['taxi', ['drive']],
];

/** Normalises one mode answer to the vocabulary. */
export function parseCommuteMode(text: string): ModeReading {
  const words = answerWords(text);
  const whole = WHOLE[words];
  if (whole) return { ok: true, answer: whole };
  const cues = new Set(CUES.filter(([, re]) => re.test(words)).map(([cue]) => cue));
  for (const [specific, general] of OVERRIDES) if (cues.has(specific)) general.forEach((g) => cues.delete(g));
  if (cues.size > 1) cues.delete('other');
  const answers = [...cues].map((c) => CUE_MODE[c]);
  const modes = [...new Set(answers.map((a) => a.mode))];
  if (modes.length === 0) return { ok: false, code: 'unknown_mode', modes: [] };
  if (modes.length > 1) return { ok: false, code: 'ambiguous_mode', modes };
  // Several cues of one mode (taxi and ferry are both "other") keep the first one's detail only if it is the only one.
  const answer = answers.length === 1 ? answers[0]! : { mode: modes[0]! };
  if (answer.mode !== 'car_share') return { ok: true, answer };
  const role = /\bpassenger\b/.test(words) ? 'passenger'
    : /\bdriv(e|er|ing)\b/.test(words) ? 'driver'
      : /\blifts?\b|\bdropped off\b|\bdriven\b/.test(words) ? 'passenger' : undefined;
  return { ok: true, answer: role ? { ...answer, carShareRole: role } : answer };
}

export const ACCEPTED_MODE_ANSWERS = 'drive alone ("Car (on my own)", "Drive alone"), car share ("Car share (driver)", "Car share - passenger", "Lift from someone"), motorbike, bus (also coach, park and ride), train (also tube), tram (also metro, light rail), cycle ("Bicycle"), e-bike, walk ("On foot"), work from home, or other';

/** Answers to the second-mode question that mean there is none. */
const NO_SECOND_MODE = /^(none|no|n a|na|nothing|not applicable|no other|no other mode|no second mode|i don t|only one|just one)$/;

/** Optional questions outside the profile that the later stage can use, found by these headers. */
const CAR_FUEL_HEADERS = ['What fuel does your car use?', 'What type of fuel does your car use?', 'Car fuel', 'Car fuel type', 'Vehicle fuel', 'Fuel type'];
const CAR_SIZE_HEADERS = ['What size is your car?', 'What is the engine size of your car?', 'Car size', 'Engine size', 'Vehicle size'];

/** A response as read, before it is stored under its organisation and wave. */
export type SurveyResponse = Omit<SurveyRecord, 'org' | 'wave'>;

export interface SurveyMapped {
  readonly response?: SurveyResponse;
  readonly problems: Problem[];
  readonly warnings: Problem[];
  /** Set for a survey tool's extra header row: not a response, counted as excluded. */
  readonly notAResponse?: Problem;
}

export interface SurveyMapper {
  map(line: number, cells: readonly string[]): SurveyMapped;
  /** The distinct dates (their text up to the time) in the column dating each response, for naming a wave. */
  responseDates(): ReadonlySet<string>;
}

/**
 * A share of the week on site (`60%`) is a share of a full-time working week of five days,
 * Monday to Friday: 60% is 3 days. Kept as answered beside it (`daysReading: share_of_week`).
 */
const WORKING_WEEK_DAYS = 5;

/** A one-way commute longer than this is stored but warned about: it is more often a typo (or a return distance). */
const LONG_COMMUTE_KM = 300;

/** What a survey needs of its organisation: its sites, to match the site answers against. */
export interface SurveyOrganisation {
  readonly sites: readonly { readonly id: string; readonly name: string }[];
}

export type Columns = Partial<Record<keyof Profile['columns'], number>>;

/** Answers kept as given beside the stored values (`extraJson`), in the order they are read. */
export type Extra = Record<string, string | number | boolean>;

/** What is the same for every row of a file: where each answer is and how its numbers are written. */
export interface SurveyLayout {
  readonly ctx: CellContext;
  readonly col: Columns;
  /** The column beside the mode question where a respondent who chose "Other" typed their mode. */
  readonly otherModeCol: number | undefined;
  readonly fuelCol: number | undefined;
  readonly sizeCol: number | undefined;
  /** The unit of a distance written without one. */
  readonly distanceUnit: DistanceUnit;
}

/** A time after a date (`08:00`, `8:00:11 AM`, `T08:00:00Z`), set aside: the date is what names a wave. */
export const TIME_OF_DAY = /[ T]+\d{1,2}:\d{2}.*$/;

export const HEADER_ROW_TEXT: Readonly<Record<ExtraHeaderRow, string>> = {
  import_ids: 'the survey tool\'s row of import ids under the header',
  answer_labels: 'a second header row naming the kind of answer under each question',
};

/** The answers a response cannot do without, and how to name them to a person. */
const NEEDED = { mainMode: 'the main mode of travel', distance: 'the one-way distance', daysPerWeek: 'the days a week on site' } as const;
type Needed = keyof typeof NEEDED;

/** Whether a sampled answer reads as one for the field (a mode, a distance, days in a week). */
const ANSWER_FITS: Readonly<Record<Needed, (text: string, decimal: '.' | ',') => boolean>> = {
  mainMode: (t) => parseCommuteMode(t).ok,
  distance: (t, decimal) => parseAnswerNumber(t, decimal) !== null && parseAnswerNumber(t, decimal) !== undefined,
  daysPerWeek: (t, decimal) => {
    const n = parseAnswerNumber(t, decimal) ?? undefined;
    return parseShareOfWeek(t) !== undefined || (n !== undefined && n.unit === undefined && n.value <= 7);
  },
};

/** Most sampled answers of the column read as the field's (at least half, and at least one). */
function answersFit(field: Needed, values: readonly string[], decimal: '.' | ','): boolean {
  const seen = values.map((v) => v.trim()).filter((v) => v !== '');
  return seen.length > 0 && seen.filter((v) => ANSWER_FITS[field](v, decimal)).length * 2 >= seen.length;
}

export type SurveyColumns =
  | { readonly ok: true; readonly col: Columns }
  /** Two columns read as one needed answer by their headers, and their answers do not settle which. */
  | { readonly ok: false; readonly field: Needed; readonly what: string; readonly headers: readonly [string, string] };

/**
 * Where each answer is: by the profile's spellings, else by meaning (see `detect/`). A needed
 * answer found by meaning whose header ties with another column's is settled by the answers
 * under them (`sample`, a few rows): the one column whose answers read as that answer is taken.
 * When both or neither do, both are named and nothing is guessed. `withVisitorColumns` looks for
 * a patient and visitor survey's questions as well (`SURVEY_VISITOR_COLUMNS`).
 */
export function surveyColumns(header: readonly string[], profile: Profile, sample: readonly (readonly string[])[], decimal: '.' | ',', withVisitorColumns = false): SurveyColumns {
  // A staff survey is read by the profile's columns alone, exactly as before patient and visitor
  // surveys were read: their questions, looked for too, could take a column a staff field wants.
  const found = explainColumns(header, withVisitorColumns ? surveyColumnSpec(profile.columns) : profile.columns);
  const col: Record<string, number> = {};
  for (const [field, m] of found) col[field] = m.index;
  const claimed = new Set([...found.values()].map((m) => m.index));
  for (const field of Object.keys(NEEDED) as Needed[]) {
    const m = found.get(field);
    const concept = VOCABULARY[field];
    if (m === undefined || m.found.by !== 'words' || concept === undefined) continue;
    const own = scoreHeader(header[m.index] ?? '', concept).score;
    const rivals = header.map((_, i) => i).filter((i) => !claimed.has(i) && scoreHeader(header[i] ?? '', concept).score >= own);
    if (rivals.length === 0) continue;
    const fitting = [m.index, ...rivals].filter((i) => answersFit(field, sample.map((row) => row[i] ?? ''), decimal));
    if (fitting.length === 1) {
      col[field] = fitting[0]!;
      continue;
    }
    const [a, b] = fitting.length >= 2 ? fitting : [m.index, rivals[0]!];
    return { ok: false, field, what: NEEDED[field], headers: [header[a!] ?? '', header[b!] ?? ''] };
  }
  return { ok: true, col };
}

/** Where each answer of a file is and how its numbers are written; `columns` as `surveyColumns` found them, else by the header alone. */
export function surveyLayout(profile: Profile, ctx: CellContext, columns?: Columns): SurveyLayout {
  const col = columns ?? surveyColumnsByHeader(ctx.header, profile);
  // A unit written in the header ("…one way, in km?") is what the respondents answered in.
  const headerUnit = headerDistanceUnit(col.distance === undefined ? undefined : ctx.header[col.distance]);
  return {
    ctx, col,
    otherModeCol: otherModeColumn(ctx.header, col),
    fuelCol: findColumn(ctx.header, CAR_FUEL_HEADERS),
    sizeCol: findColumn(ctx.header, CAR_SIZE_HEADERS),
    distanceUnit: headerUnit ?? profile.distanceUnit,
  };
}

/** The organisation's site names by name and id, lower case, to store a site answer under its configured name. */
export function siteNamesOf(org: SurveyOrganisation): ReadonlyMap<string, string> {
  return new Map(org.sites.flatMap((s) => [[s.id.toLowerCase(), s.name], [s.name.toLowerCase(), s.name]] as const));
}

/**
 * What reading any survey's row begins with: rows before the first response may be a survey
 * tool's extra header rows (said as not a response), and the day each response was given is
 * noted (the date alone: a survey's thousand responses fall on a few dozen days), to name a wave.
 */
export function surveyRowStart(ctx: CellContext, layout: SurveyLayout): { readonly dates: ReadonlySet<string>; headerRow(line: number, cells: readonly string[]): SurveyMapped | undefined } {
  const dateCol = responseDateColumn(ctx.header);
  const dates = new Set<string>();
  const used: number[] = Object.values(layout.col);
  let leading = 0;
  return {
    dates,
    headerRow(line, cells) {
      if (leading < EXTRA_HEADER_ROWS_MAX) {
        leading++;
        const kind = extraHeaderRow(cells, ctx.header, used, readsAsAnswer(layout, cells));
        if (kind !== undefined) {
          return { problems: [], warnings: [], notAResponse: { file: ctx.file, line, column: '', value: '', code: 'header_row', message: `${HEADER_ROW_TEXT[kind]}, not a response` } };
        }
        leading = EXTRA_HEADER_ROWS_MAX;
      }
      const dateText = dateCol === undefined ? '' : (cells[dateCol] ?? '').trim();
      if (dateText !== '') dates.add(detach(dateText.replace(TIME_OF_DAY, '')));
      return undefined;
    },
  };
}

export function surveyMapper(profile: Profile, ctx: CellContext, org: SurveyOrganisation, columns?: Columns): SurveyMapper {
  const layout = surveyLayout(profile, ctx, columns);
  const col = layout.col;
  const siteNames = siteNamesOf(org);
  const seen = new Map<string, number>();
  const start = surveyRowStart(ctx, layout);

  return {
    responseDates: () => start.dates,
    map(line, cells) {
      const header = start.headerRow(line, cells);
      if (header !== undefined) return header;
      const r = new RowReader(ctx, line, cells);
      const warnings: Problem[] = [];
      const extra: Extra = {};
      const modeText = r.text(col.mainMode);
      const main = readMainMode(r, layout, modeText, r.text(layout.otherModeCol), extra);
      // Only people who work from home may leave the distance and the days blank.
      const journeys = main !== undefined && main.mode !== 'work_from_home';
      const oneWayKm = readOneWayKm(r, layout, journeys, extra, warnings);
      const days = readDaysOnSite(r, layout, journeys, extra);
      const occupants = readOccupants(r, layout, main?.mode, extra, warnings);
      if (main?.mode === 'drive_alone' || main?.mode === 'car_share') readCar(r, layout, modeText, extra);
      const secondMode = readSecondMode(r, layout, extra, warnings);

      const respondent = r.text(col.respondent) || null;
      if (respondent !== null) {
        const earlier = seen.get(respondent);
        if (earlier !== undefined) r.problem(col.respondent, 'duplicate_respondent', `respondent ${respondent} already answered on line ${earlier} of this file`);
        else if (r.problems.length === 0) seen.set(respondent, line);
      }

      if (r.problems.length > 0 || main === undefined) return { problems: r.problems, warnings };
      const siteText = r.text(col.site);
      return {
        problems: [],
        warnings,
        response: {
          line, respondent,
          site: siteText === '' ? null : (siteNames.get(siteText.toLowerCase()) ?? siteText),
          staffGroup: r.text(col.staffGroup) || null,
          mainMode: main.mode,
          occupants,
          oneWayKm,
          daysPerWeek: days,
          secondMode,
          extraJson: JSON.stringify(extra),
        },
      };
    },
  };
}

/**
 * The column right after the mode question that holds the text of an "Other (please specify)"
 * answer, if there is one: survey tools put it there under a blank header (SurveyMonkey, whose
 * second header row says "Other (please specify)"), the question's text with "- Other - Text"
 * (Qualtrics), or a sub-question of its own ("2.a. If you selected Other, please specify:").
 */
function otherModeColumn(header: readonly string[], col: Columns): number | undefined {
  if (col.mainMode === undefined) return undefined;
  const i = col.mainMode + 1;
  if (i >= header.length || Object.values(col).includes(i)) return undefined;
  const words = answerWords(header[i] ?? '');
  return words === '' || /\bother\b|\bplease specify\b|\bspecify\b/.test(words) ? i : undefined;
}

/** The columns as the header alone places them (ties taken leftmost, as `matchColumns` does). */
function surveyColumnsByHeader(header: readonly string[], profile: Profile): Columns {
  const col: Record<string, number> = {};
  for (const [field, m] of explainColumns(header, profile.columns)) col[field] = m.index;
  return col;
}

/** Whether any answer the survey needs (mode, distance, days) reads as one. */
export function readsAsAnswer(layout: SurveyLayout, cells: readonly string[]): boolean {
  const cell = (i: number | undefined): string => (i === undefined ? '' : (cells[i] ?? '').trim());
  const { mainMode, distance, daysPerWeek } = layout.col;
  const mode = cell(mainMode);
  if (mode !== '' && parseCommuteMode(mode).ok) return true;
  return [distance, daysPerWeek].some((i) => cell(i) !== '' && parseAnswerNumber(cell(i), layout.ctx.decimal) !== undefined) || parseShareOfWeek(cell(daysPerWeek)) !== undefined;
}

/** A warning about one answer: unlike a problem, it does not stop the response being stored. */
export function warning(ctx: CellContext, r: RowReader, column: number | undefined, code: string, message: string): Problem {
  return { file: ctx.file, line: r.line, column: column === undefined ? '' : (ctx.header[column] ?? ''), value: r.text(column), code, message };
}

/** A bare choice number (`1`, `4`): the survey was exported with numeric values instead of the choices' texts. */
const CHOICE_NUMBER = /^\d{1,3}$/;

/**
 * The main mode, from the answer or, when the respondent chose "Other" (or left the choice blank,
 * as SurveyMonkey does for an "Other" answer) and typed their mode beside it, from what they typed.
 * Typed text naming no mode keeps the answer "other", with the text kept as given.
 */
export function readMainMode(r: RowReader, layout: SurveyLayout, modeText: string, otherText: string, extra: Extra): ModeAnswer | undefined {
  const column = layout.col.mainMode;
  const chose = modeText === '' ? undefined : parseCommuteMode(modeText);
  const choseOther = modeText === '' || (chose?.ok === true && chose.answer.mode === 'other' && chose.answer.detail === undefined);
  if (otherText !== '' && choseOther) {
    const typed = parseCommuteMode(otherText);
    extra.mainModeAnswer = modeText === '' ? otherText : `${modeText}: ${otherText}`;
    extra.otherModeAnswer = otherText;
    if (!typed.ok) return { mode: 'other' };
    if (typed.answer.detail !== undefined) extra.modeDetail = typed.answer.detail;
    if (typed.answer.carShareRole !== undefined) extra.carShareRole = typed.answer.carShareRole;
    return typed.answer;
  }
  if (modeText === '') {
    r.problem(column, 'missing_mode', 'the main mode of travel is not answered');
    return undefined;
  }
  if (CHOICE_NUMBER.test(modeText)) {
    r.problem(column, 'mode_choice_number', `"${modeText}" is the number of a choice, not its text: export the survey's responses with the choices' texts (Qualtrics: "Use choice text"; SurveyMonkey: "Actual answer text") and import that file`);
    return undefined;
  }
  const m = chose ?? parseCommuteMode(modeText);
  if (!m.ok) {
    if (m.code === 'ambiguous_mode') r.problem(column, m.code, `"${modeText}" names more than one mode (${m.modes.join(', ').replace(/_/g, ' ')}): give the main one, used for the longest part of the journey`);
    else r.problem(column, m.code, `"${modeText}" is not a travel mode tco2e recognises: answer ${ACCEPTED_MODE_ANSWERS}`);
    return undefined;
  }
  extra.mainModeAnswer = modeText;
  if (m.answer.detail !== undefined) extra.modeDetail = m.answer.detail;
  if (m.answer.carShareRole !== undefined) extra.carShareRole = m.answer.carShareRole;
  return m.answer;
}

/**
 * The one-way distance, stored in km; `required` unless the respondent works from home. `journey`
 * names the journey in the warning about a long one (a commute, a journey to the site).
 */
export function readOneWayKm(r: RowReader, layout: SurveyLayout, required: boolean, extra: Extra, warnings: Problem[], journey = 'commute'): number | null {
  const column = layout.col.distance;
  const distText = r.text(column);
  const dist = parseAnswerNumber(distText, layout.ctx.decimal);
  if (dist === null) {
    if (required) r.problem(column, 'missing_distance', 'the one-way distance is not answered (only people who work from home may leave it blank)');
    return null;
  }
  if (dist === undefined) {
    r.problem(column, 'bad_distance', `"${distText}" is not a distance: write the one-way distance as a number, e.g. 12 or 12 miles`);
    return null;
  }
  if (dist.value < 0) {
    r.problem(column, 'negative_distance', 'the distance is negative');
    return null;
  }
  const unit = dist.unit ?? layout.distanceUnit;
  const oneWayKm = convertQuantity(dist.value, unit, 'km')!;
  extra.distanceAnswer = distText;
  extra.distanceUnit = unit;
  if (dist.reading !== 'exact') extra.distanceReading = dist.reading;
  if (oneWayKm > LONG_COMMUTE_KM) warnings.push(warning(layout.ctx, r, column, 'long_commute', `a one-way ${journey} of ${Math.round(oneWayKm)} km: check it is not a return distance or a typo`));
  return oneWayKm;
}

/** Days a week on site, 0–7; `required` unless the respondent works from home. */
function readDaysOnSite(r: RowReader, layout: SurveyLayout, required: boolean, extra: Extra): number | null {
  const column = layout.col.daysPerWeek;
  const daysText = r.text(column);
  const share = parseShareOfWeek(daysText);
  if (share !== undefined) {
    extra.daysAnswer = daysText;
    extra.daysReading = 'share_of_week';
    return (share / 100) * WORKING_WEEK_DAYS;
  }
  const d = parseAnswerNumber(daysText, layout.ctx.decimal);
  if (d === null) {
    if (required) r.problem(column, 'missing_days', 'the days a week on site are not answered (only people who work from home may leave it blank)');
    return null;
  }
  if (d === undefined || d.unit !== undefined) {
    r.problem(column, 'bad_days', `"${daysText}" is not a number of days: write it as 0 to 7, e.g. 5 or 3.5`);
    return null;
  }
  if (d.value < 0 || d.value > 7) {
    r.problem(column, 'days_out_of_range', `${d.value} days a week is outside 0 to 7`);
    return null;
  }
  if (d.reading !== 'exact') {
    extra.daysAnswer = daysText;
    extra.daysReading = d.reading;
  }
  return d.value;
}

/** People in the car, the respondent included: a share's answer (2 when unanswered), 1 for driving alone, else null. */
export function readOccupants(r: RowReader, layout: SurveyLayout, mode: CommuteMode | undefined, extra: Extra, warnings: Problem[]): number | null {
  const column = layout.col.occupants;
  const occText = r.text(column);
  if (mode === 'car_share') {
    const o = parseCount(occText);
    if (o === null) {
      extra.occupantsAssumed = true;
      return 2;
    }
    if (o === undefined) {
      r.problem(column, 'bad_occupants', `"${occText}" is not a number of people: give how many are in the car, including you (2 to 9)`);
      return null;
    }
    if (o < 2 || o > 9) {
      r.problem(column, 'bad_occupants', `a car share of ${o} ${o === 1 ? 'person' : 'people'}: a share has 2 to 9 people, including you`);
      return null;
    }
    return o;
  }
  if (mode === 'drive_alone') {
    if (occText !== '' && !/^(1|one|just me|me|myself|only me|n ?a|0)$/i.test(answerWords(occText))) {
      warnings.push(warning(layout.ctx, r, column, 'occupants_ignored', `the main mode is driving alone, so "${occText}" people in the car was not used`));
    }
    return 1;
  }
  return null;
}

/** The car's fuel and size, from the optional questions outside the profile (the fuel also from the mode answer). */
export function readCar(r: RowReader, layout: SurveyLayout, modeText: string, extra: Extra): void {
  const fuel = parseVehicleFuel(r.text(layout.fuelCol)) ?? parseVehicleFuel(modeText);
  if (fuel !== undefined && fuel !== 'unknown') extra.carFuel = fuel;
  const size = parseCarSize(r.text(layout.sizeCol), fuel);
  if (typeof size === 'string' && size !== 'average') extra.carSize = size;
}

/** The second mode: optional; an answer that is not understood is kept as text with a warning. */
function readSecondMode(r: RowReader, layout: SurveyLayout, extra: Extra, warnings: Problem[]): string | null {
  const column = layout.col.secondMode;
  const secondText = r.text(column);
  if (secondText === '' || NO_SECOND_MODE.test(answerWords(secondText))) return null;
  const s = parseCommuteMode(secondText);
  if (s.ok) {
    if (s.answer.detail !== undefined) extra.secondModeDetail = s.answer.detail;
    return s.answer.mode;
  }
  extra.secondModeAnswer = secondText;
  warnings.push(warning(layout.ctx, r, column, 'unknown_second_mode', `"${secondText}" is not a mode tco2e recognises; the response is stored without a second mode`));
  return null;
}
