import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert/convert.js';
import { factorYear, fixedPolicy, parsePolicy } from '../../src/convert/policy.js';
import { loadFactors } from '../../src/factors/library.js';
import { msg } from '../../src/messages.js';
import { userError } from '../helpers.js';

const library = loadFactors();


describe('golden values from the publication', () => {
  it('1,000 kWh grid electricity on 2023-06-01 → 207.07 kg CO2e with the 2023 set', () => {
    const r = convert(library, { key: 'electricity.grid', quantity: 1000, unit: 'kWh', date: '2023-06-01' });
    expect(r.kgCo2e).toBeCloseTo(207.07, 10);
    expect(r.trace.factorYear).toBe(2023);
    expect(r.trace.source).toMatchObject({ kind: 'published', publisher: 'DESNZ', year: 2023, edition: 'flat file v1.1' });
    expect(r.trace.labels).toMatchObject({ scope: 'Scope 2', level1: 'UK electricity', level3: 'Electricity: UK' });
    expect(r.scope).toEqual({ scope: 2, category: null, label: 'Scope 2' });
    expect(r.warnings).toEqual([]);
  });

  it('10,000 kWh natural gas (gross CV) on 2019-07-01 → 1,838.5 kg CO2e', () => {
    const r = convert(library, { key: 'natural_gas', quantity: 10_000, unit: 'kWh', date: '2019-07-01' });
    expect(r.kgCo2e).toBeCloseTo(1838.5, 10);
    expect(r.trace.labels.uom).toBe('kWh (Gross CV)');
  });

  it('100 litres diesel (average biofuel blend) on 2022-10-01 → 255.784 kg CO2e', () => {
    const r = convert(library, { key: 'diesel.average_biofuel_blend', quantity: 100, unit: 'litres', date: '2022-10-01' });
    expect(r.kgCo2e).toBeCloseTo(255.784, 10);
    expect(r.scope.scope).toBe(1);
  });

  it('2024-02-15 is still FY 2023/24 (set 2023); 2024-04-01 uses set 2024', () => {
    const feb = convert(library, { key: 'electricity.grid', quantity: 1000, unit: 'kWh', date: '2024-02-15' });
    const apr = convert(library, { key: 'electricity.grid', quantity: 1000, unit: 'kWh', date: '2024-04-01' });
    expect(feb.trace.factorYear).toBe(2023);
    expect(feb.kgCo2e).toBeCloseTo(207.07, 10);
    expect(apr.trace.factorYear).toBe(2024);
    expect(apr.kgCo2e).toBeCloseTo(207.05, 10);
  });

  it('2010-06-01 uses the 2013 set and says so, naming both years', () => {
    const r = convert(library, { key: 'electricity.grid', quantity: 1000, unit: 'kWh', date: '2010-06-01' });
    expect(r.trace.requestedYear).toBe(2010);
    expect(r.trace.factorYear).toBe(2013);
    expect(r.warnings).toEqual([{ code: 'nearest_set', message: msg.nearestSet(2010, 2013) }]);
    expect(r.warnings[0]!.message).toMatch(/2010.*2013/);
  });

  it('a year after the last set uses the latest, with a warning', () => {
    const r = convert(library, { key: 'electricity.grid', quantity: 1, unit: 'kWh', date: '2027-05-01' });
    expect(r.trace.factorYear).toBe(2025);
    expect(r.warnings[0]!.code).toBe('nearest_set');
  });
});

describe('policies', () => {
  it('financial-year: January–March belong to the year that started the April before', () => {
    const fy = parsePolicy('financial-year');
    expect(factorYear('2020-03-31', fy)).toBe(2019);
    expect(factorYear('2020-04-01', fy)).toBe(2020);
  });

  it('calendar-year and fixed', () => {
    expect(factorYear('2020-03-31', parsePolicy('calendar-year'))).toBe(2020);
    expect(factorYear('2024-08-01', parsePolicy('fixed:2019'))).toBe(2019);
    const r = convert(library, { key: 'electricity.grid', quantity: 1000, unit: 'kWh', date: '2024-08-01' }, { policy: parsePolicy('fixed:2019') });
    expect(r.kgCo2e).toBeCloseTo(255.6, 10);
    expect(r.trace.policy).toBe('fixed:2019');
  });

  it('rejects an unknown policy with the accepted forms', () => {
    const e = userError(() => parsePolicy('latest'));
    expect(e.code).toBe('bad_policy');
    expect(e.hint).toBe(msg.badPolicyHint);
  });

  it('fixedPolicy(year) is parsePolicy(`fixed:${year}`), and refuses the years that cannot be written so', () => {
    for (const year of [1000, 2013, 2019, 9999]) expect(fixedPolicy(year)).toEqual(parsePolicy(`fixed:${year}`));
    for (const year of [19, 999, 10000, -2019, 2019.5, Number.NaN]) {
      const e = userError(() => fixedPolicy(year));
      expect(e.code).toBe('bad_policy');
      expect(e.message).toBe(msg.badPolicy(`fixed:${year}`));
      expect(userError(() => parsePolicy(`fixed:${year}`)).message).toBe(e.message);
    }
  });
});

