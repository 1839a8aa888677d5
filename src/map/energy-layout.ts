/**
 * What a meter-data file's values say that its header does not: which column holds the meter
 * when no header names it (an MPAN is 13 digits, whatever the column is called), which holds the
 * date, which fuel a meter is (an MPRN or a 6–10 digit id is gas, a 13-digit MPAN electricity),
 * whether readings are labelled by the start or the end of their half-hour (a day whose first
 * reading is at 00:30 and which ends at 00:00 is labelled by the end), and which rows measure
 * reactive power (kVArh, a read type RI or RE, LAG or LEAD) rather than energy. The header is read
 * first, exactly as the profiles spell it; the values only settle what it leaves open.
 */

import { UserError } from '../kernel/errors.js';
import type { Problem } from '../kernel/problem.js';
import { msg } from '../messages.js';
import { resolveColumns } from './columns.js';
import { headerWords, hasPhrase } from './detect/header-words.js';
import { unitInHeader } from './detect/units-in-header.js';
import { periodColumnsByStructure } from './period-columns.js';
import { chooseProfile, PERIOD_PATTERNS, type Profile } from './profiles.js';

export type MeterFuel = 'electricity' | 'gas';

export interface EnergyLayout {
  /** The column of each field, by the header where it says, else by the values. */
  readonly columns: Readonly<Partial<Record<'site' | 'meter' | 'date' | 'time' | 'timestamp' | 'quantity' | 'total' | 'readType', number>>>;
  /** The meter named with --meter, for a file with no meter column. */
  readonly meter?: string;
  /** Columns whose text marks a row as reactive power (a unit or read-type column). */
  readonly reactiveMarks: readonly number[];
  /** Interval readings: whether each is labelled by the start or the end of its half-hour. */
  readonly timestampLabels?: 'start' | 'end';
  /** The fuel of a meter, by its id and the meter column's header. */
  readonly fuelOf: (meter: string) => MeterFuel;
  /** How the layout was read where the header did not say, for the person to check. */
  readonly notes: readonly Problem[];
}

const MPAN = /^\d{13}$/;
const MPRN = /^\d{6,10}$/;
const DATE_LIKE = /^(?:\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{1,2}[ -][a-z]{3,9}[ -]\d{2,4}|[a-z]{3,9} \d{1,2},? \d{4})/i;
const HAS_TIME = /\d{1,2}:\d{2}/;

/**
 * A unit or read type that says a row measures reactive power: kVArh (or kVAr, kVAh), an import
 * or export read type RI / RE, or the LAG / LEAD halves of reactive power.
 */
const REACTIVE = /^(?:r[ie])$|\bkvar(?:h)?\b|\bkvah\b|\b(?:lag|lead)(?:ing)?\b/i;

/** Header words of a column that may say what a row measures: its unit or its read type. */
const MARK_WORDS = ['unit', 'units', 'uom', 'type', 'measure', 'measurement', 'channel', 'register', 'flag'];

/** Headers that name a gas meter point (an MPRN; an MPR is the same thing, shortened). */
const GAS_METER_WORDS = [['mprn'], ['mpr'], ['meter', 'point', 'reference'], ['gas']];

export function isReactive(text: string): boolean {
  return text !== '' && REACTIVE.test(text.trim());
}

/** A file's half-hourly period columns: as the profile spells them, else by their structure. */
export function periodColumnsOf(profile: Profile & { shape: 'half-hourly' }, header: readonly string[]): { columns: number[]; flags: number[] } {
  const pattern = PERIOD_PATTERNS[profile.periodLabels];
  const spelled = header.map((h, i) => (pattern.test(h.trim()) ? i : -1)).filter((i) => i >= 0);
  if (spelled.length >= 46) return { columns: spelled, flags: [] };
  const found = periodColumnsByStructure(header);
  return found === undefined ? { columns: spelled, flags: [] } : { columns: [...found.columns], flags: [...found.flags] };
}

interface Inputs {
  readonly profiles: readonly Profile[];
  readonly header: readonly string[];
  /** A few data rows' cells. */
  readonly sample: readonly (readonly string[])[];
  readonly named: string | undefined;
  readonly file: string;
  /** The meter named with --meter. */
  readonly meter: string | undefined;
}

/**
 * The profile for an energy file and, for meter data, how its columns are read. A header no
 * profile fits by its words is tried again with its values: period columns by structure, the
 * meter and the date by what the cells hold, and a single meter's download with --meter.
 */
