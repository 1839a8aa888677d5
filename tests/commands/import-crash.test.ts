/**
 * `tco2e import energy` SIGKILLed part-way: the ledger holds nothing of the batch, stays intact,
 * and the import can be run again. Each kill is made where the import says it has got to
 * (TCO2E_FAULT_POINT, see src/kernel/fault-point.ts), never after a delay: a delay races the
 * import, which on a fast machine has finished before the kill and on a loaded one not begun.
 */
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/store/ledger.js';
import { writeIntervalFile } from '../bench/generate.js';
import { killCliAt, startCli, writeLockHeld } from '../hardening/spawn-cli.js';
import { runCli } from '../helpers.js';

const ORG = 'north-acute';
/** 1 to 10 April 2024 has no clock change: every meter-day has 48 readings. */
const READINGS_PER_DAY = 48;
/** The kill point no longer depends on the file taking long to read: 100 meters × 10 days is plenty. */
const READINGS = 48_000;

let dir: string;
let file: string;
let ledgerPath: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tco2e-kill-'));
  expect(runCli(dir, 'init', '--org', ORG, '--name', 'North Acute').code).toBe(0);
  file = join(dir, 'readings.csv');
  expect(await writeIntervalFile(file, READINGS, 100)).toBe(READINGS);
  ledgerPath = join(dir, 'tco2e-ledger.sqlite');
}, 120_000);

const args = (): string[] => ['import', 'energy', file, '--org', ORG, '--profile', 'interval', '--json'];

/** Every row of every table an import writes, whatever its batch's status. */
function stored(): { batches: number; hhDays: number; activities: number; problems: number; integrity: string } {
  const ledger = Ledger.open(ledgerPath);
  try {
    const n = (table: string): number => ledger.select<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)[0]!.n;
    return { batches: n('batches'), hhDays: n('hh_days'), activities: n('activities'), problems: n('batch_problems'), integrity: ledger.integrityCheck() };
  } finally {
    ledger.close();
  }
}

/** Where each kill is meant to land; `mid` for a point that must be reached before the file is all read. */
const POINTS: readonly { point: string; where: string; rowsAtLeast?: number; mid?: boolean }[] = [
  { point: 'rows-read:1', where: 'after the first piece of the file is read, the batch already open', rowsAtLeast: 1, mid: true },
  { point: `rows-read:${READINGS / 2}`, where: 'half-way through reading the file', rowsAtLeast: READINGS / 2, mid: true },
  { point: `rows-read:${READINGS}`, where: 'with every row read, before the monthly totals are converted', rowsAtLeast: READINGS },
  { point: 'in-transaction', where: 'as the batch is finished: every meter-day and activity written, none committed' },
  { point: 'before-commit', where: 'right before COMMIT, the batch row already marked active' },
];

describe('killing `tco2e import energy` at a fault point', () => {
  for (const { point, where, rowsAtLeast, mid } of POINTS) {
    it(`at ${point} (${where}): nothing of the batch is stored and the ledger is intact`, async () => {
      const before = stored();
      expect(before).toEqual({ batches: 0, hhDays: 0, activities: 0, problems: 0, integrity: 'ok' });
      const dbBytes = statSync(ledgerPath).size;
      const killed = await killCliAt(dir, args(), point, () => ({ locked: writeLockHeld(ledgerPath), dbGrew: statSync(ledgerPath).size > dbBytes }));
      const journal = `${ledgerPath}-journal`;
      const journalBytes = existsSync(journal) ? statSync(journal).size : 0;

      // Killed, not finished; halted where it was meant to be.
      expect(killed.run.signal).toBe('SIGKILL');
      expect(killed.run.stdout).toBe('');
      if (rowsAtLeast !== undefined) {
        expect(killed.count).toBeGreaterThanOrEqual(rowsAtLeast);
        if (mid) expect(killed.count).toBeLessThan(READINGS);
        else expect(killed.count).toBe(READINGS);
      }
      // Inside the import's write transaction, with pages changed: the kill left a journal.
      expect(killed.seen?.locked).toBe(true);
      expect(journalBytes).toBeGreaterThan(0);

      // Not a row of the batch is in the ledger, nor anything else changed.
      expect(stored()).toEqual(before);
      process.stdout.write(
        `import-crash: ${point} landed at "${killed.marker}" (${killed.count === undefined ? '' : `${killed.count.toLocaleString('en-GB')} of ${READINGS.toLocaleString('en-GB')} rows read, `}` +
          `write lock held, ${journalBytes.toLocaleString('en-GB')}-byte journal, database file ${killed.seen?.dbGrew ? 'already written (spilled)' : 'untouched: the batch was all in the page cache'}); ` +
          `after the kill the ledger held 0 batches, 0 meter-days, 0 activities\n`,
      );
    }, 120_000);
  }

  it('after the kills, the import runs to completion and stores the whole batch', async () => {
    const r = await startCli(dir, args()).done;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('tco2e-fault-point');
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'stored', rows: { read: READINGS, rejected: 0 } });
    const ledger = Ledger.open(ledgerPath);
    try {
      const batches = ledger.listBatches();
      expect(batches).toHaveLength(1);
      expect(batches[0]).toMatchObject({ status: 'active', rows_read: READINGS, rows_rejected: 0 });
      const counts = ledger.batchCounts(batches[0]!.id);
      expect(counts.hhDays).toBe(READINGS / READINGS_PER_DAY);
      expect(counts.activities).toBeGreaterThan(0);
      expect(ledger.integrityCheck()).toBe('ok');
    } finally {
      ledger.close();
    }
    expect(existsSync(`${ledgerPath}-journal`)).toBe(false);
  }, 120_000);
});
