/**
 * The temporaries an output file's writer leaves when its process is killed are removed by the next
 * write into the folder, and only those: never one whose writer may still be at work.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePiecesToFile } from '../../src/export/output-stream.js';
import { removeStaleTemporaries } from '../../src/render/temporaries.js';

const here = hostname().toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 32) || 'host';

/** The id of a process that has ended (a child that ran and exited). */
function endedPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('temporaries left behind', () => {
  it('of a process of this machine that has gone are removed; of this process, another machine, or another kind of file, kept', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tco2e-temporaries-'));
    const gone = `.lines.csv.tco2e-${endedPid()}-${here}-0123456789ab.tmp`;
    const mine = `.lines.csv.tco2e-${process.pid}-${here}-0123456789ab.tmp`;
    const elsewhere = `.lines.csv.tco2e-${endedPid()}-${here}x-0123456789ab.tmp`;
    const report = '.board.html.0123456789ab.tmp'; // an older naming: its writer cannot be told
    const kept = [mine, elsewhere, report, 'lines.csv'];
    for (const f of [gone, ...kept]) writeFileSync(join(dir, f), 'x');
    removeStaleTemporaries(dir);
    expect(readdirSync(dir).sort()).toEqual([...kept].sort());
  });

  it('are removed by the next file written into the folder, which is written whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tco2e-temporaries-'));
    const gone = `.old.csv.tco2e-${endedPid()}-${here}-0123456789ab.tmp`;
    writeFileSync(join(dir, gone), 'half a ro');
    const pieces = Array.from({ length: 5_000 }, (_, i) => `${i},${'x'.repeat(400)}\r\n`);
    const bytes = await writePiecesToFile(join(dir, 'new.csv'), pieces, []);
    expect(readdirSync(dir)).toEqual(['new.csv']);
    expect(readFileSync(join(dir, 'new.csv'), 'utf8')).toBe(pieces.join(''));
    expect(bytes).toBe(Buffer.byteLength(pieces.join('')));
  });
});
