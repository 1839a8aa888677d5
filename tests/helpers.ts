import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPublishedRows } from '../src/factors/build/read-published.js';
import type { PublishedRow } from '../src/factors/build/build-tables.js';
import { UserError } from '../src/kernel/errors.js';

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
