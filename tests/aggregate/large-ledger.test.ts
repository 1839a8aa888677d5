/**
 * `emissions` reads the ledger a row at a time, making each row its line as it comes, rather than
 * taking every row as an object first: on a ledger of 97,200 rows it runs in a JavaScript heap of
 * 128 MB (before, the rows and the lines made from them, all alive at once, needed over 128 MB at
 * 87,000 rows, 2.4 GB at 729,000, and the garbage collector's passes over them made the time grow
 * faster than the ledger). A limit on the heap, not a clock, so the test says the same on a busy
 * machine; the times are in `npm run bench` (BENCHMARKS.md).
 */

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { largeWorkspace, LARGE_ORG } from '../export/large-ledger.js';
import { ROOT } from '../helpers.js';

let dir: string;
beforeAll(async () => {
  dir = (await largeWorkspace()).dir;
}, 120_000);

describe('emissions on a large ledger', () => {
  it('answers within a 128 MB heap', () => {
    const r = spawnSync(process.execPath, ['--max-old-space-size=128', join(ROOT, 'bin/run.js'), 'emissions', '--org', LARGE_ORG, '--by', 'site', '--format', 'csv'], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, TCO2E_DB: '', TCO2E_CONFIG: '' },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('Site '))).toHaveLength(150);
  }, 120_000);
});
