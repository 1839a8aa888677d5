/**
 * Lines whose factors come from another year's set than their own. An activity in a year after
 * the latest set tco2e ships (or before the first) was converted with the nearest published set;
 * that is a fair stand-in, but a figure resting on it must say so wherever it is shown.
 */

import { factorYear, parsePolicy } from '../convert/policy.js';
import type { EmissionLine } from '../kernel/emission-line.js';

export interface StandInWarning {
  readonly code: 'nearest_set';
  readonly message: string;
}

/** Counts, line by line, the figures that rest on another year's set (see `standInSets`). */
export class StandInCounter {
  private readonly counts = new Map<string, { requested: number; used: number; n: number }>();
  private readonly policies = new Map<string, ReturnType<typeof parsePolicy> | null>();

  add(l: EmissionLine): void {
    if (l.kind !== 'main' || l.factorKey === '' || l.policy === '') return; // exports and derived lines carry no factor of their own
    let policy = this.policies.get(l.policy);
    if (policy === undefined) {
      try {
        policy = parsePolicy(l.policy);
      } catch {
        policy = null; // a policy this version cannot read is reported where it is recomputed
      }
      this.policies.set(l.policy, policy);
    }
    if (policy === null) return;
    const requested = factorYear(l.periodStart, policy);
    if (requested === l.factorYear) return;
    const id = `${requested} ${l.factorYear}`;
    const c = this.counts.get(id);
    if (c) c.n++;
    else this.counts.set(id, { requested, used: l.factorYear, n: 1 });
  }

  warnings(): StandInWarning[] {
    return [...this.counts.values()]
      .sort((a, b) => a.requested - b.requested)
      .map((c) => ({
        code: 'nearest_set' as const,
        message: `tco2e has no ${c.requested} conversion factor set: ${c.n} figure${c.n === 1 ? '' : 's'} for that year use${c.n === 1 ? 's' : ''} the ${c.used} set, the nearest published year.`,
      }));
  }
}

/** One warning per year asked for and year used, counting the lines (main lines only; companions follow them). */
export function standInSets(lines: Iterable<EmissionLine>): StandInWarning[] {
  const counter = new StandInCounter();
  for (const l of lines) counter.add(l);
  return counter.warnings();
}
