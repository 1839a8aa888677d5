import { describe, expect, it } from 'vitest';
import { listWords, sourceName, sourceWords, stepsPhrase } from '../../src/render/source-names.js';

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
    // A purchase for a registration the register does not hold: its vehicle type is not known.
    expect(sourceName('fleet:unknown')).toBe('Fleet: vehicles not in the register');
  });

  it('puts sources and steps in a sentence: lower case unless the name is capitals, listed as a person writes', () => {
    expect(sourceWords('gas')).toBe('gas');
    expect(sourceWords('lpg')).toBe('LPG');
    expect(listWords(['gas', 'oil', 'LPG'])).toBe('gas, oil and LPG');
    expect(listWords(['gas', 'oil'], 'or')).toBe('gas or oil');
    expect(stepsPhrase([{ group: 'commuting', sites: [], surveyChanged: true }, { group: 'lpg', sites: ['New Wing'], surveyChanged: false }]))
      .toBe('staff commuting (a different survey) and LPG at New Wing');
  });

  it('falls back to the key\'s words for a source it does not know, never to nothing', () => {
    expect(sourceName('district_heat')).toBe('district heat');
    expect(sourceName('travel:hovercraft_ride')).toBe('Business travel: hovercraft ride');
  });
});
