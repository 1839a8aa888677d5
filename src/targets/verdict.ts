/**
 * A target's standing as a board reads it: the cut required by the latest year judged and the
 * cut achieved, in percent of the baseline and in tonnes, and a verdict in words. Once the target
 * year has passed the verdict is final ("met in 2020/21", "missed by …"), never "on track".
 */

import { formatNumber } from '../kernel/format.js';
import { AT_RISK_MARGIN_PCT_POINTS } from './thresholds.js';
import type { TargetProgress } from './target-progress.js';
import { STATUS_WORDS } from './target-text.js';
import type { Status } from './types.js';

export interface TargetVerdict {
  /** The year the figures are for (the latest year judged), or null with none. */
  readonly year: string | null;
  readonly requiredCutPct: number | null;
  readonly requiredCutTco2e: number | null;
  readonly achievedCutPct: number | null;
  readonly achievedCutTco2e: number | null;
  /** `met`, `missed` (final), or the year's status; null when nothing could be judged. */
  readonly state: 'met' | 'missed' | Status | null;
  /** The verdict in words, for a table cell: never a colour alone. */
  readonly words: string;
  /** One line on why, where a verdict needs it (at risk, missed). */
  readonly why: string | null;
}

const t = (n: number): string => formatNumber(Math.round(n), 0);
const pct = (n: number): string => `${formatNumber(n, 1)}%`;

export function targetVerdict(p: TargetProgress): TargetVerdict {
  const tg = p.target;
  const h = p.headline;
  const base = p.baseline.tco2e;
  const final = p.milestones.find((m) => m.final);
  // A target whose year has passed is judged on that year: its figures are that year's, not the latest's.
  const decided = final !== undefined && (final.state === 'met' || final.state === 'missed');
  const judgedRow = decided ? p.rows.find((r) => r.year === tg.targetYear && r.actualTco2e !== null) ?? h : h;
  const figures = judgedRow === null || judgedRow.actualTco2e === null
    ? { year: null, requiredCutPct: null, requiredCutTco2e: null, achievedCutPct: null, achievedCutTco2e: null }
    : { year: judgedRow.label, requiredCutPct: judgedRow.requiredReductionPct, requiredCutTco2e: base - judgedRow.requiredTco2e, achievedCutPct: judgedRow.actualReductionPct, achievedCutTco2e: base - judgedRow.actualTco2e };
  const targetLabel = p.rows.find((r) => r.year === tg.targetYear)?.label ?? String(tg.targetYear);
  if (final !== undefined && final.state === 'met') {
    const metLabel = p.rows.find((r) => r.year === final.metIn)?.label ?? String(final.metIn);
    return { ...figures, state: 'met', words: `Met in ${metLabel}`, why: null };
  }
  if (final !== undefined && final.state === 'missed') {
    const at = p.rows.find((r) => r.year === tg.targetYear && r.actualTco2e !== null) ?? h;
    const over = at === null || at.actualTco2e === null ? null : at.actualTco2e - final.levelTco2e;
    return {
      ...figures, state: 'missed',
      words: over === null ? `Missed (${targetLabel})` : `Missed by ${t(over)} tCO2e in ${at!.label}`,
      why: over === null ? null : `It asked for ${formatNumber(final.reductionPct, 0)}% below ${p.baseline.label} by ${targetLabel}; ${at!.label} was ${pct(at!.actualReductionPct ?? 0)} below.`,
    };
  }
  if (h === null || h.status === null) return { ...figures, state: null, words: 'Not judged: no complete year', why: null };
  const words = `${STATUS_WORDS[h.status].charAt(0).toUpperCase()}${STATUS_WORDS[h.status].slice(1)} (${h.label})`;
  let why: string | null = null;
  if (h.status === 'at-risk' && h.gapPctPoints !== null) {
    why = h.statusReason === 'within-margin'
      ? `Above the required pathway by ${formatNumber(h.gapPctPoints, 1)} percentage points of the baseline: within the ${AT_RISK_MARGIN_PCT_POINTS} points allowed before "off track".`
      : `Above the required pathway by ${formatNumber(h.gapPctPoints, 1)} percentage points of the baseline, but the recent trend reaches the target level by ${targetLabel}.`;
  } else if (h.status === 'off-track' && h.gapTco2e !== null) {
    why = `${t(h.gapTco2e)} tCO2e above the required pathway in ${h.label}, and the recent trend does not reach the target level by ${targetLabel}.`;
  }
  return { ...figures, state: h.status, words, why };
}
