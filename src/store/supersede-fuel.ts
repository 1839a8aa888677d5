/**
 * Fuel-card purchases, kept per vehicle, month and fuel (schema 6, `fuel_months`), are still
 * transactions: the same registration, date, source, quantity and unit is the same purchase
 * brought again, whichever export it came in, and only that purchase is superseded. A month's
 * purchases brought again are marked in its `superseded_json`; its activities (the main row and
 * its companions, which carry the month's first line) are withdrawn and, while some purchases
 * still count, replaced by rows summed from those, as a half-hourly month is from its live days.
 * Undoing the import that brought them restores them, unless something imported since brings
 * the same purchase (then that import's stands).
 *
 * Runs inside the importing batch's write transaction (or the undo's), on the handle it is given.
 */

import type { SqlDb } from './sql.js';
import { parsePurchases } from './purchases.js';
import type { FuelPurchase } from './records.js';

/** Whether activity `alias` is summed from a fuel-card month (its batch and line are the month's). */
export const FUEL_DERIVED = (alias: string): string => `EXISTS (SELECT 1 FROM fuel_months fm WHERE fm.batch_id = ${alias}.batch_id AND fm.line = ${alias}.line)`;

const LIVE = `b.status = 'active' AND x.superseded_by IS NULL`;

/** What makes two lines the same purchase. */
function transactionId(meter: string, day: string, source: string, quantity: number, unit: string): string {
  return `${meter}\u0000${day}\u0000${source}\u0000${quantity}\u0000${unit}`;
}

/** A stored transaction that an incoming fuel-card import brings again. */
export type TransactionHit =
  | { readonly table: 'fuel_months'; readonly rowId: number; readonly line: number; readonly batchId: number; readonly fileName: string; readonly meter: string; readonly unit: string; readonly day: string; readonly quantity: number }
  | { readonly table: 'activities'; readonly rowId: number; readonly batchId: number; readonly fileName: string; readonly meter: string; readonly unit: string; readonly day: string; readonly quantity: number };

interface MonthRow {
  readonly id: number;
  readonly batchId: number;
  readonly fileName: string;
  readonly meter: string;
  readonly month: string;
  readonly source: string;
  readonly unit: string;
  readonly purchases: string;
  readonly superseded: string | null;
}

function supersededOf(json: string | null): Record<string, number> {
  return json === null ? {} : (JSON.parse(json) as Record<string, number>);
}

/**
 * The stored transactions that fuel-card import `newId` brings again: purchases in other
 * imports' months, and transactions stored one activity each (fuel cards imported before
 * schema 6, EV charging sessions). Matched as multisets, the earliest stored first, so two
 * identical purchases on one day stored once and brought twice count one as new.
 */
