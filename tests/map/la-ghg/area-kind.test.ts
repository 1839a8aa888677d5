import { describe, expect, it } from 'vitest';
import { areaKind } from '../../../src/map/la-ghg/layout.js';

describe('which rows of the local authority statistics are an authority', () => {
  it('a unitary, a district and a Welsh or Scottish council are authorities; a county is the upper tier', () => {
    expect(['E06000058', 'E07000207', 'W06000015', 'S12000036'].map(areaKind)).toEqual(['authority', 'authority', 'authority', 'authority']);
    expect(areaKind('E10000030')).toBe('county');
  });

  it('a country, an English region, the UK and a row with no code are not authorities: they are never summed into one', () => {
    expect(['E92000001', 'W92000004', 'E12000008', 'K02000001', '', 'Unallocated'].map(areaKind)).toEqual(Array(6).fill('not-an-authority'));
  });
});
