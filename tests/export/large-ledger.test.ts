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
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rows = readFileSync(out, 'utf8').trimEnd().split('\r\n');
    // A header, a line per ledger row, and a market-based line per electricity bill month.
    expect(rows.length).toBe(1 + w.ledgerRows + 150 * 120);
  }, 120_000);
});
