/**
 * `export lines` holds a page of lines at a time, never the ledger's lines: on a ledger of 97,200
 * rows it runs in a JavaScript heap of 48 MB (before, it held every line and its text: 610 MB for
 * 155,000 lines). A limit on the heap, not a clock, so the test says the same on a busy machine.
 */

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { largeWorkspace, LARGE_ORG } from './large-ledger.js';

let w: { dir: string; ledgerRows: number };
beforeAll(async () => {
  w = await largeWorkspace();
}, 120_000);

/** Runs the built CLI with the heap V8 may use capped at `heapMb`. */
function cliInHeap(heapMb: number, ...args: string[]): { code: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, join(ROOT, 'bin/run.js'), ...args], { cwd: w.dir, encoding: 'utf8', env: { ...process.env, TCO2E_DB: '', TCO2E_CONFIG: '' } });
  return { code: r.status, stderr: r.stderr };
}

describe('export lines on a large ledger', () => {
  it('writes every line within a 48 MB heap', () => {
    const out = join(w.dir, 'lines.csv');
    const r = cliInHeap(48, 'export', 'lines', '--org', LARGE_ORG, '--out', out);
    // The benchmark trust has staff WTE and no travel survey: commuting by the default method, said once.
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Warning: bench-trust: no staff travel survey in 2015\/16 to 2024\/25 .*6,000 WTE each year × 961 miles/),
      // The 2015 and 2024 sets publish no well-to-tank factor for the average car: said, not filled.
      expect.stringMatching(/^Warning: The 2015 factor set does not publish car\.average\.unknown\.wtt/), expect.stringMatching(/^Warning: The 2024 factor set does not publish car\.average\.unknown\.wtt/)]);
    expect(r.code).toBe(0);
    const rows = readFileSync(out, 'utf8').trimEnd().split('\r\n');
    const source = rows[0]!.split(',').indexOf('source');
    // A header, a line per ledger row, a market-based line per electricity bill month, and the
    // default-method commuting of each of the ten years with its well-to-tank line (eight: not 2015, 2024).
    expect(rows.filter((row) => row.split(',')[source] === 'commuting:default')).toHaveLength(18);
    expect(rows.length).toBe(1 + w.ledgerRows + 150 * 120 + 18);
  }, 120_000);
});
