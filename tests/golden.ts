/**
 * Golden files: output a person reads (reports, charts, import summaries) kept beside the tests and
 * reviewed like code. One rule for all of them:
 * - a missing golden is written, so a new one can be reviewed and committed; never in CI
 *   (`CI` set), where it fails saying the golden is missing;
 * - a difference writes the new output as `<name>-changed.<ext>` beside the golden and fails,
 *   naming both files and the first line that differs;
 * - a match removes any `-changed` file an earlier failing run left.
 * Files are compared byte for byte.
 */

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from './helpers.js';

export interface GoldenOptions {
  /** Where `path` is relative to; the project root unless a test of this helper says otherwise. */
  readonly root?: string;
  /** Whether this is CI, where a missing golden fails instead of being written; default `process.env.CI`. */
  readonly ci?: boolean;
}

/** `tests/golden/reports/board.html` → `tests/golden/reports/board-changed.html`. */
export function changedPath(path: string): string {
  return path.replace(/(\.[^./]+)?$/, '-changed$1');
}

/**
 * Where the two texts first part: 1-based line and column, and both lines around that column
 * (a line of a report can be long), cut short.
 */
export function firstDifference(expected: string, actual: string): { line: number; column: number; expected: string; actual: string } {
  const a = expected.split('\n');
  const b = actual.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  const x = a[i] ?? '';
  const y = b[i] ?? '';
  let c = 0;
  while (c < x.length && c < y.length && x[c] === y[c]) c += 1;
  const from = Math.max(0, c - 60);
  const cut = (s: string | undefined): string => {
    if (s === undefined) return '(end of file)';
    const part = s.slice(from, from + 160);
    return `${from > 0 ? '…' : ''}${part}${from + 160 < s.length ? '…' : ''}`;
  };
  return { line: i + 1, column: c + 1, expected: cut(a[i]), actual: cut(b[i]) };
}

/**
 * Compares `actual` with the golden file at `path` (relative to the project root, with `/`), as
 * the module comment says. Throws, failing the test, when they differ or the golden is missing in CI.
 */
export function expectGolden(path: string, actual: string | Uint8Array, options: GoldenOptions = {}): void {
  const root = options.root ?? ROOT;
  const ci = options.ci ?? Boolean(process.env.CI);
  const bytes = typeof actual === 'string' ? Buffer.from(actual, 'utf8') : Buffer.from(actual);
  const file = join(root, path);
  const changed = changedPath(path);
  const changedFile = join(root, changed);
  if (!existsSync(file)) {
    if (ci) throw new Error(`golden file ${path} is missing; run the tests locally to write it, review it and commit it`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    return;
  }
  const expected = readFileSync(file);
  if (expected.equals(bytes)) {
    // A `-changed` file left by an earlier failing run no longer describes anything.
    rmSync(changedFile, { force: true });
    return;
  }
  writeFileSync(changedFile, bytes);
  const d = firstDifference(expected.toString('utf8'), bytes.toString('utf8'));
  throw new Error(
    `output differs from its golden file ${path}; the new output is in ${changed}. ` +
      `First difference at line ${d.line}, column ${d.column}:\n  golden: ${d.expected}\n  now:    ${d.actual}\n` +
      'Review the change; if it is right, replace the golden with the -changed file.',
  );
}
