/**
 * Which lines `export lines` writes: every line of the footprint of the organisations and period
 * asked for (location-based lines with their companions, commuting from surveys, and the
 * market-based counterparts of Scope 2), so the export adds up to exactly what `emissions`
 * reports. Nothing is filled or recomputed: the lines are the figures as stored.
 */

import { periodRange } from '../../aggregate/emissions-query.js';
import { footprint, memberIds, type AnalysisContext, type FootprintWarning } from '../../aggregate/footprint.js';
import type { EmissionLine } from '../../kernel/emission-line.js';
import { UserError } from '../../kernel/errors.js';

export interface LinesQuery {
  /** An organisation id (an ICS gives its members' lines); default every organisation. */
  readonly org?: string;
  /** `2024/25` or `2024`; default everything held. Lines straddling its ends are cut pro rata. */
  readonly period?: string;
}

export interface LinesSelection {
  readonly orgs: readonly string[];
  readonly from: string | null;
  readonly to: string | null;
  readonly lines: readonly EmissionLine[];
  readonly marketLines: readonly EmissionLine[];
  readonly warnings: readonly FootprintWarning[];
}

export function selectLines(ctx: AnalysisContext, q: LinesQuery): LinesSelection {
  let orgs: string[];
  if (q.org === undefined) orgs = ctx.config.organisations.map((o) => o.id);
  else if (ctx.config.organisations.some((o) => o.id === q.org)) orgs = memberIds(ctx.config, q.org);
  else throw new UserError('unknown_org', `No organisation "${q.org}" in the workspace config.`, `Use one of: ${ctx.config.organisations.map((o) => o.id).join(', ')}.`);
  const range = q.period === undefined ? undefined : periodRange(q.period);
  const fp = footprint(ctx, { orgs, ...(range ? { from: range.from, to: range.to } : {}) });
  return { orgs, from: range?.from ?? null, to: range?.to ?? null, lines: fp.lines, marketLines: fp.marketLines, warnings: fp.warnings };
}

/** The location-based lines, then their market-based counterparts. */
export function* allLines(s: LinesSelection): Generator<EmissionLine> {
  yield* s.lines;
  yield* s.marketLines;
}
