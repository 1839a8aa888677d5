import { describe, expect, it } from 'vitest';
import { ericValue } from '../../../src/map/eric/index.js';

describe('ericValue', () => {
  it('reads numbers as ERIC writes them', () => {
    const cases: [string, number][] = [
      ['0', 0],
      ['87189047', 87_189_047],
      ['622.11', 622.11],
      ['2,864,738', 2_864_738],
      ['27,019,215', 27_019_215],
      ['562.5900', 562.59],
      ['23.6930', 23.693],
      ['100.00', 100],
      ['31964018.0', 31_964_018],
      ['16.0', 16],
      ['1,485.97', 1_485.97],
      ['-470,790', -470_790],
      ['-166270', -166_270],
      ['-142525.0', -142_525],
      ['-34', -34],
      [' 4,183,595 ', 4_183_595],
      ['-0', 0],
      ['.5', 0.5],
    ];
    for (const [text, value] of cases) expect(ericValue(text), text).toEqual({ kind: 'number', value });
    expect(Object.is((ericValue('-0.00') as { value: number }).value, 0)).toBe(true);
  });

  it('reads the ways ERIC says a figure is missing, keeping the text', () => {
    for (const text of ['N/A', 'n/a', 'Not Applicable', 'NOT APPLICABLE', 'No Data Provided', 'No  Data Provided', '', '   ', '-', '–', ' N/A ']) {
      expect(ericValue(text), JSON.stringify(text)).toEqual({ kind: 'missing', text });
    }
  });

  it('keeps anything else as text that is not a number', () => {
    for (const text of ['Yes', 'Signed Off', '1,23', '12,3456', '1.234,5', '£1,234', '15%', '1e5', '(1,234)', '12 345', '--', '1.2.3', 'Not known', '0x10']) {
      expect(ericValue(text), text).toEqual({ kind: 'invalid', text });
    }
  });
});
