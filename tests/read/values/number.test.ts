import { describe, expect, it } from 'vitest';
import { parseNumber, type NumberResult } from '../../../src/read/values/number.js';

const dot = { decimal: '.' } as const;
const comma = { decimal: ',' } as const;

const num = (value: number, extra: { percent?: boolean; currency?: '£' | '€' | '$' } = {}): NumberResult => ({
  ok: true,
  value,
  percent: extra.percent ?? false,
  currency: extra.currency ?? null,
});

function problemOf(r: NumberResult): { code: string; message: string } {
  if (r.ok) throw new Error(`expected a problem, got ${String(r.value)}`);
  return { code: r.code, message: r.message };
}

describe('parseNumber: accepted forms, decimal "."', () => {
  it.each<[string, NumberResult]>([
    ['1234', num(1234)],
    ['1234.5', num(1234.5)],
    ['-1234.5', num(-1234.5)],
    ['0.001', num(0.001)],
    ['007', num(7)],
    ['.5', num(0.5)],
    ['1,234.5', num(1234.5)],
    ['1,234,567', num(1234567)],
    ['12,345,678.901', num(12345678.901)],
    ['1 234.5', num(1234.5)],
    ['1\u00A0234\u00A0567.25', num(1234567.25)],
    ['1\u202F234', num(1234)],
    ['  42  ', num(42)],
    ['\t42\n', num(42)],
    ['+3.5', num(3.5)],
    ['\u22123.5', num(-3.5)],
    ['(45.00)', num(-45)],
    ['( 1,234.50 )', num(-1234.5)],
    ['45.00-', num(-45)],
    ['1,234.50 -', num(-1234.5)],
    ['£12.30', num(12.3, { currency: '£' })],
    ['-£12.30', num(-12.3, { currency: '£' })],
    ['£-12.30', num(-12.3, { currency: '£' })],
    ['(£1,045.00)', num(-1045, { currency: '£' })],
    ['£1,045.00-', num(-1045, { currency: '£' })],
    ['€ 99', num(99, { currency: '€' })],
    ['$5', num(5, { currency: '$' })],
    ['12 $', num(12, { currency: '$' })],
    ['1.2E+03', num(1200)],
    ['1e3', num(1000)],
    ['5E-06', num(0.000005)],
    ['-2.5e2', num(-250)],
  ])('%j', (text, expected) => {
    expect(parseNumber(text, dot)).toEqual(expected);
  });

  it('reads percentages as fractions, exactly, and says so', () => {
    expect(parseNumber('12%', dot)).toEqual(num(0.12, { percent: true }));
    expect(parseNumber('12 %', dot)).toEqual(num(0.12, { percent: true }));
    // 7 / 100 and 0.07 are different doubles; the parser must give the one nearest 7%.
    expect(parseNumber('7%', dot)).toEqual(num(0.07, { percent: true }));
    expect(parseNumber('12.5%', dot)).toEqual(num(0.125, { percent: true }));
    expect(parseNumber('(12%)', dot)).toEqual(num(-0.12, { percent: true }));
    expect(parseNumber('1,250%', dot)).toEqual(num(12.5, { percent: true }));
    expect(parseNumber('12', dot)).toEqual(num(12));
  });

  it('gives 0, never -0', () => {
    for (const text of ['-0', '-0.0', '(0)', '0-', '-0%', '-£0.00', '-0e5', '0']) {
      const r = parseNumber(text, dot);
      expect(r.ok && Object.is(r.value, 0), text).toBe(true);
    }
  });

  it('reads a blank cell as null, not as a problem', () => {
    for (const text of ['', ' ', '   ', '\t', '\u00A0', '\u202F']) {
      expect(parseNumber(text, dot)).toEqual({ ok: true, value: null, percent: false, currency: null });
      expect(parseNumber(text, comma)).toEqual({ ok: true, value: null, percent: false, currency: null });
    }
  });

  it('reads any plain number exactly as JavaScript prints it (fast path and full path agree)', () => {
    let seed = 12345;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 2000; i++) {
      const rounded = Math.round((next() - 0.3) * 10 ** Math.floor(next() * 9) * 1000) / 1000;
      const x = rounded === 0 ? 0 : rounded;
      const text = String(x);
      expect(parseNumber(text, dot).ok && (parseNumber(text, dot) as { value: number }).value).toBe(x);
      // Surrounding spaces force the full path; it must agree.
      expect((parseNumber(` ${text} `, dot) as { value: number }).value).toBe(x);
    }
  });
});

