/**
 * Replacing and correcting stored data at the grain it was measured in: a meter-day for
 * half-hourly data, a meter and period for bills, a transaction for fleet lines. An import
 * supersedes exactly what it brings again, no more: a corrected file for one meter leaves the
 * other meters alone, and a file for 3–4 April fills the gap between 1–2 and 5–6 April.
 *
 * Rows are never deleted or changed in place. A row counts while its import is active and its
 * `superseded_by` is empty. What an import supersedes is marked with its id; where it covers only
 * part of an earlier row (some days of a stored month, part of a bill's period), the earlier row
 * is superseded whole and its remainder added beside it (`introduced_by`, same import and line),
 * pro rata by the days left, as bills are split across months. Undoing the import withdraws the
 * remainders and restores what it superseded, unless something imported since covers it.
 * Every supersession is recorded, with the quantities before and after, in `supersessions`.
 *
 * Runs inside the importing batch's write transaction (or the undo's), on the handle it is given.
 */

import type { SqlDb } from './sql.js';
import { faultPoint } from '../kernel/fault-point.js';
import type { Overlap, Superseded } from './records.js';
import { FUEL_DERIVED, fuelTransactionHits, restorePurchasesAfterUndo, supersedePurchases } from './supersede-fuel.js';

/** A stored row about to be superseded, and what replaces it. */
interface Hit {
  readonly table: 'activities' | 'hh_days' | 'fuel_months';
  /** `id` of the activity (its main row; companions follow), `rowid` of the meter-day, or `id` of the fuel-card month. */
  readonly rowId: number;
  /** For a fuel-card month: the line of the purchase brought again. */
  readonly purchaseLine?: number;
  readonly batchId: number;
  readonly fileName: string;
  readonly meter: string;
  readonly unit: string;
  readonly start: string;
  readonly end: string;
  readonly quantity: number;
  /** Days of the row's period the incoming data does not cover (activities only), as ranges. */
  readonly uncovered: readonly DayRange[];
  /** What the incoming data has for the same meter and days. */
  readonly incoming: { readonly start: string; readonly end: string; readonly quantity: number };
}

interface DayRange {
  readonly start: string;
  readonly end: string;
}

interface HhRow {
  readonly rowId: number;
  readonly batchId: number;
  readonly fileName: string;
  readonly meter: string;
  readonly day: string;
  readonly kwh: number;
  readonly newKwh: number;
}

interface ActivityRow {
  readonly id: number;
  readonly batchId: number;
  readonly fileName: string;
  readonly meter: string;
  readonly unit: string;
  readonly start: string;
  readonly end: string;
  readonly quantity: number;
  readonly direction: string;
}

const LIVE = `b.status = 'active' AND x.superseded_by IS NULL`;

/** Whether batch `batchId` holds half-hourly days for `meter` (its activities are monthly sums of them). */
const HH_DERIVED = (alias: string): string => `EXISTS (SELECT 1 FROM hh_days hd WHERE hd.batch_id = ${alias}.batch_id AND hd.meter = ${alias}.meter)`;

