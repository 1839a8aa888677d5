/**
 * Turns a config entry into a complete `Target`: the entry's own fields win, its preset fills in
 * the rest, and the documented defaults fill in what neither gives. Everything that would make
 * the pathway meaningless (no baseline year, milestones out of order) is returned as problems.
 */

import type { TargetConfig } from '../workspace/config.js';
import { targetMsg } from './target-text.js';
import type { Preset } from './presets.js';
import { DEFAULT_TREND_YEARS } from './thresholds.js';
import type { Basis, Milestone, Scope, Target, TargetProblem } from './types.js';
import { rangeLabel, yearLabel } from './years.js';

export type ResolveResult =
  | { readonly ok: true; readonly target: Target }
  | { readonly ok: false; readonly problems: readonly TargetProblem[] };

/**
 * Defaults when neither the entry nor a preset decides:
 * - basis `financial`: UK public bodies report by financial year, as the factor policy does;
 * - scopes 1, 2 and 3 and every source: the whole footprint the ledger holds;
 * - Scope 2 `location`: the headline convention (market-based is the secondary figure);
 * - pathway `linear`; trend over `DEFAULT_TREND_YEARS` years.
 */
const DEFAULT_BASIS: Basis = 'financial';
const ALL_SCOPES: readonly Scope[] = [1, 2, 3];

/** Fields a config entry may set that a preset also sets, for `presetOverrides`. */
const OVERRIDABLE = ['name', 'basis', 'baselineYear', 'targetYear', 'reductionPct', 'interim', 'scopes', 'sources', 'scope2', 'pathway', 'trendYears'] as const;

