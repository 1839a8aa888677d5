/**
 * Interval meter data, one row per half-hour reading: readings are placed in their meter-day
 * (Europe/London) by instant, so clock-change days get their 46 or 50 slots. A day must be
 * complete to be stored; an incomplete one is reported, never filled. A reading whose read type
 * or unit marks reactive power (RI, RE, kVArh) is excluded, not counted.
 */

import type { z } from 'zod';
import type { Problem } from '../kernel/problem.js';
import { implausibleQuantity, MAX_QUANTITY_IN_BASE_UNITS } from '../units/plausible.js';
import { ianaZone, localIsoDate } from '../read/values/calendar.js';
import { halfHourPeriodsInDay, halfHourPeriodStart } from '../read/values/periods.js';
import { detach, RowReader, type CellContext } from './cells.js';
import { resolveColumns } from './columns.js';
import { unitInHeader } from './detect/units-in-header.js';
import { isReactive, type EnergyLayout } from './energy-layout.js';
import type { HhDay } from './half-hourly.js';
import { msg } from '../messages.js';
import { MangledIds } from './meter-ids.js';
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
  /** Lines of this day's readings that were rejected (a wild or unreadable value): why it is incomplete. */
  rejectedLines?: number[];
}

const NO_PROBLEMS: Problem[] = [];
const PLAIN_NUMBER = /^\d+(\.\d+)?$/;

export interface IntervalMapper {
  map(line: number, cells: readonly string[]): Problem[];
  /** Maps quote-free text of whole records starting on `firstLine`; returns the rows it held. */
  mapText(text: string, firstLine: number, reject: (line: number, cells: readonly string[], problems: readonly Problem[]) => void): number;
  /** A problem for each day left incomplete at the end of the file. */
  finish(): { problems: Problem[] };
  /** At the end of the file: one warning for each meter id a spreadsheet has damaged. */
  warnings(): Problem[];
}

/** Where a timestamp falls: its meter-day and half-hour, or why it has none. */
type Placed = Slot | { code: string; message: string };

/**
 * Timestamp text to its slot in a meter-day. A file repeats the same few thousand timestamps for
 * every meter, so each text is placed once and each instant resolved once.
 */
class SlotPlacer {
  private readonly slots = new Map<number, Slot | undefined>();
  /** Timestamp text → its slot (or the problem with it): one lookup per row for a repeated text. */
  private readonly placed = new Map<string, Placed>();
  /** Timestamp texts by their digits (and length), checked against the text on every hit. */
  private readonly byDigits = new Map<number, { readonly text: string; readonly placed: Placed }>();
  // The zone object, asked through the per-day offset cache: a DateTime per slot cost ~70 µs.
  private readonly zone = ianaZone(ZONE);

  constructor(
    private readonly parseDate: CellContext['parseDate'],
    /** 30 minutes when timestamps label the end of their half-hour. */
    private readonly shift: number,
  ) {}

  slotOf(epochMs: number): Slot | undefined {
    if (this.slots.has(epochMs)) return this.slots.get(epochMs);
    const start = epochMs - this.shift;
    const day = localIsoDate(this.zone, start);
    const first = halfHourPeriodStart(day, 1);
    const n = halfHourPeriodsInDay(day);
    let slot: Slot | undefined;
    if (first.ok && n.ok && (start - first.value) % HALF_HOUR_MS === 0) {
      slot = { epochMs, day, period: (start - first.value) / HALF_HOUR_MS + 1, periods: n.value };
    }
    this.slots.set(epochMs, slot);
    return slot;
  }

