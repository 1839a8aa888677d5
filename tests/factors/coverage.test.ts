import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/factors/catalogue.js';
import { expectedIn, type EditionsFile } from '../../src/factors/build/build-tables.js';
import { loadFactors } from '../../src/factors/library.js';
import { convert } from '../../src/convert/convert.js';
import { UserError } from '../../src/kernel/errors.js';
import { ROOT } from '../helpers.js';

const editions = JSON.parse(readFileSync(join(ROOT, 'data/factors/editions.json'), 'utf8')) as EditionsFile;
const library = loadFactors();

describe('key coverage', () => {
  it('every key resolves in every year whose edition has it, and in no other', () => {
    const wrong: string[] = [];
    for (const def of CATALOGUE) {
      for (const year of library.years) {
        const expected = expectedIn(def, year, editions.years[String(year)]!);
        const found = library.lookup(def.key, year) !== undefined;
        if (expected !== found) wrong.push(`${def.key} ${year}: expected ${expected ? 'present' : 'absent'}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('covers the minimum list of activities in the latest year', () => {
    const required = [
      'electricity.grid', 'electricity.grid.td_losses', 'electricity.grid.wtt', 'electricity.grid.td_losses.wtt',
      'electricity.ev.car.small.bev', 'electricity.ev.van.class_ii.bev',
      'natural_gas', 'natural_gas.net_cv', 'natural_gas.wtt', 'burning_oil', 'gas_oil', 'lpg', 'cng',
      'diesel.average_biofuel_blend', 'diesel.mineral', 'petrol.average_biofuel_blend', 'petrol.mineral',
      'wood_pellets', 'wood_chips', 'wood_logs', 'wood_pellets.outside_scopes', 'heat_steam.district', 'water.supply', 'water.treatment',
      'car.small.diesel', 'car.medium.hybrid', 'car.large.phev', 'car.average.bev', 'car.average.unknown', 'car.medium.petrol.wtt',
      'van.class_iii.diesel', 'van.average.bev', 'motorbike.average', 'taxi.regular', 'bus.local', 'bus.local_london', 'coach',
      'rail.national', 'rail.international', 'rail.light_rail_tram', 'rail.london_underground',
      'ferry.foot', 'ferry.car', 'ferry.average',
      'flight.domestic.average', 'flight.short_haul.economy', 'flight.long_haul.business.without_rf', 'flight.international.first',
    ];
    for (const key of required) expect(library.lookup(key, 2025), key).toBeDefined();
  });

  it('has both per-km and per-mile figures for cars, and every fuel unit for natural gas', () => {
    expect(library.lookup('car.medium.diesel', 2023)!.variants.map((v) => v.unit).sort()).toEqual(['km', 'miles']);
    expect(library.lookup('natural_gas', 2023)!.variants.map((v) => v.unit).sort()).toEqual(['kWh', 'm3', 'tonnes']);
    expect(library.lookup('natural_gas.net_cv', 2023)!.variants.map((v) => `${v.unit}/${v.basis ?? ''}`)).toEqual(['kWh/net']);
  });

  it.each([
    ['rail.national', '2014-06-01', 2014],
    ['electricity.grid.wtt', '2024-06-01', 2024],
    ['heat_steam.district', '2024-06-01', 2024],
    ['car.average.bev', '2016-06-01', 2016],
  ])('reports %s as missing in the %s set rather than filling it', (key, date, year) => {
    let error: unknown;
    try {
      convert(library, { key, quantity: 1, unit: key.startsWith('rail') ? 'passenger_km' : key.startsWith('car') ? 'km' : 'kWh', date });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('missing_in_year');
    expect((error as UserError).message).toContain(`The ${year} conversion factors`);
    expect((error as UserError).message).toContain(key);
  });

  it('absorbs label drift: the same key across the renamed sheets', () => {
    const evs = [2019, 2023].map((y) => library.lookup('electricity.ev.car.medium.bev', y)!.variants[0]!.labels.level1);
    expect(evs).toEqual(['UK electricity for Evs', 'UK electricity for EVs']);
    const wtt = [2019, 2023].map((y) => library.lookup('electricity.grid.wtt', y)!.variants[0]!.labels.level1);
    expect(wtt).toEqual(['WTT- UK & overseas elec', 'WTT- UK electricity']);
  });
});
