/**
 * Importing journeys: travel survey responses, staff or patients and visitors (stored as
 * answered, for a later stage to expand into annual emissions) and business journeys or
 * grey-fleet mileage claims (converted now, as Scope 3 category 6).
 */

import { UserError } from '../kernel/errors.js';
import type { Problem } from '../kernel/problem.js';
import { businessTravelMapper } from '../map/business-travel.js';
import { resolveColumns } from '../map/columns.js';
import { monthLabel, responseDateColumn, responseMonths } from '../map/response-dates.js';
import { surveyColumns, surveyMapper, type SurveyMapper, type SurveyResponse } from '../map/survey.js';
import { countByType, describeCounts, surveyRespondents, visitorSurveyMapper, type RespondentCounts, type Respondents } from '../map/visitor-survey.js';
import { msg } from '../messages.js';
import type { Ledger } from '../store/ledger.js';
import { completeImport } from './complete.js';
import { openForImport, type OpenedFile } from './open.js';
import { readAllRows, readMappedRows } from './read-rows.js';
import type { ImportRequest } from './request.js';
import { ImportSession } from './session.js';
import { readerFor, type ShapeInput, type ShapeTable } from './shapes.js';
import type { ImportSummary } from './summary.js';

export type { ImportRequest } from './request.js';

export interface JourneysRequest extends ImportRequest {
  /** Survey wave label ("2024 autumn"); overrides the profile's `wave`. Required for surveys, one way or the other. */
  readonly wave?: string;
  /** Whose travel a survey is, when its header and answers cannot tell (`--respondents`). */
  readonly respondents?: Respondents;
}

export interface JourneysSummary extends ImportSummary {
  /** The wave the survey responses were stored under; null for business travel (and files already imported). */
  readonly wave: string | null;
  /** Whose travel the survey was read as: staff, or patients and visitors; null when not a survey (or already imported). */
  readonly respondents: Respondents | null;
  /** A patient and visitor survey's responses by respondent type; null otherwise. */
  readonly respondentTypes: RespondentCounts | null;
}

/** Columns a profile needs, checked against the header (a profile named with --profile skips detection). */
function requireColumns(opened: OpenedFile, needed: readonly (readonly [string, readonly string[]])[]): void {
  // Found as the mapper finds them: by the profile's spellings, else by meaning.
  const found: Partial<Record<string, number>> = resolveColumns<Readonly<Record<string, readonly string[] | undefined>>>(opened.csv.header, opened.profile.columns);
  const missing = needed.filter(([, fields]) => !fields.some((f) => found[f] !== undefined));
  if (missing.length === 0) return;
  throw new UserError(
    'missing_columns',
    `${opened.fileName}: profile "${opened.profile.id}" needs ${missing.map(([what]) => what).join(', ')}, which the header does not have.`,
    'Check the file is the export you meant, or choose or write a profile that names its columns.',
  );
}

type JourneysShape = 'survey' | 'business-travel';

/** What reading a file settled that the summary reports: the wave a survey was stored under, and whose travel it is. */
interface JourneysRead {
  wave: string | null;
  respondents: Respondents | null;
  respondentTypes: RespondentCounts | null;
}

function journeyShapes(read: JourneysRead): ShapeTable<JourneysShape, JourneysRequest> {
  return {
    survey: async (input) => {
      Object.assign(read, await readSurvey(input));
    },
    'business-travel': readBusinessTravel,
  };
}

export async function importJourneys(ledger: Ledger, req: JourneysRequest): Promise<JourneysSummary> {
  const opened = await openForImport(ledger, req, 'journeys');
  if ('status' in opened) return { ...opened, wave: null, respondents: null, respondentTypes: null };
  const session = new ImportSession();
  const read: JourneysRead = { wave: null, respondents: null, respondentTypes: null };
  await readerFor(journeyShapes(read), opened, 'journeys')({ ledger, req, opened, session });
  return { ...(await completeImport(ledger, req, opened, 'journeys', session)), ...read };
}

/**
 * The wave a survey is stored under: --wave, else the profile's, else the month its first
 * response was given, read from the form tool's date column and said in a warning. Dates that
 * read two ways (day or month first) and give different months name neither: --wave settles it.
 */
function waveOf(req: JourneysRequest, profileWave: string | undefined, opened: OpenedFile, dates: ReadonlySet<string>, warnings: Problem[]): string {
  const named = (req.wave ?? '').trim() || (profileWave ?? '').trim();
  if (named !== '') return named;
  const col = responseDateColumn(opened.csv.header);
  const column = col === undefined ? '' : (opened.csv.header[col] ?? '');
  const months = responseMonths(dates);
  if (months.kind === 'dated') {
    const label = monthLabel(months.first);
    warnings.push({ file: opened.fileName, line: 0, column, value: label, code: 'wave_from_dates', message: msg.surveyWaveFromDates(label, column, monthLabel(months.last)) });
    return label;
  }
  if (months.kind === 'two_readings') {
    const [dayFirst, monthFirst] = [monthLabel(months.dayFirst), monthLabel(months.monthFirst)];
    throw new UserError('wave_required', msg.surveyWaveTwoReadings(opened.fileName, column, dayFirst, monthFirst), msg.surveyWaveTwoReadingsHint(dayFirst, monthFirst));
  }
  throw new UserError('wave_required', msg.surveyWaveRequired(opened.fileName), msg.surveyWaveRequiredHint);
}