  place(cell: string): Placed {
    let p = this.placed.get(cell);
    if (p !== undefined) return p;
    const text = detach(cell); // kept as a cache key here and in the date parser
    const d = this.parseDate(text.trim());
    if (!d.ok) p = { code: d.code, message: d.message };
    else if (d.value === null) p = { code: 'missing_date', message: 'the timestamp is empty' };
    else if (!d.value.hasTime) p = { code: 'missing_time', message: 'has no time of day: each reading needs its half-hour' };
    else p = this.slotOf(d.value.epochMs) ?? { code: 'not_half_hour', message: 'is not on a half-hour boundary' };
    if (this.placed.size > 500_000) this.placed.clear(); // bounded: a pathological file of unique texts
    this.placed.set(text, p);
    return p;
  }

  /**
   * The slot of the timestamp in `text[from, to)`: looked up by a number made of its digits,
   * then compared in place, so no string is cut for a timestamp already seen.
   */
  placeIn(text: string, from: number, to: number): Placed {
    if (from < 0) return this.place('');
    let key = 0;
    let digits = 0;
    for (let k = from; k < to; k++) {
      const c = text.charCodeAt(k);
      if (c >= 48 && c <= 57) {
        key = key * 10 + (c - 48);
        digits++;
      }
    }
    if (digits > 13) return this.place(text.slice(from, to));
    key = key * 64 + (to - from);
    const hit = this.byDigits.get(key);
    if (hit !== undefined && hit.text.length === to - from) {
      let same = true;
      for (let k = 0; k < hit.text.length && same; k++) same = text.charCodeAt(from + k) === hit.text.charCodeAt(k);
      if (same) return hit.placed;
    }
    const cell = text.slice(from, to);
    const placed = this.place(cell);
    if (this.byDigits.size > 500_000) this.byDigits.clear(); // bounded, as `placed` is
    this.byDigits.set(key, { text: detach(cell), placed });
    return placed;
  }
}

/** One reading, ready to go into its meter-day. */
interface Reading {
  readonly line: number;
  readonly meter: string;
  readonly slot: Slot;
  readonly kwh: number;
  readonly typeCell: string;
  readonly siteCell: string;
}

/**
 * Readings gathered into meter-days. A day is handed on as soon as its last half-hour arrives;
 * only incomplete days are held.
 */
class DayAssembler {
  // Per meter, its days; rows usually run meter by meter, so the last day found is tried first.
  private readonly byMeter = new Map<string, Map<string, DayAcc>>();
  private last: DayAcc | undefined;
  /** Meter-days already complete and handed on, to catch a reading for one of them again. */
  private readonly done = new Set<string>();
  private lastType = '';
  private lastTypeEstimated = false;

  constructor(
    private readonly slots: SlotPlacer,
    /** Null when the file has no read-type column: then no reading is marked estimated. */
    private readonly estimatedWords: ReadonlySet<string> | null,
    private readonly meterSite: (meter: string) => string | undefined,
    private readonly onDay: (day: HhDay) => void,
  ) {}

  /** The last read type as it stood in the file, so the scanner can compare rather than cut. */
  get lastTypeText(): string {
    return this.lastType;
  }

  /** Adds a reading; returns the problem text if it is a second reading for its half-hour. */
  add(r: Reading): string | undefined {
    const acc = this.dayOf(r);
    if (acc === undefined) return `meter ${r.meter} already has a reading for this half-hour`;
    let slot = r.slot;
    if (acc.kwh[slot.period - 1] !== undefined && slot.periods === 50) {
      // A wall-clock time in the hour the clocks go back happens twice; the parser takes the
      // first (BST). When that half-hour is already filled, this reading is the second (GMT).
      const later = this.slots.slotOf(slot.epochMs + 3_600_000);
      if (later !== undefined && later.day === slot.day && acc.kwh[later.period - 1] === undefined) slot = later;
    }
    if (acc.kwh[slot.period - 1] !== undefined) return `meter ${r.meter} already has a reading for this half-hour`;
    acc.kwh[slot.period - 1] = r.kwh;
    acc.lines[slot.period - 1] = r.line;
    acc.have += 1;
    if (this.estimatedWords !== null && this.isEstimated(r.typeCell, this.estimatedWords)) acc.estimated += 1;
    if (acc.have === acc.kwh.length) this.complete(acc);
    return undefined;
  }

