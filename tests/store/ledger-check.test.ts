/**
 * Damage, found before anything is written: opening for a write (or an upgrade) runs SQLite's
 * quick check and refuses a damaged ledger, leaving it byte for byte as it was; `checkLedger`
 * runs the full check and reports, changing nothing.
 */

import { closeSync, copyFileSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { msg } from '../../src/messages.js';
import { checkLedger, Ledger } from '../../src/store/ledger.js';
import { SCHEMA_VERSION } from '../../src/store/schema.js';
import { ROOT, userError } from '../helpers.js';
import { activity, newBatch } from './fixtures.js';

const dir = (): string => mkdtempSync(join(tmpdir(), 'tco2e-check-'));

/** A ledger with enough activities to fill many pages of their table. */
function ledgerWithRows(path: string): void {
  const l = Ledger.open(path, { create: true });
  l.writeBatch(newBatch(), { activities: Array.from({ length: 3_000 }, (_, i) => activity({ line: i + 2 })) });
  l.close();
}

/** Fills the middle leaf page of `table` with 0xA5: a damaged page, as a bad sector leaves one. */
function damagePageOf(path: string, table: string): void {
  const db = new Database(path, { readonly: true });
  const pages = db.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno").pluck().all(table) as number[];
  const size = db.pragma('page_size', { simple: true }) as number;
  db.close();
  expect(pages.length).toBeGreaterThan(0);
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(size, 0xa5), 0, size, (pages[Math.floor(pages.length / 2)]! - 1) * size);
  closeSync(fd);
}

describe('checkLedger', () => {
  it('a sound ledger: what it holds, and nothing wrong', () => {
    const path = join(dir(), 'l.sqlite');
    ledgerWithRows(path);
    const before = readFileSync(path);
    const r = checkLedger(path);
    expect(r).toMatchObject({ ledger: path, sound: true, problems: [], schemaVersion: SCHEMA_VERSION, currentSchemaVersion: SCHEMA_VERSION, freePages: 0, backups: [] });
    expect(r.pages).toBeGreaterThan(10);
    expect(r.sizeBytes).toBe(before.length);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('a damaged one: the problems SQLite found, and the file unchanged', () => {
    const path = join(dir(), 'l.sqlite');
    ledgerWithRows(path);
    damagePageOf(path, 'activities');
    const before = readFileSync(path);
    const r = checkLedger(path);
    expect(r.sound).toBe(false);
    expect(r.problems.length).toBeGreaterThan(0);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses what is not a ledger, as opening does', () => {
    const d = dir();
    expect(userError(() => checkLedger(join(d, 'none.sqlite'))).code).toBe('no_ledger');
    writeFileSync(join(d, 'empty.sqlite'), '');
    expect(userError(() => checkLedger(join(d, 'empty.sqlite'))).message).toBe(msg.ledgerEmptyFile(join(d, 'empty.sqlite')));
    const other = new Database(join(d, 'other.sqlite'));
    other.exec('CREATE TABLE t (x)');
    other.close();
    expect(userError(() => checkLedger(join(d, 'other.sqlite'))).code).toBe('not_a_ledger');
  });
});

describe('opening a damaged ledger', () => {
  it('to write: refused before anything is written, naming the damage and what to do', () => {
    const d = dir();
    const path = join(d, 'l.sqlite');
    ledgerWithRows(path);
    damagePageOf(path, 'activities');
    writeFileSync(`${path}.v2-2025-01-01T09-00-00-000Z.bak`, 'a copy');
    const before = readFileSync(path);
    const e = userError(() => Ledger.open(path, { forWrite: true }));
    expect(e.code).toBe('ledger_damaged');
    expect(e.message).toMatch(/^The ledger .* is damaged: SQLite's integrity check found .*It was left untouched: tco2e never writes to a damaged ledger\.$/);
    expect(e.hint).toBe(msg.ledgerDamagedHint([`${path}.v2-2025-01-01T09-00-00-000Z.bak`]));
    expect(readFileSync(path).equals(before)).toBe(true);
    // To read: opened (a read that meets the damage is refused as damage, see sqlite-errors).
    const l = Ledger.open(path);
    expect(l.listBatches()).toHaveLength(1);
    expect(l.integrityProblems().length).toBeGreaterThan(0);
    l.close();
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('of an older schema: never upgraded, no copy taken, left as it was', () => {
    const d = dir();
    const path = join(d, 'tco2e-ledger.sqlite');
    copyFileSync(join(ROOT, 'tests/fixtures/ledgers/schema-1/tco2e-ledger.sqlite'), path);
    damagePageOf(path, 'hh_days');
    const before = readFileSync(path);
    expect(userError(() => Ledger.open(path)).code).toBe('ledger_damaged');
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(d)).toEqual(['tco2e-ledger.sqlite']);
  });
});