/** Everything stored and counting that batch `newId` brings again. */
function findHits(db: SqlDb, newId: number, kind: string): Hit[] {
  // An organisation's first import (or one whose others were all undone) brings nothing again:
  // no reading of its rows against an empty ledger (a quarter of a first bill import's time).
  const others = db.get("SELECT 1 FROM batches WHERE org = (SELECT org FROM batches WHERE id = ?) AND id <> ? AND status = 'active' LIMIT 1", [newId, newId]);
  if (others === undefined) return [];
  const hits: Hit[] = [];
  // Half-hourly days against stored half-hourly days: the same meter and day.
  const hh = db.all(`
    SELECT x.rowid AS rowId, x.batch_id AS batchId, b.file_name AS fileName, x.meter AS meter, x.day AS day, x.kwh_total AS kwh, n.kwh_total AS newKwh
    FROM hh_days n
    JOIN hh_days x ON x.org = n.org AND x.meter = n.meter AND x.day = n.day AND x.batch_id <> n.batch_id
    JOIN batches b ON b.id = x.batch_id
    WHERE n.batch_id = ? AND ${LIVE}
    ORDER BY x.meter, x.day`, [newId]) as HhRow[];
  for (const r of hh) {
    hits.push({ table: 'hh_days', rowId: r.rowId, batchId: r.batchId, fileName: r.fileName, meter: r.meter, unit: 'kWh', start: r.day, end: r.day, quantity: r.kwh, uncovered: [], incoming: { start: r.day, end: r.day, quantity: r.newKwh } });
  }
  // An ERIC return is stored under one meter per trust (`ERIC <code>`): a second return of the
  // same trust and year, from the other level's file, is matched by meter and period as bills are.
  if (kind === 'energy' || kind === 'eric') hits.push(...energyPeriodHits(db, newId));
  if (kind === 'fleet') {
    hits.push(...transactionHits(db, newId));
    for (const h of fuelTransactionHits(db, newId)) {
      const day = { start: h.day, end: h.day };
      hits.push({ ...day, table: h.table, rowId: h.rowId, ...(h.table === 'fuel_months' ? { purchaseLine: h.line } : {}), batchId: h.batchId, fileName: h.fileName, meter: h.meter, unit: h.unit, quantity: h.quantity, uncovered: [], incoming: { ...day, quantity: h.quantity } });
    }
  }
  return hits;
}

/**
 * Bills (and half-hourly days) against stored bills, and bills against stored half-hourly days:
 * per meter, the incoming days are the union of the new batch's periods (its days, for
 * half-hourly data); a stored row they touch is hit, with the days they leave uncovered.
 */
function energyPeriodHits(db: SqlDb, newId: number): Hit[] {
  const hits: Hit[] = [];
  // Per meter, the incoming periods in date order (both queries below sort them), with quantities.
  const incoming = new Map<string, { start: string; end: string; quantity: number }[]>();
  const add = (meter: string, start: string, end: string, quantity: number): void => {
    let m = incoming.get(meter);
    if (!m) incoming.set(meter, (m = []));
    m.push({ start, end, quantity });
  };
  const newIsHh = db.get('SELECT 1 FROM hh_days WHERE batch_id = ? LIMIT 1', [newId]) !== undefined;
  if (newIsHh) {
    for (const r of db.all("SELECT meter, day, kwh_total AS q FROM hh_days WHERE batch_id = ? ORDER BY meter, day", [newId]) as { meter: string; day: string; q: number }[]) add(r.meter, r.day, r.day, r.q);
  } else {
    for (const r of db.all(`SELECT meter, period_start AS s, period_end AS e, quantity AS q FROM activities
        WHERE batch_id = ? AND companion_of IS NULL AND meter IS NOT NULL AND direction = 'import' ORDER BY meter, period_start`, [newId]) as { meter: string; s: string; e: string; q: number }[]) add(r.meter, r.s, r.e, r.q);
  }
  const storedRows = `
    SELECT x.id AS id, x.batch_id AS batchId, b.file_name AS fileName, x.meter AS meter, x.unit AS unit, x.period_start AS start, x.period_end AS end, x.quantity AS quantity, x.direction AS direction
    FROM activities x JOIN batches b ON b.id = x.batch_id
    WHERE x.org = (SELECT org FROM batches WHERE id = ?) AND x.meter = ? AND x.batch_id <> ? AND x.companion_of IS NULL
      AND x.period_start <= ? AND x.period_end >= ? AND ${LIVE} AND NOT ${HH_DERIVED('x')}
    ORDER BY x.period_start, x.id`;
  const storedDays = `
    SELECT x.rowid AS rowId, x.batch_id AS batchId, b.file_name AS fileName, x.meter AS meter, x.day AS day, x.kwh_total AS kwh
    FROM hh_days x JOIN batches b ON b.id = x.batch_id
    WHERE x.org = (SELECT org FROM batches WHERE id = ?) AND x.meter = ? AND x.batch_id <> ? AND x.day >= ? AND x.day <= ? AND ${LIVE}
    ORDER BY x.day`;
  for (const [meter, periods] of incoming) {
    const merged = mergeRanges(periods);
    const span = { start: merged[0]!.start, end: merged[merged.length - 1]!.end };
    for (const r of db.all(storedRows, [newId, meter, newId, span.end, span.start]) as ActivityRow[]) {
      const covered = intersect(merged, { start: r.start, end: r.end });
      if (covered.length === 0) continue;
      const incomingQty = quantityWithin(periods, r);
      hits.push({
        table: 'activities', rowId: r.id, batchId: r.batchId, fileName: r.fileName, meter, unit: r.unit, start: r.start, end: r.end, quantity: r.quantity,
        uncovered: subtract({ start: r.start, end: r.end }, merged), incoming: { start: covered[0]!.start, end: covered[covered.length - 1]!.end, quantity: incomingQty },
      });
    }
    // Stored half-hourly days under an incoming bill (a half-hourly file is matched day by day above).
    if (!newIsHh) {
      for (const d of db.all(storedDays, [newId, meter, newId, span.start, span.end]) as Omit<HhRow, 'newKwh'>[]) {
        if (intersect(merged, { start: d.day, end: d.day }).length === 0) continue;
        // What the bill brings for that day: its share of each period covering it, by days.
        const day = { start: d.day, end: d.day };
        const incomingKwh = periods.filter((p) => p.start <= d.day && p.end >= d.day).reduce((sum, p) => sum + p.quantity / daysIn(p), 0);
        hits.push({ table: 'hh_days', rowId: d.rowId, batchId: d.batchId, fileName: d.fileName, meter, unit: 'kWh', ...day, quantity: d.kwh, uncovered: [], incoming: { ...day, quantity: incomingKwh } });
      }
    }
  }
  return hits;
}

