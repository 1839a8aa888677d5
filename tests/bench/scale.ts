/**
 * How `emissions` and `export lines` grow with the ledger: the board benchmark's workspace
 * (board.ts) with more and more sites, ten years of monthly bills for an electricity and a gas
 * meter at each, from 32,400 bill rows (87,480 ledger rows, with their T&D and well-to-tank
 * companions) to 370,800 (1,001,160 ledger rows). The sizes up to 270,000 bill rows are those the
 * issue measured (3.1, 7.7, 19.5 and 62 s for `emissions`).
 *
 * Each is measured in a fresh process and set against reading the same ledger's rows with a plain
 * SQLite query in the same run (`SELECT * FROM activities`, a row at a time), so the growth shows
 * as a ratio that other work on a shared machine disturbs far less than it does the seconds: a
 * ratio that stays flat as the ledger grows is growth in proportion to it.
 */

import { BOARD_YEARS, writeBoardWorkspace } from './board.js';
import type { Run } from './import.js';

/** Sites for each size: 240 bill rows a site (two meters, 120 months). */
export const SCALE_SITES = [135, 270, 540, 1125, 1545] as const;

/** The median run of `n` by wall time, with the median CPU time. */
function median(run: (...args: string[]) => Run, n: number, ...args: string[]): Run {
  const runs = Array.from({ length: n }, () => run(...args)).sort((x, y) => x.ms - y.ms);
  const cpu = runs.map((r) => r.cpuMs).sort((x, y) => x - y);
  return { ...runs[Math.floor(n / 2)]!, cpuMs: cpu[Math.floor(n / 2)]! };
}

const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
/** Wall time, and the CPU time (user + system) that other work on a shared machine disturbs far less. */
const sc = (r: Run): string => `${s(r.ms)} (CPU ${s(r.cpuMs)})`;
const times = (a: number, b: number): string => `${(a / b).toFixed(1)}×`;
const n = (x: number): string => x.toLocaleString('en-GB');
const mb = (r: Run): string => `${r.peakRssMb.toFixed(0)} MB`;

export function benchScale(run: (...args: string[]) => Run): string {
  const rows: string[] = [];
  for (const sites of SCALE_SITES) {
    const w = writeBoardWorkspace(sites, BOARD_YEARS);
    const ledgerRows = run('board-setup', w.dir, w.bills).rows;
    const repeats = sites <= 1125 ? 3 : 1;
    const read = median(run, repeats, 'sqlite-read', w.dir);
    const em = median(run, repeats, 'emissions', w.dir);
    const ex = median(run, repeats, 'export-lines', w.dir);
    rows.push(`| ${n(w.rows)} | ${n(ledgerRows)} | ${sc(read)} | ${sc(em)} | ${times(em.ms, read.ms)} | ${times(em.cpuMs, read.cpuMs)} | ${mb(em)} | ${n(ex.rows)} | ${sc(ex)} | ${times(ex.ms, read.ms)} | ${times(ex.cpuMs, read.cpuMs)} | ${s(ex.firstMs ?? NaN)} | ${mb(ex)} |`);
  }
  return [
    '## Emissions and export lines as the ledger grows',
    '',
    `The board benchmark's organisation with ${SCALE_SITES.join(', ')} sites (an electricity and a gas meter each, ${BOARD_YEARS} years of monthly bills), each size imported once, then measured in fresh processes: a plain SQLite read of the ledger's rows (\`SELECT * FROM activities\`, a row at a time: the baseline), \`emissions\` for everything held (the report and its table), and \`export lines\` (CSV, every line, into a stream that keeps nothing, as at the end of a pipe; first byte timed from the start). Medians of 3 runs (1 for the largest). A ratio to the baseline that stays flat as the ledger grows is growth in proportion to it. Issue targets: \`emissions\` under 3 s at 270,000 bill rows; \`export lines\` of 1M lines under 10 s, its first byte within a second, in constant memory.`,
    '',
    '| bill rows | ledger rows | SQLite read | emissions | × read | CPU × read | emissions peak RSS | lines exported | export lines | × read | CPU × read | first byte | export peak RSS |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
