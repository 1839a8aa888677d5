import { describe, expect, it } from 'vitest';
import { isEricHeadingRow } from '../../../src/map/eric/index.js';

describe('isEricHeadingRow', () => {
  it('recognises section names over merged cells', () => {
    expect(isEricHeadingRow(',,,,Trust Profile,,,,,,,,,,,Strategies and Policies,,,,,,,Contracted Out Services,,Finance,,,,,,,,,,Safety,,,Fire Safety,,,,'.split(','))).toBe(true);
    expect(isEricHeadingRow(['', '', '', '', '', '', '', 'Facilities Management (FM) Services', '', '', 'Energy', '', '', ''])).toBe(true);
    expect(isEricHeadingRow(['', 'Energy', ''])).toBe(true);
  });

  it('does not take a header, a data row, a blank row or a row mostly filled for one', () => {
    expect(isEricHeadingRow(['Trust Code', 'Trust Name', 'Gas consumed (kWh)'])).toBe(false);
    expect(isEricHeadingRow(['Organisation Code', 'Organisation Name', '', '', ''])).toBe(false);
    // A header whose first cell lost its name still holds the code column.
    expect(isEricHeadingRow(['', 'Trust Code', '', '', '', ''])).toBe(false);
    expect(isEricHeadingRow(['RA7', 'UNIVERSITY HOSPITALS BRISTOL NHS FOUNDATION TRUST', '1'])).toBe(false);
    expect(isEricHeadingRow(['', '', ''])).toBe(false);
    expect(isEricHeadingRow([])).toBe(false);
    expect(isEricHeadingRow(['', 'a', 'b', 'c'])).toBe(false);
  });
});