/**
 * Fleet lines are transactions: the same registration (or charger), date, source, quantity and
 * unit is the same purchase brought again, whichever export it came in. Matched as multisets, so
 * two identical purchases on one day stored once and brought twice count one as new.
 */
function transactionHits(db: SqlDb, newId: number): Hit[] {
  // Only an import of the same kind can hold the same purchases (its sources are fleet ones):
  // with none live, the scan below, which reads every row of the batch's dates, is skipped.
  const others = db.get(`SELECT 1 FROM batches o JOIN batches n ON n.id = ? WHERE o.org = n.org AND o.kind = n.kind AND o.id <> n.id AND o.status = 'active' LIMIT 1`, [newId]);
  if (others === undefined) return [];
  // Stored purchases that match one of the batch's on every field, found by the stored side: a
  // new file of new purchases (the usual case) costs one indexed range scan, not a query per line.
  const candidates = db.all(`
    SELECT x.id AS id, x.batch_id AS batchId, b.file_name AS fileName, x.meter AS meter, x.period_start AS start, x.period_end AS end,
      x.source AS source, x.quantity AS quantity, x.unit AS unit
    FROM activities x JOIN batches b ON b.id = x.batch_id
    WHERE x.org = (SELECT org FROM batches WHERE id = ?) AND x.batch_id <> ? AND x.companion_of IS NULL AND x.meter IS NOT NULL
      AND x.period_start >= (SELECT min(period_start) FROM activities WHERE batch_id = ?)
      AND x.period_start <= (SELECT max(period_start) FROM activities WHERE batch_id = ?)
      AND ${LIVE} AND NOT ${FUEL_DERIVED('x')}
      AND EXISTS (SELECT 1 FROM activities n WHERE n.org = x.org AND n.meter = x.meter AND n.period_start = x.period_start
        AND n.batch_id = ? AND n.companion_of IS NULL AND n.source = x.source AND n.quantity = x.quantity AND n.unit = x.unit AND NOT ${FUEL_DERIVED('n')})
    ORDER BY x.id`, [newId, newId, newId, newId, newId]) as { id: number; batchId: number; fileName: string; meter: string; start: string; end: string; source: string; quantity: number; unit: string }[];
  if (candidates.length === 0) return [];
  const copies = `SELECT count(*) AS n FROM activities n WHERE org = (SELECT org FROM batches WHERE id = ?) AND meter = ? AND period_start = ?
    AND batch_id = ? AND companion_of IS NULL AND source = ? AND quantity = ? AND unit = ? AND NOT ${FUEL_DERIVED('n')}`;
  // Matched as multisets: as many stored copies as the batch brings, the earliest first.
  const left = new Map<string, number>();
  const hits: Hit[] = [];
  for (const c of candidates) {
    const id = `${c.meter}\u0000${c.start}\u0000${c.source}\u0000${c.quantity}\u0000${c.unit}`;
    let n = left.get(id);
    if (n === undefined) n = (db.get(copies, [newId, c.meter, c.start, newId, c.source, c.quantity, c.unit]) as { n: number }).n;
    if (n <= 0) continue;
    left.set(id, n - 1);
    hits.push({ table: 'activities', rowId: c.id, batchId: c.batchId, fileName: c.fileName, meter: c.meter, unit: c.unit, start: c.start, end: c.end, quantity: c.quantity, uncovered: [], incoming: { start: c.start, end: c.end, quantity: c.quantity } });
  }
  return hits;
}