  /** A reading of this meter-day was rejected: the day can no longer complete, and will say why. */
  noteRejected(meter: string, slot: Slot, line: number, siteCell: string): void {
    const acc = this.dayOf({ line, meter, slot, kwh: 0, typeCell: '', siteCell });
    if (acc !== undefined) (acc.rejectedLines ??= []).push(line);
  }

  /** The day accumulating this reading's meter-day; undefined if that day was already complete. */
  private dayOf(r: Reading): DayAcc | undefined {
    const { meter, slot } = r;
    if (this.last !== undefined && this.last.meter === meter && this.last.day === slot.day) return this.last;
    let meterDays = this.byMeter.get(meter);
    if (!meterDays) this.byMeter.set(detach(meter), (meterDays = new Map<string, DayAcc>()));
    let acc = meterDays.get(slot.day);
    if (!acc) {
      if (this.done.has(`${meter}\u0000${slot.day}`)) return undefined;
      const site = detach(r.siteCell.trim() || this.meterSite(meter) || '') || null;
      meterDays.set(slot.day, (acc = { meter: detach(meter), site, day: slot.day, line: r.line, kwh: new Array<number | undefined>(slot.periods), lines: new Array<number>(slot.periods), have: 0, estimated: 0 }));
    }
    this.last = acc;
    return acc;
  }

  private isEstimated(typeCell: string, estimatedWords: ReadonlySet<string>): boolean {
    // Read types repeat ("A", "E"): compare with the last one before normalising the text.
    if (typeCell !== this.lastType) {
      this.lastType = detach(typeCell);
      this.lastTypeEstimated = estimatedWords.has(typeCell.trim().toLowerCase());
    }
    return this.lastTypeEstimated;
  }

  private complete(acc: DayAcc): void {
    this.onDay({ line: acc.line, site: acc.site, meter: acc.meter, day: acc.day, kwh: acc.kwh as number[], estimatedPeriods: acc.estimated });
    this.byMeter.get(acc.meter)!.delete(acc.day);
    this.done.add(`${acc.meter}\u0000${acc.day}`); // acc.meter is detached; the row's meter would keep its text alive
    this.last = undefined;
  }

  /**
   * Whatever is left is incomplete: complete days were handed on as they completed. Every
   * reading of such a day is rejected, not only its first: none of them is stored, and the
   * rejects file then holds the whole day, ready to be completed and imported again.
   */
  incompleteDays(file: string): Problem[] {
    const problems: Problem[] = [];
    for (const meterDays of this.byMeter.values()) {
      for (const acc of meterDays.values()) {
        const why = acc.rejectedLines === undefined ? '' : `: its reading${acc.rejectedLines.length === 1 ? '' : 's'} on line${acc.rejectedLines.length === 1 ? '' : 's'} ${acc.rejectedLines.slice(0, 5).join(', ')}${acc.rejectedLines.length > 5 ? ', …' : ''} ${acc.rejectedLines.length === 1 ? 'was' : 'were'} rejected`;
        problems.push({ file, line: acc.line, column: '', value: acc.day, code: 'incomplete_day', message: `meter ${acc.meter} has ${acc.have} of the ${acc.kwh.length} half-hours of ${acc.day}${why}; the day was not stored (tco2e does not fill gaps)` });
        // `filter` skips the half-hours never read (holes in the array).
        const rejectedAlready = new Set(acc.rejectedLines);
        const others = acc.lines.filter((l) => l !== acc.line && !rejectedAlready.has(l)).sort((a, b) => a - b);
        for (const l of others) {
          problems.push({ file, line: l, column: '', value: acc.day, code: 'incomplete_day', message: `a reading of meter ${acc.meter} on ${acc.day}, a day with ${acc.have} of its ${acc.kwh.length} half-hours (first on line ${acc.line}); not stored with the rest of that day` });
        }
      }
    }
    return problems;
  }
}

