/**
 * Half-hourly meter data, one row per meter and day with its period columns. Each day has 48
 * half-hours, 46 on the spring clock-change Sunday and 50 on the autumn one (Europe/London); a
 * row must carry exactly that many values, in header order. Reactive-power columns (kVArh) are
 * not period columns and are ignored; a row whose unit or read type says it is reactive (kVArh,
 * RI, LAG…) is excluded, not counted. An in-file daily total is reconciled against the sum. Each
 * day keeps its meter's fuel, so a gas meter's days are summed as gas.
 */

import type { z } from 'zod';
import type { Problem } from '../kernel/problem.js';
import { halfHourPeriodsInDay } from '../read/values/periods.js';
import { detach, RowReader, type CellContext } from './cells.js';
import { resolveColumns } from './columns.js';
import { FUEL_KEYS } from './energy-bill.js';
import { isReactive, periodColumnsOf, type EnergyLayout, type MeterFuel } from './energy-layout.js';
import { MangledIds } from './meter-ids.js';
import { msg } from '../messages.js';
import type { HalfHourlyProfile } from './profile-schema.js';
import type { ActivityDraft } from './activity-draft.js';

type HhProfile = z.infer<typeof HalfHourlyProfile>;

export interface HhDay {
  readonly line: number;
  readonly site: string | null;
  readonly meter: string;
  readonly day: string;
  /** kWh per half-hour; negative values are export. */
  readonly kwh: number[];
  readonly estimatedPeriods: number;
  /** Electricity unless the meter is known to be gas. */
  readonly fuel?: MeterFuel;
}

export interface HhMapper {
  readonly periodColumns: number;
  /** A row is a day, rejected (`problems`), or excluded on purpose with its reason (`excluded`). */
  map(line: number, cells: readonly string[]): { day?: HhDay; problems: Problem[]; warnings: Problem[]; excluded?: Problem };
  /** At the end of the file: one warning for each meter id a spreadsheet has damaged. */
  warnings(): Problem[];
}

/** Tolerance for the daily-total check: suppliers round each half-hour to 3 decimals. */
const TOTAL_TOLERANCE_KWH = 0.01;