/** What batch `newId` would supersede, one example per meter (to explain a refusal). */
export function findOverlaps(db: SqlDb, newId: number, kind: string, limit = 50): Overlap[] {
  const byMeter = new Map<string, Overlap>();
  for (const h of findHits(db, newId, kind)) {
    if (byMeter.has(h.meter)) continue;
    byMeter.set(h.meter, { batchId: h.batchId, fileName: h.fileName, meter: h.meter, start: h.start, end: h.end, incoming: { start: h.incoming.start, end: h.incoming.end } });
    if (byMeter.size >= limit) break;
  }
  return [...byMeter.values()];
}

/**
 * Supersedes what batch `newId` brings again and records it; returns one line per earlier import
 * and meter, with the quantities before and after.
 */
export function supersede(db: SqlDb, newId: number, kind: string): Superseded[] {
  const hits = findHits(db, newId, kind);
  if (hits.length === 0) return [];
  const markDay = 'UPDATE hh_days SET superseded_by = ? WHERE rowid = ? AND superseded_by IS NULL';
  const months = new Set<string>();
  const purchases: { rowId: number; line: number }[] = [];
  for (const h of hits) {
    if (h.table === 'hh_days') {
      db.run(markDay, [newId, h.rowId]);
      months.add(monthKey(h.batchId, h.meter, h.start));
    } else if (h.table === 'fuel_months') {
      purchases.push({ rowId: h.rowId, line: h.purchaseLine! });
    } else {
      supersedeActivity(db, newId, h);
    }
  }
  supersedePurchases(db, newId, purchases);
  for (const m of months) {
    const [batchId, meter, month] = m.split('\u0000') as [string, string, string];
    recomputeMonth(db, Number(batchId), meter, month, newId);
  }
  faultPoint('superseded');
  const summary = summariseHits(hits);
  const record = `INSERT INTO supersessions (batch_id, superseded_batch_id, meter, unit, period_start, period_end, rows, quantity_before, quantity_after)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;
  for (const s of summary) db.run(record, [newId, s.batchId, s.meter, s.unit, s.start, s.end, s.rows, s.quantityBefore, s.quantityAfter]);
  return summary;
}

function monthKey(batchId: number, meter: string, day: string): string {
  return `${batchId}\u0000${meter}\u0000${day.slice(0, 7)}`;
}

/** One line per earlier import, meter and unit. */
function summariseHits(hits: readonly Hit[]): Superseded[] {
  const out = new Map<string, { batchId: number; fileName: string; meter: string; unit: string; start: string; end: string; rows: number; quantityBefore: number; quantityAfter: number; seenIncoming: Set<string> }>();
  for (const h of hits) {
    const id = `${h.batchId}\u0000${h.meter}\u0000${h.unit}`;
    let s = out.get(id);
    if (!s) out.set(id, (s = { batchId: h.batchId, fileName: h.fileName, meter: h.meter, unit: h.unit, start: h.start, end: h.end, rows: 0, quantityBefore: 0, quantityAfter: 0, seenIncoming: new Set() }));
    s.rows++;
    // A row partly covered contributes the covered share of its quantity.
    const days = daysIn({ start: h.start, end: h.end });
    const left = h.uncovered.reduce((n, r) => n + daysIn(r), 0);
    s.quantityBefore += h.quantity * (days - left) / days;
    const incomingId = `${h.incoming.start}|${h.incoming.end}`;
    if (!s.seenIncoming.has(incomingId) || h.table === 'hh_days') {
      s.seenIncoming.add(incomingId);
      s.quantityAfter += h.incoming.quantity;
    }
    if (h.start < s.start) s.start = h.start;
    if (h.end > s.end) s.end = h.end;
  }
  return [...out.values()].map((s) => ({ batchId: s.batchId, fileName: s.fileName, meter: s.meter, unit: s.unit, start: s.start, end: s.end, rows: s.rows, quantityBefore: s.quantityBefore, quantityAfter: s.quantityAfter })).sort((a, b) => a.meter.localeCompare(b.meter) || a.batchId - b.batchId);
}

const COPY_COLUMNS = `batch_id, line, org, site, meter, source, period_start, period_end, quantity, unit, estimated, direction, apportioned_from, factor_key, companion_of,
  factor_year, factor_edition, factor_unit, factor_kg_per_unit, factor_custom, policy, kg_co2e, kg_co2, kg_ch4, kg_n2o, scope, scope_category, extra_json`;

/**
 * An activity and its companions (T&D, WTT, biogenic CO2: the rows of the same import, line,
 * meter, period and direction) superseded; the days left uncovered added back pro rata.
 */
function supersedeActivity(db: SqlDb, newId: number, h: Hit): void {
  const group = db.all(`SELECT x.id AS id FROM activities x JOIN activities m ON m.id = ?
    WHERE x.batch_id = m.batch_id AND x.line = m.line AND x.meter = m.meter AND x.period_start = m.period_start AND x.period_end = m.period_end
      AND x.direction = m.direction AND x.superseded_by IS NULL AND (x.id = m.id OR x.companion_of IS NOT NULL)`, [h.rowId]) as { id: number }[];
  const mark = 'UPDATE activities SET superseded_by = ? WHERE id = ?';
  const total = daysIn({ start: h.start, end: h.end });
  for (const { id } of group) {
    db.run(mark, [newId, id]);
    for (const r of h.uncovered) copyScaled(db, id, r, total, newId);
  }
}

/** A copy of activity `id` (over `totalDays`) cut to `period`, quantity and emissions pro rata, introduced by import `by`. */
function copyScaled(db: SqlDb, id: number, period: DayRange, totalDays: number, by: number): void {
  const share = daysIn(period) / totalDays;
  // The parameters inside json_object are cast: PostgreSQL cannot tell their type from there.
  db.run(`INSERT INTO activities (${COPY_COLUMNS}, introduced_by)
    SELECT batch_id, line, org, site, meter, source, ?, ?, quantity * ?, unit, estimated, direction,
      json_object('start', period_start, 'end', period_end, 'days', CAST(? AS INTEGER), 'totalDays', CAST(? AS INTEGER), 'share', CAST(? AS REAL), 'remainderOf', id),
      factor_key, companion_of, factor_year, factor_edition, factor_unit, factor_kg_per_unit, factor_custom, policy,
      kg_co2e * ?, kg_co2 * ?, kg_ch4 * ?, kg_n2o * ?, scope, scope_category, extra_json, ?
    FROM activities WHERE id = ?`, [period.start, period.end, share, daysIn(period), totalDays, share, share, share, share, share, by, id]);
}

/**
 * The monthly rows a half-hourly import keeps for a meter (its emissions are computed per meter
 * and month) made to match its meter-days that still count: superseded, and replaced by rows
 * summed from the live days (or restored as they were when every day counts again).
 */
function recomputeMonth(db: SqlDb, batchId: number, meter: string, month: string, by: number): void {
  const days = db.all(`SELECT day, periods, estimated_periods AS est, kwh_total AS imp, export_kwh_total AS exp, superseded_by AS sup
    FROM hh_days WHERE batch_id = ? AND meter = ? AND substr(day, 1, 7) = ? ORDER BY day`, [batchId, meter, month]) as { day: string; periods: number; est: number; imp: number; exp: number; sup: number | null }[];
  const live = days.filter((d) => d.sup === null);
  const rows = db.all(`SELECT id, direction, quantity, introduced_by AS introducedBy, superseded_by AS supersededBy FROM activities
    WHERE batch_id = ? AND meter = ? AND substr(period_start, 1, 7) = ? ORDER BY id`, [batchId, meter, month]) as { id: number; direction: string; quantity: number; introducedBy: number | null; supersededBy: number | null }[];
  const withdraw = 'UPDATE activities SET superseded_by = ? WHERE id = ? AND superseded_by IS NULL';
  for (const r of rows) db.run(withdraw, [by, r.id]);
  if (live.length === 0) return;
  const originals = rows.filter((r) => r.introducedBy === null);
  if (live.length === days.length) {
    // Every day counts again: the rows as first stored count again.
    const restore = 'UPDATE activities SET superseded_by = NULL WHERE id = ?';
    for (const r of originals) db.run(restore, [r.id]);
    return;
  }
  const sums = { import: live.reduce((s, d) => s + d.imp, 0), export: live.reduce((s, d) => s + d.exp, 0) };
  const periods = live.reduce((s, d) => s + d.periods, 0);
  const estimated = live.reduce((s, d) => s + d.est, 0);
  const start = live[0]!.day;
  const end = live[live.length - 1]!.day;
  const extra = JSON.stringify({ days: live.length, periods, estimatedPeriods: estimated });
  const insert = `INSERT INTO activities (${COPY_COLUMNS}, introduced_by)
    SELECT batch_id, line, org, site, meter, source, ?, ?, ?, unit, ?, direction, apportioned_from, factor_key, companion_of,
      factor_year, factor_edition, factor_unit, factor_kg_per_unit, factor_custom, policy,
      CASE WHEN quantity = 0 THEN ? * factor_kg_per_unit ELSE kg_co2e * ? END, kg_co2 * ?, kg_ch4 * ?, kg_n2o * ?, scope, scope_category, ?, ?
    FROM activities WHERE id = ?`;
  for (const r of originals) {
    const quantity = r.direction === 'export' ? sums.export : sums.import;
    if (r.direction === 'export' && quantity <= 0) continue;
    const share = r.quantity === 0 ? 0 : quantity / r.quantity;
    db.run(insert, [start, end, quantity, estimated * 2 > periods ? 1 : 0, quantity, share, share, share, share, extra, by, r.id]);
  }
}

/**
 * After batch `batchId` is undone: what it introduced stops counting, and what it superseded
 * counts again, unless an import since covers the same meter and days (then that one's data
 * stands, and the row is marked superseded by it).
 */
export function restoreAfterUndo(db: SqlDb, batchId: number): void {
  db.run('UPDATE activities SET superseded_by = ? WHERE introduced_by = ? AND superseded_by IS NULL', [batchId, batchId]);
  const days = db.all('SELECT rowid AS rowId, batch_id AS b, org, meter, day FROM hh_days WHERE superseded_by = ?', [batchId]) as { rowId: number; b: number; org: string; meter: string; day: string }[];
  const liveDay = `SELECT x.batch_id AS b FROM hh_days x JOIN batches b ON b.id = x.batch_id WHERE x.org = ? AND x.meter = ? AND x.day = ? AND ${LIVE} LIMIT 1`;
  const setDay = 'UPDATE hh_days SET superseded_by = ? WHERE rowid = ?';
  const months = new Set<string>();
  for (const d of days) {
    const other = db.get(liveDay, [d.org, d.meter, d.day]) as { b: number } | undefined;
    db.run(setDay, [other?.b ?? null, d.rowId]);
    months.add(monthKey(d.b, d.meter, d.day));
  }
  // Rows it superseded outside half-hourly months: bills and fleet transactions (with companions).
  const rows = db.all(`SELECT x.id AS id, x.org AS org, x.meter AS meter, x.period_start AS start, x.period_end AS end, x.companion_of AS companionOf
    FROM activities x WHERE x.superseded_by = ? AND x.introduced_by IS NOT ? AND NOT ${HH_DERIVED('x')} AND NOT ${FUEL_DERIVED('x')}`, [batchId, batchId]) as { id: number; org: string; meter: string | null; start: string; end: string; companionOf: string | null }[];
  const liveRow = `SELECT x.batch_id AS b FROM activities x JOIN batches b ON b.id = x.batch_id
    WHERE x.org = ? AND x.meter = ? AND x.companion_of IS NULL AND x.period_start <= ? AND x.period_end >= ? AND ${LIVE} LIMIT 1`;
  const setRow = 'UPDATE activities SET superseded_by = ? WHERE id = ?';
  // Decided per main row; its companions follow it.
  const decided = new Map<string, number | null>();
  for (const r of rows.filter((x) => x.companionOf === null)) {
    const other = r.meter === null ? undefined : (db.get(liveRow, [r.org, r.meter, r.end, r.start]) as { b: number } | undefined);
    decided.set(`${r.meter}|${r.start}|${r.end}`, other?.b ?? null);
  }
  for (const r of rows) db.run(setRow, [decided.get(`${r.meter}|${r.start}|${r.end}`) ?? null, r.id]);
  for (const m of months) {
    const [b, meter, month] = m.split('\u0000') as [string, string, string];
    recomputeMonth(db, Number(b), meter, month, batchId);
  }
  restorePurchasesAfterUndo(db, batchId);
  // Area statistics: the editions it superseded are listed as counting again (which edition
  // counts is decided when the figures are read; see area-store.ts).
  db.run("UPDATE batches SET status = 'active', superseded_by = NULL WHERE kind = 'la-ghg' AND status = 'superseded' AND superseded_by = ?", [batchId]);
}

/**
 * What the incoming periods (in date order, not overlapping one another: days, or a meter's bill
 * months) hold for the days of `r`: found by halving, so a meter with ten years of months is not
 * rescanned for each stored row.
 */
function quantityWithin(periods: readonly { start: string; end: string; quantity: number }[], r: DayRange): number {
  let lo = 0;
  let hi = periods.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (periods[mid]!.end < r.start) lo = mid + 1;
    else hi = mid;
  }
  let sum = 0;
  for (let i = lo; i < periods.length && periods[i]!.start <= r.end; i++) sum += periods[i]!.quantity;
  return sum;
}

function mergeRanges(ranges: readonly DayRange[]): DayRange[] {
  const sorted = [...ranges].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: { start: string; end: string }[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && r.start <= nextDay(last.end)) {
      if (r.end > last.end) last.end = r.end;
    } else out.push({ ...r });
  }
  return out;
}

function intersect(merged: readonly DayRange[], r: DayRange): DayRange[] {
  return merged.filter((m) => m.start <= r.end && m.end >= r.start).map((m) => ({ start: m.start > r.start ? m.start : r.start, end: m.end < r.end ? m.end : r.end }));
}

/** The days of `r` outside every range of `merged`. */
function subtract(r: DayRange, merged: readonly DayRange[]): DayRange[] {
  const out: DayRange[] = [];
  let from = r.start;
  for (const m of merged) {
    if (m.end < from || m.start > r.end) continue;
    if (m.start > from) out.push({ start: from, end: previousDay(m.start) });
    from = nextDay(m.end);
    if (from > r.end) return out;
  }
  if (from <= r.end) out.push({ start: from, end: r.end });
  return out;
}

const DAY_MS = 86_400_000;

/** Calendar days, inclusive. ISO dates are read as UTC midnights: no clock change gets in. */
function daysIn(r: DayRange): number {
  return Math.round((Date.parse(`${r.end}T00:00:00Z`) - Date.parse(`${r.start}T00:00:00Z`)) / DAY_MS) + 1;
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

function previousDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}
