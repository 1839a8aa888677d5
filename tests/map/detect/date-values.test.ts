import { describe, expect, it } from 'vitest';
import { datesFromValues } from '../../../src/map/detect/date-values.js';
import { createDateParser } from '../../../src/read/values/date.js';

const ukProfile = createDateParser({ format: 'dd/MM/yyyy' });

describe('dates read from their values', () => {
  it('leaves alone a column the profile already reads', () => {
    expect(datesFromValues(['02/04/2024', '03/04/2024', ''], ukProfile)).toEqual({ kind: 'as-written' });
    expect(datesFromValues([], ukProfile)).toEqual({ kind: 'as-written' });
  });

  it('reads bare digits year first, as an API writes them', () => {
    expect(datesFromValues(['20240402', '20240410', ' 20240331 '], ukProfile)).toEqual({ kind: 'format', format: 'yyyyMMdd' });
    expect(datesFromValues(['202404020815', '202404101200'], ukProfile)).toEqual({ kind: 'format', format: 'yyyyMMddHHmm' });
  });

  it('reads bare digits day first when a day past 12 leaves one reading', () => {
    expect(datesFromValues(['02042024', '25042024'], ukProfile)).toEqual({ kind: 'format', format: 'ddMMyyyy' });
  });

  it('names both readings when the digits read two ways, and guesses neither', () => {
    expect(datesFromValues(['05052024', '02042024', '03042024'], ukProfile)).toEqual({
      kind: 'ambiguous', formats: ['ddMMyyyy', 'MMddyyyy'], example: '02042024', readings: ['2024-04-02', '2024-02-04'],
    });
    // Every value the same either way: nothing to settle.
    expect(datesFromValues(['05052024', '01012024'], ukProfile)).toEqual({ kind: 'format', format: 'ddMMyyyy' });
  });

  it('never takes a month-first reading on its own, nor a shape only some values fit', () => {
    expect(datesFromValues(['04252024'], ukProfile)).toEqual({ kind: 'as-written' });
    expect(datesFromValues(['20240402', '2024-04-03x'], ukProfile)).toEqual({ kind: 'as-written' });
    expect(datesFromValues(['20241302'], ukProfile)).toEqual({ kind: 'as-written' });
  });
});
