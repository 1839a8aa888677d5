import type { Target } from '../../src/targets/types.js';

/** A fully specified target for the maths tests; each test overrides what it is about. */
export function makeTarget(overrides: Partial<Target> = {}): Target {
  return {
    id: 't',
    org: 'north-acute',
    area: null,
    name: 'Test target',
    preset: null,
    presetOverrides: [],
    basis: 'financial',
    baselineYear: 2013,
    baseline: null,
    targetYear: 2020,
    reductionPct: 28,
    interim: [],
    scopes: [1, 2, 3],
    sources: null,
    scope2: 'location',
    pathway: 'linear',
    trendYears: 5,
    excludeSites: [],
    citation: null,
    note: null,
    ...overrides,
  };
}
