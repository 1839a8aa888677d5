/**
 * A one-line progress counter on a terminal, for files that take more than a moment: nothing
 * when output is piped or under --json, nothing for the first second (so a small file, read in
 * less, shows none), then at most five updates a second on stderr, cleared when done. Where the
 * file's size is known it shows the share read and an estimate of the time left.
 */

import { formatNumber } from '../kernel/format.js';

/** Bytes of the file read so far, and its size. */
export interface BytesRead {
  readonly read: number;
  readonly total: number;
}

export interface Progress {
  update(rowsRead: number, bytes?: BytesRead): void;
  done(): void;
}

/** Before this, nothing is shown: most files are done by then. */
const QUIET_MS = 1000;
/** At most five updates a second: a terminal redrawn faster only flickers. */
const EVERY_MS = 200;

export function progress(stream: NodeJS.WriteStream, enabled: boolean, label: string, now: () => number = Date.now): Progress {
  if (!enabled || !stream.isTTY) return { update: () => undefined, done: () => undefined };
  const started = now();
  let last = 0;
  let shown = false;
  return {
    update(rowsRead, bytes) {
      const t = now();
      if (t - started < QUIET_MS || t - last < EVERY_MS) return;
      last = t;
      shown = true;
      // Cleared first: a line shorter than the one before must not keep its tail.
      stream.write(`\r\u001b[2K${progressLine(label, { rowsRead, bytes, elapsedMs: t - started })}`);
    },
    done() {
      if (shown) stream.write('\r\u001b[2K');
      shown = false;
    },
  };
}

export interface ProgressState {
  readonly rowsRead: number;
  /** Absent (or a size of 0) when the size is not known: then rows and time only. */
  readonly bytes?: BytesRead | undefined;
  readonly elapsedMs: number;
}

/**
 * What the counter says: `Importing x.csv: 42% read (120,000 rows), about 25 s left`. The time
 * left assumes the rest of the file reads as fast as what is read so far (bytes over elapsed
 * time), which holds for one file of one layout.
 */
export function progressLine(label: string, s: ProgressState): string {
  const rows = `${formatNumber(s.rowsRead)} ${s.rowsRead === 1 ? 'row' : 'rows'}`;
  const b = s.bytes;
  if (b === undefined || b.total <= 0) return `${label}: ${rows} read (${formatNumber(Math.floor(s.elapsedMs / 1000))} s)`;
  const share = Math.min(1, Math.max(0, b.read / b.total));
  // Floored, so 100% is only said when every byte is read.
  const pct = Math.floor(share * 100);
  const left = share >= 1 ? 'finishing' : share === 0 ? 'working out the time left' : `about ${duration((s.elapsedMs * (1 - share)) / share)} left`;
  return `${label}: ${pct}% read (${rows}), ${left}`;
}

/** A time left, as precise as an estimate deserves: 5 s steps under a minute, then minutes. */
export function duration(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  const fives = Math.ceil(s / 5) * 5;
  if (fives < 60) return `${fives} s`;
  const min = Math.ceil(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  const rest = min % 60;
  return rest === 0 ? `${h} h` : `${h} h ${rest} min`;
}
