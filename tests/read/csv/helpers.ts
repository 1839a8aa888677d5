import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { isUserError, type UserError } from '../../../src/kernel/errors.js';
import type { CsvFile, CsvRow } from '../../../src/read/csv/index.js';

/** A temp directory for this test file's fixtures, removed afterwards. */
export function fixtureDir(): (name: string, content: string | Uint8Array) => string {
  const dir = mkdtempSync(join(tmpdir(), 'tco2e-csv-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return (name, content) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
}

export async function allRows(file: CsvFile): Promise<CsvRow[]> {
  const rows: CsvRow[] = [];
  for await (const batch of file.batches()) rows.push(...batch);
  return rows;
}

/** `[line, ...cells]` per row: compact to compare. */
export async function lined(file: CsvFile): Promise<(number | string)[][]> {
  return (await allRows(file)).map((r) => [r.line, ...r.cells]);
}

export function utf16le(text: string, bom = true): Buffer {
  const body = Buffer.from(text, 'utf16le');
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
}

export function utf16be(text: string, bom = true): Buffer {
  const body = Buffer.from(text, 'utf16le').swap16();
  return bom ? Buffer.concat([Buffer.from([0xfe, 0xff]), body]) : body;
}

/** Windows-1252 for the characters the tests use: ASCII, £ (0xA3), € (0x80), é (0xE9). */
export function cp1252(text: string): Buffer {
  const map: Record<string, number> = { '£': 0xa3, '€': 0x80, é: 0xe9 };
  return Buffer.from(Array.from(text, (ch) => map[ch] ?? ch.charCodeAt(0)));
}

/** The UserError a promise rejects with (fails the test if it resolves or throws something else). */
export async function userError(promise: Promise<unknown>): Promise<UserError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isUserError(error), `expected a UserError, got ${String(error)}`).toBe(true);
  return error as UserError;
}