export function fuelTransactionHits(db: SqlDb, newId: number): TransactionHit[] {
  const incoming = new Map<string, number>();
  const months = new Set<string>();
  let first = '';
  let last = '';
  const mine = db.all('SELECT meter, month, source, unit, purchases_json AS purchases FROM fuel_months WHERE batch_id = ? AND meter IS NOT NULL', [newId]) as { meter: string; month: string; source: string; unit: string; purchases: string }[];
  for (const m of mine) {
    months.add(`${m.meter}\u0000${m.month}`);
    for (const p of parsePurchases(m.purchases)) {
      const id = transactionId(m.meter, p.day, m.source, p.quantity, m.unit);
      incoming.set(id, (incoming.get(id) ?? 0) + 1);
      if (first === '' || p.day < first) first = p.day;
      if (p.day > last) last = p.day;
    }
  }
  if (incoming.size === 0) return [];
  const candidates: { readonly hit: TransactionHit; readonly id: string; readonly order: number }[] = [];
  const stored = `SELECT x.id AS id, x.batch_id AS batchId, b.file_name AS fileName, x.meter AS meter, x.month AS month, x.source AS source, x.unit AS unit,
      x.purchases_json AS purchases, x.superseded_json AS superseded
    FROM fuel_months x JOIN batches b ON b.id = x.batch_id
    WHERE x.org = (SELECT org FROM batches WHERE id = ?) AND x.meter = ? AND x.month = ? AND x.batch_id <> ? AND b.status = 'active'`;
  for (const vm of months) {
    const [meter, month] = vm.split('\u0000') as [string, string];
    for (const m of db.all(stored, [newId, meter, month, newId]) as MonthRow[]) {
      const superseded = supersededOf(m.superseded);
      for (const p of parsePurchases(m.purchases)) {
        if (superseded[String(p.line)] !== undefined) continue;
        const id = transactionId(m.meter, p.day, m.source, p.quantity, m.unit);
        if (!incoming.has(id)) continue;
        candidates.push({ hit: { table: 'fuel_months', rowId: m.id, line: p.line, batchId: m.batchId, fileName: m.fileName, meter: m.meter, unit: m.unit, day: p.day, quantity: p.quantity }, id, order: p.line });
      }
    }
  }
  const rows = db.all(`SELECT x.id AS id, x.batch_id AS batchId, b.file_name AS fileName, x.meter AS meter, x.period_start AS day, x.source AS source, x.quantity AS quantity, x.unit AS unit
    FROM activities x JOIN batches b ON b.id = x.batch_id
    WHERE x.org = (SELECT org FROM batches WHERE id = ?) AND x.batch_id <> ? AND x.companion_of IS NULL AND x.meter IS NOT NULL
      AND x.period_start >= ? AND x.period_start <= ? AND x.period_end = x.period_start AND b.kind = 'fleet' AND ${LIVE} AND NOT ${FUEL_DERIVED('x')}`, [newId, newId, first, last]) as { id: number; batchId: number; fileName: string; meter: string; day: string; source: string; quantity: number; unit: string }[];
  for (const r of rows) {
    const id = transactionId(r.meter, r.day, r.source, r.quantity, r.unit);
    if (incoming.has(id)) candidates.push({ hit: { table: 'activities', rowId: r.id, batchId: r.batchId, fileName: r.fileName, meter: r.meter, unit: r.unit, day: r.day, quantity: r.quantity }, id, order: r.id });
  }
  candidates.sort((a, b) => a.hit.batchId - b.hit.batchId || a.order - b.order);
  const hits: TransactionHit[] = [];
  for (const c of candidates) {
    const n = incoming.get(c.id)!;
    if (n <= 0) continue;
    incoming.set(c.id, n - 1);
    hits.push(c.hit);
  }
  return hits;
}

/** Marks purchases of stored months superseded by import `by`, and sums each month again. */
export function supersedePurchases(db: SqlDb, by: number, hits: readonly { readonly rowId: number; readonly line: number }[]): void {
  const byMonth = new Map<number, number[]>();
  for (const h of hits) {
    let lines = byMonth.get(h.rowId);
    if (!lines) byMonth.set(h.rowId, (lines = []));
    lines.push(h.line);
  }
  const read = 'SELECT superseded_json AS superseded FROM fuel_months WHERE id = ?';
  const write = 'UPDATE fuel_months SET superseded_json = ? WHERE id = ?';
  for (const [id, lines] of byMonth) {
    const superseded = supersededOf((db.get(read, [id]) as { superseded: string | null }).superseded);
    for (const line of lines) superseded[String(line)] = by;
    db.run(write, [JSON.stringify(superseded), id]);
    resumMonth(db, id, by);
  }
}

/**
 * After import `batchId` is undone: the purchases it superseded count again, unless an import
 * since brings the same purchase (then they stay superseded, by that one), and their months are
 * summed again.
 */
export function restorePurchasesAfterUndo(db: SqlDb, batchId: number): void {
  const months = db.all(`SELECT x.id AS id, x.batch_id AS batchId, b.file_name AS fileName, x.org AS org, x.meter AS meter, x.month AS month, x.source AS source, x.unit AS unit,
      x.purchases_json AS purchases, x.superseded_json AS superseded
    FROM fuel_months x JOIN batches b ON b.id = x.batch_id WHERE x.superseded_json IS NOT NULL`) as (MonthRow & { org: string })[];
  const write = 'UPDATE fuel_months SET superseded_json = ? WHERE id = ?';
  for (const m of months) {
    const superseded = new Map(Object.entries(supersededOf(m.superseded)));
    const lines = [...superseded].filter(([, by]) => by === batchId).map(([line]) => line);
    if (lines.length === 0) continue;
    const purchases = new Map(parsePurchases(m.purchases).map((p) => [String(p.line), p] as const));
    for (const line of lines) {
      const other = liveElsewhere(db, m, purchases.get(line)!, batchId);
      if (other === undefined) superseded.delete(line);
      else superseded.set(line, other);
    }
    db.run(write, [superseded.size === 0 ? null : JSON.stringify(Object.fromEntries(superseded)), m.id]);
    resumMonth(db, m.id, batchId);
  }
}