export function chooseEnergyLayout(i: Inputs): { profile: Profile; layout?: EnergyLayout } {
  let profile: Profile;
  try {
    profile = chooseProfile(i.profiles, 'energy', i.header, i.named, i.file);
  } catch (e) {
    if (!(e instanceof UserError) || e.code !== 'no_profile_fits' || i.named !== undefined) throw e;
    const found = byValues(i);
    if (found === undefined) throw e;
    return found;
  }
  if (profile.shape !== 'half-hourly' && profile.shape !== 'interval') {
    if (i.meter !== undefined) throw new UserError('meter_flag_unused', msg.meterFlagNotMeterData(i.file, profile.id), msg.meterFlagNotMeterDataHint);
    return { profile };
  }
  const layout = layoutOf(profile, i);
  if (layout === undefined) return { profile };
  return { profile, layout };
}

/** A profile that fits once the values are read, or undefined. */
function byValues(i: Inputs): { profile: Profile; layout: EnergyLayout } | undefined {
  const ofKind = i.profiles.filter((p) => p.kind === 'energy');
  const structure = periodColumnsByStructure(i.header);
  const spelledLabels = (['start', 'end', 'numbered'] as const).find((l) => i.header.filter((h) => PERIOD_PATTERNS[l].test(h.trim())).length >= 46);
  const labels = spelledLabels ?? structure?.labels;
  // With no rows there are no values to read: the header's own verdict stands.
  if (i.sample.length === 0) return undefined;
  if (labels !== undefined) {
    const p = ofKind.find((x): x is Profile & { shape: 'half-hourly' } => x.shape === 'half-hourly' && x.periodLabels === labels);
    const layout = p === undefined ? undefined : layoutOf(p, i);
    if (p === undefined || layout?.columns.date === undefined) return undefined;
    if (layout.columns.meter === undefined && layout.meter === undefined) throw new UserError('no_meter_column', msg.noMeterColumn(i.file), msg.noMeterColumnHint);
    return { profile: p, layout };
  }
  for (const p of ofKind) {
    if (p.shape !== 'interval') continue;
    const layout = layoutOf(p, i);
    if (layout === undefined) continue;
    const c = layout.columns;
    const when = c.timestamp !== undefined || (c.date !== undefined && c.time !== undefined);
    // Only a column stated in energy units makes readings of a file no profile fits: litres or a
    // bare "Quantity" could be anything.
    const energy = c.quantity !== undefined && unitInHeader(i.header[c.quantity] ?? '')?.kind === 'energy';
    if (!when || !energy) continue;
    if (c.meter === undefined && layout.meter === undefined) throw new UserError('no_meter_column', msg.noMeterColumn(i.file), msg.noMeterColumnHint);
    return { profile: p, layout };
  }
  return undefined;
}

