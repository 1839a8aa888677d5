/**
 * Patient and visitor travel survey responses: one row per respondent → one stored response,
 * beside staff responses in the same wave table but told apart by its respondent type.
 *
 * Per respondent: the site visited, who they are (patient, visitor, carer), the main mode (the
 * staff survey's vocabulary and rules: `parseCommuteMode`), the one-way distance (read as the
 * staff survey reads it, units included) and how many one-way journeys the visit meant (2 for
 * there and back; assumed 2, and flagged, when the survey does not ask), and optionally the car's
 * fuel and size. NHS trusts run these alongside their staff surveys because the NHS carbon
 * footprint counts patient and visitor travel in its wider "NHS Carbon Footprint Plus" scope
 * (Delivering a 'Net Zero' National Health Service, NHS England, October 2020).
 *
 * How a file is told apart from a staff survey (`surveyRespondents`): a respondent-type column
 * whose answers read as patient, visitor or carer, and no days-a-week-on-site or staff-group
 * column, makes it a patient and visitor survey; days a week or a staff group, and no such
 * respondent type, a staff survey. Anything else (both, or neither) is not guessed:
 * `--respondents` settles it.
 */

import type { z } from 'zod';
import { UserError } from '../kernel/errors.js';
import type { Problem } from '../kernel/problem.js';
import { answerWords, parseAnswerNumber } from './answers.js';
import { RowReader, type CellContext } from './cells.js';
import type { SurveyProfile } from './profile-schema.js';
import {
  readCar, readMainMode, readOccupants, readOneWayKm, siteNamesOf, surveyLayout, surveyRowStart, warning,
  type Columns, type Extra, type SurveyMapper, type SurveyOrganisation,
} from './survey.js';

type Profile = z.infer<typeof SurveyProfile>;

/** Who answered a patient and visitor survey; `unknown` when the answer says none of them. */
export type RespondentType = 'patient' | 'visitor' | 'carer' | 'unknown';

/** Who a survey's respondents are, as `--respondents` names them. */
export const RESPONDENTS = ['staff', 'patients-visitors'] as const;
export type Respondents = (typeof RESPONDENTS)[number];

/**
 * Answers' words for each type, looked for in this order: a carer or a visitor comes for a
 * patient, so an answer naming both ("Visiting a patient", "Parent of a patient", "Accompanying a
 * patient") is the carer or visitor, never the patient.
 */
const TYPE_CUES: readonly (readonly [Exclude<RespondentType, 'unknown'>, RegExp])[] = [
  ['carer', /\bcarers?\b|\bcaring\b|\bparents?\b|\bguardians?\b|\baccompany(ing)?\b|\bescort(ing)?\b/],
  ['visitor', /\bvisitors?\b|\bvisiting\b|\brelatives?\b|\bfriends?\b|\bfamily\b|\bnext of kin\b|\bpartner\b/],
  ['patient', /\bpatients?\b|\bout ?patients?\b|\bin ?patients?\b|\bday case\b|\bappointment\b|\btreatment\b/],
];

/** Reads a respondent-type answer; `undefined` for a blank. */
export function parseRespondentType(text: string): RespondentType | undefined {
  const words = answerWords(text);
  if (words === '') return undefined;
  return TYPE_CUES.find(([, re]) => re.test(words))?.[0] ?? 'unknown';
}

export const ACCEPTED_RESPONDENT_TYPES = 'patient (also outpatient, inpatient), visitor (also relative, friend or family) or carer (also parent/guardian)';

/**
 * One-way journeys a visit means when the survey does not ask: there and back (to the site and
 * home again), the usual visit. Stored flagged as assumed, so a report can say so.
 */
export const DEFAULT_JOURNEYS_PER_VISIT = 2;

/** More one-way journeys than this for one visit is more often a typo (or days, or miles) than a visit. */
const MOST_JOURNEYS_PER_VISIT = 8;

/** Answers to the journeys question that are words, not numbers. */
const JOURNEY_WORDS: readonly (readonly [RegExp, number])[] = [
  [/^(there and back|return|return journey|a return journey|return trip|both ways|round trip)$/, 2],
  [/^(one way|one way only|single|single journey|one way journey)$/, 1],
];

