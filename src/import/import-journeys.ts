/**
 * Importing staff journeys: travel survey responses (stored as answered, for a later stage to
 * expand into annual commuting emissions) and business journeys or grey-fleet mileage claims
 * (converted now, as Scope 3 category 6).
 */

import { UserError } from '../kernel/errors.js';
import { businessTravelMapper } from '../map/business-travel.js';
import { resolveColumns } from '../map/columns.js';
import { surveyMapper } from '../map/survey.js';
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
}

export interface JourneysSummary extends ImportSummary {
  /** The wave the survey responses were stored under; null for business travel (and files already imported). */
  readonly wave: string | null;
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

const JOURNEY_SHAPES: ShapeTable<JourneysShape, JourneysRequest> = {
  survey: readSurvey,
  'business-travel': readBusinessTravel,
};

export async function importJourneys(ledger: Ledger, req: JourneysRequest): Promise<JourneysSummary> {
  const opened = await openForImport(ledger, req, 'journeys');
  if ('status' in opened) return { ...opened, wave: null };
  const session = new ImportSession();
  await readerFor(JOURNEY_SHAPES, opened, 'journeys')({ ledger, req, opened, session });
  const wave = opened.profile.shape === 'survey' ? waveOf(req, opened.profile.wave, opened.fileName) : null;
  return { ...(await completeImport(ledger, req, opened, 'journeys', session)), wave };
}

/** The wave a survey is stored under: --wave, else the profile's; one of them is required. */
function waveOf(req: JourneysRequest, profileWave: string | undefined, fileName: string): string {
  const wave = (req.wave ?? '').trim() || (profileWave ?? '').trim();
  if (wave === '') {
    throw new UserError('wave_required', `${fileName}: a travel survey is stored under a wave label, and none was given; nothing was stored.`, 'Pass --wave with a label for this survey, e.g. --wave "2024 autumn" (or set "wave" in the profile).');
  }
  return wave;
}

async function readSurvey({ req, opened, profile, session }: ShapeInput<'survey', JourneysRequest>): Promise<void> {
  const wave = waveOf(req, profile.wave, opened.fileName);
  requireColumns(opened, [['the main mode of travel', ['mainMode']], ['the one-way distance', ['distance']], ['the days a week on site', ['daysPerWeek']]]);
  const mapper = surveyMapper(profile, opened.ctx, req.org, wave);
  await readAllRows(opened, req, (line, cells) => {
    const m = mapper.map(line, cells);
    session.warnings.push(...m.warnings);
    if (m.response) session.survey.push(m.response);
    else session.reject(line, cells, m.problems);
  }, session);
}

async function readBusinessTravel({ req, opened, profile, session }: ShapeInput<'business-travel', JourneysRequest>): Promise<void> {
  requireColumns(opened, [['a journey date', ['date']], ['a mode of travel', ['mode']], ['a distance or an amount claimed', ['distance', 'amount']]]);
  if (req.wave !== undefined) {
    session.warnings.push({ file: opened.fileName, line: 0, column: '', value: req.wave, code: 'wave_ignored', message: `--wave applies to travel surveys; it was ignored for this business-travel file` });
  }
  await readMappedRows(opened, req, session, businessTravelMapper(profile, opened.ctx), (activities) => session.rows.push([...activities]));
}
