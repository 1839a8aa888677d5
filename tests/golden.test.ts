/** The golden-file helper every golden test uses: written when missing, never in CI; a difference kept for review. */

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { changedPath, expectGolden, firstDifference } from './golden.js';

let root = '';
afterEach(() => {
  if (root !== '') rmSync(root, { recursive: true, force: true });
});
function fresh(): string {
  root = mkdtempSync(join(tmpdir(), 'tco2e-golden-helper-'));
  return root;
}

describe('expectGolden', () => {
  it('writes a missing golden, making its folder, when not in CI', () => {
    const r = fresh();
    expectGolden('g/new/a.txt', 'one\n', { root: r, ci: false });
    expect(readFileSync(join(r, 'g/new/a.txt'), 'utf8')).toBe('one\n');
  });

  it('in CI fails on a missing golden and writes nothing', () => {
    const r = fresh();
    expect(() => {
      expectGolden('g/a.txt', 'one\n', { root: r, ci: true });
    }).toThrow('golden file g/a.txt is missing');
    expect(existsSync(join(r, 'g/a.txt'))).toBe(false);
  });

  it('on a difference writes <name>-changed.<ext> and fails naming both files and the first differing line', () => {
    const r = fresh();
    expectGolden('a.summary.txt', 'same\nold\n', { root: r, ci: false });
    expect(() => {
      expectGolden('a.summary.txt', Buffer.from('same\nnew\n'), { root: r, ci: true });
    }).toThrow(
      /golden file a\.summary\.txt; the new output is in a\.summary-changed\.txt\. First difference at line 2, column 1:\n {2}golden: old\n {2}now: {4}new/,
    );
    expect(readFileSync(join(r, 'a.summary-changed.txt'), 'utf8')).toBe('same\nnew\n');
    expect(readFileSync(join(r, 'a.summary.txt'), 'utf8')).toBe('same\nold\n');
  });

  it('on a match removes a -changed file left by an earlier run', () => {
    const r = fresh();
    writeFileSync(join(r, 'b.svg'), '<svg/>\n');
    writeFileSync(join(r, 'b-changed.svg'), 'stale');
    expectGolden('b.svg', '<svg/>\n', { root: r, ci: true });
    expect(existsSync(join(r, 'b-changed.svg'))).toBe(false);
  });
});

describe('changedPath and firstDifference', () => {
  it('name the -changed file and the first line that differs', () => {
    expect(changedPath('tests/golden/reports/board.html')).toBe('tests/golden/reports/board-changed.html');
    expect(changedPath('x.y/name')).toBe('x.y/name-changed');
    expect(firstDifference('a\nb', 'a\nb\nc')).toEqual({ line: 3, column: 1, expected: '(end of file)', actual: 'c' });
    const long = 'x'.repeat(300);
    const d = firstDifference(`${long}<g>`, `${long}\n<g>`);
    expect([d.line, d.column]).toEqual([1, 301]);
    expect(d.expected).toBe(`…${'x'.repeat(60)}<g>`);
    expect(d.actual).toBe(`…${'x'.repeat(60)}`);
  });
});