/** Most sampled answers of the column read as a known respondent type (at least half, and at least one). */
function answersAreTypes(values: readonly string[]): boolean {
  const seen = values.map((v) => v.trim()).filter((v) => v !== '');
  return seen.length > 0 && seen.filter((v) => { const t = parseRespondentType(v); return t !== undefined && t !== 'unknown'; }).length * 2 >= seen.length;
}

/**
 * Whether a survey's respondents are staff or patients and visitors (rules in the module
 * comment), or the flag's word when it is given. A file the header and answers cannot settle is
 * refused, naming it and the columns that left it open. `col` are the staff survey's columns as
 * found, `typeCol` the respondent-type column.
 */
export function surveyRespondents(file: string, header: readonly string[], col: Columns, typeCol: number | undefined, sample: readonly (readonly string[])[], named: Respondents | undefined): Respondents {
  if (named !== undefined) return named;
  const types = typeCol !== undefined && answersAreTypes(sample.map((row) => row[typeCol] ?? ''));
  const staffCols = [col.daysPerWeek, col.staffGroup].filter((i): i is number => i !== undefined);
  if (types && staffCols.length === 0) return 'patients-visitors';
  if (!types && staffCols.length > 0) return 'staff';
  const name = (i: number): string => `"${header[i] ?? ''}"`;
  const why = types
    ? `it has a respondent-type column (${name(typeCol)}, answered patient, visitor or carer) and a staff survey's ${staffCols.map(name).join(' and ')}`
    : typeCol === undefined
      ? 'it has neither a respondent-type column (patient, visitor or carer) nor a staff survey\'s days a week on site or staff group'
      : `its respondent-type column ${name(typeCol)} is not answered patient, visitor or carer, and it has no days a week on site or staff group`;
  throw new UserError(
    'survey_respondents_unclear',
    `${file}: cannot tell whether this is a staff travel survey or a patient and visitor travel survey: ${why}.`,
    'Say which with --respondents staff or --respondents patients-visitors.',
  );
}

/** Counts of stored responses by respondent type, in the order a summary names them. */
export type RespondentCounts = Record<RespondentType, number>;

export function countByType(responses: readonly { readonly respondentType?: RespondentType }[]): RespondentCounts {
  const counts: RespondentCounts = { patient: 0, visitor: 0, carer: 0, unknown: 0 };
  for (const r of responses) counts[r.respondentType ?? 'unknown'] += 1;
  return counts;
}

/** "12 patients, 6 visitors, 2 carers, 1 of unknown type": the types answered, for a summary. */
export function describeCounts(counts: RespondentCounts): string {
  const parts = ([['patient', 'patients'], ['visitor', 'visitors'], ['carer', 'carers']] as const)
    .filter(([t]) => counts[t] > 0)
    .map(([t, plural]) => `${counts[t]} ${counts[t] === 1 ? t : plural}`);
  if (counts.unknown > 0) parts.push(`${counts.unknown} of unknown type`);
  return parts.length === 0 ? 'no responses' : parts.join(', ');
}

/**
 * Reads a patient and visitor survey's rows. Rows whose mode or distance cannot be read are
 * rejected with the cell, as a staff survey's are. A respondent type that is blank or names
 * none of patient, visitor or carer is stored as `unknown` with a warning rather than rejected:
 * the journey is still a real journey to the site, and dropping it would understate the travel
 * the survey measured; only the split between patients and visitors loses it.
 */
