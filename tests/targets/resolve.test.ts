import { describe, expect, it } from 'vitest';
import { coversLine } from '../../src/targets/coverage.js';
import { targetMsg } from '../../src/targets/target-text.js';
import { loadPresets } from '../../src/targets/presets.js';
import { resolveTarget, resolveTargets } from '../../src/targets/resolve.js';
import type { Target } from '../../src/targets/types.js';
import type { TargetConfig } from '../../src/workspace/config.js';

const presets = loadPresets();

function resolved(entry: TargetConfig): Target {
  const r = resolveTarget(entry, presets);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.target;
}

function problemsOf(entry: TargetConfig) {
  const r = resolveTarget(entry, presets);
  if (r.ok) throw new Error('expected problems');
  return r.problems;
}

describe('resolveTarget', () => {
  it('fills a preset entry in: declared 1990 baseline, range milestone, sources, citation', () => {
    const t = resolved({ id: 'nhs-2040', org: 'northmere-acute', preset: 'nhs-carbon-footprint-2040', baseline: { tco2e: 41000, source: 'Illustrative 1990 estimate' } });
    expect(t).toMatchObject({
      id: 'nhs-2040', org: 'northmere-acute', preset: 'nhs-carbon-footprint-2040', presetOverrides: [], basis: 'financial',
      baselineYear: 1990, baseline: { tco2e: 41000, source: 'Illustrative 1990 estimate' }, targetYear: 2040, reductionPct: 100,
      scope2: 'location', pathway: 'linear', trendYears: 5, excludeSites: [],
    });
    expect(t.interim).toEqual([{ reductionPct: 80, fromYear: 2028, toYear: 2032, pathwayYear: 2030 }]);
    expect(t.citation?.title).toBe("Delivering a 'Net Zero' National Health Service");
    expect(t.name).toContain('NHS Carbon Footprint');
  });

  it('lets the entry override the preset and says which fields it changed', () => {
    const t = resolved({ id: 'c', org: 'east-council', preset: 'council-net-zero-2030', baselineYear: 2019, pathway: 'compound', trendYears: 3, excludeSites: ['z-depot', 'a-depot'], interim: [{ year: 2025, reductionPct: 40 }] });
    expect(t).toMatchObject({ baselineYear: 2019, targetYear: 2030, reductionPct: 100, pathway: 'compound', trendYears: 3, excludeSites: ['a-depot', 'z-depot'] });
    expect(t.interim).toEqual([{ reductionPct: 40, fromYear: 2025, toYear: 2025, pathwayYear: 2025 }]);
    // The baseline year and trend years fill gaps the preset leaves open; the rest change it.
    expect(t.presetOverrides).toEqual(['interim', 'pathway']);
  });

  it('does not count restating a preset value as an override', () => {
    expect(resolved({ id: 's', org: 'o', preset: 'sds-2014-28pct', reductionPct: 28, basis: 'financial' }).presetOverrides).toEqual([]);
  });

  it('uses the documented defaults for a spelled-out entry', () => {
    const t = resolved({ id: 'own', org: 'o', baselineYear: 2019, targetYear: 2025, reductionPct: 40 });
    expect(t).toMatchObject({ name: 'own', preset: null, basis: 'financial', scopes: [1, 2, 3], sources: null, scope2: 'location', pathway: 'linear', trendYears: 5, citation: null, note: null, baseline: null });
  });

  it('says when the baseline year is missing (the council preset has none)', () => {
    const p = problemsOf({ id: 'nhs-2040', org: 'north-acute', preset: 'council-net-zero-2030' });
    expect(p).toEqual([{ code: 'no_baseline_year', target: 'nhs-2040', org: 'north-acute', field: 'baselineYear', message: targetMsg.noBaselineYear('nhs-2040', 'north-acute') }]);
    expect(p[0]!.message).toBe('target nhs-2040 of north-acute has no baseline year: give baselineYear or a preset that has one.');
  });

  it('lists every missing figure of a spelled-out entry', () => {
    expect(problemsOf({ id: 'x', org: 'o' }).map((p) => p.code)).toEqual(['no_baseline_year', 'no_target_year', 'no_reduction']);
  });

  it('names an unknown preset and the known ones', () => {
    const p = problemsOf({ id: 'x', org: 'o', preset: 'nhs-2040' });
    expect(p[0]!.code).toBe('unknown_preset');
    expect(p[0]!.message).toContain('uk-net-zero-2050');
  });

  it('refuses a target year on or before the baseline year', () => {
    expect(problemsOf({ id: 'x', org: 'o', baselineYear: 2020, targetYear: 2020, reductionPct: 10 })[0]!.code).toBe('target_not_after_baseline');
  });

  it('refuses milestones outside the pathway, in the same year, or loosening the target', () => {
    const base = { id: 'x', org: 'o', baselineYear: 2019, targetYear: 2030, reductionPct: 60 } as const;
    expect(problemsOf({ ...base, interim: [{ year: 2019, reductionPct: 10 }] })[0]!.code).toBe('milestone_outside');
    expect(problemsOf({ ...base, interim: [{ year: 2031, reductionPct: 10 }] })[0]!.code).toBe('milestone_outside');
    expect(problemsOf({ ...base, interim: [{ year: 2025, reductionPct: 10 }, { year: 2025, reductionPct: 20 }] })[0]!.code).toBe('milestone_same_year');
    const loosen = problemsOf({ ...base, interim: [{ year: 2022, reductionPct: 30 }, { year: 2025, reductionPct: 20 }] });
    expect(loosen[0]!.message).toBe(targetMsg.milestoneNotRising('x', 'o', '2025/26', 20, 30));
    expect(problemsOf({ ...base, interim: [{ year: 2025, reductionPct: 70 }] })[0]).toMatchObject({ code: 'milestone_not_rising', field: 'reductionPct' });
  });

  it('resolveTargets keeps the good ones and collects the problems', () => {
    const r = resolveTargets([{ id: 'a', org: 'o', preset: 'uk-net-zero-2050' }, { id: 'b', org: 'o', preset: 'council-net-zero-2030' }], presets);
    expect(r.targets.map((t) => t.id)).toEqual(['a']);
    expect(r.problems.map((p) => `${p.target}:${p.code}`)).toEqual(['b:no_baseline_year']);
  });
});

describe('coversLine', () => {
  it('takes scopes and source prefixes, never outside-of-scopes lines', () => {
    const nhs = resolved({ id: 'n', org: 'o', preset: 'nhs-carbon-footprint-2040', baseline: { tco2e: 1, source: 's' } });
    expect(coversLine(nhs, { scope: 1, source: 'fleet:van' })).toBe(true);
    expect(coversLine(nhs, { scope: 3, source: 'travel:rail' })).toBe(true);
    expect(coversLine(nhs, { scope: 3, source: 'electricity' })).toBe(true);
    expect(coversLine(nhs, { scope: 3, source: 'commuting:bus' })).toBe(false);
    expect(coversLine(nhs, { scope: 3, source: 'fleetwood' })).toBe(false);
    expect(coversLine(nhs, { scope: null, source: 'biomass_pellets' })).toBe(false);
    const plus = resolved({ id: 'p', org: 'o', preset: 'nhs-carbon-footprint-plus-2045', baseline: { tco2e: 1, source: 's' } });
    expect(coversLine(plus, { scope: 3, source: 'commuting:bus' })).toBe(true);
    expect(coversLine({ scopes: [1, 2], sources: null }, { scope: 3, source: 'gas' })).toBe(false);
  });
});
