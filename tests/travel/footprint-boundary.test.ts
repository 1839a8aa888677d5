/**
 * Patients' and visitors' travel is in the NHS Carbon Footprint Plus and not in the NHS Carbon
 * Footprint (issue 17, part 1): the shipped presets' boundaries, as a target built from each
 * counts a line of it. Staff commuting, by survey or by the default method, is in the Plus only too.
 */

import { describe, expect, it } from 'vitest';
import { coversLine } from '../../src/targets/coverage.js';
import { loadPresets } from '../../src/targets/presets.js';

const preset = (id: string) => {
  const p = loadPresets().find((x) => x.id === id);
  if (p === undefined) throw new Error(`no preset ${id}`);
  return p;
};

describe('patient and visitor travel in the NHS footprints', () => {
  const line = (source: string) => ({ scope: 3 as const, source });
  it('the NHS Carbon Footprint leaves it out; the Plus counts it, by survey or by the default method', () => {
    const footprint = preset('nhs-carbon-footprint-2040');
    const plus = preset('nhs-carbon-footprint-plus-2045');
    for (const source of ['patient-travel:default', 'patient-travel:drive_alone', 'commuting:default', 'commuting:bus']) {
      expect([source, coversLine(footprint, line(source))]).toEqual([source, false]);
      expect([source, coversLine(plus, line(source))]).toEqual([source, true]);
    }
    // Business travel is in both.
    expect(coversLine(footprint, line('travel:rail'))).toBe(true);
  });
});