export function visitorSurveyMapper(profile: Profile, ctx: CellContext, org: SurveyOrganisation, columns: Columns): SurveyMapper {
  const layout = surveyLayout(profile, ctx, columns);
  const col = layout.col;
  const siteNames = siteNamesOf(org);
  const seen = new Map<string, number>();
  const start = surveyRowStart(ctx, layout);

  return {
    responseDates: () => start.dates,
    map(line, cells) {
      // A survey tool's extra header rows and the response dates, as in a staff survey.
      const header = start.headerRow(line, cells);
      if (header !== undefined) return header;
      const r = new RowReader(ctx, line, cells);
      const warnings: Problem[] = [];
      const extra: Extra = {};
      const modeText = r.text(col.mainMode);
      let main = readMainMode(r, layout, modeText, r.text(layout.otherModeCol), extra);
      if (main?.mode === 'work_from_home') {
        r.problem(col.mainMode, 'not_a_journey', `"${modeText}" is not a way of travelling to the site: give how the respondent travelled there (the main mode, for the longest part of the journey)`);
        main = undefined;
      }
      // A visit is a journey: its distance is always needed (blank reads as not answered).
      const oneWayKm = readOneWayKm(r, layout, false, extra, warnings, 'journey to the site');
      if (r.text(col.distance) === '') r.problem(col.distance, 'missing_distance', 'the distance travelled to the site is not answered: give it one way, e.g. 5 or 5 miles');
      const journeys = readJourneys(r, col.journeysPerVisit, layout.ctx.decimal);
      const occupants = readOccupants(r, layout, main?.mode, extra, warnings);
      if (main?.mode === 'drive_alone' || main?.mode === 'car_share') readCar(r, layout, modeText, extra);
      const respondentType = readRespondentType(r, ctx, col.respondentType, warnings);

      const respondent = r.text(col.respondent) || null;
      if (respondent !== null) {
        const earlier = seen.get(respondent);
        if (earlier !== undefined) r.problem(col.respondent, 'duplicate_respondent', `respondent ${respondent} already answered on line ${earlier} of this file`);
        else if (r.problems.length === 0) seen.set(respondent, line);
      }

      if (r.problems.length > 0 || main === undefined || journeys === undefined) return { problems: r.problems, warnings };
      const siteText = r.text(col.site);
      return {
        problems: [],
        warnings,
        response: {
          line, respondent,
          site: siteText === '' ? null : (siteNames.get(siteText.toLowerCase()) ?? siteText),
          staffGroup: null,
          mainMode: main.mode,
          occupants,
          oneWayKm,
          daysPerWeek: null,
          secondMode: null,
          extraJson: JSON.stringify(extra),
          respondentType,
          journeysPerVisit: journeys.value,
          journeysAssumed: journeys.assumed,
        },
      };
    },
  };
}

/** The respondent type; blank or unrecognised → `unknown`, with a warning naming the cell. */
function readRespondentType(r: RowReader, ctx: CellContext, column: number | undefined, warnings: Problem[]): RespondentType {
  // A file read as patients and visitors by --respondents may have no such column: every response is of unknown type, said once by the import.
  if (column === undefined) return 'unknown';
  const text = r.text(column);
  const t = parseRespondentType(text);
  if (t === undefined) {
    warnings.push(warning(ctx, r, column, 'respondent_type_missing', 'who answered (patient, visitor or carer) is not answered; the response is stored with an unknown respondent type'));
    return 'unknown';
  }
  if (t === 'unknown') {
    warnings.push(warning(ctx, r, column, 'unknown_respondent_type', `"${text}" is not a respondent type tco2e recognises; the response is stored with an unknown respondent type (answer ${ACCEPTED_RESPONDENT_TYPES} to count it as one)`));
  }
  return t;
}

/** One-way journeys the visit meant: the answer, or 2 (assumed) when not asked or not answered; `undefined` when rejected. */
function readJourneys(r: RowReader, column: number | undefined, decimal: '.' | ','): { value: number; assumed: boolean } | undefined {
  const text = r.text(column);
  if (text === '') return { value: DEFAULT_JOURNEYS_PER_VISIT, assumed: true };
  const words = answerWords(text);
  const worded = JOURNEY_WORDS.find(([re]) => re.test(words));
  if (worded !== undefined) return { value: worded[1], assumed: false };
  const n = parseAnswerNumber(text, decimal);
  if (n === undefined || n === null || n.unit !== undefined || n.reading !== 'exact' || !Number.isInteger(n.value)) {
    r.problem(column, 'bad_journeys', `"${text}" is not a number of one-way journeys: write a whole number, e.g. 2 for there and back`);
    return undefined;
  }
  if (n.value < 1 || n.value > MOST_JOURNEYS_PER_VISIT) {
    r.problem(column, 'journeys_out_of_range', `${n.value} one-way journeys for one visit is outside 1 to ${MOST_JOURNEYS_PER_VISIT}: give the journeys this visit meant, e.g. 2 for there and back`);
    return undefined;
  }
  return { value: n.value, assumed: false };
}
