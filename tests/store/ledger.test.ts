import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../src/store/ledger.js';
import type { ActivityRecord, HhDayRecord, Overlap } from '../../src/store/records.js';
import { SCHEMA_VERSION } from '../../src/store/schema.js';
import { faultMarker, startNode, writeLockHeld } from '../hardening/spawn-cli.js';
import { ROOT, userError } from '../helpers.js';
import { activity, newBatch } from './fixtures.js';
import { freshDatabase } from '../pg/server.js';

const dir = () => mkdtempSync(join(tmpdir(), 'tco2e-ledger-'));

const code = (fn: () => unknown): string => userError(fn).code;

describe('ledger', () => {
  it('is created only when asked, and reopens at the current schema', () => {
    const path = join(dir(), 'l.sqlite');
    expect(code(() => Ledger.open(path))).toBe('no_ledger');
    Ledger.open(path, { create: true }).close();
    const l = Ledger.open(path);
    expect(l.schemaVersion).toBe(SCHEMA_VERSION);
    expect(l.integrityCheck()).toBe('ok');
    l.close();
  });

  it('refuses a file that is not a ledger and leaves it untouched', () => {
    const d = dir();
    const text = join(d, 'notes.csv');
    writeFileSync(text, 'site,kwh\nA,1\n');
    expect(code(() => Ledger.open(text))).toBe('not_a_ledger');
    expect(readFileSync(text, 'utf8')).toBe('site,kwh\nA,1\n');
    const other = join(d, 'other.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE t (x)');
    db.close();
    const before = readFileSync(other);
    expect(code(() => Ledger.open(other))).toBe('not_a_ledger');
    expect(readFileSync(other).equals(before)).toBe(true);
  });

  it('refuses a ledger from a newer version without changing it', () => {
    const path = join(dir(), 'l.sqlite');
    Ledger.open(path, { create: true }).close();
    const db = new Database(path);
    db.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(String(SCHEMA_VERSION + 1));
    db.close();
    const before = readFileSync(path);
    expect(code(() => Ledger.open(path))).toBe('ledger_too_new');
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});

/** The engines these cases run on: a ledger file, and a ledger on a PostgreSQL server. */
describe.each(['sqlite', 'postgres'] as const)('a ledger on %s', (engine) => {
  const open = async (): Promise<Ledger> => Ledger.open(engine === 'sqlite' ? join(dir(), 'l.sqlite') : await freshDatabase('ledger'), { create: true });

  it('stores a batch with its activities and problems in one go', async () => {
    const l = await open();
    const id = l.writeBatch(newBatch(), {
      activities: [activity(), activity({ line: 3, periodStart: '2024-05-01', periodEnd: '2024-05-31' })],
      problems: [{ severity: 'rejected', line: 4, column: 'kwh', value: 'abc', code: 'invalid', message: 'kwh is not a number' }],
    });
    expect(l.batchCounts(id)).toEqual({ activities: 2, hhDays: 0, fuelPurchases: 0, survey: 0, vehicles: 0, problems: 1 });
    expect(l.findActiveBySha('acute', 'a'.repeat(64))?.id).toBe(id);
    expect(l.findActiveBySha('community', 'a'.repeat(64))).toBeUndefined();
    expect(l.batchProblems(id)).toEqual([{ severity: 'rejected', line: 4, column: 'kwh', value: 'abc', code: 'invalid', message: 'kwh is not a number' }]);
    l.close();
  });

  it('lands nothing when a batch fails part-way', async () => {
    const l = await open();
    function* failing() {
      yield activity();
      throw new Error('disk on fire');
    }
    expect(() => l.writeBatch(newBatch(), { activities: failing() })).toThrow('disk on fire');
    expect(l.listBatches()).toEqual([]);
    l.close();
  });

  /** What a batch of these records would bring again of what is stored and counting (nothing is written). */
  function overlapsOf(l: Ledger, records: { activities?: ActivityRecord[]; hhDays?: HhDayRecord[] }, org = 'acute'): Overlap[] {
    const w = l.openBatch(newBatch({ org, sha256: 'c'.repeat(64) }));
    try {
      for (const a of records.activities ?? []) w.addActivity({ ...a, org });
      for (const h of records.hhDays ?? []) w.addHhDay({ ...h, org });
      return w.overlaps();
    } finally {
      w.abandon();
    }
  }

  it('finds overlaps by meter and period in active batches only, and supersedes on request', async () => {
    const l = await open();
    const first = l.writeBatch(newBatch(), { activities: [activity()] });
    const april = { activities: [activity({ periodStart: '2024-04-15', periodEnd: '2024-05-14' })] };
    const june = { activities: [activity({ periodStart: '2024-06-01', periodEnd: '2024-06-30' })] };
    // The incoming bill's days that fall in the stored one: 15 to 30 April.
    expect(overlapsOf(l, april)).toEqual([
      { batchId: first, fileName: 'bills.csv', meter: '1200001234567', start: '2024-04-01', end: '2024-04-30', incoming: { start: '2024-04-15', end: '2024-04-30' } },
    ]);
    expect(overlapsOf(l, june)).toEqual([]);
    expect(overlapsOf(l, april, 'council')).toEqual([]);
    const second = l.writeBatch(newBatch({ sha256: 'b'.repeat(64) }), { activities: [activity({ quantity: 1100 })] }, { replace: true });
    // The row it brings again is superseded; the batch it came from stays active.
    expect(l.getBatch(first)).toMatchObject({ status: 'active', superseded_by: null });
    expect(l.select<{ superseded_by: number | null }>('SELECT superseded_by FROM activities WHERE batch_id = ?', [first])).toEqual([{ superseded_by: second }]);
    expect(l.getBatch(second)).toMatchObject({ status: 'active', status_changed_at: null });
    expect(overlapsOf(l, april)[0]!.batchId).toBe(second);
    l.undoBatch(second, { at: '2024-07-02T09:30:00.000Z', reason: 'wrong site' });
    expect(l.getBatch(second)).toMatchObject({ status: 'undone', status_changed_at: '2024-07-02T09:30:00.000Z', status_reason: 'wrong site' });
    // Undone, what it superseded counts again.
    expect(overlapsOf(l, april)[0]!.batchId).toBe(first);
    expect(code(() => { l.undoBatch(second, { at: '2024-07-03T00:00:00.000Z' }); })).toBe('batch_not_active');
    expect(l.getBatch(second)!.status_changed_at).toBe('2024-07-02T09:30:00.000Z');
    l.close();
  });

  it('stores half-hourly days as 46-50 values and finds their overlaps', async () => {
    const l = await open();
    const kwh = Array.from({ length: 50 }, (_, i) => i / 10);
    const day: HhDayRecord = { line: 2, org: 'acute', site: null, meter: 'M1', day: '2024-10-27', periods: 50, kwh, estimatedPeriods: 0, kwhTotal: 122.5, exportKwhTotal: 0 };
    const id = l.writeBatch(newBatch({ profile: 'hh' }), { hhDays: [day] });
    expect(l.batchCounts(id).hhDays).toBe(1);
    expect(overlapsOf(l, { hhDays: [day] })).toHaveLength(1);
    expect(overlapsOf(l, { hhDays: [{ ...day, day: '2024-10-28' }] })).toEqual([]);
    l.close();
  });
});

describe('a ledger file', () => {
  it('after a SIGKILL mid-import the ledger is unchanged and intact, and the import can be redone', async () => {
    const path = join(dir(), 'l.sqlite');
    Ledger.open(path, { create: true }).close();
    const script = join(ROOT, 'tests/store/write-big-batch.ts');
    const journal = `${path}-journal`;
    const original = statSync(path).size;
    // Killed where the child says it has written that many rows, not after a delay: a few
    // thousand, still in SQLite's page cache (the database file untouched), and more than the
    // cache holds (16 MB as better-sqlite3 builds SQLite), so pages have spilled into the database
    // file and only the journal can undo them.
    for (const { rows, spilled } of [{ rows: 1_000, spilled: false }, { rows: 20_000, spilled: false }, { rows: 200_000, spilled: true }]) {
      const child = startNode('write-big-batch', ['--import', 'tsx', script, path], { env: { TCO2E_FAULT_POINT: `rows-written:${rows}` } });
      let halted: { locked: boolean; bytes: number };
      try {
        expect(await child.stderrLine(faultMarker(`rows-written:${rows}`))).toBe(`${faultMarker(`rows-written:${rows}`)} count=${rows}`);
        halted = { locked: writeLockHeld(path), bytes: statSync(path).size };
      } finally {
        child.kill();
      }
      expect((await child.done).signal).toBe('SIGKILL');
      // Halted inside its write transaction, with pages changed: the kill left a journal.
      expect(halted.locked).toBe(true);
      expect(existsSync(journal)).toBe(true);
      expect(halted.bytes > original, `the database file had grown from ${original} to ${halted.bytes} bytes`).toBe(spilled);
      const l = Ledger.open(path);
      expect(l.integrityCheck()).toBe('ok');
      expect(l.listBatches()).toEqual([]);
      expect(l.select<{ n: number }>('SELECT count(*) AS n FROM activities')).toEqual([{ n: 0 }]);
      l.close();
      // A spilled transaction leaves a hot journal, which the first reader played back and removed.
      if (spilled) {
        expect(existsSync(journal)).toBe(false);
        expect(statSync(path).size).toBe(original);
      }
    }
    const l = Ledger.open(path);
    l.writeBatch(newBatch(), { activities: [activity()] });
    expect(l.listBatches()).toHaveLength(1);
    l.close();
    expect(existsSync(`${path}-journal`)).toBe(false);
  }, 180_000);
});
