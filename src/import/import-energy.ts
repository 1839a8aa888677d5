/**
 * Importing an energy file: bills and monthly consumption (calendarised), half-hourly files
 * (one row per meter-day) and interval readings (one row per half-hour).
 */

import { UserError } from '../kernel/errors.js';
import { billMapper } from '../map/energy-bill.js';
import { hhMapper } from '../map/half-hourly.js';
import { intervalMapper } from '../map/interval.js';
import type { Ledger } from '../store/ledger.js';
import { completeImport } from './complete.js';
import { openForImport, type OpenOptions } from './open.js';
import { implausibleQuantity, plausibleQuantity } from '../units/plausible.js';
import { readAllPieces, readAllRows, readMappedRows } from './read-rows.js';
import type { ImportRequest } from './request.js';
import { ImportSession } from './session.js';
import { readerFor, type ShapeInput, type ShapeTable } from './shapes.js';
import type { ImportSummary } from './summary.js';

export type { ImportRequest } from './request.js';

type EnergyShape = 'bill' | 'half-hourly' | 'interval';

const ENERGY_SHAPES: ShapeTable<EnergyShape, ImportRequest> = {
  bill: readBills,
  'half-hourly': readHalfHourly,
  interval: readIntervals,
};

/** `options.meter` names the meter of a file without a meter column (a single meter's download). */
export async function importEnergy(ledger: Ledger, req: ImportRequest, options: OpenOptions = {}): Promise<ImportSummary> {
  const opened = await openForImport(ledger, req, 'energy', options);
  if ('status' in opened) return opened;
  const session = new ImportSession();
  // What the values settled (a date format, the meter column, labels by end) is said, not hidden.
  session.warnings.push(...(opened.notes ?? []));
  try {
    await readerFor(ENERGY_SHAPES, opened, 'energy')({ ledger, req, opened, session });
    return await completeImport(ledger, req, opened, 'energy', session);
  } catch (e) {
    session.abandon();
    throw ledger.failure(e);
  }
}

async function readBills({ req, opened, profile, session }: ShapeInput<'bill', ImportRequest>): Promise<void> {
  const mapper = billMapper(profile, opened.ctx, opened.meterSite);
  await readMappedRows(opened, req, session, mapper, (activities) => session.rows.push(activities));
  session.warnings.push(...mapper.warnings());
}

/** Days are stored as they are read; a day with a wild value or seen twice in the file is rejected whole. */
async function readHalfHourly({ ledger, req, opened, profile, session }: ShapeInput<'half-hourly', ImportRequest>): Promise<void> {
  const { fileName } = opened;
  const mapper = hhMapper(profile, opened.ctx, opened.meterSite, opened.energy);
  if (mapper.periodColumns < 46) {
    throw new UserError('no_period_columns', `${fileName}: found ${mapper.periodColumns} half-hour columns labelled by ${profile.periodLabels}; a half-hourly file needs 48.`, 'Choose the profile whose period labels match the file (half-hourly-start, half-hourly-end or half-hourly-numbered).');
  }
  session.streamDays(ledger, req, opened, 'energy');
  const seen = new Map<string, number>();
  await readAllRows(opened, req, (line, cells) => {
    const m = mapper.map(line, cells);
    session.warnings.push(...m.warnings);
    if (m.excluded !== undefined) {
      session.excluded.push(m.excluded);
      return;
    }
    if (m.problems.length > 0) {
      session.reject(line, cells, m.problems);
      return;
    }
    if (!m.day) return;
    // Checked before the day is stored: the monthly sum is checked again on conversion, but
    // by then the day itself would be in the batch.
    const wild = m.day.kwh.find((v) => !plausibleQuantity(v, 'kWh'));
    if (wild !== undefined) {
      session.reject(line, cells, [{ file: fileName, ...implausibleQuantity(line, wild, 'kWh') }]);
      return;
    }
    const id = `${m.day.meter}|${m.day.day}`;
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      session.reject(line, cells, [{ file: fileName, line, column: '', value: m.day.day, code: 'duplicate_day', message: `meter ${m.day.meter} on ${m.day.day} is already on line ${earlier} of this file` }]);
    } else {
      seen.set(id, line);
      session.addDay(m.day);
    }
  }, session);
  session.warnings.push(...mapper.warnings());
  for (const row of session.monthly.drafts()) session.rows.push(row);
}

/** Readings are gathered into meter-days; each day is stored as soon as it is complete. */
async function readIntervals({ ledger, req, opened, profile, session }: ShapeInput<'interval', ImportRequest>): Promise<void> {
  session.streamDays(ledger, req, opened, 'energy');
  const mapper = intervalMapper(
    profile,
    opened.ctx,
    opened.meterSite,
    (day) => {
      session.addDay(day);
    },
    opened.energy,
    (p) => session.excluded.push(p),
  );
  const reject = session.reject.bind(session);
  await readAllPieces(
    opened,
    req,
    (line, cells) => {
      const problems = mapper.map(line, cells);
      if (problems.length > 0) session.reject(line, cells, problems);
    },
    (text, firstLine) => mapper.mapText(text, firstLine, reject),
    session,
  );
  // Loops, not spreads: a 10M-reading file can have 200,000 meter-days.
  for (const p of mapper.finish().problems) session.rejected.push(p);
  session.warnings.push(...mapper.warnings());
  for (const row of session.monthly.drafts()) session.rows.push(row);
}
