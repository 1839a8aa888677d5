import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPublishedRows } from '../../src/factors/build/read-published.js';
import { USED_FILES } from '../../src/factors/build/reduce-published.js';
import type { PublishedRow } from '../../src/factors/build/build-tables.js';
import { ROOT } from '../helpers.js';

/**
 * The waste disposal figures the shipped tables are built from, as published, in the same layout
 * as the main extract (`tests/helpers.ts`). TCO2E_PUBLISHED_FACTORS_MORE may name another copy,
 * such as the whole second file of the reference data (uk-ghg-conversion-factors-2013-2025-more.csv).
 */
export const MORE_PUBLISHED_CSV = process.env.TCO2E_PUBLISHED_FACTORS_MORE ?? join(ROOT, USED_FILES[1]!);

/** The text of MORE_PUBLISHED_CSV; throws, failing the test, if the file is missing. */
export function morePublishedText(): string {
  if (!existsSync(MORE_PUBLISHED_CSV)) {
    throw new Error(
      `published waste factors not found at ${MORE_PUBLISHED_CSV}: the tests check every shipped waste factor against it. ` +
        `It is ${USED_FILES[1]!} unless TCO2E_PUBLISHED_FACTORS_MORE names another copy.`,
    );
  }
  return readFileSync(MORE_PUBLISHED_CSV, 'utf8');
}

let cached: PublishedRow[] | undefined;
/** The rows of MORE_PUBLISHED_CSV (see morePublishedText). */
export function morePublishedRows(): PublishedRow[] {
  cached ??= readPublishedRows(morePublishedText());
  return cached;
}
