import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/kernel/errors.js';
import { msg } from '../../src/messages.js';
import { backupsOf, damagedLedger, isDiskFull, ledgerFailure } from '../../src/store/sqlite-errors.js';

/** An error as better-sqlite3 (SqliteError) or node:fs gives it: a message and a code. */
const failure = (code: string): Error => Object.assign(new Error(`${code}: failed`), { code });

function mapped(code: string): UserError {
  const e = ledgerFailure(failure(code), 'ledger.sqlite');
  expect(e).toBeInstanceOf(UserError);
  return e as UserError;
}

describe('what a ledger failure means to the person', () => {
  it('busy and locked: another command holds the ledger', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED']) {
      const e = mapped(code);
      expect(e.code).toBe('ledger_busy');
      expect(e.message).toBe('The ledger ledger.sqlite is in use by another tco2e command that did not finish in time; nothing was stored.');
      expect(e.hint).toContain('TCO2E_BUSY_TIMEOUT_MS');
    }
  });

  it('damaged: refused and left untouched, with what to do', () => {
    for (const code of ['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CORRUPT_INDEX']) {
      const e = mapped(code);
      expect(e.code).toBe('ledger_damaged');
      expect(e.message).toBe(msg.ledgerUnreadableDamage('ledger.sqlite', code));
      expect(e.hint).toContain(msg.ledgerDamagedHint([]));
    }
  });

  it('damage found by SQLite\'s check: the first problem, and the copy the last upgrade took', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tco2e-damaged-'));
    const ledger = join(dir, 'l.sqlite');
    // Two upgrades' copies (the later one of an older version's name would sort first as text), and files that are not copies.
    for (const f of ['l.sqlite', 'l.sqlite.v2-2025-03-01T10-00-00-000Z.bak', 'l.sqlite.v10-2024-01-01T10-00-00-000Z.bak', 'l.sqlite-journal', 'other.sqlite.v1-2025-01-01T00-00-00-000Z.bak', 'l.sqlite.bak']) writeFileSync(join(dir, f), '');
    expect(backupsOf(ledger)).toEqual([join(dir, 'l.sqlite.v10-2024-01-01T10-00-00-000Z.bak'), join(dir, 'l.sqlite.v2-2025-03-01T10-00-00-000Z.bak')]);
    const e = damagedLedger(ledger, ['Tree 4 page 9: btreeInitPage() returns error code 11', 'Page 12: never used']);
    expect(e.code).toBe('ledger_damaged');
    expect(e.message).toBe(msg.ledgerDamaged(ledger, 2, 'Tree 4 page 9: btreeInitPage() returns error code 11'));
    expect(e.hint).toBe(msg.ledgerDamagedHint(backupsOf(ledger)));
    expect(e.hint).toContain('l.sqlite.v2-2025-03-01T10-00-00-000Z.bak');
    expect(e.details).toEqual({ ledger, problems: ['Tree 4 page 9: btreeInitPage() returns error code 11', 'Page 12: never used'], backups: backupsOf(ledger) });
    expect(damagedLedger(join(dir, 'none', 'l.sqlite'), ['x']).hint).toBe(msg.ledgerDamagedHint([]));
  });

  it('read-only or unopenable: says write access is needed, and that nothing changed', () => {
    for (const code of ['SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', 'SQLITE_PERM', 'SQLITE_CANTOPEN', 'EACCES', 'EPERM', 'EROFS']) {
      const e = mapped(code);
      expect(e.code).toBe('ledger_read_only');
      expect(e.message).toBe(`The ledger ledger.sqlite cannot be written from here (${code}); nothing was changed.`);
    }
  });

  it('a full disk or a file-size limit, from SQLite or from node', () => {
    for (const code of ['SQLITE_FULL', 'SQLITE_IOERR_WRITE', 'SQLITE_IOERR_FSYNC', 'ENOSPC', 'EDQUOT', 'EFBIG']) expect(mapped(code).code).toBe('disk_full');
    expect(isDiskFull(failure('ENOSPC'))).toBe(true);
    expect(isDiskFull(failure('EACCES'))).toBe(false);
  });

  it('anything else stays what it is: a bug, shown as one', () => {
    const bug = failure('SQLITE_ERROR');
    expect(ledgerFailure(bug, 'ledger.sqlite')).toBe(bug);
    const user = new UserError('no_batch', 'There is no import 9.');
    expect(ledgerFailure(user, 'ledger.sqlite')).toBe(user);
    const plain = new TypeError('x is undefined');
    expect(ledgerFailure(plain, 'ledger.sqlite')).toBe(plain);
  });
});
