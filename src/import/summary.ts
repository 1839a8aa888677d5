/** What a person sees after an import, as data (rendered at the edge). */

import type { Problem } from '../kernel/problem.js';
import type { ActivityRecord, Overlap, Superseded } from '../store/records.js';

export type ImportStatus = 'stored' | 'dry-run' | 'already-imported' | 'refused-overlap' | 'refused-strict' | 'refused-unusable';

export interface ImportSummary {
  readonly status: ImportStatus;
  /** energy | fleet | journeys: what the `meters` are (meters, vehicles, people or cost centres). */
  readonly kind: string;
  readonly batchId: number | null;
  readonly file: string;
  readonly sha256: string;
  readonly profile: string;
  readonly rows: { readonly read: number; readonly accepted: number; readonly excluded: number; readonly rejected: number };
  readonly period: { readonly start: string; readonly end: string } | null;
  readonly sites: readonly string[];
  readonly meters: readonly string[];
  /** Quantities by source and unit, and emissions (Scopes 1–3, main figures and companions). */
  readonly totals: { readonly quantities: readonly { source: string; unit: string; direction: string; quantity: number }[]; readonly kgCo2e: number; readonly outsideScopesKgCo2: number };
  readonly rejectReasons: readonly { code: string; count: number; example: string }[];
  /** Rows left out on purpose (AdBlue, car wash…), by reason. */
  readonly excludedReasons: readonly { code: string; count: number; example: string }[];
  readonly surveyResponses: number;
  readonly problems: readonly Problem[];
  readonly warnings: readonly Problem[];
  readonly overlaps: readonly Overlap[];
  /** With --replace: what the import superseded, per earlier import and meter, quantities before and after. */
  readonly superseded: readonly Superseded[];
  /** The file's header and the cells of each rejected row (by line), for the rejects file. */
  readonly header: readonly string[];
  readonly rejectedCells: ReadonlyMap<number, readonly string[]>;
  /** For a file refused as unusable: the other profiles its header fits (what to try instead). */
  readonly otherProfiles: readonly string[];
}

export interface SummaryInput {
  readonly status: ImportStatus;
  readonly kind: string;
  readonly batchId?: number;
  readonly fileName: string;
  readonly sha256: string;
  readonly profile: string;
  readonly rowsRead: number;
  readonly rejectedRows?: number;
  readonly excluded: number;
  readonly excludedProblems?: readonly Problem[];
  readonly surveyResponses?: number;
  readonly problems: readonly Problem[];
  readonly warnings: readonly Problem[];
  /** What the stored activities add up to; absent when nothing was converted. */
  readonly totals?: RecordTotals;
  readonly overlaps?: readonly Overlap[];
  readonly header?: readonly string[];
  readonly rejectedCells?: ReadonlyMap<number, readonly string[]>;
  readonly otherProfiles?: readonly string[];
}

/** Totals of an import's activities, added one at a time as they are stored (none are kept). */
export class RecordTotals {
  readonly quantities = new Map<string, { source: string; unit: string; direction: string; quantity: number }>();
  kgCo2e = 0;
  outsideScopesKgCo2 = 0;
  start: string | null = null;
  end: string | null = null;
  readonly sites = new Set<string>();
  readonly meters = new Set<string>();

  add(r: ActivityRecord): void {
    if (r.scope === null && r.direction === 'import') this.outsideScopesKgCo2 += r.kgCo2e;
    else this.kgCo2e += r.kgCo2e;
    if (r.companionOf !== null) return;
    const id = `${r.source}|${r.unit}|${r.direction}`;
    let q = this.quantities.get(id);
    if (!q) this.quantities.set(id, (q = { source: r.source, unit: r.unit, direction: r.direction, quantity: 0 }));
    q.quantity += r.quantity;
    if (this.start === null || r.periodStart < this.start) this.start = r.periodStart;
    if (this.end === null || r.periodEnd > this.end) this.end = r.periodEnd;
    if (r.site !== null && !this.sites.has(r.site)) this.sites.add(r.site);
    if (r.meter !== null && !this.meters.has(r.meter)) this.meters.add(r.meter);
  }
}

export function summarise(i: SummaryInput): ImportSummary {
  const t = i.totals ?? new RecordTotals();
  const reasonsOf = (problems: readonly Problem[]) => {
    const reasons = new Map<string, { code: string; count: number; example: string }>();
    for (const p of problems) {
      const r = reasons.get(p.code) ?? { code: p.code, count: 0, example: `line ${p.line}: ${p.message}` };
      r.count += 1;
      reasons.set(p.code, r);
    }
    return [...reasons.values()].sort((a, b) => b.count - a.count);
  };
  const rejected = i.rejectedRows ?? new Set(i.problems.map((p) => p.line)).size;
  return {
    status: i.status,
    kind: i.kind,
    batchId: i.batchId ?? null,
    file: i.fileName,
    sha256: i.sha256,
    profile: i.profile,
    rows: { read: i.rowsRead, accepted: Math.max(0, i.rowsRead - rejected - i.excluded), excluded: i.excluded, rejected },
    period: t.start !== null && t.end !== null ? { start: t.start, end: t.end } : null,
    sites: [...t.sites].sort(),
    meters: [...t.meters].sort(),
    totals: { quantities: [...t.quantities.values()].sort((a, b) => a.source.localeCompare(b.source) || a.unit.localeCompare(b.unit)), kgCo2e: t.kgCo2e, outsideScopesKgCo2: t.outsideScopesKgCo2 },
    rejectReasons: reasonsOf(i.problems),
    excludedReasons: reasonsOf(i.excludedProblems ?? []),
    surveyResponses: i.surveyResponses ?? 0,
    problems: i.problems,
    warnings: i.warnings,
    overlaps: i.overlaps ?? [],
    superseded: [],
    header: i.header ?? [],
    rejectedCells: i.rejectedCells ?? new Map(),
    otherProfiles: i.otherProfiles ?? [],
  };
}
