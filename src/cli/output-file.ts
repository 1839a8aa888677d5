import { renameSync, writeFileSync } from 'node:fs';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../errors.js';

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
  writeFileSync(tmp, content);
  renameSync(tmp, resolve(path));
}
