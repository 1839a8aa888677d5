import { describe, expect, it } from 'vitest';
import { conversionMultiplier, convertQuantity, parseUnit, UNIT_IDS, type UnitId } from '../../src/units/units.js';

describe('units', () => {
  it.each<[number, UnitId, UnitId, number]>([
    [1, 'MWh', 'kWh', 1000],
    [1, 'GWh', 'kWh', 1_000_000],
    [1000, 'Wh', 'kWh', 1],
    [1, 'GJ', 'kWh', 277.7777777777778],
    [3.6, 'MJ', 'kWh', 1],
    [1, 'therm', 'kWh', 29.307107015930],
    [1, 'm3', 'litres', 1000],
    [1, 'million_litres', 'm3', 1000],
    [1, 'gallon_uk', 'litres', 4.54609],
    [1, 'gallon_us', 'litres', 3.785411784],
    [1, 'tonnes', 'kg', 1000],
    [1, 'miles', 'km', 1.609344],
    [1, 'passenger_miles', 'passenger_km', 1.609344],
  ])('%d %s = %d %s, and back', (q, from, to, expected) => {
    expect(convertQuantity(q, from, to)).toBeCloseTo(expected, 9);
    expect(convertQuantity(expected, to, from)).toBeCloseTo(q, 9);
  });

  it('refuses conversions between different kinds of quantity', () => {
    expect(conversionMultiplier('litres', 'kWh')).toBeUndefined();
    expect(conversionMultiplier('miles', 'kWh')).toBeUndefined();
    expect(conversionMultiplier('km', 'passenger_km')).toBeUndefined();
  });

  it('round-trips every pair of units of the same kind', () => {
    for (const a of UNIT_IDS) {
      for (const b of UNIT_IDS) {
        const m = conversionMultiplier(a, b);
        if (m === undefined) continue;
        expect(m * conversionMultiplier(b, a)!).toBeCloseTo(1, 12);
      }
    }
  });

  it('reads the spellings files and people use', () => {
    expect(parseUnit('KWH')).toBe('kWh');
    expect(parseUnit('cubic metres')).toBe('m3');
    expect(parseUnit(' passenger.km ')).toBe('passenger_km');
    expect(parseUnit('Litres')).toBe('litres');
    expect(parseUnit('UK gallons')).toBe('gallon_uk');
    expect(parseUnit('furlongs')).toBeUndefined();
  });

  it('counts items, a unit of its own kind (not the "units" of a kWh bill)', () => {
    expect(parseUnit('each')).toBe('items');
    expect(parseUnit('units')).toBe('kWh');
    expect(conversionMultiplier('items', 'kg')).toBeUndefined();
  });
});