describe('parseNumber: accepted forms, decimal ","', () => {
  it.each<[string, NumberResult]>([
    ['1234', num(1234)],
    ['1234,5', num(1234.5)],
    ['-1234,5', num(-1234.5)],
    ['1,5', num(1.5)],
    ['1.234,5', num(1234.5)],
    ['1.234.567,89', num(1234567.89)],
    ['1 234,5', num(1234.5)],
    ['1\u00A0234,5', num(1234.5)],
    ['1\u202F234\u202F567,5', num(1234567.5)],
    ['12,30 €', num(12.3, { currency: '€' })],
    ['€12,30', num(12.3, { currency: '€' })],
    ['(45,00)', num(-45)],
    ['45,00-', num(-45)],
    ['12,5 %', num(0.125, { percent: true })],
    ['1,2E+03', num(1200)],
  ])('%j', (text, expected) => {
    expect(parseNumber(text, comma)).toEqual(expected);
  });

  it('reads the same digits differently by the file setting', () => {
    expect(parseNumber('1,234', dot)).toEqual(num(1234));
    expect(parseNumber('1,234', comma)).toEqual(num(1.234));
    expect(parseNumber('1.234', dot)).toEqual(num(1.234));
    expect(parseNumber('1.234', comma)).toEqual(num(1234));
  });
});