/** Rows read ahead to let the answers settle which column is which. */
const SAMPLE_ROWS = 20;

async function sampleRows(opened: OpenedFile): Promise<(readonly string[])[]> {
  const rows: (readonly string[])[] = [];
  for await (const batch of opened.csv.batches()) {
    rows.push(...batch.slice(0, SAMPLE_ROWS - rows.length).map((r) => r.cells));
    if (rows.length >= SAMPLE_ROWS) break;
  }
  return rows;
}

/**
 * Reads a survey's responses into the session; returns the wave they are stored under and whose
 * travel they are. A staff survey is read by the profile's columns, as it always was; a patient
 * and visitor survey by those and its own questions (see src/map/visitor-survey.ts).
 */
async function readSurvey({ req, opened, profile, session }: ShapeInput<'survey', JourneysRequest>): Promise<JourneysRead> {
  requireColumns(opened, [['the main mode of travel', ['mainMode']], ['the one-way distance', ['distance']]]);
  const sample = await sampleRows(opened);
  const settled = (withVisitorColumns: boolean) => {
    const columns = surveyColumns(opened.csv.header, profile, sample, opened.ctx.decimal, withVisitorColumns);
    if (columns.ok) return columns.col;
    const [a, b] = columns.headers;
    throw new UserError('ambiguous_column', msg.surveyColumnTwoReadings(opened.fileName, columns.what, a, b), msg.surveyColumnTwoReadingsHint(profile.id, columns.field));
  };
  const staffColumns = settled(false);
  const allColumns = settled(true);
  // The respondent type is a patient and visitor survey's own question; days and staff group a staff survey's.
  const respondents = surveyRespondents(opened.fileName, opened.csv.header, staffColumns, allColumns.respondentType, sample, req.respondents);
  let mapper: SurveyMapper;
  if (respondents === 'staff') {
    requireColumns(opened, [['the days a week on site', ['daysPerWeek']]]);
    mapper = surveyMapper(profile, opened.ctx, req.org, staffColumns);
  } else {
    mapper = visitorSurveyMapper(profile, opened.ctx, req.org, allColumns);
  }
  const responses: SurveyResponse[] = [];
  await readAllRows(opened, req, (line, cells) => {
    const m = mapper.map(line, cells);
    if (m.notAResponse !== undefined) session.excluded.push(m.notAResponse);
    session.warnings.push(...m.warnings);
    if (m.response) responses.push(m.response);
    else if (m.notAResponse === undefined) session.reject(line, cells, m.problems);
  }, session);
  const wave = waveOf(req, profile.wave, opened, mapper.responseDates(), session.warnings);
  for (const r of responses) session.survey.push({ ...r, wave });
  if (respondents === 'staff') return { wave, respondents, respondentTypes: null };
  const respondentTypes = countByType(responses);
  session.warnings.push(visitorSurveyNote(opened, allColumns.respondentType, req.respondents !== undefined, describeCounts(respondentTypes)));
  return { wave, respondents, respondentTypes };
}

/**
 * How the file was read, kept with the import's warnings so `imports show` says it too: a
 * patient and visitor survey, why, and its responses by respondent type.
 */
function visitorSurveyNote(opened: OpenedFile, typeCol: number | undefined, byFlag: boolean, counts: string): Problem {
  const column = typeCol === undefined ? '' : (opened.csv.header[typeCol] ?? '');
  const why = byFlag ? 'as --respondents said' : `its "${column}" column answered patient, visitor or carer, and it asks no days a week on site`;
  const noType = typeCol === undefined ? '; it has no respondent-type column, so every response is of unknown type' : '';
  return { file: opened.fileName, line: 0, column, value: 'patients-visitors', code: 'patient_visitor_survey', message: `read as a patient and visitor travel survey (${why})${noType}: ${counts}` };
}

async function readBusinessTravel({ req, opened, profile, session }: ShapeInput<'business-travel', JourneysRequest>): Promise<void> {
  requireColumns(opened, [['a journey date', ['date']], ['a mode of travel', ['mode']], ['a distance or an amount claimed', ['distance', 'amount']]]);
  if (req.wave !== undefined) {
    session.warnings.push({ file: opened.fileName, line: 0, column: '', value: req.wave, code: 'wave_ignored', message: `--wave applies to travel surveys; it was ignored for this business-travel file` });
  }
  await readMappedRows(opened, req, session, businessTravelMapper(profile, opened.ctx), (activities) => session.rows.push([...activities]));
}
