import { describe, expect, it } from 'vitest';
import { keyDef } from '../../src/factors/catalogue.js';
import { distanceKeys, normaliseRegistration, parseVehicleFuel, parseVehicleSize, parseVehicleType } from '../../src/map/vehicles.js';

describe('fleet vocabulary', () => {
  it('normalises registrations', () => {
    expect(normaliseRegistration(' ab12 cde ')).toBe('AB12CDE');
    expect(normaliseRegistration('AB12-CDE')).toBe('AB12CDE');
  });

  it.each([
    ['Car', 'car'], ['Pool Car', 'car'], ['Estate', 'car'], ['SUV', 'car'],
    ['Van', 'van'], ['Panel van', 'van'], ['LCV', 'van'], ['Light Commercial Vehicle', 'van'], ['Car-derived van', 'van'], ['Pick-up', 'van'],
    ['Motorcycle', 'motorbike'], ['Motor Bike', 'motorbike'], ['Moped', 'motorbike'],
    ['Minibus', 'other'], ['HGV', 'other'], ['Ambulance', 'other'], ['Tipper truck', 'other'],
  ])('vehicle type %s is %s', (text, type) => {
    expect(parseVehicleType(text)).toBe(type);
  });

  it('an unknown or empty vehicle type is undefined', () => {
    expect(parseVehicleType('Hovercraft')).toBeUndefined();
    expect(parseVehicleType('')).toBeUndefined();
  });

  it.each([
    ['car', 'Small', 'small'], ['car', 'Supermini', 'small'], ['car', 'Lower medium', 'medium'], ['car', 'Upper medium', 'large'],
    ['car', 'Executive', 'large'], ['car', '', 'average'], ['car', 'Average car', 'average'],
    ['van', 'Class I', 'class_i'], ['van', 'Class II', 'class_ii'], ['van', 'Class III (1.74 to 3.5 tonnes)', 'class_iii'], ['van', 'class 2', 'class_ii'],
    ['van', 'Large van', 'class_iii'], ['van', '', 'average'],
    ['motorbike', 'Medium', 'medium'],
  ] as const)('a %s of size "%s" is %s', (type, text, size) => {
    expect(parseVehicleSize(type, text)).toBe(size);
  });

  it('a size that is not one of the type\'s is undefined', () => {
    expect(parseVehicleSize('car', 'Tiny')).toBeUndefined();
    expect(parseVehicleSize('van', 'Class IV')).toBeUndefined();
  });

  it.each([
    ['Diesel', 'diesel'], ['DERV', 'diesel'], ['Petrol', 'petrol'], ['Unleaded', 'petrol'],
    ['Hybrid', 'hybrid'], ['Hybrid Electric', 'hybrid'], ['Petrol/Electric', 'hybrid'],
    ['Plug-in Hybrid', 'phev'], ['PHEV', 'phev'], ['Petrol Plug-in Hybrid', 'phev'],
    ['Battery Electric', 'bev'], ['BEV', 'bev'], ['EV', 'bev'], ['Electricity', 'bev'], ['Electric', 'bev'],
    ['CNG', 'cng'], ['LPG', 'lpg'], ['Unknown', 'unknown'], ['n/a', 'unknown'],
  ])('fuel %s is %s', (text, fuel) => {
    expect(parseVehicleFuel(text)).toBe(fuel);
  });

  it('distance keys: the publication\'s key, and the grid electricity of plug-in cars and BEV vans', () => {
    expect(distanceKeys('car', 'medium', 'diesel')).toEqual({ key: 'car.medium.diesel' });
    expect(distanceKeys('car', 'small', 'phev')).toEqual({ key: 'car.small.phev', electricityKey: 'electricity.ev.car.small.phev' });
    expect(distanceKeys('van', 'class_ii', 'bev')).toEqual({ key: 'van.class_ii.bev', electricityKey: 'electricity.ev.van.class_ii.bev' });
    expect(distanceKeys('motorbike', 'large', 'petrol')).toEqual({ key: 'motorbike.large' });
    expect(distanceKeys('van', 'class_i', 'hybrid')).toHaveProperty('problem');
    expect(distanceKeys('other', 'average', 'diesel')).toHaveProperty('problem');
    expect(distanceKeys('motorbike', 'small', 'bev')).toHaveProperty('problem');
    for (const [type, size, fuel] of [['car', 'large', 'bev'], ['van', 'average', 'bev'], ['car', 'average', 'phev']] as const) {
      const k = distanceKeys(type, size, fuel);
      if ('problem' in k) throw new Error(k.problem);
      expect(keyDef(k.key)).toBeDefined();
      expect(keyDef(k.electricityKey!)).toBeDefined();
    }
  });
});
