/** Writes a report where the user asked: never over the ledger or config, atomically, with a clear error when the disk says no. */

import { mkdirSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { writeFileAtomic } from '../render/html/write-atomic.js';

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

export async function writeReportFile(path: string, content: string, protectedPaths: readonly string[]): Promise<void> {
  const target = real(path);
  if (protectedPaths.some((p) => real(p) === target)) {
    throw new UserError('output_would_overwrite', `Refusing to write the report to ${path}: it is the ledger or the workspace config.`, 'Choose another file name for --out.');
  }
  try {
    mkdirSync(dirname(resolve(path)), { recursive: true });
    await writeFileAtomic(resolve(path), content);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // EFBIG: a file-size limit (`ulimit -f`) stops the write as a full disk would.
    if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') {
      throw new UserError('disk_full', `The disk is full: ${path} could not be written. Any earlier copy of the report is unchanged.`, 'Free some space, or write the report elsewhere with --out.');
    }
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new UserError('cannot_write', `${path} cannot be written (${code}).`, 'Choose a folder you can write to with --out.');
    }
    throw e;
  }
}
