/**
 * What SQLite's failures mean to the person running tco2e. A ledger another import is writing
 * (busy past the timeout) and a disk that is full (or a file-size limit reached) are things they
 * can fix, so they become `UserError`s; anything else stays a bug. In every case SQLite has rolled
 * the open batch back, so the message can promise that nothing was stored.
 */

import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../kernel/errors.js';
import { msg } from '../messages.js';

/** The codes better-sqlite3 gives (`SqliteError.code`) that mean the disk said no. */
const DISK_CODES = new Set(['SQLITE_FULL', 'SQLITE_IOERR_WRITE', 'SQLITE_IOERR_FSYNC', 'SQLITE_IOERR_TRUNCATE', 'SQLITE_IOERR_SHORT_READ']);
/** The codes Node gives for the same when it writes a file itself. */
const FS_DISK_CODES = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);
/** The codes Node gives when it may not make a file (a new ledger) where asked. */
const FS_DENIED_CODES = new Set(['EACCES', 'EPERM', 'EROFS']);

function codeOf(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Whether an error from `fs` means the disk is full or a file-size limit was reached. */
export function isDiskFull(e: unknown): boolean {
  const code = codeOf(e);
  return code !== undefined && FS_DISK_CODES.has(code);
}

/** The `UserError` a ledger failure should be shown as, or the error itself when it is a bug. */
export function ledgerFailure(e: unknown, ledgerPath: string): unknown {
  if (e instanceof UserError) return e;
  const code = codeOf(e);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED') {
    return new UserError('ledger_busy', `The ledger ${ledgerPath} is in use by another tco2e command that did not finish in time; nothing was stored.`, 'Wait for the other command (usually an import) to finish and run this one again (TCO2E_BUSY_TIMEOUT_MS sets how long to wait, in ms).');
  }
  if (code === 'SQLITE_NOTADB' || (code?.startsWith('SQLITE_CORRUPT') ?? false)) {
    const backups = backupsOf(ledgerPath);
    return new UserError('ledger_damaged', msg.ledgerUnreadableDamage(ledgerPath, code ?? ''), `${msg.ledgerDamagedHint(backups)} ${msg.checkDbHint}`, { ledger: ledgerPath, backups });
  }
  if (code !== undefined && (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'SQLITE_CANTOPEN' || FS_DENIED_CODES.has(code))) {
    // A ledger on a shared drive the person may read but not write (or a folder where SQLite
    // cannot make its journal): imports, undo and upgrading an older ledger need write access.
    return new UserError('ledger_read_only', `The ledger ${ledgerPath} cannot be written from here (${code}); nothing was changed.`, 'Ask for write access to the ledger and its folder (SQLite writes a journal beside it), or work on a copy with --db.');
  }
  if ((code !== undefined && DISK_CODES.has(code)) || isDiskFull(e)) {
    return new UserError('disk_full', `The ledger ${ledgerPath} could not be written: the disk is full or a file-size limit was reached (${code ?? 'unknown'}). Nothing from this import was stored; earlier imports are unchanged.`, 'Free some space (or raise the limit) and run the import again.');
  }
  return e;
}

/**
 * The refusal of a ledger SQLite's check found damaged (`problems`: what it said, first first).
 * Nothing is written to it; the hint names the copy the last upgrade took, when there is one.
 */
export function damagedLedger(ledgerPath: string, problems: readonly string[]): UserError {
  const backups = backupsOf(ledgerPath);
  return new UserError('ledger_damaged', msg.ledgerDamaged(ledgerPath, problems.length, problems[0] ?? 'unknown'), msg.ledgerDamagedHint(backups), { ledger: ledgerPath, problems, backups });
}

/** The copies upgrades took of the ledger (`LEDGER.vN-TIME.bak`, see `Ledger.open`), oldest first. */
export function backupsOf(ledgerPath: string): string[] {
  const name = basename(ledgerPath);
  let names: string[];
  try {
    names = readdirSync(dirname(ledgerPath));
  } catch {
    return []; // a folder that cannot be listed has no copies to offer
  }
  // The time in the name (ISO, with - for : and .) sorts as text; the version before it may not.
  const when = (n: string): string => /^\.v\d+-(.*)\.bak$/.exec(n.slice(name.length))?.[1] ?? '';
  return names.filter((n) => n.startsWith(name) && when(n) !== '').sort((a, b) => (when(a) < when(b) ? -1 : when(a) > when(b) ? 1 : 0)).map((n) => join(dirname(ledgerPath), n));
}
