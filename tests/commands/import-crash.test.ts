import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../src/store/ledger.js';
import { writeIntervalFile } from '../bench/generate.js';
import { ROOT, runCli } from '../helpers.js';

describe('killing an import', () => {
  it('SIGKILL part-way through `tco2e import energy`: the ledger holds nothing or the whole batch, stays intact, and the import can be run again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tco2e-kill-'));
    expect(runCli(dir, 'init', '--org', 'north-acute', '--name', 'North Acute').code).toBe(0);
    const file = join(dir, 'readings.csv');
    const readings = await writeIntervalFile(file, 600_000);
    const ledgerPath = join(dir, 'tco2e-ledger.sqlite');
    let killedMidway = 0;
    for (const delayMs of [500, 800, 1100, 1400]) {
      const child = spawn(process.execPath, [join(ROOT, 'bin/run.js'), 'import', 'energy', file, '--org', 'north-acute', '--profile', 'interval'], { cwd: dir, stdio: 'ignore', env: { ...process.env, TCO2E_DB: '', TCO2E_CONFIG: '' } });
      await new Promise((r) => setTimeout(r, delayMs));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const ledger = Ledger.open(ledgerPath);
      expect(ledger.integrityCheck()).toBe('ok');
      const batches = ledger.listBatches();
      if (batches.length === 0) killedMidway++;
      else {
        // It finished before the kill: then the batch is whole. Undo it for the next round.
        expect(batches).toHaveLength(1);
        expect(batches[0]).toMatchObject({ status: 'active', rows_read: readings, rows_rejected: 0 });
        ledger.undoBatch(batches[0]!.id, { at: new Date().toISOString() });
      }
      ledger.close();
    }
    expect(killedMidway).toBeGreaterThan(0);
    const again = runCli(dir, 'import', 'energy', file, '--org', 'north-acute', '--profile', 'interval', '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'stored', rows: { read: readings, rejected: 0 } });
  }, 60_000);
});