/** The columns an interval row is read from, by index. */
interface IntervalColumns {
  readonly meter: number | undefined;
  readonly timestamp: number | undefined;
  readonly quantity: number | undefined;
  readonly readType: number | undefined;
  readonly site: number | undefined;
}

/**
 * `onDay` receives each meter-day as soon as its last half-hour arrives, so a large file's days
 * can be stored as they complete; only incomplete days are held. `layout`, when given, says where
 * the columns are and what the values settled (see `energy-layout`); `onExcluded` receives each
 * reading left out on purpose (reactive power).
 */
export function intervalMapper(
  profile: Profile,
  ctx: CellContext,
  meterSite: (meter: string) => string | undefined,
  onDay: (day: HhDay) => void,
  layout?: EnergyLayout,
  onExcluded: (problem: Problem) => void = () => undefined,
): IntervalMapper {
  const resolved = layout?.columns ?? resolveColumns(ctx.header, profile.columns);
  const col: IntervalColumns = { meter: resolved.meter, timestamp: resolved.timestamp, quantity: resolved.quantity, readType: resolved.readType, site: resolved.site };
  const fixedMeter = layout?.meter;
  // Marks beyond the read type (a unit column) are only seen by the row-by-row path.
  const otherMarks = (layout?.reactiveMarks ?? []).filter((c) => c !== col.readType);
  const fuelOf = layout?.fuelOf;
  const toDay = fuelOf === undefined ? onDay : (day: HhDay): void => {
    onDay({ ...day, fuel: fuelOf(day.meter) });
  };
  const unit = quantityUnit(profile, ctx, col.quantity);
  const toKwh = unit.toKwh;
  // A date and a time in columns of their own are joined into one timestamp: a slower path.
  const split = col.timestamp === undefined && resolved.date !== undefined && resolved.time !== undefined ? { date: resolved.date, time: resolved.time } : undefined;
  const slots = new SlotPlacer(ctx.parseDate, (layout?.timestampLabels ?? profile.timestampLabels) === 'end' ? HALF_HOUR_MS : 0);
  const estimatedWords = col.readType === undefined ? null : new Set(profile.estimatedValues.map((v) => v.toLowerCase()));
  const days = new DayAssembler(slots, estimatedWords, meterSite, toDay);
  // Read types repeat ("A", "A", "E"…): the last one's verdict is kept, not worked out per row.
  let lastType = '';
  let lastTypeReactive = false;
  const reactiveType = (typeCell: string): boolean => {
    if (typeCell !== lastType) {
      lastType = detach(typeCell);
      lastTypeReactive = isReactive(typeCell);
    }
    return lastTypeReactive;
  };
  const excluded = (line: number, column: number | undefined, mark: string): Problem[] => {
    onExcluded({ file: ctx.file, line, column: ctx.header[column ?? -1] ?? '', value: mark.trim(), code: 'reactive', message: msg.reactiveRow(mark.trim()) });
    return NO_PROBLEMS;
  };

  /**
   * One reading whose meter is trimmed, timestamp placed and quantity read if plain. Most take
   * this fast path; anything else goes through a RowReader (with the row's cells), which parses
   * fully and reports problems.
   */
  function mapPlaced(line: number, meter: string, placed: Placed, plainQ: number | undefined, typeCell: string, siteCell: string, cellsOf: () => readonly string[]): Problem[] {
    if (layout !== undefined && reactiveType(typeCell)) return excluded(line, col.readType, typeCell);
    let q = plainQ;
    if (q === undefined || meter === '' || !('day' in placed)) {
      const r = new RowReader(ctx, line, cellsOf());
      if (meter === '') r.problem(col.meter, 'missing_meter', 'the meter is empty');
      if (!('day' in placed)) r.problem(col.timestamp, placed.code, placed.message);
      if (q === undefined) {
        const n = r.number(col.quantity);
        if (n === null) r.problem(col.quantity, 'missing_quantity', 'the reading is empty; tco2e does not fill gaps');
        else if (n !== undefined) q = n;
      }
      if (r.problems.length > 0 || q === undefined || !('day' in placed)) {
        if (meter !== '' && 'day' in placed) days.noteRejected(meter, placed, line, siteCell);
        return r.problems;
      }
    }
    const kwh = q * toKwh;
    if (!(Math.abs(kwh) <= MAX_QUANTITY_IN_BASE_UNITS)) {
      // Rejected here, before its day is complete: the day then stays incomplete, so none of it
      // is stored and every reading of it goes to the rejects file, this line named as the cause.
      days.noteRejected(meter, placed, line, siteCell);
      return [{ file: ctx.file, ...implausibleQuantity(line, kwh, 'kWh', ctx.header[col.quantity ?? -1] ?? '') }];
    }
    const duplicate = days.add({ line, meter, slot: placed, kwh, typeCell, siteCell });
    if (duplicate === undefined) return NO_PROBLEMS;
    const r = new RowReader(ctx, line, cellsOf());
    r.problem(col.timestamp, 'duplicate_reading', duplicate);
    return r.problems;
  }

  // Meter ids are looked at only when they change (see MangledIds): the scanner tells it then.
  const ids = new MangledIds(ctx, col.meter);
  let rowsSeen = 0;
  const scanner = new TextScanner(ctx.delimiter, col, slots, days, mapPlaced, (row, line, meter) => {
    ids.note(rowsSeen + row, line, meter);
  });
  const map = (line: number, cells: readonly string[]): Problem[] => {
    const cell = (i: number | undefined): string => cells[i ?? -1] ?? '';
    const meter = fixedMeter ?? cell(col.meter).trim();
    ids.note(rowsSeen++, line, meter);
    scanner.forgetMeter();
    const mark = otherMarks.find((c) => isReactive(cell(c)));
    if (mark !== undefined) return excluded(line, mark, cell(mark));
    const placed = split === undefined ? slots.place(cell(col.timestamp)) : slots.place(joinDateTime(cell(split.date), cell(split.time)));
    return mapPlaced(line, meter, placed, PLAIN_NUMBER.test(cell(col.quantity)) ? Number(cell(col.quantity)) : undefined, cell(col.readType), cell(col.site), () => cells);
  };
  return {
    map,
    mapText: (text, firstLine, reject) => {
      if (split !== undefined || fixedMeter !== undefined || otherMarks.length > 0) return mapLines(text, firstLine, ctx.delimiter, map, reject);
      const rows = scanner.scan(text, firstLine, reject);
      rowsSeen += rows;
      return rows;
    },
    finish: () => ({ problems: days.incompleteDays(ctx.file) }),
    warnings: () => (unit.warning === undefined ? ids.warnings(rowsSeen) : [unit.warning, ...ids.warnings(rowsSeen)]),
  };
}

