import { describe, expect, it } from 'vitest';
import { headerText } from '../../../src/map/detect/header-words.js';
import { matchColumns, matchSpelling } from '../../../src/map/detect/score.js';
import { unitInHeader } from '../../../src/map/detect/units-in-header.js';
import { loadBuiltinProfiles, profilesFitting } from '../../../src/map/profiles.js';

describe('headers written as glued words', () => {
  it('sets camel-case words apart, keeping units and short prefixes whole', () => {
    expect(headerText('TransactionDate')).toBe('transaction date');
    expect(headerText('siteRef')).toBe('site ref');
    expect(headerText('CardPAN')).toBe('card pan');
    expect(headerText('VehicleRegNo')).toBe('vehicle reg number');
    expect(headerText('TotalConsumptionKwh')).toBe('total consumption kwh');
    expect(headerText('TotalkWh')).toBe('total kwh');
    expect(headerText('kVArh_1')).toBe('kvarh 1');
    expect(headerText('MPAN')).toBe('mpan');
    expect(headerText('McAdam')).toBe('mcadam');
  });

  it('a unit glued to a word is still the unit, never a smaller one', () => {
    expect(unitInHeader('EnergykWh')).toMatchObject({ unit: 'kWh' });
    expect(unitInHeader('TotalConsumptionKwh')).toMatchObject({ unit: 'kWh' });
  });

  it('a spelling matches however the file spaces the same words', () => {
    expect(matchSpelling(['datetime'], ['DateTime'])?.index).toBe(0);
    expect(matchSpelling([headerText('ResponseID')], ['responseid'])?.index).toBe(0);
  });

  it('a registration headed as a US system heads it is found by its words and values', () => {
    const m = matchColumns(['CardPAN', 'LicenseNumber'], { registration: ['Registration'] }, [['******123456', 'NM21ABC']]);
    expect(m.get('registration')).toMatchObject({ index: 1, found: { by: 'words', words: ['license number', 'its values'] } });
  });

  it('a card provider API export fits the fuel-card layout, and a charger report headed "Start" and "Energy" the EV layout', () => {
    const profiles = loadBuiltinProfiles();
    const fleet = (header: string[]): string[] => profilesFitting(profiles, 'fleet', header).map((p) => p.id);
    expect(fleet(['CardPAN', 'TransactionDate', 'TransactionTime', 'SiteName', 'ProductCode', 'ProductName', 'Quantity', 'Amount', 'LicenseNumber'])).toEqual(['fuel-card']);
    expect(fleet(['Name', 'Serial', 'Identity', 'Start', 'Plug Duration', 'Energy', 'Cost'])).toEqual(['ev-charging']);
  });
});

describe('gallons in a header', () => {
  it('are imperial unless the header says US', () => {
    expect(unitInHeader('Quantity (Gallons)')).toMatchObject({ kind: 'volume', unit: 'gallon_uk', toBase: 4.54609 });
    expect(unitInHeader('Gals')).toMatchObject({ unit: 'gallon_uk' });
    expect(unitInHeader('Fuel Qty US Gallons')).toMatchObject({ kind: 'volume', unit: 'gallon_us', toBase: 3.785411784, word: 'us gallons' });
    expect(unitInHeader('Volume (USG)')).toMatchObject({ unit: 'gallon_us' });
    // Litres and gallons in one header disagree: no unit is taken from it.
    expect(unitInHeader('Litres or gallons')).toBeUndefined();
  });
});
