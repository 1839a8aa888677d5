/**
 * The files a command reads because a person named them (the file to import, `--file`,
 * `--factors`), each checked before any work starts: one that is missing, a folder or unreadable
 * is a user error naming the path and what to do (exit code 2), never a raw ENOENT.
 */

import { loadFactorsWithCustomFile } from '../factors/custom-file.js';
import type { FactorLibrary } from '../factors/library.js';
import { assertInputFile } from '../import/file-identity.js';

/** What each input is called in a refusal. */
export const INPUT = {
  import: 'file to import',
  detect: 'file to examine',
  activities: 'activity file (--file)',
  factors: 'custom factor file (--factors)',
  config: 'workspace config',
} as const;

/** Refuses a named input that is missing, a folder or unreadable. */
export function checkInput(path: string, what: (typeof INPUT)[keyof typeof INPUT]): void {
  assertInputFile(path, what);
}

/** The shipped factors, with the `--factors` file (checked first) when one is given. */
export function factorLibrary(factorsPath: string | undefined): FactorLibrary {
  if (factorsPath !== undefined) checkInput(factorsPath, INPUT.factors);
  return loadFactorsWithCustomFile(factorsPath);
}
