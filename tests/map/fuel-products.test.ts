import { describe, expect, it } from 'vitest';
import { keyDef } from '../../src/factors/catalogue.js';
import { loadProductRules, productMatcher } from '../../src/map/fuel-products.js';

const rules = loadProductRules();
const match = productMatcher(rules);

describe('fuel-card products', () => {
  it.each([
    ['DIESEL', 'diesel.average_biofuel_blend'],
    ['ULSD', 'diesel.average_biofuel_blend'],
    ['Derv', 'diesel.average_biofuel_blend'],
    ['Premium Diesel', 'diesel.average_biofuel_blend'],
    ['Unleaded', 'petrol.average_biofuel_blend'],
    ['Super Unleaded 99', 'petrol.average_biofuel_blend'],
    ['ULSP', 'petrol.average_biofuel_blend'],
    ['SUL 97', 'petrol.average_biofuel_blend'],
    ['V-Power', 'petrol.average_biofuel_blend'],
    ['Red Diesel', 'gas_oil'],
    ['LPG', 'lpg'],
  ])('%s is %s', (product, key) => {
    expect(match(product)).toEqual({ kind: 'fuel', key });
  });

  it.each(['AdBlue', 'AD BLUE 10L', 'Car Wash', 'Jet Wash', 'Lubricants', 'Engine Oil 5W30', 'Shop'])('%s is excluded with a reason', (product) => {
    const m = match(product);
    expect(m.kind).toBe('excluded');
  });

  it('HVO is rejected with what to do; an unknown product is unknown', () => {
    expect(match('HVO 100')).toMatchObject({ kind: 'rejected' });
    expect(match('Hydrogen')).toEqual({ kind: 'unknown' });
  });

  it('every key the rules name is a real factor key', () => {
    for (const r of rules) if ('key' in r) expect(keyDef(r.key), r.key).toBeDefined();
  });
});
