import { describe, expect, it } from 'vitest';
import { sourceName } from '../../src/render/source-names.js';

describe('sources in words', () => {
  it('names every kind of source as a person would', () => {
    expect(sourceName('electricity')).toBe('Electricity');
    expect(sourceName('biomass_pellets')).toBe('Wood pellets');
    expect(sourceName('commuting:drive_alone:electricity')).toBe('Staff commuting: car, driving alone, electric');
    expect(sourceName('commuting:motorbike')).toBe('Staff commuting: motorbike');
    expect(sourceName('fleet:van')).toBe('Fleet: vans');
    expect(sourceName('fleet:ev-charging')).toBe('Fleet: EV charging');
    expect(sourceName('travel:car:electricity')).toBe('Business travel: car, electric');
    expect(sourceName('travel:flight')).toBe('Business travel: flights');
  });

  it('falls back to the key\'s words for a source it does not know, never to nothing', () => {
    expect(sourceName('district_heat')).toBe('district heat');
    expect(sourceName('travel:hovercraft_ride')).toBe('Business travel: hovercraft ride');
  });
});
