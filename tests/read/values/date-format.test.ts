import { describe, expect, it } from 'vitest';
import { createDateParser } from '../../../src/read/values/date.js';
import { dateFormatFromValues } from '../../../src/read/values/date-format.js';

const ukProfile = createDateParser({ format: 'dd/MM/yyyy' });
const auto = createDateParser();

describe('a date column\'s format read from its values', () => {
  it('leaves dates the stated format reads as they are', () => {
    expect(dateFormatFromValues(['01/04/2024', '02/04/2024'], ukProfile, 'dd/MM/yyyy')).toEqual({ kind: 'as-stated' });
    expect(dateFormatFromValues(['', ' '], ukProfile, 'dd/MM/yyyy')).toEqual({ kind: 'as-stated' });
  });

  it('reads two-digit years and other separators in the stated order of day, month and year', () => {
    expect(dateFormatFromValues(['01/04/24', '02/04/24'], ukProfile, 'dd/MM/yyyy')).toMatchObject({ kind: 'format', format: 'dd/MM/yy' });
    expect(dateFormatFromValues(['01-04-2024', '02-04-2024'], ukProfile, 'dd/MM/yyyy')).toMatchObject({ kind: 'format', format: 'dd-MM-yyyy' });
    // One day alone: only the stated order can settle it.
    expect(dateFormatFromValues(['03/04/24'], ukProfile, 'dd/MM/yyyy')).toMatchObject({ kind: 'format', format: 'dd/MM/yy' });
  });

  it('takes the year first when that keeps consecutive rows days apart (24-04-01 … 24-04-03)', () => {
    const r = dateFormatFromValues(['24-04-01', '24-04-02', '24-04-03'], ukProfile, 'dd/MM/yyyy');
    expect(r).toMatchObject({ kind: 'format', format: 'yy-MM-dd' });
  });

  it('lets a day above 12 decide between day first and month first', () => {
    expect(dateFormatFromValues(['13/04/24', '14/04/24'], auto, undefined)).toMatchObject({ kind: 'format', format: 'dd/MM/yy' });
    expect(dateFormatFromValues(['04/13/24', '04/14/24'], auto, undefined)).toMatchObject({ kind: 'format', format: 'MM/dd/yy' });
  });

  it('refuses to guess when both orders stay plausible, naming both readings', () => {
    const r = dateFormatFromValues(['03/04/24'], auto, undefined);
    expect(r).toEqual({ kind: 'ambiguous', formats: ['dd/MM/yy', 'MM/dd/yy'], example: '03/04/24', readings: ['2024-04-03', '2024-03-04'] });
  });

  it('says when no shape reads every value', () => {
    expect(dateFormatFromValues(['soon', '01/04/24'], ukProfile, 'dd/MM/yyyy')).toEqual({ kind: 'unread' });
  });
});
