/**
 * Golden files for the reports people read, kept in tests/golden/reports and reviewed like code.
 * A missing golden is written locally and never in CI; a difference writes `<name>-changed.html`
 * beside the golden and fails, naming both files and the first line that differs.
 */

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers.js';

export const GOLDEN_REPORTS_DIR = join(ROOT, 'tests/golden/reports');

/** `board.html` → `board-changed.html`. */
export function changedName(name: string): string {
  return name.replace(/(\.[^.]+)$/, '-changed$1');
}

/** 1-based number of the first line where the two texts part, with both lines cut short. */
export function firstDifference(expected: string, actual: string): { line: number; expected: string; actual: string } {
  const a = expected.split('\n');
  const b = actual.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  const cut = (s: string | undefined): string => (s === undefined ? '(end of file)' : s.length > 160 ? `${s.slice(0, 160)}…` : s);
  return { line: i + 1, expected: cut(a[i]), actual: cut(b[i]) };
}

/**
 * Compares `actual` byte for byte with the golden `name`. Throws (failing the test) on any
 * difference, after writing the new output beside the golden for review.
 */
export function expectGolden(name: string, actual: Buffer): void {
  const path = join(GOLDEN_REPORTS_DIR, name);
  const changed = join(GOLDEN_REPORTS_DIR, changedName(name));
  if (!existsSync(path)) {
    if (process.env.CI) throw new Error(`golden file tests/golden/reports/${name} is missing; run the tests locally to write it, review it and commit it`);
    mkdirSync(GOLDEN_REPORTS_DIR, { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  const expected = readFileSync(path);
  if (expected.equals(actual)) {
    // A `-changed` file left by an earlier failing run no longer describes anything.
    if (existsSync(changed)) rmSync(changed);
    return;
  }
  writeFileSync(changed, actual);
  const d = firstDifference(expected.toString('utf8'), actual.toString('utf8'));
  throw new Error(
    `${name} differs from its golden file tests/golden/reports/${name}; the new output is in tests/golden/reports/${changedName(name)}. ` +
      `First difference at line ${d.line}:\n  golden: ${d.expected}\n  now:    ${d.actual}\n` +
      'Review the change; if it is right, replace the golden with the -changed file.',
  );
}