/**
 * What one reading's number is in kWh: the unit the quantity's header states (`Consumption (Wh)`
 * ÷ 1,000; a half-hour's `kW` demand ÷ 2, only when the header says kW, and said in a warning),
 * else the profile's unit.
 */
function quantityUnit(profile: Profile, ctx: CellContext, quantityCol: number | undefined): { toKwh: number; warning?: Problem } {
  const name = ctx.header[quantityCol ?? -1] ?? '';
  const stated = unitInHeader(name);
  if (stated?.kind === 'power') {
    return {
      toKwh: stated.toBase,
      warning: { file: ctx.file, line: 0, column: name, value: stated.unit, code: 'unit_from_header', message: `the column "${name}" is headed in kW: each half-hour's average demand was read as kWh = kW ÷ 2` },
    };
  }
  if (stated?.kind === 'energy') return { toKwh: stated.toBase };
  return { toKwh: profile.unit === 'MWh' ? 1000 : 1 };
}

/** A date cell and a time cell as one timestamp text: `01/04/2024` and `0:30:00` → `01/04/2024 00:30`. */
export function joinDateTime(date: string, time: string): string {
  const d = date.trim();
  const t = time.trim();
  if (d === '' || t === '') return '';
  const m = /^(\d{1,2}):(\d{2})(?::00(?:\.0+)?)?$/.exec(t);
  return m ? `${d} ${m[1]!.padStart(2, '0')}:${m[2]!}` : `${d} ${t}`;
}

