import { describe, expect, it } from 'vitest';
import { fnv1a, modeColour, normaliseName, OKABE_ITO, orderModes, orderSources, seriesColour, sourceColour, TOL_MUTED } from '../../../src/render/chart/palette.js';

describe('source colours', () => {
  // Written out by hand: changing a colour changes every published report, so it must be deliberate.
  it.each([
    ['electricity', '#0072B2'],
    ['gas', '#E69F00'],
    ['oil', '#D55E00'],
    ['fleet', '#CC79A7'],
    ['business travel', '#56B4E9'],
    ['commuting', '#009E73'],
    ['water', '#F0E442'],
    ['WTT/T&D', '#999999'],
    ['waste', '#999933'],
  ])('%s is %s', (name, colour) => {
    expect(sourceColour(name)).toBe(colour);
  });

  it('ignores case, underscores, hyphens and extra spaces, and knows common aliases', () => {
    expect(sourceColour('Business_Travel')).toBe(OKABE_ITO.skyBlue);
    expect(sourceColour('  business-travel ')).toBe(OKABE_ITO.skyBlue);
    expect(sourceColour('Natural gas')).toBe(OKABE_ITO.orange);
    expect(sourceColour('Staff commuting')).toBe(OKABE_ITO.bluishGreen);
    expect(sourceColour('T&D')).toBe('#999999');
  });

  it('gives an unknown source a colour from its name alone, the same every time', () => {
    // FNV-1a of "district heating" is 0x6e23081d; its last hex digit d = 13, 13 mod 4 = 1 → the second fallback (green).
    expect(fnv1a('district heating')).toBe(0x6e23081d);
    expect(sourceColour('District heating')).toBe(TOL_MUTED.green);
    expect(sourceColour('district_heating')).toBe(sourceColour('District heating'));
  });

  it('FNV-1a matches the published test vectors', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('orders known sources as in the table, then the rest alphabetically', () => {
    expect(orderSources(['Zeta', 'gas', 'alpha', 'electricity', 'gas', 'WTT/T&D'])).toEqual(['electricity', 'gas', 'WTT/T&D', 'alpha', 'Zeta']);
  });
});

describe('mode colours', () => {
  it('keeps car red-orange and active travel green/yellow', () => {
    expect(modeColour('Car (alone)')).toBe(OKABE_ITO.vermillion);
    expect(modeColour('car share')).toBe(OKABE_ITO.orange);
    expect(modeColour('Rail')).toBe(OKABE_ITO.blue);
    expect(modeColour('bicycle')).toBe(OKABE_ITO.bluishGreen);
    expect(modeColour('walk')).toBe(OKABE_ITO.yellow);
  });

  it('puts car first in the stacking order', () => {
    expect(orderModes(['walk', 'bus', 'car alone'])).toEqual(['car alone', 'bus', 'walk']);
  });
});

describe('series colours', () => {
  it('cycles the palette by position, without black or yellow', () => {
    expect(seriesColour(0)).toBe(OKABE_ITO.blue);
    expect(seriesColour(1)).toBe(OKABE_ITO.vermillion);
    expect(seriesColour(8)).toBe(OKABE_ITO.blue);
    const eight = Array.from({ length: 8 }, (_, i) => seriesColour(i));
    expect(new Set(eight).size).toBe(8);
    expect(eight).not.toContain(OKABE_ITO.black);
    expect(eight).not.toContain(OKABE_ITO.yellow);
  });
});

describe('normaliseName', () => {
  it('lower-cases and turns separators into single spaces', () => {
    expect(normaliseName(' Business__Travel-Rail ')).toBe('business travel rail');
  });
});
