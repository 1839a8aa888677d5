/**
 * Which lines `export lines` writes: every line of the footprint of the organisations and period
 * asked for (location-based lines with their companions, commuting from surveys, and the
 * market-based counterparts of Scope 2), so the export adds up to exactly what `emissions`
 * reports. Nothing is filled or recomputed: the lines are the figures as stored.
 *
 * The lines are read from the ledger as they are taken (see `footprintStream`): an export of a
 * million lines holds a page of them at a time, and leaves the ledger free between pages.
 */

import { unknownOrg } from '../../workspace/config.js';
import { periodRange } from '../../aggregate/emissions-query.js';
import { footprintStream, memberIds, type AnalysisContext, type FootprintStream } from '../../aggregate/footprint.js';

export interface LinesQuery {
  /** An organisation id (an ICS gives its members' lines); default every organisation. */
  readonly org?: string;
  /** `2024/25` or `2024`; default everything held. Lines straddling its ends are cut pro rata. */
  readonly period?: string;
}

/**
 * The lines of a query, to be taken once, in order: location-based (ledger, then commuting), then
 * market-based. Close it when done (it holds a snapshot of the ledger's rows).
 */
export interface LinesSelection extends FootprintStream {
  readonly orgs: readonly string[];
  readonly from: string | null;
  readonly to: string | null;
}

export function selectLines(ctx: AnalysisContext, q: LinesQuery): LinesSelection {
  let orgs: string[];
  if (q.org === undefined) orgs = ctx.config.organisations.map((o) => o.id);
  else if (ctx.config.organisations.some((o) => o.id === q.org)) orgs = memberIds(ctx.config, q.org);
  else throw unknownOrg([q.org], ctx.config);
  const range = q.period === undefined ? undefined : periodRange(q.period);
  const stream = footprintStream(ctx, { orgs, ...(range ? { from: range.from, to: range.to } : {}) });
  return { ...stream, orgs, from: range?.from ?? null, to: range?.to ?? null };
}
