/**
 * A half-hourly file's period columns found by their structure, whatever their labels: a run of
 * 46 to 50 columns whose labels count half-hours in order. Exports label them by time (`00:00`,
 * `[00:30]`, `H0030`, or the bare number `30` for 00:30 and `2400` for midnight) or by number
 * (`1`, `HH01`, `kWh_1`, `Kwh1`, `P1`, `Period 1`), and some put a flag column (`Type`: actual or
 * estimated) after each reading. Columns labelled with a reactive unit (`kVArh_1`) never count.
 */

export type PeriodLabelling = 'start' | 'end' | 'numbered';

export interface PeriodColumns {
  /** The readings' columns, in the day's order. */
  readonly columns: readonly number[];
  /** By start time (the first is 00:00), by end time (the first is 00:30, the last 24:00 or 00:00), or by number. */
  readonly labels: PeriodLabelling;
  /** The flag column after each reading, when the file has one. */
  readonly flags: readonly number[];
}

const MIN_PERIODS = 46;
const MAX_PERIODS = 50;
const DAY_MINUTES = 1440;

/** A label by time: `00:30`, `0:30`, `[00:30]`, `H0030`, `HH0030`, `0030`. */
const BY_TIME = /^\[?(?:hh?)?\s*(\d{1,2}):?(\d{2})\]?$/i;
/** A label by number, with an energy or neutral word before it: `1`, `HH01`, `kWh_1`, `Period 1`. */
const BY_NUMBER = /^(?:kwh|hh|h|p|period|interval|int|hr|half hour|settlement period|sp)?[\s_-]?(\d{1,2})$/i;

interface Label {
  /** Minutes after midnight, when the label can be a time. */
  readonly minutes?: number;
  /** Its number, when the label can be an ordinal. */
  readonly ordinal?: number;
}

function labelOf(name: string): Label | undefined {
  const t = name.trim();
  let minutes: number | undefined;
  const time = BY_TIME.exec(t);
  if (time !== null) {
    const h = Number(time[1]);
    const m = Number(time[2]);
    if ((m === 0 || m === 30) && (h < 24 || (h === 24 && m === 0))) minutes = h * 60 + m;
  }
  const n = BY_NUMBER.exec(t);
  const ordinal = n === null ? undefined : Number(n[1]);
  // A bare `30`, `100` … `2400` is a time written without its colon (HHMM).
  if (minutes === undefined && /^\d{2,4}$/.test(t)) {
    const v = Number(t);
    const h = Math.floor(v / 100);
    const m = v % 100;
    if ((m === 0 || m === 30) && (h < 24 || v === 2400)) minutes = h * 60 + m;
  }
  if (minutes === undefined && ordinal === undefined) return undefined;
  return { ...(minutes === undefined ? {} : { minutes }), ...(ordinal === undefined ? {} : { ordinal }) };
}

/** Whether `b` is the half-hour after `a`, counted by time (midnight may be written 00:00 or 24:00) or by number. */
function follows(a: Label, b: Label, by: 'time' | 'number'): boolean {
  if (by === 'number') return a.ordinal !== undefined && b.ordinal === a.ordinal + 1;
  if (a.minutes === undefined || b.minutes === undefined) return false;
  return (a.minutes + 30) % DAY_MINUTES === b.minutes % DAY_MINUTES && a.minutes < DAY_MINUTES;
}

/** The longest run of labels in order from column `start`, one flag column allowed after each. */
function runFrom(labels: readonly (Label | undefined)[], start: number, by: 'time' | 'number', flagged: boolean): number[] {
  const run = [start];
  const step = flagged ? 2 : 1;
  for (let i = start + step; i < labels.length && run.length < MAX_PERIODS; i += step) {
    const prev = labels[run[run.length - 1]!]!;
    const next = labels[i];
    if (next === undefined || !follows(prev, next, by)) break;
    if (flagged && labels[i - 1] !== undefined) break;
    run.push(i);
  }
  return run;
}

/**
 * The period columns of a header, or undefined when it has no run of 46 to 50. The first run
 * found is taken: by time before by number, without flag columns before with them.
 */
export function periodColumnsByStructure(header: readonly string[]): PeriodColumns | undefined {
  const labels = header.map((h) => (/kvar|kva\b/i.test(h) ? undefined : labelOf(h)));
  for (const by of ['time', 'number'] as const) {
    for (const flagged of [false, true]) {
      for (let start = 0; start < labels.length; start++) {
        const first = labels[start];
        if (first === undefined || (by === 'time' ? first.minutes === undefined : first.ordinal !== 1)) continue;
        if (by === 'time' && first.minutes !== 0 && first.minutes !== 30) continue;
        const run = runFrom(labels, start, by, flagged);
        if (run.length < MIN_PERIODS) continue;
        const last = labels[run[run.length - 1]!]!;
        // A day that starts at 00:30 and ends at midnight (00:00 or 24:00) is labelled by the END of each half-hour.
        const labelsBy: PeriodLabelling = by === 'number' ? 'numbered' : first.minutes === 30 || last.minutes === DAY_MINUTES ? 'end' : 'start';
        return { columns: run, labels: labelsBy, flags: flagged ? run.map((c) => c + 1).filter((c) => c < header.length) : [] };
      }
    }
  }
  return undefined;
}