/** Quote-free text, row by row through `map`: the path for readings whose time is split in two. */
function mapLines(text: string, firstLine: number, delimiter: string, map: (line: number, cells: readonly string[]) => Problem[], reject: (line: number, cells: readonly string[], problems: readonly Problem[]) => void): number {
  let rows = 0;
  let line = firstLine;
  for (let start = 0; start < text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const cells = text.slice(start, end).split(delimiter);
    start = end + 1;
    if (cells.every((c) => c.trim() === '')) continue;
    rows++;
    const problems = map(line, cells);
    if (problems.length > 0) reject(line, cells, problems);
  }
  return rows;
}

type MapPlaced = (line: number, meter: string, placed: Placed, plainQ: number | undefined, typeCell: string, siteCell: string, cellsOf: () => readonly string[]) => Problem[];

/**
 * The fast path over quote-free text: fields are cut straight out of the text, with no array of
 * cells per row (most of what reading a row costs). A row that needs a closer look gets its
 * cells split then.
 */
class TextScanner {
  // The last meter's text as it stands in the file, and trimmed.
  private lastMeterText = '';
  private lastMeter = '';
  private readonly needed: number;
  private readonly bounds: Int32Array;

  constructor(
    private readonly delimiter: string,
    private readonly col: IntervalColumns,
    private readonly slots: SlotPlacer,
    private readonly days: DayAssembler,
    private readonly mapPlaced: MapPlaced,
    /** Told the meter (trimmed) whenever it differs from the row before; `row` counts from 0 within a scan. */
    private readonly onMeter: (row: number, line: number, meter: string) => void,
  ) {
    this.needed = Math.max(col.meter ?? -1, col.timestamp ?? -1, col.quantity ?? -1, col.readType ?? -1, col.site ?? -1);
    this.bounds = new Int32Array((this.needed + 1) * 2);
  }

  /** A row was read another way (with quotes) in between: the next row's meter is cut and told again. */
  forgetMeter(): void {
    this.lastMeterText = '';
  }

  /** Maps quote-free text of whole records starting on `firstLine`; returns the rows it held. */
  scan(text: string, firstLine: number, reject: (line: number, cells: readonly string[], problems: readonly Problem[]) => void): number {
    const { bounds, needed, delimiter, col } = this;
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
      if (this.lastMeterText !== '' && holds(col.meter, this.lastMeterText)) meter = this.lastMeter;
      else {
        const meterCell = cut(col.meter);
        // Blank rows (every field empty or white space) are skipped, as the row reader does.
        if (meterCell.trim() === '' && cells().every((c) => c.trim() === '')) continue;
        meter = meterCell.trim();
        this.lastMeterText = detach(meterCell);
        this.lastMeter = detach(meter);
        this.onMeter(rows, line, this.lastMeter);
      }
      rows++;
      const ts = col.timestamp;
      const slot = ts === undefined || ts >= fields ? this.slots.place('') : this.slots.placeIn(text, bounds[ts * 2]!, bounds[ts * 2 + 1]!);
      const q = col.quantity === undefined || col.quantity >= fields ? undefined : plainNumber(text, bounds[col.quantity * 2]!, bounds[col.quantity * 2 + 1]!);
      const lastType = this.days.lastTypeText;
      const typeCell = col.readType === undefined ? '' : holds(col.readType, lastType) ? lastType : cut(col.readType);
      const problems = this.mapPlaced(line, meter, slot, q, typeCell, cut(col.site), cells);
      if (problems.length > 0) reject(line, cells(), problems);
    }
    return rows;
  }
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