describe('parseNumber: problems', () => {
  it.each<[string, string, RegExp]>([
    ['NaN', 'not_finite', /"NaN" is not a quantity: expected a finite number/],
    ['nan', 'not_finite', /expected a finite number/],
    ['Infinity', 'not_finite', /"Infinity" is not a quantity/],
    ['-Infinity', 'not_finite', /is not a quantity/],
    ['∞', 'not_finite', /is not a quantity/],
    ['-', 'placeholder', /Accounting format shows zero.*enter 0 if the value is zero, or leave the cell blank/],
    ['\u2212', 'placeholder', /Accounting format/],
    ['--', 'placeholder', /Accounting format/],
    ['n/a', 'placeholder', /"n\/a" marks a missing value, not a number: leave the cell blank/],
    ['N/A', 'placeholder', /marks a missing value/],
    ['TBC', 'placeholder', /marks a missing value/],
    ['null', 'placeholder', /marks a missing value/],
    ['#N/A', 'excel_error', /"#N\/A" is an Excel error, not a number: .*lookup.*Fix the formula/],
    ['#VALUE!', 'excel_error', /"#VALUE!" is an Excel error, not a number: a formula used the wrong kind of value/],
    ['#DIV/0!', 'excel_error', /divided by zero/],
    ['#REF!', 'excel_error', /deleted/],
    ['#NAME?', 'excel_error', /does not recognise/],
    ['#SPILL!', 'excel_error', /spill/],
    ['#BLOCKED!', 'excel_error', /"#BLOCKED!" is an Excel error/],
    ['####', 'excel_error', /too wide for its column/],
    ['#########', 'excel_error', /too wide for its column/],
    ['Err:502', 'excel_error', /LibreOffice Calc error/],
    ['#hashtag', 'not_a_number', /is not a number: expected a number such as 1234\.5 or 1,234\.5/],
    ['1e400', 'too_large', /"1e400" is too large to be a quantity/],
    ['-1e400', 'too_large', /too large/],
    ['9'.repeat(400), 'too_large', /too large/],
    ['1,23,4', 'bad_grouping', /"1,23,4" has its thousands separators in the wrong places: expected groups of three digits, as in 1,234,567\.8/],
    ['12,34,567', 'bad_grouping', /wrong places/],
    ['1,2345', 'bad_grouping', /wrong places/],
    ['1234,567', 'bad_grouping', /wrong places/],
    ['0,123', 'bad_grouping', /wrong places/],
    ['1  234', 'bad_grouping', /wrong places/],
    ['1,234 567', 'bad_grouping', /mixes two kinds of thousands separator/],
    ['12.3.4', 'not_a_number', /"12\.3\.4" has more than one decimal separator '\.': expected a number such as 1234\.5/],
    ['1.234.567', 'not_a_number', /set the file's decimal separator to ','/],
    ['abc', 'not_a_number', /"abc" is not a number: expected a number such as 1234\.5 or 1,234\.5\./],
    ['12abc', 'not_a_number', /is not a number/],
    ['0x10', 'not_a_number', /is not a number/],
    ['5.', 'not_a_number', /is not a number/],
    ['.', 'not_a_number', /is not a number/],
    ['£', 'not_a_number', /is not a number/],
    ['%', 'not_a_number', /is not a number/],
    ['+', 'not_a_number', /is not a number/],
    ['£12%', 'not_a_number', /both a currency symbol and a percent sign/],
    ['£12€', 'not_a_number', /more than one currency symbol/],
    ['--5', 'not_a_number', /more than one sign/],
    ['-(45)', 'not_a_number', /more than one sign/],
    ['(45)-', 'not_a_number', /more than one sign/],
    ['-45-', 'not_a_number', /more than one sign/],
    ['(45', 'not_a_number', /opening parenthesis with no closing one/],
    ['1,234E+03', 'not_a_number', /exponent with thousands separators/],
    ['1e', 'not_a_number', /is not a number/],
    ['1e3.5', 'not_a_number', /is not a number/],
  ])('%j → %s', (text, code, message) => {
    const p = problemOf(parseNumber(text, dot));
    expect(p.code).toBe(code);
    expect(p.message).toMatch(message);
  });

  it('suggests the other decimal separator when the grouping looks like one', () => {
    expect(problemOf(parseNumber('12,5', dot))).toEqual({
      code: 'bad_grouping',
      message: `"12,5" has its thousands separators in the wrong places: expected groups of three digits, as in 1,234,567.8. If ',' is the decimal separator in this file, set the file's decimal separator to ','.`,
    });
    expect(problemOf(parseNumber('1.234,5', dot))).toEqual({
      code: 'bad_grouping',
      message: `"1.234,5" has a ',' after the decimal separator '.': if ',' is the decimal separator in this file, set the file's decimal separator to ','.`,
    });
    expect(problemOf(parseNumber('1234.5', comma))).toMatchObject({ code: 'bad_grouping', message: expect.stringContaining("set the file's decimal separator to '.'") as string });
    expect(problemOf(parseNumber('1,2,3', comma))).toMatchObject({ code: 'not_a_number', message: expect.stringContaining('1234,5 or 1.234,5') as string });
    // A correctly grouped number gives no such hint.
    expect(problemOf(parseNumber('1,23,4', dot)).message).not.toContain('decimal separator');
  });

  it('quotes a long cell only in part', () => {
    const p = problemOf(parseNumber(`x${'y'.repeat(500)}`, dot));
    expect(p.message.length).toBeLessThan(150);
    expect(p.message).toContain('…');
  });

  it('never throws, and every number it gives is finite and not -0', () => {
    const alphabet = ['0', '1', '9', '.', ',', ' ', '\u00A0', '-', '+', '(', ')', '£', '€', '$', '%', 'e', 'E', '#', 'a', '\u2212', '\u202F', '!', '/'];
    let seed = 99;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let accepted = 0;
    for (let i = 0; i < 20000; i++) {
      let text = '';
      const length = next(9);
      for (let k = 0; k < length; k++) text += alphabet[next(alphabet.length)]!;
      for (const options of [dot, comma]) {
        const r = parseNumber(text, options);
        if (r.ok) {
          if (r.value !== null) {
            accepted++;
            expect(Number.isFinite(r.value), text).toBe(true);
            expect(Object.is(r.value, -0), text).toBe(false);
          }
        } else {
          expect(r.message.length, text).toBeGreaterThan(0);
        }
      }
    }
    // The alphabet makes plenty of valid numbers too, so the checks above are not vacuous.
    expect(accepted).toBeGreaterThan(1000);
  });
});
