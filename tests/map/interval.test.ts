import { describe, expect, it } from 'vitest';
import { plainNumber } from '../../src/map/interval.js';

const read = (s: string): number | undefined => plainNumber(`,${s},`, 1, s.length + 1);

describe('plainNumber: a reading cut from the text in place', () => {
  it('gives exactly the double Number() gives for plain decimals', () => {
    for (const s of ['0', '12', '0.420', '0.1', '0.3', '123.456', '999999.999999', '7.25', '0.000001', '1.5', '100000000000000']) {
      expect(read(s)).toBe(Number(s));
    }
    // Every 3-decimal value below 10: no rounding drift anywhere.
    for (let i = 0; i < 10_000; i++) {
      const s = (i / 1000).toFixed(3);
      expect(read(s)).toBe(Number(s));
    }
  });

  it('leaves everything else to the row reader', () => {
    for (const s of ['', '-1', '+1', '1e3', '1,000', '.5', '5.', '1.2.3', ' 1', '1 ', '12a', '1234567890123456']) expect(read(s)).toBeUndefined();
  });
});
