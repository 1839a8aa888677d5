import { describe, expect, it } from 'vitest';
import { chooseEnergyLayout, isReactive } from '../../src/map/energy-layout.js';
import { loadBuiltinProfiles } from '../../src/map/profiles.js';
import { userError } from '../helpers.js';

const profiles = loadBuiltinProfiles();
const periods = Array.from({ length: 48 }, (_, i) => `[${String(Math.floor((i + 1) / 2)).padStart(2, '0')}:${(i + 1) % 2 === 0 ? '00' : '30'}]`);
const halves = (v: string): string[] => Array.from({ length: 48 }, () => v);
const layoutOf = (header: string[], sample: string[][], meter?: string) => chooseEnergyLayout({ profiles, header, sample, named: undefined, file: 'f.csv', meter });

describe('meter data read with its values', () => {
  it('finds the meter in a column of 13-digit MPANs that no header names', () => {
    const header = ['ID', 'Date', 'Units', ...periods, 'M1_Code1'];
    const r = layoutOf(header, [['a1f3', '01/04/2024', 'kWh', ...halves('0.5'), '1200023456781']]);
    expect(r.profile.id).toBe('half-hourly-end');
    expect(r.layout?.columns.meter).toBe(header.length - 1);
    expect(r.layout?.notes.map((n) => n.code)).toEqual(['meter_from_values']);
  });

  it('takes an MPRN column, or a meter id of 6 to 10 digits, for gas; a 13-digit MPAN for electricity', () => {
    const r = layoutOf(['MPRN', 'Reading Date', ...periods], [['7123456789', '01/04/2024', ...halves('0.5')]]);
    expect(r.layout?.fuelOf('7123456789')).toBe('gas');
    expect(r.layout?.fuelOf('1200023456781')).toBe('electricity');
    // A gas column's id that is neither shape is still gas; another column's is electricity.
    expect(r.layout?.fuelOf('G4A123')).toBe('gas');
    const e = layoutOf(['Meter', 'Date', ...periods], [['1200023456781', '01/04/2024', ...halves('0.5')]]);
    expect(e.layout?.fuelOf('E10AB00101')).toBe('electricity');
  });

  it('marks a unit or read-type column whose text says reactive', () => {
    const r = layoutOf(['MPAN', 'Units', 'Date', ...periods], [['1200023456781', 'kVArh LAG', '01/04/2024', ...halves('0.2')]]);
    expect(r.layout?.reactiveMarks).toEqual([1]);
    for (const t of ['kVArh', 'kVArh LAG', 'LEAD', 'RI', 're', 'kvar']) expect(isReactive(t), t).toBe(true);
    for (const t of ['kWh', 'AI', 'Actual', 'Read', 'Electricity', '']) expect(isReactive(t), t).toBe(false);
  });

  it('reads interval readings that start at 00:30 and end at 00:00 as labelled by the end', () => {
    const sample = ['00:30', '01:00', '23:30', '00:00'].map((t, i) => ['1200023456781', `0${i < 3 ? 1 : 2} Apr 2024 ${t}:00`, '0.5']);
    const r = layoutOf(['MPR', 'ReadDatetime', 'kWh'], sample);
    expect(r.profile.id).toBe('interval');
    expect(r.layout?.timestampLabels).toBe('end');
  });

  it('asks for --meter when a download has no meter column, and uses it when given', () => {
    const header = ['Consumption (kWh)', 'Start', 'End'];
    const sample = [['0.5', '2024-04-01T00:00:00+01:00', '2024-04-01T00:30:00+01:00']];
    expect(userError(() => layoutOf(header, sample)).code).toBe('no_meter_column');
    const r = layoutOf(header, sample, '1200023456781');
    expect(r.layout?.meter).toBe('1200023456781');
    expect(r.layout?.columns.timestamp).toBe(1);
    expect(userError(() => layoutOf(['MPAN', 'Timestamp', 'kWh'], [['1200023456781', '01/04/2024 00:00', '0.5']], '1200023456799')).code).toBe('meter_flag_conflict');
  });
});
