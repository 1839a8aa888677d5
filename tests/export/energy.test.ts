import { describe, expect, it } from 'vitest';
import { line } from '../aggregate/fixture.js';
import { lineKwh } from '../../src/export/secr/energy.js';
import { placeOf } from '../../src/export/secr/classify.js';
import { secrMsg } from '../../src/export/secr/secr-text.js';
import { loadFactors } from '../../src/factors/library.js';

const library = loadFactors();

describe('lineKwh', () => {
  it('converts energy units exactly', () => {
    expect(lineKwh(line({ quantity: 2, unit: 'MWh' }), library)).toEqual({ kind: 'kwh', kwh: 2000 });
  });

  it('turns m³ of gas into kWh with the set\'s own factors (2024: 2.04542 kg/m³ ÷ 0.1829 kg/kWh gross)', () => {
    const r = lineKwh(line({ source: 'gas', quantity: 100, unit: 'm3', factorKey: 'natural_gas', factorYear: 2024, factorUnit: 'm3' }), library);
    expect(r.kind).toBe('kwh');
    if (r.kind === 'kwh') expect(r.kwh).toBeCloseTo(100 * 2.04542 / 0.1829, 9);
  });

  it('converts gallons to the factor\'s litres first (2024 petrol: 2.0844 kg/l)', () => {
    const petrol = library.lookup('petrol.average_biofuel_blend', 2024)!.variants.find((v) => v.unit === 'kWh')!.values.co2e!.kg;
    const r = lineKwh(line({ source: 'fleet:car', quantity: 10, unit: 'gallon_uk', factorKey: 'petrol.average_biofuel_blend', factorYear: 2024, factorUnit: 'litres' }), library);
    expect(r.kind).toBe('kwh');
    if (r.kind === 'kwh') expect(r.kwh).toBeCloseTo(10 * 4.54609 * 2.0844 / petrol, 6);
  });

  it('says why distances and keys with no kWh factor are not converted', () => {
    expect(lineKwh(line({ source: 'fleet:van', quantity: 10, unit: 'miles', factorKey: 'van.average.diesel', factorUnit: 'miles' }), library)).toEqual({ kind: 'none', reason: secrMsg.distanceNotEnergy });
    expect(lineKwh(line({ source: 'fleet:car', quantity: 10, unit: 'litres', factorKey: 'custom.hvo', factorUnit: 'litres', factorYear: 2024 }), library)).toEqual({ kind: 'none', reason: secrMsg.noKwhFactor('custom.hvo', 2024) });
  });
});

describe('placeOf', () => {
  it('puts each kind of line in its SECR row, or outside', () => {
    expect(placeOf(line(), 'grey-fleet')).toEqual({ kind: 'in', emission: 'scope2.electricity', energy: 'electricity' });
    expect(placeOf(line({ source: 'oil', scope: 1 }), 'grey-fleet')).toEqual({ kind: 'in', emission: 'scope1.otherFuels', energy: 'otherFuels' });
    expect(placeOf(line({ source: 'heat', scope: 2 }), 'grey-fleet')).toEqual({ kind: 'in', emission: 'scope2.heat', energy: 'otherFuels' });
    expect(placeOf(line({ source: 'fleet:car:electricity', scope: 2 }), 'grey-fleet')).toEqual({ kind: 'in', emission: 'scope2.electricity', energy: 'transport' });
    expect(placeOf(line({ source: 'travel:car', scope: 3, scopeCategory: 6 }), 'grey-fleet')).toEqual({ kind: 'in', emission: 'scope3.greyFleet', energy: 'transport' });
    expect(placeOf(line({ source: 'travel:car', scope: 3, scopeCategory: 6 }), 'none')).toEqual({ kind: 'out' });
    expect(placeOf(line({ source: 'travel:taxi', scope: 3, scopeCategory: 6 }), 'all')).toEqual({ kind: 'out' });
    expect(placeOf(line({ source: 'water', scope: 3, scopeCategory: 1 }), 'all')).toEqual({ kind: 'out' });
    expect(placeOf(line({ kind: 'td', scope: 3, scopeCategory: 3 }), 'grey-fleet')).toEqual({ kind: 'out' });
    expect(placeOf(line({ kind: 'td', scope: 3, scopeCategory: 3 }), 'all')).toEqual({ kind: 'in', emission: 'scope3.td', energy: null });
    expect(placeOf(line({ kind: 'wtt', source: 'travel:rail', scope: 3, scopeCategory: 3 }), 'all')).toEqual({ kind: 'out' });
    expect(placeOf(line({ kind: 'outside_scopes', source: 'biomass_pellets', scope: null }), 'grey-fleet')).toEqual({ kind: 'biogenic' });
    expect(placeOf(line({ basis: 'market' }), 'grey-fleet')).toEqual({ kind: 'out' });
  });
});
