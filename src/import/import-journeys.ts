/**
 * Importing staff journeys: travel survey responses (stored as answered, for a later stage to
 * expand into annual commuting emissions) and business journeys or grey-fleet mileage claims
 * (converted now, as Scope 3 category 6).
 */

import { UserError } from '../kernel/errors.js';
import { businessTravelMapper } from '../map/business-travel.js';
import { findColumn } from '../map/columns.js';
import type { Profile } from '../map/profiles.js';
import { surveyMapper } from '../map/survey.js';
import type { Ledger } from '../store/ledger.js';
import { Collected, completeImport, openForImport, readAllRows, type ImportRequest, type OpenedFile } from './pipeline.js';
import type { ImportSummary } from './summary.js';

export type { ImportRequest } from './pipeline.js';

export interface JourneysRequest extends ImportRequest {
  /** Survey wave label ("2024 autumn"); overrides the profile's `wave`. Required for surveys, one way or the other. */
  readonly wave?: string;
}

export interface JourneysSummary extends ImportSummary {
  /** The wave the survey responses were stored under; null for business travel (and files already imported). */
  readonly wave: string | null;
}

/** Columns a profile needs, checked against the header (a profile named with --profile skips detection). */
function requireColumns(opened: OpenedFile, needed: readonly (readonly [string, readonly (readonly string[] | undefined)[]])[]): void {
  const missing = needed.filter(([, spellings]) => findColumn(opened.csv.header, spellings.flatMap((s) => s ?? [])) === undefined);
  if (missing.length === 0) return;
  throw new UserError(
    'missing_columns',
    `${opened.fileName}: profile "${opened.profile.id}" needs ${missing.map(([what]) => what).join(', ')}, which the header does not have.`,
    'Check the file is the export you meant, or choose or write a profile that names its columns.',
  );
}

export async function importJourneys(ledger: Ledger, req: JourneysRequest): Promise<JourneysSummary> {
  const opened = await openForImport(ledger, req, 'journeys');
  if ('status' in opened) return { ...opened, wave: null };
  const profile: Profile = opened.profile;
  const { ctx } = opened;
  const c = new Collected();

  if (profile.shape === 'survey') {
    const wave = (req.wave ?? '').trim() || (profile.wave ?? '').trim();
    if (wave === '') {
      throw new UserError('wave_required', `${opened.fileName}: a travel survey is stored under a wave label, and none was given; nothing was stored.`, 'Pass --wave with a label for this survey, e.g. --wave "2024 autumn" (or set "wave" in the profile).');
    }
    const k = profile.columns;
    requireColumns(opened, [['the main mode of travel', [k.mainMode]], ['the one-way distance', [k.distance]], ['the days a week on site', [k.daysPerWeek]]]);
    const mapper = surveyMapper(profile, ctx, req.org, wave);
    await readAllRows(opened, req, (line, cells) => {
      const m = mapper.map(line, cells);
      c.warnings.push(...m.warnings);
      if (m.response) c.survey.push(m.response);
      else c.reject(line, cells, m.problems);
    }, c);
    return { ...(await completeImport(ledger, req, opened, 'journeys', c)), wave };
  }

  if (profile.shape === 'business-travel') {
    const k = profile.columns;
    requireColumns(opened, [['a journey date', [k.date]], ['a mode of travel', [k.mode]], ['a distance or an amount claimed', [k.distance, k.amount]]]);
    if (req.wave !== undefined) {
      c.warnings.push({ file: opened.fileName, line: 0, column: '', value: req.wave, code: 'wave_ignored', message: `--wave applies to travel surveys; it was ignored for this business-travel file` });
    }
    const mapper = businessTravelMapper(profile, ctx);
    await readAllRows(opened, req, (line, cells) => {
      const m = mapper.map(line, cells);
      if (m.kind === 'rejected') c.reject(line, cells, m.problems);
      else if (m.kind === 'excluded') c.excluded.push(m.problem);
      else {
        c.rows.push([...m.activities]);
      }
    }, c);
    return { ...(await completeImport(ledger, req, opened, 'journeys', c)), wave: null };
  }

  throw new UserError('profile_not_supported', `Profile "${profile.id}" (${profile.shape}) is not a journeys profile.`, 'Use a survey or business-travel profile (see `tco2e profiles list`).');
}