/** The layout of a half-hourly or interval file; undefined for a profile of another shape. */
function layoutOf(profile: Profile, i: Inputs): EnergyLayout | undefined {
  if (profile.shape !== 'half-hourly' && profile.shape !== 'interval') return undefined;
  const { header, sample } = i;
  const notes: Problem[] = [];
  const note = (column: number, code: string, message: string): void => {
    notes.push({ file: i.file, line: 0, column: header[column] ?? '', value: '', code, message });
  };
  const columns: Record<string, number | undefined> = { ...resolveColumns(header, profile.columns as Record<string, readonly string[] | undefined>) };
  const periods = profile.shape === 'half-hourly' ? periodColumnsOf(profile, header) : { columns: [], flags: [] };
  const taken = (): Set<number> => new Set([...Object.values(columns).filter((c): c is number => c !== undefined), ...periods.columns, ...periods.flags]);
  const valuesOf = (c: number): string[] => sample.map((row) => (row[c] ?? '').trim()).filter((v) => v !== '');
  const free = (): number[] => header.map((_, c) => c).filter((c) => !taken().has(c) && valuesOf(c).length > 0);

  if (columns.meter === undefined && i.meter === undefined) {
    // Values first: a column of MPANs (13 digits), else of MPRNs (6–10 digits) under a header
    // that is not a number of something else.
    const all = (c: number, re: RegExp): boolean => valuesOf(c).every((v) => re.test(v.replace(/\s/g, '')));
    const meter = free().find((c) => all(c, MPAN)) ?? free().find((c) => all(c, MPRN) && unitInHeader(header[c] ?? '') === undefined && hasPhrase(headerWords(header[c] ?? ''), ['meter']));
    if (meter !== undefined) {
      columns.meter = meter;
      note(meter, 'meter_from_values', `no header names the meter; "${header[meter]}" holds meter numbers (MPAN or MPRN), so it was read as the meter`);
    }
  }
  if (columns.date === undefined && columns.timestamp === undefined) {
    const dated = free().filter((c) => valuesOf(c).every((v) => DATE_LIKE.test(v)));
    if (profile.shape === 'half-hourly' && dated[0] !== undefined) {
      columns.date = dated[0];
      note(dated[0], 'date_from_values', `no header names the date; "${header[dated[0]]}" holds dates, so it was read as the day of each row`);
    }
    if (profile.shape === 'interval' && columns.time === undefined) {
      // Readings with a date and a time in one column: where two are (a start and an end), the start.
      const timed = dated.filter((c) => valuesOf(c).every((v) => HAS_TIME.test(v)));
      const byEnd = timed.filter((c) => ['end', 'to', 'until'].some((w) => headerWords(header[c] ?? '').includes(w)));
      const ts = timed.find((c) => !byEnd.includes(c)) ?? byEnd[0];
      if (ts !== undefined) {
        columns.timestamp = ts;
        note(ts, 'timestamp_from_values', `no header names the reading time; "${header[ts]}" holds dates with times, so it was read as each reading's time`);
      }
    }
  }
  if (columns.meter !== undefined && i.meter !== undefined) {
    throw new UserError('meter_flag_conflict', msg.meterFlagConflict(i.file, header[columns.meter] ?? ''), msg.meterFlagConflictHint);
  }

  const used = taken();
  const reactiveMarks = header
    .map((h, c) => c)
    .filter((c) => c === columns.readType || (!used.has(c) && MARK_WORDS.some((w) => headerWords(header[c] ?? '').includes(w))));
  const timestampLabels = profile.shape === 'interval' ? labelsOf(profile, header, columns, sample, note) : undefined;
  const meterHeader = columns.meter === undefined ? [] : headerWords(header[columns.meter] ?? '');
  const gasColumn = GAS_METER_WORDS.some((phrase) => hasPhrase(meterHeader, phrase));
  const stated = profile.fuel;
  const fuelOf = (meter: string): MeterFuel => {
    // A profile that says gas (or another fuel than the default) is taken at its word.
    if (stated === 'gas') return 'gas';
    const id = meter.replace(/\s/g, '');
    if (MPAN.test(id)) return 'electricity';
    if (MPRN.test(id)) return 'gas';
    return gasColumn ? 'gas' : 'electricity';
  };
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(columns)) if (v !== undefined) out[k] = v;
  return {
    columns: out,
    ...(i.meter === undefined ? {} : { meter: i.meter }),
    reactiveMarks,
    ...(timestampLabels === undefined ? {} : { timestampLabels }),
    fuelOf,
    notes,
  };
}

/**
 * Whether interval readings are labelled by the start or the end of their half-hour. A reading
 * time column headed "end" says so; otherwise the first reading's time does: 00:30 with a reading
 * at 00:00 later on means each is the end of its half-hour (the day ends at midnight), 00:00 the start.
 */
function labelsOf(
  profile: Profile & { shape: 'interval' },
  header: readonly string[],
  columns: Readonly<Record<string, number | undefined>>,
  sample: readonly (readonly string[])[],
  note: (column: number, code: string, message: string) => void,
): 'start' | 'end' {
  const c = columns.timestamp ?? columns.time;
  if (c === undefined) return profile.timestampLabels;
  const words = headerWords(header[c] ?? '');
  if (['end', 'to'].some((w) => words.includes(w))) return 'end';
  if (['start', 'from'].some((w) => words.includes(w))) return 'start';
  const times = sample.map((row) => /(\d{1,2}):(\d{2})/.exec(row[c] ?? '')).filter((m): m is RegExpExecArray => m !== null).map((m) => Number(m[1]) * 60 + Number(m[2]));
  if (times.length === 0) return profile.timestampLabels;
  const byValues = times[0] === 30 && times.slice(1).includes(0) ? 'end' : times[0] === 0 ? 'start' : profile.timestampLabels;
  if (byValues !== profile.timestampLabels) {
    const why = byValues === 'end' ? 'the first reading is at 00:30 and a day ends at 00:00' : 'the first reading is at 00:00';
    note(c, 'labels_from_values', `${why}, so each reading was taken as the ${byValues.toUpperCase()} of its half-hour`);
  }
  return byValues;
}
