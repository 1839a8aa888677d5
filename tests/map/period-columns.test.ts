import { describe, expect, it } from 'vitest';
import { periodColumnsByStructure } from '../../src/map/period-columns.js';
import { chooseProfile, loadBuiltinProfiles } from '../../src/map/profiles.js';

const times = (from: number, n: number, write: (minutes: number) => string): string[] => Array.from({ length: n }, (_, i) => write(from + 30 * i));
const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

describe('half-hour period columns found by their structure', () => {
  it('reads times written without a colon, H0030 … H2400 and bare 30 … 2400, as labelled by the end', () => {
    const h = ['MPR', 'ReadDate', ...times(30, 48, (m) => `H${hhmm(m).replace(':', '')}`), 'ReportingUnit'];
    expect(periodColumnsByStructure(h)).toEqual({ columns: Array.from({ length: 48 }, (_, i) => i + 2), labels: 'end', flags: [] });
    const bare = ['MPAN', 'DATE', ...times(30, 48, (m) => String(Math.floor(m / 60) * 100 + (m % 60)))];
    expect(periodColumnsByStructure(bare)?.labels).toBe('end');
    expect(bare.at(-1)).toBe('2400');
  });

  it('reads numbered periods, 1 … 50 or with a word before the number', () => {
    expect(periodColumnsByStructure(['Date', 'MPAN', 'Total', ...Array.from({ length: 50 }, (_, i) => String(i + 1))])).toMatchObject({ labels: 'numbered' });
    expect(periodColumnsByStructure(['mpan', 'rdate', ...Array.from({ length: 48 }, (_, i) => `Kwh${i + 1}`)])?.columns).toHaveLength(48);
  });

  it('skips a flag column after each reading, and says the day starts at 00:00', () => {
    const h = ['MPAN', 'Date (UTC)', 'Total kWh', ...times(0, 48, hhmm).flatMap((t) => [t, 'Type']), ''];
    const found = periodColumnsByStructure(h);
    expect(found?.labels).toBe('start');
    expect(found?.columns).toEqual(Array.from({ length: 48 }, (_, i) => 3 + 2 * i));
    expect(found?.flags[0]).toBe(4);
  });

  it('never counts reactive columns, and needs at least 46 periods', () => {
    expect(periodColumnsByStructure(['MPAN', 'Date', ...Array.from({ length: 48 }, (_, i) => `kVArh_${i + 1}`)])).toBeUndefined();
    expect(periodColumnsByStructure(['MPAN', 'Date', ...times(0, 40, hhmm)])).toBeUndefined();
  });
});

describe('a day labelled 00:30 … 24:00 without brackets', () => {
  it('is read by the end of each half-hour: it fits half-hourly-end, never half-hourly-start, whose pattern each label also matches', () => {
    const times = Array.from({ length: 48 }, (_, i) => `${String(Math.floor((i + 1) / 2)).padStart(2, '0')}:${i % 2 === 0 ? '30' : '00'}`);
    const header = ['Site Name', 'MPAN', 'Reading Date', ...times];
    expect(times[0]).toBe('00:30');
    expect(times[47]).toBe('24:00');
    expect(chooseProfile(loadBuiltinProfiles(), 'energy', header, undefined, 'f.csv').id).toBe('half-hourly-end');
    // 00:00 … 23:30 stays start-labelled.
    const starts = Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 === 0 ? '00' : '30'}`);
    expect(chooseProfile(loadBuiltinProfiles(), 'energy', ['MPAN', 'Date', ...starts], undefined, 'f.csv').id).toBe('half-hourly-start');
  });
});
