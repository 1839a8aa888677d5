/**
 * What SQLite's failures mean to the person running tco2e. A ledger another import is writing
 * (busy past the timeout) and a disk that is full (or a file-size limit reached) are things they
 * can fix, so they become `UserError`s; anything else stays a bug. In every case SQLite has rolled
 * the open batch back, so the message can promise that nothing was stored.
 */

import { UserError } from '../kernel/errors.js';

/** The codes better-sqlite3 gives (`SqliteError.code`) that mean the disk said no. */
const DISK_CODES = new Set(['SQLITE_FULL', 'SQLITE_IOERR_WRITE', 'SQLITE_IOERR_FSYNC', 'SQLITE_IOERR_TRUNCATE', 'SQLITE_IOERR_SHORT_READ']);
/** The codes Node gives for the same when it writes a file itself. */
const FS_DISK_CODES = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);

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
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new UserError('ledger_corrupt', `${ledgerPath} is damaged and cannot be read as a tco2e ledger (${code}); it was left untouched.`, 'Restore the ledger from a backup, or check --db and the TCO2E_DB environment variable.');
  }
  if (code !== undefined && (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'SQLITE_CANTOPEN')) {
    // A ledger on a shared drive the person may read but not write (or a folder where SQLite
    // cannot make its journal): imports, undo and upgrading an older ledger need write access.
    return new UserError('ledger_read_only', `The ledger ${ledgerPath} cannot be written from here (${code}); nothing was changed.`, 'Ask for write access to the ledger and its folder (SQLite writes a journal beside it), or work on a copy with --db.');
  }
  if ((code !== undefined && DISK_CODES.has(code)) || isDiskFull(e)) {
    return new UserError('disk_full', `The ledger ${ledgerPath} could not be written: the disk is full or a file-size limit was reached (${code ?? 'unknown'}). Nothing from this import was stored; earlier imports are unchanged.`, 'Free some space (or raise the limit) and run the import again.');
  }
  return e;
}
