/**
 * Importing an energy file: bills and monthly consumption (calendarised), half-hourly files
 * (one row per meter-day) and interval readings (one row per half-hour).
 */

import { UserError } from '../kernel/errors.js';
import { billMapper } from '../map/energy-bill.js';
import { hhMapper } from '../map/half-hourly.js';
import { intervalMapper } from '../map/interval.js';
import type { Ledger } from '../store/ledger.js';
import { ledgerFailure } from '../store/sqlite-errors.js';
import { Collected, completeImport, openForImport, readAllPieces, readAllRows, type ImportRequest, type OpenedFile } from './pipeline.js';
import { implausibleQuantity, plausibleQuantity } from './plausible.js';
import type { ImportSummary } from './summary.js';

export type { ImportRequest } from './pipeline.js';

export async function importEnergy(ledger: Ledger, req: ImportRequest): Promise<ImportSummary> {
  const opened = await openForImport(ledger, req, 'energy');
  if ('status' in opened) return opened;
  const c = new Collected();
  try {
    return await importShape(ledger, req, opened, c);
  } catch (e) {
    c.abandon();
    throw ledgerFailure(e, ledger.path);
  }
}

async function importShape(ledger: Ledger, req: ImportRequest, opened: OpenedFile, c: Collected): Promise<ImportSummary> {
  const { profile, ctx, meterSite, fileName } = opened;

  if (profile.shape === 'bill') {
    const mapper = billMapper(profile, ctx, meterSite);
    await readAllRows(opened, req, (line, cells) => {
      const m = mapper.map(line, cells);
      if (m.problems.length > 0) c.reject(line, cells, m.problems);
      else {
        c.rows.push(m.activities);
      }
    }, c);
  } else if (profile.shape === 'half-hourly') {
    const mapper = hhMapper(profile, ctx, meterSite);
    if (mapper.periodColumns < 46) {
      throw new UserError('no_period_columns', `${fileName}: found ${mapper.periodColumns} half-hour columns labelled by ${profile.periodLabels}; a half-hourly file needs 48.`, 'Choose the profile whose period labels match the file (half-hourly-start, half-hourly-end or half-hourly-numbered).');
    }
    c.streamDays(ledger, req, opened, 'energy');
    const seen = new Map<string, number>();
    await readAllRows(opened, req, (line, cells) => {
      const m = mapper.map(line, cells);
      c.warnings.push(...m.warnings);
      if (m.problems.length > 0) {
        c.reject(line, cells, m.problems);
        return;
      }
      if (!m.day) return;
      // Checked before the day is stored: the monthly sum is checked again on conversion, but
      // by then the day itself would be in the batch.
      const wild = m.day.kwh.find((v) => !plausibleQuantity(v, 'kWh'));
      if (wild !== undefined) {
        c.reject(line, cells, [{ file: fileName, ...implausibleQuantity(line, wild, 'kWh') }]);
        return;
      }
      const id = `${m.day.meter}|${m.day.day}`;
      const earlier = seen.get(id);
      if (earlier !== undefined) {
        c.reject(line, cells, [{ file: fileName, line, column: '', value: m.day.day, code: 'duplicate_day', message: `meter ${m.day.meter} on ${m.day.day} is already on line ${earlier} of this file` }]);
      } else {
        seen.set(id, line);
        c.addDay(m.day);
      }
    }, c);
    for (const row of c.monthly.drafts()) c.rows.push(row);
  } else if (profile.shape === 'interval') {
    c.streamDays(ledger, req, opened, 'energy');
    const mapper = intervalMapper(profile, ctx, meterSite, (day) => {
      c.addDay(day);
    });
    await readAllPieces(
      opened,
      req,
      (line, cells) => {
        const problems = mapper.map(line, cells);
        if (problems.length > 0) c.reject(line, cells, problems);
      },
      (text, firstLine) =>
        mapper.mapText(text, firstLine, (line, cells, problems) => {
          c.reject(line, cells, problems);
        }),
      c,
    );
    // Loops, not spreads: a 10M-reading file can have 200,000 meter-days.
    for (const p of mapper.finish().problems) c.rejected.push(p);
    for (const row of c.monthly.drafts()) c.rows.push(row);
  } else {
    throw new UserError('profile_not_supported', `Profile "${profile.id}" (${profile.shape}) is not an energy profile.`, 'Use a bill, half-hourly or interval profile.');
  }
  return await completeImport(ledger, req, opened, 'energy', c);
}
