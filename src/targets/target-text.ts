/**
 * Every sentence the targets stage says to a person, in one place; tests assert against these
 * entries. Kept beside the stage (rather than in `src/messages.ts`) because these are only ever
 * returned as data with a target's result.
 */

import { formatNumber } from '../kernel/format.js';
import { AT_RISK_MARGIN_PCT_POINTS } from './thresholds.js';
import type { Status } from './types.js';

const who = (target: string, org: string): string => `target ${target} of ${org}`;

/**
 * How a year's status is decided, for a report to print beside the figures. The code in
 * `status.ts` applies exactly these rules, in this order.
 */
/** A status as words in a sentence; `statusHeading` for the start of a table cell. */
export const STATUS_WORDS: Readonly<Record<Status, string>> = { 'on-track': 'on track', 'at-risk': 'at risk', 'off-track': 'off track' };
export const statusHeading = (s: Status): string => STATUS_WORDS[s].charAt(0).toUpperCase() + STATUS_WORDS[s].slice(1);

export const STATUS_RULES: readonly string[] = [
  'On track: the year\'s emissions are at or below the required pathway.',
  `At risk: above the pathway by no more than ${AT_RISK_MARGIN_PCT_POINTS} percentage points of the baseline, ` +
    'or above it by more but the trend line (least squares over the recent complete years up to that year) reaches the target by the target year.',
  'Off track: otherwise.',
  'Only complete years get a status; a year marked incomplete is shown but not judged, unless no year is complete.',
  'From the target year on, the trend no longer counts: only the margin does.',
];

export const targetMsg = {
  presetsUnreadable: (file: string, detail: string) => `Cannot read the target presets at ${file}: ${detail}`,
  presetsInvalid: (file: string, problems: readonly string[]) => `${file} has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`,
  presetsHint: 'Fix the presets file (each preset needs its figures, a source citation and a note), or reinstall tco2e to restore the shipped one.',

  unknownPreset: (target: string, org: string, preset: string, known: readonly string[]) =>
    `${who(target, org)} names preset "${preset}", which does not exist. Known presets: ${known.join(', ')}.`,
  presetWrongKind: (target: string, org: string, preset: string, presetFor: 'organisation' | 'area', fitting: readonly string[]) =>
    `${who(target, org)} names preset "${preset}", which is for ${presetFor === 'area' ? 'an area (a target with "area")' : 'an organisation\'s own operations (a target with "org")'}. Presets that fit: ${fitting.join(', ') || 'none'}.`,
  noBaselineYear: (target: string, org: string) => `${who(target, org)} has no baseline year: give baselineYear or a preset that has one.`,
  noTargetYear: (target: string, org: string) => `${who(target, org)} has no target year: give targetYear or a preset that has one.`,
  noReduction: (target: string, org: string) => `${who(target, org)} has no reduction: give reductionPct (100 is net zero) or a preset that has one.`,
  targetNotAfterBaseline: (target: string, org: string, baselineYear: string, targetYear: string) =>
    `${who(target, org)} has its target year ${targetYear} on or before its baseline year ${baselineYear}.`,
  milestoneOutside: (target: string, org: string, milestone: string, baselineYear: string, targetYear: string) =>
    `${who(target, org)} has a milestone in ${milestone}, which is not between the baseline year ${baselineYear} and the target year ${targetYear}.`,
  milestoneNotRising: (target: string, org: string, milestone: string, pct: number, previousPct: number) =>
    `${who(target, org)} asks for ${pct}% by ${milestone}, less than the ${previousPct}% asked for earlier: milestones must not loosen the target.`,
  milestoneSameYear: (target: string, org: string, milestone: string) => `${who(target, org)} has two milestones in ${milestone}.`,

  noBaseline: (target: string, org: string, baselineYear: string) =>
    `${who(target, org)} has no baseline: the actuals have no figure for ${baselineYear} and the config declares none. ` +
    'Import that year\'s data, or declare "baseline": {"tco2e": …, "source": "…"} in the target entry.',
  baselineNotPositive: (target: string, org: string, baselineYear: string) =>
    `${who(target, org)} has a baseline of zero for ${baselineYear}: a reduction cannot be measured against it.`,
  badActual: (target: string, org: string, year: number, value: number) => `${who(target, org)}: the actual for ${year} is ${value}, not a number of tonnes zero or more.`,
  duplicateActual: (target: string, org: string, year: number) => `${who(target, org)}: the actuals give ${year} more than once.`,

  incompleteYears: (labels: readonly string[]) =>
    `${labels.join(', ')} ${labels.length === 1 ? 'is' : 'are'} incomplete: shown, but not used for status, the trend or the carbon budget.`,
  onlyIncomplete: 'No year is complete: the incomplete years are used for status, the trend and the carbon budget, so read them with care.',
  headlineNotLatest: (latest: string, used: string) => `The latest year, ${latest}, is incomplete; the headline is ${used}, the latest complete year.`,
  actualsBeforeBaseline: (labels: readonly string[], baselineYear: string) =>
    `Actuals for ${labels.join(', ')} come before the baseline year ${baselineYear} and are left out.`,
  baselineIncomplete: (baselineYear: string) => `The baseline year ${baselineYear} is incomplete in the ledger, so the baseline is probably too low and every reduction too small.`,
  declaredBaselineDiffers: (baselineYear: string, declared: number, ledger: number, diffPct: number) =>
    `The declared baseline (${formatNumber(declared, 1)} tCO2e) differs from the ledger's figure for ${baselineYear} ` +
    `(${formatNumber(ledger, 1)} tCO2e) by ${formatNumber(diffPct, 1)}%; the declared figure is used.`,
  declaredBaselineExcludedSites: (sites: readonly string[]) =>
    `Sites ${sites.join(', ')} are left out of the actuals; make sure the declared baseline leaves them out too.`,
  compoundToZero: (fromYear: string, toYear: string) =>
    `A constant rate of reduction never reaches zero, so the pathway from ${fromYear} to net zero in ${toYear} is a straight line.`,

  noTrendTooFew: (found: number, needed: number) => `No trend: ${found} usable year(s) of actuals, at least ${needed} are needed.`,
  noCrossingNotFalling: 'The trend is flat or rising, so on it the target is never reached.',

  likeForLikeMissing: (series: string, year: number) => `The ${series} series has no figure for ${year}.`,
} as const;
