/**
 * Interval meter data, one row per half-hour reading: readings are placed in their meter-day
 * (Europe/London) by instant, so clock-change days get their 46 or 50 slots. A day must be
 * complete to be stored; an incomplete one is reported, never filled.
 */

import type { z } from 'zod';
import type { Problem } from '../kernel/problem.js';
import { ianaZone, localIsoDate } from '../read/values/calendar.js';
import { halfHourPeriodsInDay, halfHourPeriodStart } from '../read/values/periods.js';
import { detach, RowReader, type CellContext } from './cells.js';
import { resolveColumns } from './columns.js';
import type { HhDay } from './half-hourly.js';
import type { IntervalProfile } from './profile-schema.js';

type Profile = z.infer<typeof IntervalProfile>;

const HALF_HOUR_MS = 1_800_000;
const ZONE = 'Europe/London';

interface Slot {
  readonly epochMs: number;
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
  /** The line each half-hour was read from: a day left incomplete rejects every one of them. */
  readonly lines: number[];
  have: number;
  estimated: number;
}

const NO_PROBLEMS: Problem[] = [];
const PLAIN_NUMBER = /^\d+(\.\d+)?$/;

export interface IntervalMapper {
  map(line: number, cells: readonly string[]): Problem[];
  /** Maps quote-free text of whole records starting on `firstLine`; returns the rows it held. */
  mapText(text: string, firstLine: number, reject: (line: number, cells: readonly string[], problems: readonly Problem[]) => void): number;
  /** A problem for each day left incomplete at the end of the file. */
  finish(): { problems: Problem[] };
}

/**
 * `onDay` receives each meter-day as soon as its last half-hour arrives, so a large file's days
 * can be stored as they complete; only incomplete days are held.
 */