/** An import other than `m`'s and `undone` that holds purchase `p` of month `m`, live. */
function liveElsewhere(db: SqlDb, m: MonthRow & { org: string }, p: FuelPurchase, undone: number): number | undefined {
  const id = transactionId(m.meter, p.day, m.source, p.quantity, m.unit);
  const others = db.all(`SELECT x.batch_id AS batchId, x.meter AS meter, x.source AS source, x.unit AS unit, x.purchases_json AS purchases, x.superseded_json AS superseded
    FROM fuel_months x JOIN batches b ON b.id = x.batch_id
    WHERE x.org = ? AND x.meter = ? AND x.month = ? AND x.batch_id NOT IN (?, ?) AND b.status = 'active' ORDER BY x.batch_id DESC`, [m.org, m.meter, m.month, m.batchId, undone]) as Omit<MonthRow, 'id' | 'fileName' | 'month'>[];
  for (const o of others) {
    const superseded = supersededOf(o.superseded);
    if (parsePurchases(o.purchases).some((q) => superseded[String(q.line)] === undefined && transactionId(o.meter, q.day, o.source, q.quantity, o.unit) === id)) return o.batchId;
  }
  const row = db.get(`SELECT x.batch_id AS b FROM activities x JOIN batches b ON b.id = x.batch_id
    WHERE x.org = ? AND x.meter = ? AND x.period_start = ? AND x.period_end = ? AND x.source = ? AND x.quantity = ? AND x.unit = ? AND x.companion_of IS NULL
      AND x.batch_id NOT IN (?, ?) AND ${LIVE} AND NOT ${FUEL_DERIVED('x')} LIMIT 1`, [m.org, m.meter, p.day, p.day, m.source, p.quantity, m.unit, m.batchId, undone]) as { b: number } | undefined;
  return row?.b;
}

/**
 * A month's activities made to match its purchases that still count: the rows that count now
 * are withdrawn (by import `by`); with every purchase counting, the rows as first stored count
 * again; with some, rows summed from those are added, introduced by `by`.
 */
function resumMonth(db: SqlDb, monthId: number, by: number): void {
  const m = db.get('SELECT batch_id AS batchId, line, purchases_json AS purchases, superseded_json AS superseded FROM fuel_months WHERE id = ?', [monthId]) as { batchId: number; line: number; purchases: string; superseded: string | null };
  const superseded = supersededOf(m.superseded);
  const purchases = parsePurchases(m.purchases);
  const live = purchases.filter((p) => superseded[String(p.line)] === undefined);
  const rows = db.all('SELECT id, quantity, introduced_by AS introducedBy FROM activities WHERE batch_id = ? AND line = ? ORDER BY id', [m.batchId, m.line]) as { id: number; quantity: number; introducedBy: number | null }[];
  const withdraw = 'UPDATE activities SET superseded_by = ? WHERE id = ? AND superseded_by IS NULL';
  for (const r of rows) db.run(withdraw, [by, r.id]);
  if (live.length === 0) return;
  const originals = rows.filter((r) => r.introducedBy === null);
  if (live.length === purchases.length) {
    const restore = 'UPDATE activities SET superseded_by = NULL WHERE id = ?';
    for (const r of originals) db.run(restore, [r.id]);
    return;
  }
  let quantity = 0;
  let start = live[0]!.day;
  let end = start;
  for (const p of live) {
    quantity += p.quantity;
    if (p.day < start) start = p.day;
    if (p.day > end) end = p.day;
  }
  const insert = `INSERT INTO activities (batch_id, line, org, site, meter, source, period_start, period_end, quantity, unit, estimated, direction, apportioned_from, factor_key, companion_of,
      factor_year, factor_edition, factor_unit, factor_kg_per_unit, factor_custom, policy, kg_co2e, kg_co2, kg_ch4, kg_n2o, scope, scope_category, extra_json, introduced_by)
    SELECT batch_id, line, org, site, meter, source, ?, ?, ?, unit, estimated, direction, apportioned_from, factor_key, companion_of,
      factor_year, factor_edition, factor_unit, factor_kg_per_unit, factor_custom, policy, kg_co2e * ?, kg_co2 * ?, kg_ch4 * ?, kg_n2o * ?, scope, scope_category, ?, ?
    FROM activities WHERE id = ?`;
  const extra = JSON.stringify({ purchases: live.length });
  // Emissions are linear in quantity: the live share of the month's quantity gives its share of each gas.
  for (const r of originals) {
    const share = quantity / r.quantity;
    db.run(insert, [start, end, quantity, share, share, share, share, extra, by, r.id]);
  }
}
