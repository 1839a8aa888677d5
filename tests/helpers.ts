import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPublishedRows } from '../src/factors/build/read-published.js';
import { USED_FILE_NAME } from '../src/factors/build/reduce-published.js';
import type { PublishedRow } from '../src/factors/build/build-tables.js';
import { UserError } from '../src/kernel/errors.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The publication's figures the shipped factor tables are built from, shipped in `data/published/`
 * (see its README). TCO2E_PUBLISHED_FACTORS may name another copy in the same layout, such as the
 * whole flat file.
 */
export const PUBLISHED_CSV = process.env.TCO2E_PUBLISHED_FACTORS ?? join(ROOT, 'data', 'published', USED_FILE_NAME);

/** The text of PUBLISHED_CSV; throws, failing the test, if the file is missing. */
export function publishedText(): string {
  if (!existsSync(PUBLISHED_CSV)) {
    throw new Error(
      `published factors not found at ${PUBLISHED_CSV}: the tests check every shipped factor against it. ` +
        `It is data/published/${USED_FILE_NAME} unless TCO2E_PUBLISHED_FACTORS names another copy.`,
    );
  }
  return readFileSync(PUBLISHED_CSV, 'utf8');
}

let cached: PublishedRow[] | undefined;
/** The rows of PUBLISHED_CSV (see publishedText). */
export function publishedRows(): PublishedRow[] {
  cached ??= readPublishedRows(publishedText());
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

/** The UserError a promise rejects with; fails the test on anything else. */
export async function userErrorAsync(p: Promise<unknown>): Promise<UserError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}

/** Runs the built CLI as a user would, in `cwd`, with no workspace taken from the environment. */
export function runCli(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/run.js'), ...args], { encoding: 'utf8', cwd, env: { ...process.env, TCO2E_DB: '', TCO2E_CONFIG: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