export function intervalMapper(profile: Profile, ctx: CellContext, meterSite: (meter: string) => string | undefined, onDay: (day: HhDay) => void): IntervalMapper {
  const col = resolveColumns(ctx.header, profile.columns);
  const estimatedWords = new Set(profile.estimatedValues.map((v) => v.toLowerCase()));
  const toKwh = profile.unit === 'MWh' ? 1000 : 1;
  const shift = profile.timestampLabels === 'end' ? HALF_HOUR_MS : 0;
  // A file repeats the same few thousand timestamps for every meter: place each once.
  const slots = new Map<number, Slot | undefined>();
  // The zone object, asked through the per-day offset cache: a DateTime per slot cost ~70 µs.
  const zone = ianaZone(ZONE);
  const slotOf = (epochMs: number): Slot | undefined => {
    if (slots.has(epochMs)) return slots.get(epochMs);
    const start = epochMs - shift;
    const day = localIsoDate(zone, start);
    const first = halfHourPeriodStart(day, 1);
    const n = halfHourPeriodsInDay(day);
    let slot: Slot | undefined;
    if (first.ok && n.ok && (start - first.value) % HALF_HOUR_MS === 0) {
      slot = { epochMs, day, period: (start - first.value) / HALF_HOUR_MS + 1, periods: n.value };
    }
    slots.set(epochMs, slot);
    return slot;
  };
  // Per meter, its days; rows usually run meter by meter, so the last day found is tried first.
  const byMeter = new Map<string, Map<string, DayAcc>>();
  let last: DayAcc | undefined;
  /** Meter-days already complete and handed on, to catch a reading for one of them again. */
  const done = new Set<string>();
  let lastType = '';
  let lastTypeEstimated = false;
  /** Timestamp text → its slot (or the problem with it): one lookup per row for a repeated text. */
  const placed = new Map<string, Slot | { code: string; message: string }>();
  const iMeter = col.meter;
  const iTs = col.timestamp;
  const iQty = col.quantity;
  const iType = col.readType;
  const place = (cell: string): Slot | { code: string; message: string } => {
    let p = placed.get(cell);
    if (p !== undefined) return p;
    const text = detach(cell); // kept as a cache key here and in the date parser
    const d = ctx.parseDate(text.trim());
    if (!d.ok) p = { code: d.code, message: d.message };
    else if (d.value === null) p = { code: 'missing_date', message: 'the timestamp is empty' };
    else if (!d.value.hasTime) p = { code: 'missing_time', message: 'has no time of day: each reading needs its half-hour' };
    else p = slotOf(d.value.epochMs) ?? { code: 'not_half_hour', message: 'is not on a half-hour boundary' };
    if (placed.size > 500_000) placed.clear(); // bounded: a pathological file of unique texts
    placed.set(text, p);
    return p;
  };
  /**
   * One reading. Most take the fast path: a plain number, a timestamp already placed. Anything
   * else goes through a RowReader (with the row's cells), which parses fully and reports problems.
   */
  function mapFields(line: number, meterCell: string, tsCell: string, qText: string, typeCell: string, siteCell: string, cellsOf: () => readonly string[]): Problem[] {
    return mapPlaced(line, meterCell.trim(), place(tsCell), PLAIN_NUMBER.test(qText) ? Number(qText) : undefined, typeCell, siteCell, cellsOf);
  }

  /** One reading whose meter is trimmed, timestamp placed and quantity read if plain. */
  function mapPlaced(line: number, meter: string, placedSlot: Slot | { code: string; message: string }, plainQ: number | undefined, typeCell: string, siteCell: string, cellsOf: () => readonly string[]): Problem[] {
    let slot = placedSlot;
    let q = plainQ;
    if (q === undefined || meter === '' || !('day' in slot)) {
      const r = new RowReader(ctx, line, cellsOf());
      if (meter === '') r.problem(iMeter, 'missing_meter', 'the meter is empty');
      if (!('day' in slot)) r.problem(iTs, slot.code, slot.message);
      if (q === undefined) {
        const n = r.number(iQty);
        if (n === null) r.problem(iQty, 'missing_quantity', 'the reading is empty; tco2e does not fill gaps');
        else if (n !== undefined) q = n;
      }
      if (r.problems.length > 0 || q === undefined || !('day' in slot)) return r.problems;
    }
    let acc = last !== undefined && last.meter === meter && last.day === slot.day ? last : undefined;
    if (acc === undefined) {
      let meterDays = byMeter.get(meter);
      if (!meterDays) byMeter.set(detach(meter), (meterDays = new Map<string, DayAcc>()));
      acc = meterDays.get(slot.day);
      if (!acc) {
        const site = detach(siteCell.trim() || meterSite(meter) || '') || null;
        if (done.has(`${meter}\u0000${slot.day}`)) {
          const r = new RowReader(ctx, line, cellsOf());
          r.problem(iTs, 'duplicate_reading', `meter ${meter} already has a reading for this half-hour`);
          return r.problems;
        }
        meterDays.set(slot.day, (acc = { meter: detach(meter), site, day: slot.day, line, kwh: new Array<number | undefined>(slot.periods), lines: new Array<number>(slot.periods), have: 0, estimated: 0 }));
      }
      last = acc;
    }
    if (acc.kwh[slot.period - 1] !== undefined && slot.periods === 50) {
      // A wall-clock time in the hour the clocks go back happens twice; the parser takes the
      // first (BST). When that half-hour is already filled, this reading is the second (GMT).
      const later = slotOf(slot.epochMs + 3_600_000);
      if (later !== undefined && later.day === slot.day && acc.kwh[later.period - 1] === undefined) slot = later;
    }
    if (acc.kwh[slot.period - 1] !== undefined) {
      const r = new RowReader(ctx, line, cellsOf());
      r.problem(iTs, 'duplicate_reading', `meter ${meter} already has a reading for this half-hour`);
      return r.problems;
    }
    acc.kwh[slot.period - 1] = q * toKwh;
    acc.lines[slot.period - 1] = line;
    acc.have += 1;
    if (iType !== undefined) {
      const t = typeCell;
      // Read types repeat ("A", "E"): compare with the last one before normalising the text.
      if (t !== lastType) {
        lastType = detach(t);
        lastTypeEstimated = estimatedWords.has(t.trim().toLowerCase());
      }
      if (lastTypeEstimated) acc.estimated += 1;
    }
    if (acc.have === acc.kwh.length) {
      onDay({ line: acc.line, site: acc.site, meter: acc.meter, day: acc.day, kwh: acc.kwh as number[], estimatedPeriods: acc.estimated });
      byMeter.get(meter)!.delete(acc.day);
      done.add(`${acc.meter}\u0000${acc.day}`); // acc.meter is detached; the row's meter would keep its text alive
      last = undefined;
    }
    return NO_PROBLEMS;
  }

  // The last meter's text as it stands in the file, and trimmed (see `mapText`).
  let lastMeterText = '';
  let lastMeter = '';
  /** Timestamp texts by their digits (and length), checked against the text on every hit. */
  const byDigits = new Map<number, { readonly text: string; readonly placed: Slot | { code: string; message: string } }>();
  /**
   * The slot of the timestamp in `text[from, to)`. A file repeats a few thousand timestamps for
   * every meter: looked up by a number made of its digits, then compared in place, so no string
   * is cut for a timestamp already seen.
   */
  const placeIn = (text: string, from: number, to: number): Slot | { code: string; message: string } => {
    if (from < 0) return place('');
    let key = 0;
    let digits = 0;
    for (let k = from; k < to; k++) {
      const c = text.charCodeAt(k);
      if (c >= 48 && c <= 57) {
        key = key * 10 + (c - 48);
        digits++;
      }
    }
    if (digits <= 13) {
      key = key * 64 + (to - from);
      const hit = byDigits.get(key);
      if (hit !== undefined && hit.text.length === to - from) {
        let same = true;
        for (let k = 0; k < hit.text.length && same; k++) same = text.charCodeAt(from + k) === hit.text.charCodeAt(k);
        if (same) return hit.placed;
      }
      const cell = text.slice(from, to);
      const placed = place(cell);
      if (byDigits.size > 500_000) byDigits.clear(); // bounded, as `placed` is
      byDigits.set(key, { text: detach(cell), placed });
      return placed;
    }
    return place(text.slice(from, to));
  };

  const delimiter = ctx.delimiter;
  return {
    map(line, cells) {
      return mapFields(line, cells[iMeter ?? -1] ?? '', cells[iTs ?? -1] ?? '', cells[iQty ?? -1] ?? '', cells[iType ?? -1] ?? '', cells[col.site ?? -1] ?? '', () => cells);
    },
    mapText(text, firstLine, reject) {
      // Fields are cut straight out of the text, with no array of cells per row (most of what
      // reading a row costs). A row that needs a closer look gets its cells split then.
      const needed = Math.max(iMeter ?? -1, iTs ?? -1, iQty ?? -1, iType ?? -1, col.site ?? -1);
      const bounds = new Int32Array((needed + 1) * 2);
      let rows = 0;
      let line = firstLine;
      // The row being read: one closure per piece, not per row, reads it (rows are read in turn).
      let recordStart = 0;
      let end = 0;
      let fields = 0;
      const cells = (): readonly string[] => text.slice(recordStart, end).split(delimiter);
      const cut = (i: number | undefined): string => (i === undefined || i >= fields ? '' : text.slice(bounds[i * 2], bounds[i * 2 + 1]));
      /** Whether field `i` holds exactly `s`, compared in place (no string made). */
      const holds = (i: number | undefined, s: string): boolean => {
        if (i === undefined || i >= fields) return s === '';
        const from = bounds[i * 2]!;
        if (bounds[i * 2 + 1]! - from !== s.length) return false;
        for (let k = 0; k < s.length; k++) if (text.charCodeAt(from + k) !== s.charCodeAt(k)) return false;
        return true;
      };
      for (let start = 0; start < text.length; line++) {
        end = text.indexOf('\n', start);
        if (end < 0) end = text.length;
        recordStart = start;
        start = end + 1;
        fields = 0;
        for (let at = recordStart; fields <= needed && at <= end; fields++) {
          let next = text.indexOf(delimiter, at);
          if (next < 0 || next > end) next = end;
          bounds[fields * 2] = at;
          bounds[fields * 2 + 1] = next;
          at = next + 1;
        }
        // Rows run meter by meter, so the meter is usually the last row's: compared, not cut.
        let meter: string;
        if (lastMeterText !== '' && holds(iMeter, lastMeterText)) meter = lastMeter;
        else {
          const meterCell = cut(iMeter);
          // Blank rows (every field empty or white space) are skipped, as the row reader does.
          if (meterCell.trim() === '' && cells().every((c) => c.trim() === '')) continue;
          meter = meterCell.trim();
          lastMeterText = detach(meterCell);
          lastMeter = detach(meter);
        }
        rows++;
        const slot = placeIn(text, iTs === undefined || iTs >= fields ? -1 : bounds[iTs * 2]!, iTs === undefined || iTs >= fields ? -1 : bounds[iTs * 2 + 1]!);
        const q = iQty === undefined || iQty >= fields ? undefined : plainNumber(text, bounds[iQty * 2]!, bounds[iQty * 2 + 1]!);
        const typeCell = iType === undefined ? '' : holds(iType, lastType) ? lastType : cut(iType);
        const problems = mapPlaced(line, meter, slot, q, typeCell, cut(col.site), cells);
        if (problems.length > 0) reject(line, cells(), problems);
      }
      return rows;
    },
    finish() {
      // Whatever is left is incomplete: complete days were handed on as they completed. Every
      // reading of such a day is rejected, not only its first: none of them is stored, and the
      // rejects file then holds the whole day, ready to be completed and imported again.
      const problems: Problem[] = [];
      for (const meterDays of byMeter.values()) {
        for (const acc of meterDays.values()) {
          problems.push({ file: ctx.file, line: acc.line, column: '', value: acc.day, code: 'incomplete_day', message: `meter ${acc.meter} has ${acc.have} of the ${acc.kwh.length} half-hours of ${acc.day}; the day was not stored (tco2e does not fill gaps)` });
          // `filter` skips the half-hours never read (holes in the array).
          const others = acc.lines.filter((l) => l !== acc.line).sort((a, b) => a - b);
          for (const l of others) {
            problems.push({ file: ctx.file, line: l, column: '', value: acc.day, code: 'incomplete_day', message: `a reading of meter ${acc.meter} on ${acc.day}, a day with ${acc.have} of its ${acc.kwh.length} half-hours (first on line ${acc.line}); not stored with the rest of that day` });
          }
        }
      }
      return { problems };
    },
  };
}

/**
 * A plain decimal (`0.420`, `12`) read from `text[from, to)` without cutting a string, or
 * undefined for anything else (signs, exponents, separators: the row reader's job). An integer
 * below 2^53 divided by an exact power of ten rounds correctly, so the result is the same
 * double `Number()` gives.
 */
export function plainNumber(text: string, from: number, to: number): number | undefined {
  let int = 0;
  let digits = 0;
  let point = -1;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c >= 48 && c <= 57) {
      int = int * 10 + (c - 48);
      digits++;
    } else if (c === 46 && point < 0 && digits > 0) point = k;
    else return undefined;
  }
  if (digits === 0 || digits > 15 || point === to - 1) return undefined;
  return point < 0 ? int : int / POWERS_OF_TEN[to - point - 1]!;
}

const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