describe('units, per-gas split and scope', () => {
  it('uses the published per-mile figure rather than converting miles to km', () => {
    const r = convert(library, { key: 'car.medium.petrol', quantity: 100, unit: 'miles', date: '2024-05-01' });
    expect(r.trace.unitConversion).toBeNull();
    expect(r.trace.factorUnit).toBe('miles');
    expect(r.trace.labels.uom).toBe('miles');
  });

  it('converts MWh to kWh and says so in the trace', () => {
    const r = convert(library, { key: 'electricity.grid', quantity: 1.5, unit: 'MWh', date: '2023-06-01' });
    expect(r.trace.unitConversion).toEqual({ from: 'MWh', to: 'kWh', multiplier: 1000 });
    expect(r.trace.factorQuantity).toBe(1500);
    expect(r.kgCo2e).toBeCloseTo(1500 * 0.20707, 10);
  });

  it('UK gallons of diesel use the per-litre figure', () => {
    const r = convert(library, { key: 'diesel.average_biofuel_blend', quantity: 10, unit: 'gallon_uk', date: '2022-10-01' });
    expect(r.trace.factorUnit).toBe('litres');
    expect(r.kgCo2e).toBeCloseTo(45.4609 * 2.55784, 10);
  });

  it('refuses litres of electricity, naming both units and the accepted ones', () => {
    const e = userError(() => convert(library, { key: 'electricity.grid', quantity: 5, unit: 'litres', date: '2023-06-01' }));
    expect(e.code).toBe('incompatible_unit');
    expect(e.message).toBe(msg.incompatibleUnit('electricity.grid', 'litres', ['kWh']));
    expect(e.message).toContain('litres');
    expect(e.message).toContain('kWh');
  });

  it('splits by gas, already CO2-equivalent, summing to the total', () => {
    const r = convert(library, { key: 'electricity.grid', quantity: 1000, unit: 'kWh', date: '2019-06-01' });
    expect(r.gases!.co2).toBeCloseTo(253.58, 10);
    expect(r.gases!.ch4).toBeCloseTo(0.65, 10);
    expect(r.gases!.n2o).toBeCloseTo(1.37, 10);
    expect(r.gases!.co2 + r.gases!.ch4 + r.gases!.n2o).toBeCloseTo(r.kgCo2e, 10);
  });

  it('scopes travel by use: owned Scope 1, business travel category 6, commuting category 7', () => {
    const base = { key: 'car.average.unknown', quantity: 10, unit: 'km', date: '2023-06-01' } as const;
    expect(convert(library, base).scope.scope).toBe(1);
    expect(convert(library, { ...base, use: 'business_travel' }).scope).toMatchObject({ scope: 3, category: 6 });
    expect(convert(library, { ...base, use: 'commuting' }).scope).toMatchObject({ scope: 3, category: 7 });
    expect(convert(library, { ...base, key: 'electricity.ev.car.average.bev' }).scope.scope).toBe(2);
    expect(convert(library, { key: 'rail.national', quantity: 10, unit: 'passenger_km', date: '2023-06-01' }).scope).toMatchObject({ scope: 3, category: 6 });
    expect(userError(() => convert(library, { key: 'rail.national', quantity: 10, unit: 'passenger_km', date: '2023-06-01', use: 'owned' })).code).toBe('owned_public_transport');
  });

  it('WTT and T&D are Scope 3 category 3', () => {
    for (const key of ['electricity.grid.td_losses', 'electricity.grid.wtt', 'natural_gas.wtt']) {
      expect(convert(library, { key, quantity: 1, unit: 'kWh', date: '2023-06-01' }).scope).toMatchObject({ scope: 3, category: 3 });
    }
  });

  it('biogenic CO2 is outside the scopes, its CO2 figure as the amount', () => {
    const r = convert(library, { key: 'wood_pellets.outside_scopes', quantity: 2, unit: 'tonnes', date: '2023-06-01' });
    expect(r.scope).toEqual({ scope: null, category: null, label: 'Outside of scopes' });
    expect(r.kgCo2e).toBeCloseTo(2 * 1677.18, 8);
  });

  it('an unknown key names the nearest keys', () => {
    const e = userError(() => convert(library, { key: 'electricity.grd', quantity: 1, unit: 'kWh', date: '2023-06-01' }));
    expect(e.code).toBe('unknown_key');
    expect(e.message).toContain('electricity.grid');
  });

  it('never rounds inside the engine', () => {
    const r = convert(library, { key: 'electricity.grid', quantity: 1 / 3, unit: 'kWh', date: '2023-06-01' });
    expect(r.kgCo2e).toBe((1 / 3) * 0.20707);
  });
});
