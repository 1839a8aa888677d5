/**
 * The import progress counter: the share of the file read and the time left where its size is
 * known, only on a terminal, never for a quick file. The clock is a counter the test moves: no
 * test here waits on time.
 */

import { describe, expect, it } from 'vitest';
import { duration, progress, progressLine } from '../../src/cli/progress-bar.js';

const LABEL = 'Importing hh.csv';

describe('progressLine', () => {
  it('gives the share read and the time left from bytes read over the time taken', () => {
    // A quarter in 10 s: three quarters to go at the same pace, 30 s.
    expect(progressLine(LABEL, { rowsRead: 120_000, bytes: { read: 25_000_000, total: 100_000_000 }, elapsedMs: 10_000 }))
      .toBe('Importing hh.csv: 25% read (120,000 rows), about 30 s left');
    // 42.9% floored; 4 s for 0.429 of it: 5.32 s to go, said in 5 s steps rounded up.
    expect(progressLine(LABEL, { rowsRead: 9_999, bytes: { read: 429, total: 1000 }, elapsedMs: 4000 }))
      .toBe('Importing hh.csv: 42% read (9,999 rows), about 10 s left');
    // 10% in 2 min: 18 min to go.
    expect(progressLine(LABEL, { rowsRead: 1, bytes: { read: 10, total: 100 }, elapsedMs: 120_000 }))
      .toBe('Importing hh.csv: 10% read (1 row), about 18 min left');
  });

  it('never says 100% before the last byte, nor a time it cannot know', () => {
    expect(progressLine(LABEL, { rowsRead: 5, bytes: { read: 999, total: 1000 }, elapsedMs: 1000 })).toBe('Importing hh.csv: 99% read (5 rows), about 5 s left');
    expect(progressLine(LABEL, { rowsRead: 5, bytes: { read: 1000, total: 1000 }, elapsedMs: 1000 })).toBe('Importing hh.csv: 100% read (5 rows), finishing');
    expect(progressLine(LABEL, { rowsRead: 0, bytes: { read: 0, total: 1000 }, elapsedMs: 1000 })).toBe('Importing hh.csv: 0% read (0 rows), working out the time left');
  });

  it('falls back to rows and time when the size is not known', () => {
    expect(progressLine(LABEL, { rowsRead: 52_000, elapsedMs: 3_400 })).toBe('Importing hh.csv: 52,000 rows read (3 s)');
    expect(progressLine(LABEL, { rowsRead: 52_000, bytes: { read: 10, total: 0 }, elapsedMs: 3_400 })).toBe('Importing hh.csv: 52,000 rows read (3 s)');
  });
});

describe('duration', () => {
  it('rounds up: 5 s steps under a minute, then minutes, then hours and minutes', () => {
    expect([0, 400, 5000, 5001, 54_000, 56_000, 60_000, 61_000, 3_540_000, 3_600_000, 3_660_000, 7_500_000].map(duration))
      .toEqual(['5 s', '5 s', '5 s', '10 s', '55 s', '1 min', '1 min', '2 min', '59 min', '1 h', '1 h 1 min', '2 h 5 min']);
  });
});

/** A terminal (or a pipe) that keeps what is written to it. */
function stream(isTTY: boolean): NodeJS.WriteStream & { written: string[] } {
  const written: string[] = [];
  return { isTTY, written, write: (s: string) => written.push(s) > 0 } as unknown as NodeJS.WriteStream & { written: string[] };
}

describe('progress', () => {
  it('shows nothing in the first second, then at most five updates a second, and clears the line when done', () => {
    const out = stream(true);
    let clock = 0;
    const bar = progress(out, true, LABEL, () => clock);
    clock = 900;
    bar.update(10, { read: 90, total: 1000 });
    expect(out.written).toEqual([]);
    clock = 1000;
    bar.update(11, { read: 100, total: 1000 });
    clock = 1100; // too soon after the last
    bar.update(12, { read: 110, total: 1000 });
    clock = 1200;
    bar.update(13, { read: 120, total: 1000 });
    bar.done();
    bar.done();
    expect(out.written).toEqual([
      '\r\u001b[2KImporting hh.csv: 10% read (11 rows), about 10 s left',
      '\r\u001b[2KImporting hh.csv: 12% read (13 rows), about 10 s left',
      '\r\u001b[2K',
    ]);
  });

  it('a file done within the first second leaves nothing behind', () => {
    const out = stream(true);
    let clock = 0;
    const bar = progress(out, true, LABEL, () => clock);
    clock = 500;
    bar.update(1000, { read: 1000, total: 1000 });
    bar.done();
    expect(out.written).toEqual([]);
  });

  it('says nothing when stderr is not a terminal, or under --json', () => {
    for (const [tty, enabled] of [[false, true], [true, false]] as const) {
      const out = stream(tty);
      let clock = 0;
      const bar = progress(out, enabled, LABEL, () => clock);
      clock = 5000;
      bar.update(1, { read: 1, total: 2 });
      bar.done();
      expect(out.written).toEqual([]);
    }
  });
});
