/**
 * Fuel-card purchases summed per vehicle, month and fuel, as half-hourly readings are summed per
 * meter and month (`MonthlyTotals`). The ledger keeps each purchase as read (schema 6,
 * `fuel_months`) and one activity per month summed from them: a fleet's year of 150,000 fill-ups
 * becomes some thousands of activities, and every month, quarter and year sums as it would
 * purchase by purchase, since no month's purchases cross into another month.
 */

import type { FuelMonthRecord, FuelPurchase } from '../store/records.js';
import type { ActivityDraft } from './activity-draft.js';
import type { NettedLine } from './fuel-card.js';

interface Group {
  /** The first purchase's draft: what every purchase of the month shares (vehicle, site, fuel, unit). */
  readonly template: ActivityDraft;
  purchases: FuelPurchase[];
}

/** Whether purchase `d` belongs to the month of the group whose first purchase is `t`. */
function sameMonth(t: ActivityDraft, d: ActivityDraft): boolean {
  return t.periodStart.slice(0, 7) === d.periodStart.slice(0, 7) && t.source === d.source && t.factorKey === d.factorKey && t.unit === d.unit && t.site === d.site;
}

export class FuelMonths {
  private readonly groups = new Map<string, Group>();
  /** The group each vehicle's purchases went to last: a card statement lists a vehicle's fill-ups of a month together more often than not. */
  private readonly last = new Map<string | null, Group>();

  /** A purchase, in the order of the file. */
  add(d: ActivityDraft): void {
    let g = this.last.get(d.meter);
    const t = g?.template;
    if (t === undefined || !sameMonth(t, d)) {
      // The site is part of the group: a vehicle fuelled against two cost centres in a month is
      // two activities, each where its purchases were charged.
      const id = `${d.meter ?? ''}\u0000${d.periodStart.slice(0, 7)}\u0000${d.source}\u0000${d.factorKey}\u0000${d.unit}\u0000${d.site ?? ''}`;
      g = this.groups.get(id);
      if (!g) this.groups.set(id, (g = { template: d, purchases: [] }));
      this.last.set(d.meter, g);
    }
    g!.purchases.push({ line: d.line, day: d.periodStart, quantity: d.quantity, extra: d.extra as Record<string, string | number> });
  }

  /**
   * The purchases of the vehicles and fuels `wanted` holds (`registration|key`, as netting names
   * them): refunds are few, so only their vehicles' purchases are looked at.
   */
  *purchasesOf(wanted: ReadonlySet<string>): Generator<NettedLine> {
    for (const g of this.groups.values()) {
      const registration = g.template.meter ?? '';
      if (!wanted.has(`${registration}|${g.template.factorKey}`)) continue;
      for (const p of g.purchases) {
        yield { line: p.line, registration, product: String(p.extra.product ?? ''), key: g.template.factorKey, quantity: p.quantity, unit: g.template.unit };
      }
    }
  }

  /** Takes out the purchases on `lines` (refunded); a month left with none is dropped. */
  remove(lines: ReadonlySet<number>): void {
    if (lines.size === 0) return;
    for (const [id, g] of this.groups) {
      g.purchases = g.purchases.filter((p) => !lines.has(p.line));
      if (g.purchases.length === 0) this.groups.delete(id);
    }
  }

  /** The months as the ledger keeps them, each with the activity summed from its purchases. */
  *months(org: string): Generator<{ readonly record: FuelMonthRecord; readonly draft: ActivityDraft }> {
    for (const g of this.groups.values()) {
      const t = g.template;
      const first = g.purchases[0]!;
      let start = first.day;
      let end = first.day;
      let quantity = 0;
      for (const p of g.purchases) {
        if (p.day < start) start = p.day;
        if (p.day > end) end = p.day;
        quantity += p.quantity;
      }
      yield {
        record: { line: first.line, org, site: t.site, meter: t.meter, month: start.slice(0, 7), source: t.source, factorKey: t.factorKey, unit: t.unit, purchases: g.purchases },
        // From the month's first purchase to its last, on the line of the first; the rest are
        // listed by `Ledger.batchFuelPurchases`.
        draft: { ...t, line: first.line, periodStart: start, periodEnd: end, quantity, extra: { purchases: g.purchases.length } },
      };
    }
  }
}