export function resolveTarget(entry: TargetConfig, presets: readonly Preset[]): ResolveResult {
  // The config requires one of `org` and `area`; an area target is known by its authority's code.
  const owner = entry.org ?? entry.area ?? '';
  const problem = (code: string, field: string | null, message: string): TargetProblem => ({ code, target: entry.id, org: owner, field, message });
  const forArea = entry.area !== undefined;

  let preset: Preset | undefined;
  if (entry.preset !== undefined) {
    preset = presets.find((p) => p.id === entry.preset);
    if (preset === undefined) {
      return { ok: false, problems: [problem('unknown_preset', 'preset', targetMsg.unknownPreset(entry.id, owner, entry.preset, presets.map((p) => p.id)))] };
    }
    // An area preset judges the area's total, an organisation's its own footprint: one in place of the other would compare unlike things.
    if ((preset.appliesTo === 'area') !== forArea) {
      return { ok: false, problems: [problem('preset_wrong_kind', 'preset', targetMsg.presetWrongKind(entry.id, owner, preset.id, preset.appliesTo, presets.filter((p) => (p.appliesTo === 'area') === forArea).map((p) => p.id)))] };
    }
  }

  const problems: TargetProblem[] = [];
  // The local authority statistics are by calendar year, so an area target is too (the config refuses anything else).
  const basis = forArea ? 'calendar' : entry.basis ?? preset?.basis ?? DEFAULT_BASIS;
  const baselineYear = entry.baselineYear ?? preset?.baselineYear ?? undefined;
  const targetYear = entry.targetYear ?? preset?.targetYear;
  const reductionPct = entry.reductionPct ?? preset?.reductionPct;
  if (baselineYear === undefined) problems.push(problem('no_baseline_year', 'baselineYear', targetMsg.noBaselineYear(entry.id, owner)));
  if (targetYear === undefined) problems.push(problem('no_target_year', 'targetYear', targetMsg.noTargetYear(entry.id, owner)));
  if (reductionPct === undefined) problems.push(problem('no_reduction', 'reductionPct', targetMsg.noReduction(entry.id, owner)));
  if (baselineYear === undefined || targetYear === undefined || reductionPct === undefined) return { ok: false, problems };

  if (targetYear <= baselineYear) {
    problems.push(problem('target_not_after_baseline', 'targetYear', targetMsg.targetNotAfterBaseline(entry.id, owner, yearLabel(basis, baselineYear), yearLabel(basis, targetYear))));
  }

  // An entry's own milestones replace the preset's: mixing two lists would silently keep
  // milestones the entry meant to drop.
  const interim: Milestone[] = entry.interim !== undefined
    ? entry.interim.map((m) => ({ reductionPct: m.reductionPct, fromYear: m.year, toYear: m.year, pathwayYear: m.year })).sort((a, b) => a.pathwayYear - b.pathwayYear)
    : [...(preset?.interim ?? [])];
  // Milestones must lie strictly between the baseline and target years, one per year, and
  // never ask for less than an earlier one (including the final cut).
  let previous = { pct: 0, year: baselineYear };
  for (const m of interim) {
    const label = rangeLabel(basis, m.fromYear, m.toYear);
    if (m.fromYear <= baselineYear || m.toYear >= targetYear) {
      problems.push(problem('milestone_outside', 'interim', targetMsg.milestoneOutside(entry.id, owner, label, yearLabel(basis, baselineYear), yearLabel(basis, targetYear))));
    } else if (m.pathwayYear === previous.year) {
      problems.push(problem('milestone_same_year', 'interim', targetMsg.milestoneSameYear(entry.id, owner, label)));
    } else if (m.reductionPct < previous.pct) {
      problems.push(problem('milestone_not_rising', 'interim', targetMsg.milestoneNotRising(entry.id, owner, label, m.reductionPct, previous.pct)));
    }
    previous = { pct: Math.max(previous.pct, m.reductionPct), year: m.pathwayYear };
  }
  if (reductionPct < previous.pct) {
    problems.push(problem('milestone_not_rising', 'reductionPct', targetMsg.milestoneNotRising(entry.id, owner, yearLabel(basis, targetYear), reductionPct, previous.pct)));
  }
  if (problems.length > 0) return { ok: false, problems };

  // Filling in what the preset leaves open (the council preset's baseline year) is not an override.
  const presetOverrides = preset === undefined
    ? []
    : OVERRIDABLE.filter((f) => entry[f] !== undefined && presetValue(preset, f) !== null && !same(entry[f], presetValue(preset, f)));
  const target: Target = {
    id: entry.id,
    org: owner,
    area: entry.area === undefined ? null : { laCode: entry.area, measure: entry.measure ?? 'territorial' },
    name: entry.name ?? preset?.name ?? entry.id,
    preset: preset?.id ?? null,
    presetOverrides,
    basis,
    baselineYear,
    baseline: entry.baseline ?? null,
    targetYear,
    reductionPct,
    interim,
    scopes: forArea ? [] : [...new Set(entry.scopes ?? preset?.scopes ?? ALL_SCOPES)].sort((a, b) => a - b),
    sources: forArea ? null : entry.sources ?? preset?.sources ?? null,
    scope2: entry.scope2 ?? preset?.scope2 ?? 'location',
    pathway: entry.pathway ?? preset?.pathway ?? 'linear',
    trendYears: entry.trendYears ?? preset?.trendYears ?? DEFAULT_TREND_YEARS,
    excludeSites: [...(entry.excludeSites ?? [])].sort(),
    citation: preset?.source ?? null,
    note: preset?.note ?? null,
  };
  return { ok: true, target };
}

/** Resolves every entry; the targets that resolve and the problems of those that do not. */
export function resolveTargets(entries: readonly TargetConfig[], presets: readonly Preset[]): { targets: Target[]; problems: TargetProblem[] } {
  const targets: Target[] = [];
  const problems: TargetProblem[] = [];
  for (const e of entries) {
    const r = resolveTarget(e, presets);
    if (r.ok) targets.push(r.target);
    else problems.push(...r.problems);
  }
  return { targets, problems };
}

/** The preset's value for a field, in the config entry's shape, to tell a real override from a restatement. */
function presetValue(p: Preset, field: (typeof OVERRIDABLE)[number]): unknown {
  if (field === 'interim') return p.interim.map((m) => (m.fromYear === m.toYear ? { year: m.fromYear, reductionPct: m.reductionPct } : m));
  return p[field];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
