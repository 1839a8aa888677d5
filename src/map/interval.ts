/**
 * Interval meter data, one row per half-hour reading: readings are placed in their meter-day
 * (Europe/London) by instant, so clock-change days get their 46 or 50 slots. A day must be
 * complete to be stored; an incomplete one is reported, never filled.
 */

import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Problem } from '../read/header-csv.js';
import { halfHourPeriodsInDay, halfHourPeriodStart } from '../read/values/periods.js';
import { RowReader, type CellContext } from './cells.js';
import { resolveColumns } from './columns.js';
import type { HhDay } from './half-hourly.js';
import type { IntervalProfile } from './profile-schema.js';

type Profile = z.infer<typeof IntervalProfile>;

const HALF_HOUR_MS = 1_800_000;
const ZONE = 'Europe/London';

interface Slot {
  readonly day: string;
  readonly period: number;
  readonly periods: number;
}

interface DayAcc {
  readonly meter: string;
  readonly site: string | null;
  readonly day: string;
  readonly line: number;
  readonly kwh: (number | undefined)[];
  estimated: number;
}

export interface IntervalMapper {
  map(line: number, cells: readonly string[]): Problem[];
  /** The complete days, and a problem for each incomplete one. */
  finish(): { days: HhDay[]; problems: Problem[]; rejectedLines: number[] };
}

export function intervalMapper(profile: Profile, ctx: CellContext, meterSite: (meter: string) => string | undefined): IntervalMapper {
  const col = resolveColumns(ctx.header, profile.columns);
  const estimatedWords = new Set(profile.estimatedValues.map((v) => v.toLowerCase()));
  const toKwh = profile.unit === 'MWh' ? 1000 : 1;
  const shift = profile.timestampLabels === 'end' ? HALF_HOUR_MS : 0;
  // A file repeats the same few thousand timestamps for every meter: place each once.
  const slots = new Map<number, Slot | undefined>();
  const slotOf = (epochMs: number): Slot | undefined => {
    if (slots.has(epochMs)) return slots.get(epochMs);
    const start = epochMs - shift;
    const day = DateTime.fromMillis(start, { zone: ZONE }).toISODate();
    const first = day === null ? undefined : halfHourPeriodStart(day, 1);
    const n = day === null ? undefined : halfHourPeriodsInDay(day);
    let slot: Slot | undefined;
    if (day !== null && first?.ok && n?.ok && (start - first.value) % HALF_HOUR_MS === 0) {
      slot = { day, period: (start - first.value) / HALF_HOUR_MS + 1, periods: n.value };
    }
    slots.set(epochMs, slot);
    return slot;
  };
  const days = new Map<string, DayAcc>();
  return {
    map(line, cells) {
      const r = new RowReader(ctx, line, cells);
      const meter = r.text(col.meter);
      if (meter === '') r.problem(col.meter, 'missing_meter', 'the meter is empty');
      const ts = r.date(col.timestamp, 'the timestamp');
      const q = r.number(col.quantity);
      if (q === null) r.problem(col.quantity, 'missing_quantity', 'the reading is empty; tco2e does not fill gaps');
      if (ts !== undefined && !ts.hasTime) r.problem(col.timestamp, 'missing_time', 'has no time of day: each reading needs its half-hour');
      if (r.problems.length > 0 || ts === undefined || !ts.hasTime || typeof q !== 'number') return r.problems;
      const slot = slotOf(ts.epochMs);
      if (slot === undefined) {
        r.problem(col.timestamp, 'not_half_hour', 'is not on a half-hour boundary');
        return r.problems;
      }
      const id = `${meter}\u0000${slot.day}`;
      let acc = days.get(id);
      if (!acc) days.set(id, (acc = { meter, site: r.text(col.site) || meterSite(meter) || null, day: slot.day, line, kwh: new Array<number | undefined>(slot.periods), estimated: 0 }));
      if (acc.kwh[slot.period - 1] !== undefined) {
        r.problem(col.timestamp, 'duplicate_reading', `meter ${meter} already has a reading for this half-hour`);
        return r.problems;
      }
      acc.kwh[slot.period - 1] = q * toKwh;
      if (estimatedWords.has(r.text(col.readType).toLowerCase())) acc.estimated += 1;
      return [];
    },
    finish() {
      const complete: HhDay[] = [];
      const problems: Problem[] = [];
      for (const acc of days.values()) {
        let have = 0;
        for (const v of acc.kwh) if (v !== undefined) have++;
        if (have === acc.kwh.length) {
          complete.push({ line: acc.line, site: acc.site, meter: acc.meter, day: acc.day, kwh: acc.kwh as number[], estimatedPeriods: acc.estimated });
        } else {
          problems.push({ file: ctx.file, line: acc.line, column: '', value: acc.day, code: 'incomplete_day', message: `meter ${acc.meter} has ${have} of the ${acc.kwh.length} half-hours of ${acc.day}; the day was not stored (tco2e does not fill gaps)` });
        }
      }
      return { days: complete, problems, rejectedLines: problems.map((p) => p.line) };
    },
  };
}
