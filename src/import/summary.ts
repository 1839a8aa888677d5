/** What a person sees after an import, as data (rendered at the edge). */

import { DEFAULT_BOUNDARY } from '../kernel/emission-line.js';
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
  /** Quantities by source and unit, and emissions. */
  readonly totals: ImportTotals;
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

/**
 * What an import's activities add up to. `headlineKgCo2e` is drawn within the boundary that
 * `tco2e emissions` totals by default (`boundary`), so the two agree on the same data; what that
 * boundary leaves out is given beside it, never lost.
 */
export interface ImportTotals {
  readonly quantities: readonly { source: string; unit: string; direction: string; quantity: number }[];
  /** Everything in Scopes 1–3: main figures and their well-to-tank and T&D companions (= headline + wtt + td). */
  readonly kgCo2e: number;
  /** Scopes 1–3, Scope 2 location-based, without well-to-tank and T&D losses: the `emissions` default. */
  readonly headlineKgCo2e: number;
  /** Well-to-tank companions (Scope 3 category 3), the well-to-tank of T&D losses included. */
  readonly wttKgCo2e: number;
  /** Electricity transmission and distribution losses (Scope 3 category 3). */
  readonly tdKgCo2e: number;
  /** The boundary of `headlineKgCo2e`, in the shape `emissions` states its own. */
  readonly boundary: typeof DEFAULT_BOUNDARY;
  /** Biogenic CO2, outside the scopes: never in a total. */
  readonly outsideScopesKgCo2: number;
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
  /** `kgCo2e` split by the headline boundary: inside it, and its Scope 3 category 3 companions. */
  headlineKgCo2e = 0;
  wttKgCo2e = 0;
  tdKgCo2e = 0;
  outsideScopesKgCo2 = 0;
  start: string | null = null;
  end: string | null = null;
  readonly sites = new Set<string>();
  readonly meters = new Set<string>();

  add(r: ActivityRecord): void {
    if (r.scope === null && r.direction === 'import') this.outsideScopesKgCo2 += r.kgCo2e;
    else {
      this.kgCo2e += r.kgCo2e;
      // Told apart by key as the aggregate stage does (`lineKind`): the WTT of T&D is well-to-tank.
      if (r.companionOf === null) this.headlineKgCo2e += r.kgCo2e;
      else if (r.factorKey.endsWith('.td_losses')) this.tdKgCo2e += r.kgCo2e;
      else this.wttKgCo2e += r.kgCo2e;
    }
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
    totals: { quantities: [...t.quantities.values()].sort((a, b) => a.source.localeCompare(b.source) || a.unit.localeCompare(b.unit)), kgCo2e: t.kgCo2e,
      headlineKgCo2e: t.headlineKgCo2e, wttKgCo2e: t.wttKgCo2e, tdKgCo2e: t.tdKgCo2e, boundary: DEFAULT_BOUNDARY, outsideScopesKgCo2: t.outsideScopesKgCo2 },
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
