/**
 * Named points where a test can stop an import dead, to kill it there. A crash test that kills
 * after a delay races the clock: on a fast machine the import has finished before the kill, on a
 * loaded one it has not started, and either way the test no longer tests what it says. With
 * `TCO2E_FAULT_POINT` naming a point (`in-transaction`, `before-commit`, or a point with a count
 * such as `rows-read:200000`, reached at the first call whose count is at least that), the process
 * writes `tco2e-fault-point <point>` to stderr when it gets there and then stops, so the test
 * knows exactly what the import had done when it sends SIGKILL.
 *
 * Inert unless the variable is set: it is read once, when this module loads, and each call is
 * then one comparison. Calls belong in per-batch code, never per row.
 */

import { writeSync } from 'node:fs';

interface Armed {
  readonly name: string;
  /** For a point with a count: the count at or past which it fires. */
  readonly at: number | undefined;
}

function arm(spec: string | undefined): Armed | undefined {
  if (spec === undefined || spec === '') return undefined;
  const m = /^(.+):(\d{1,15})$/.exec(spec);
  return m ? { name: m[1]!, at: Number(m[2]) } : { name: spec, at: undefined };
}

const armed = arm(process.env.TCO2E_FAULT_POINT);

/**
 * Halts the process here if `TCO2E_FAULT_POINT` names this point (and, for a point given with a
 * count, `count` has reached it); returns at once otherwise.
 */
export function faultPoint(name: string, count?: number): void {
  if (armed === undefined) return;
  if (armed.name !== name || (armed.at !== undefined && (count === undefined || count < armed.at))) return;
  writeSync(2, `tco2e-fault-point ${name}${armed.at === undefined ? '' : `:${armed.at}`}${count === undefined ? '' : ` count=${count}`}\n`);
  halt();
}

/** How long a halted process waits to be killed before it kills itself (a test runner that died leaves no process behind). */
const ORPHAN_MS = 10 * 60 * 1000;

/** Blocks the thread (no timer, I/O or exit handler runs): nothing after the point can happen. */
function halt(): never {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  const until = Date.now() + ORPHAN_MS;
  for (let left = ORPHAN_MS; left > 0; left = until - Date.now()) Atomics.wait(cell, 0, 0, left);
  // Ended as the test would have ended it: no rollback, no commit, no exit handlers.
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable: the process was killed at a fault point');
}
