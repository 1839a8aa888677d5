import { describe, expect, it } from 'vitest';
import { formatPercent, formatQuantity, formatTco2e, fyLabel } from '../../../src/render/html/format-uk.js';

describe('formatTco2e', () => {
  it.each([
    [12_345.67, '12,345.7'],
    [10, '10.0'],
    [9.996, '10.00'],
    [9.994, '9.99'],
    [3.2, '3.20'],
    [0, '0.00'],
    [-1_234.56, '\u22121,234.6'],
    [-0.001, '0.00'],
    [1_000_000, '1,000,000.0'],
  ])('%d → %s', (n, text) => {
    expect(formatTco2e(n)).toBe(text);
  });

  it('refuses NaN rather than print it', () => {
    expect(() => formatTco2e(Number.NaN)).toThrow(RangeError);
  });
});

describe('formatPercent', () => {
  it.each([
    [0.283, {}, '28%'],
    [0.046, {}, '4.6%'],
    [0.1, {}, '10%'],
    [-0.28, {}, '\u221228%'],
    [0.031, { signed: true }, '+3.1%'],
    [0, { signed: true }, '0%'],
    [1.5, { decimals: 1 }, '150%'],
    [0.12345, { decimals: 2 }, '12.35%'],
  ])('%d %o → %s', (n, options, text) => {
    expect(formatPercent(n, options)).toBe(text);
  });
});

describe('formatQuantity', () => {
  it('groups thousands and drops trailing zeros', () => {
    expect(formatQuantity(1838.5)).toBe('1,838.5');
    expect(formatQuantity(2000.04)).toBe('2,000');
    expect(formatQuantity(2.345, 2)).toBe('2.35');
  });
});

describe('fyLabel', () => {
  it.each([
    [2024, '2024/25'],
    [2013, '2013/14'],
    [1999, '1999/00'],
    [2009, '2009/10'],
  ])('%d → %s', (start, text) => {
    expect(fyLabel(start)).toBe(text);
  });

  it('refuses a fractional year', () => {
    expect(() => fyLabel(2024.5)).toThrow(RangeError);
  });
});
