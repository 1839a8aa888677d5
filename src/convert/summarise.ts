import type { ConversionResult } from './convert.js';

export interface ScopeTotal {
  readonly label: string;
  readonly scope: 1 | 2 | 3 | null;
  readonly category: number | null;
  readonly kgCo2e: number;
  readonly lines: number;
}

export interface Totals {
  /** Scopes 1–3; outside-of-scopes biogenic CO2 is reported beside it, never added. */
  readonly kgCo2e: number;
  readonly outsideScopesKgCo2: number;
  readonly byScope: readonly ScopeTotal[];
}

export function totalsByScope(results: readonly ConversionResult[]): Totals {
  const by = new Map<string, { label: string; scope: 1 | 2 | 3 | null; category: number | null; kgCo2e: number; lines: number }>();
  let total = 0;
  let outside = 0;
  for (const r of results) {
    if (r.scope.scope === null) outside += r.kgCo2e;
    else total += r.kgCo2e;
    const t = by.get(r.scope.label) ?? { label: r.scope.label, scope: r.scope.scope, category: r.scope.category, kgCo2e: 0, lines: 0 };
    t.kgCo2e += r.kgCo2e;
    t.lines += 1;
    by.set(r.scope.label, t);
  }
  const order = (s: ScopeTotal): number => (s.scope ?? 9) * 100 + (s.category ?? 0);
  return { kgCo2e: total, outsideScopesKgCo2: outside, byScope: [...by.values()].sort((a, b) => order(a) - order(b)) };
}