/** `layout`, when given, says where the columns are and what the values settled (see `energy-layout`). */
export function hhMapper(profile: HhProfile, ctx: CellContext, meterSite: (meter: string) => string | undefined, layout?: EnergyLayout): HhMapper {
  const col = layout?.columns ?? resolveColumns(ctx.header, profile.columns);
  const periodCols = periodColumnsOf(profile, ctx.header).columns;
  const marks = layout?.reactiveMarks ?? [];
  const fixedMeter = layout?.meter;
  const fuelOf = layout?.fuelOf ?? ((): MeterFuel => (profile.fuel === 'gas' ? 'gas' : 'electricity'));
  const estimatedWords = new Set(profile.estimatedValues.map((v) => v.toLowerCase()));
  const toKwh = profile.unit === 'MWh' ? 1000 : 1;
  const periodsInDay = new Map<string, number | undefined>();
  const ids = new MangledIds(ctx, col.meter);
  let rows = 0;
  return {
    periodColumns: periodCols.length,
    warnings: () => ids.warnings(rows),
    map(line, cells) {
      const r = new RowReader(ctx, line, cells);
      const warnings: Problem[] = [];
      const meter = fixedMeter ?? r.text(col.meter);
      ids.note(rows++, line, meter);
      const reactive = marks.find((c) => isReactive(r.text(c)));
      if (reactive !== undefined) {
        return { problems: [], warnings, excluded: { file: ctx.file, line, column: ctx.header[reactive] ?? '', value: r.text(reactive), code: 'reactive', message: msg.reactiveRow(r.text(reactive)) } };
      }
      if (meter === '') r.problem(col.meter, 'missing_meter', 'the meter (MPAN) is empty');
      const date = r.date(col.date, 'the date');
      if (date === undefined || meter === '') return { problems: r.problems, warnings };
      let expected = periodsInDay.get(date.iso);
      if (!periodsInDay.has(date.iso)) {
        const n = halfHourPeriodsInDay(date.iso);
        expected = n.ok ? n.value : undefined;
        periodsInDay.set(date.iso, expected);
      }
      if (expected === undefined) {
        r.problem(col.date, 'invalid_date', `${date.iso} is not a day tco2e can place in the Europe/London calendar`);
        return { problems: r.problems, warnings };
      }
      const values: number[] = [];
      for (let p = 0; p < periodCols.length; p++) {
        const c = periodCols[p]!;
        const v = r.number(c);
        if (p < expected) {
          if (v === null) r.problem(c, 'missing_period', `half-hour ${p + 1} of ${expected} on ${date.iso} is empty; tco2e does not fill gaps`);
          else if (v !== undefined) values.push(v * toKwh);
        } else if (typeof v === 'number' && v !== 0) {
          r.problem(c, 'extra_period', `${date.iso} has ${expected} half-hours${expected === 46 ? ' (the clocks go forward)' : ''}, but this row has a value in period ${p + 1}`);
        }
      }
      if (periodCols.length < expected) {
        r.problem(col.date, 'missing_periods', `${date.iso} has ${expected} half-hours (the clocks go back), but the file has only ${periodCols.length} period columns: export this day with 50 values`);
      }
      if (r.problems.length > 0) return { problems: r.problems, warnings };
      const total = r.number(col.total);
      if (typeof total === 'number') {
        const sum = values.reduce((a, b) => a + b, 0);
        if (Math.abs(sum - total * toKwh) > TOTAL_TOLERANCE_KWH + 1e-6 * Math.abs(sum)) {
          warnings.push({ file: ctx.file, line, column: ctx.header[col.total!] ?? 'total', value: r.text(col.total), code: 'total_mismatch', message: `the daily total ${total} differs from the sum of the half-hours, ${Math.round(sum * 1000) / 1000}; the half-hours were used` });
        }
      }
      const estimated = estimatedWords.has(r.text(col.readType).toLowerCase());
      return {
        day: { line, site: detach(r.text(col.site) || meterSite(meter) || '') || null, meter: detach(meter), day: date.iso, kwh: values, estimatedPeriods: estimated ? values.length : 0, fuel: fuelOf(meter) },
        problems: [],
        warnings,
      };
    },
  };
}

/**
 * A meter's half-hourly days summed to one activity per meter and calendar month (import and
 * export apart), the unit emissions are computed and reported in. Days are added one at a time
 * so they can be stored as they are read; only these monthly sums stay in memory.
 */
export class MonthlyTotals {
  private readonly groups = new Map<string, { first: HhDay; start: string; end: string; importKwh: number; exportKwh: number; periods: number; estimated: number; days: number }>();

  add(d: HhDay): void {
    const id = `${d.meter}|${d.day.slice(0, 7)}|${d.fuel ?? 'electricity'}`;
    let g = this.groups.get(id);
    if (!g) this.groups.set(id, (g = { first: d, start: d.day, end: d.day, importKwh: 0, exportKwh: 0, periods: 0, estimated: 0, days: 0 }));
    for (const v of d.kwh) {
      if (v >= 0) g.importKwh += v;
      else g.exportKwh -= v;
    }
    if (d.day < g.start) g.start = d.day;
    if (d.day > g.end) g.end = d.day;
    g.periods += d.kwh.length;
    g.estimated += d.estimatedPeriods;
    g.days += 1;
  }

  drafts(): ActivityDraft[][] {
    return [...this.groups.values()].map((g) => {
      const base = {
        line: g.first.line, site: g.first.site, meter: g.first.meter, source: g.first.fuel ?? 'electricity', factorKey: FUEL_KEYS[g.first.fuel ?? 'electricity'], periodStart: g.start, periodEnd: g.end, unit: 'kWh' as const,
        // More than half the half-hours estimated marks the month estimated; the exact share is kept.
        estimated: g.estimated * 2 > g.periods, apportionedFrom: null,
        extra: { days: g.days, periods: g.periods, estimatedPeriods: g.estimated },
      };
      const drafts: ActivityDraft[] = [{ ...base, quantity: g.importKwh, direction: 'import' }];
      if (g.exportKwh > 0) drafts.push({ ...base, quantity: g.exportKwh, direction: 'export' });
      return drafts;
    });
  }
}
