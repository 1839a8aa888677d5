import { realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../errors.js';
import { isDiskFull } from '../store/sqlite-errors.js';

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/**
 * Writes a file the user named, atomically (a temporary file renamed into place), and never
 * over one of the protected paths (the input file, the ledger).
 */
export function writeOutputFile(path: string, content: string, protectedPaths: readonly string[]): void {
  const target = real(path);
  if (protectedPaths.some((p) => real(p) === target)) {
    throw new UserError('output_would_overwrite', `Refusing to write ${path}: it is the input file or the ledger.`, 'Choose another file name.');
  }
  const tmp = `${resolve(path)}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, resolve(path));
  } catch (e) {
    // A half-written temporary file is no use to anyone; the earlier file is left as it was.
    rmSync(tmp, { force: true });
    if (isDiskFull(e)) {
      throw new UserError('disk_full', `The disk is full (or a file-size limit was reached): ${path} could not be written. Any earlier copy of it is unchanged.`, 'Free some space, or write the file elsewhere.');
    }
    throw e;
  }
}
