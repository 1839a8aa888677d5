import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readPublishedRows } from '../src/factors/build/read-published.js';
import type { PublishedRow } from '../src/factors/build/build-tables.js';
import { UserError } from '../src/errors.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The publication's flat file, shipped beside the project in CI (`../shared`). */
export const PUBLISHED_CSV =
  process.env.TCO2E_PUBLISHED_FACTORS ?? fileURLToPath(new URL('../../shared/factors/uk-ghg-conversion-factors-2013-2025.csv', import.meta.url));

export const havePublished = existsSync(PUBLISHED_CSV);
if (!havePublished) {
  process.stderr.write(`note: ${PUBLISHED_CSV} not found; the tests that check shipped factors against the publication are skipped\n`);
}

let cached: PublishedRow[] | undefined;
export function publishedRows(): PublishedRow[] {
  cached ??= readPublishedRows(readFileSync(PUBLISHED_CSV, 'utf8'));
  return cached;
}

/** The UserError a call throws; fails the test if it throws nothing or something else. */
export function userError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}
