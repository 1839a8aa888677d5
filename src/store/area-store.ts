/**
 * The ledger's area statistics (schema 7): the DESNZ local authority greenhouse gas figures,
 * each row kept as published with the import, and so the edition, it came from.
 *
 * Writing. `Ledger` keeps its connection to itself and its batch writer knows only an
 * organisation's rows (activities, meter-days, fuel months), so an area import writes through a
 * connection of its own to the same ledger, opened once the ledger has been opened (checked and
 * migrated) and closed when the import ends. One transaction holds the batch row, every figure
 * and the supersession of earlier editions: it lands whole or not at all, as every import does.
 *
 * Which edition counts is decided when reading, not by rewriting rows: for each authority, the
 * import of the latest edition that holds it, among imports that have not been undone. Marking
 * the earlier edition's batch superseded is for the history (`imports list`, `imports show`);
 * since the read does not depend on it, undoing a new edition brings the earlier one back.
 */

import type { LedgerEngine } from './engine.js';
import type { Ledger } from './ledger.js';
import type { NewBatch, ProblemRecord } from './records.js';
import type { RowSink } from './sql.js';

/** What a file's figures measure: all three gases as CO2e, or (older editions) CO2 alone. */
export type LaGhgBasis = 'ghg' | 'co2';

/** Rows of the statistics that are authorities, the upper tier (a county), or not an authority at all. */
export type AreaKind = 'authority' | 'county' | 'not-an-authority';

/** One row of the statistics as stored. */
export interface LaGhgFigure {
  readonly line: number;
  readonly areaKind: AreaKind;
  /** GSS code; null for a row that is not an authority. */
  readonly laCode: string | null;
  readonly laName: string;
  readonly secondTier: string | null;
  readonly region: string | null;
  readonly country: string | null;
  readonly year: number;
  readonly sector: string;
  readonly subsector: string;
  readonly gas: string;
  /** kt CO2e; kt CO2 in a CO2-only edition. */
  readonly territorialKt: number | null;
  readonly influenceKt: number | null;
  readonly populationThousands: number | null;
  readonly areaKm2: number | null;
}

export interface LaGhgEdition {
  readonly edition: string;
  readonly lastYear: number;
  readonly basis: LaGhgBasis;
}

/** An earlier import of the same basis that a newer edition replaces (or that replaces an older one brought late). */
export interface EditionReplaced {
  readonly batchId: number;
  readonly fileName: string;
  readonly edition: string;
}

const FIGURE_COLUMNS = ['batch_id', 'line', 'area_kind', 'la_code', 'la_name', 'second_tier', 'region', 'country', 'calendar_year', 'sector', 'subsector', 'gas',
  'territorial_kt', 'influence_kt', 'population_thousands', 'area_km2'];

/** An area import being written: figures go in as the file is read; `finish` or `abandon` ends it. */
export class AreaBatchWriter {
  private readonly engine: LedgerEngine;
  private readonly batchId: number;
  private readonly figures: RowSink;
  private open = true;

  constructor(ledger: Ledger, batch: NewBatch) {
    this.engine = ledger.connectAgain();
    try {
      this.engine.beginWrite(batch.org);
      this.batchId = this.engine.sql.insertId(`INSERT INTO batches (kind, profile, org, file_name, sha256, size_bytes, rows_read, rows_accepted, rows_excluded, rows_rejected, period_start, period_end, imported_at, tool_version, policy, status, summary_json)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'importing', ?)`, [batch.kind, batch.profile, batch.org, batch.fileName, batch.sha256, batch.sizeBytes, batch.rowsRead, batch.rowsAccepted,
        batch.rowsExcluded, batch.rowsRejected, batch.periodStart, batch.periodEnd, batch.importedAt, batch.toolVersion, batch.policy, batch.summaryJson]);
      this.figures = this.engine.sink('la_ghg_figures', FIGURE_COLUMNS);
    } catch (e) {
      this.abandon();
      throw this.engine.failure(e);
    }
  }

  add(f: LaGhgFigure): void {
    try {
      this.figures.add([this.batchId, f.line, f.areaKind, f.laCode, f.laName, f.secondTier, f.region, f.country, f.year, f.sector, f.subsector, f.gas,
        f.territorialKt, f.influenceKt, f.populationThousands, f.areaKm2]);
    } catch (e) {
      throw this.engine.failure(e);
    }
  }

  /**
   * Stores the batch's last figures, its edition and problems, and marks superseded (for the
   * history) the earlier imports of the same basis that this edition replaces: those of an
   * earlier or the same edition. An import of an edition older than one already held is itself
   * marked superseded by that one: it is kept, and never counts while the newer one stands.
   */
  finish(update: Partial<NewBatch>, edition: LaGhgEdition, problems: readonly ProblemRecord[], at: string): { readonly batchId: number; readonly replaced: readonly EditionReplaced[]; readonly replacedBy: EditionReplaced | null } {
    try {
      this.figures.flush();
      const db = this.engine.sql;
      const id = this.batchId;
      db.run('INSERT INTO la_ghg_editions (batch_id, edition, last_year, basis) VALUES (?, ?, ?, ?)', [id, edition.edition, edition.lastYear, edition.basis]);
      for (const p of problems) db.run('INSERT INTO batch_problems (batch_id, severity, line, col, value, code, message) VALUES (?, ?, ?, ?, ?, ?, ?)', [id, p.severity, p.line, p.column, p.value, p.code, p.message]);
      const keys = Object.keys(update) as (keyof NewBatch)[];
      const sets = keys.map((k) => `${k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)} = ?`);
      db.run(`UPDATE batches SET ${[...sets, "status = 'active'"].join(', ')} WHERE id = ?`, [...keys.map((k) => update[k] ?? null), id]);
      const others = db.all(`SELECT b.id AS batchId, b.file_name AS fileName, e.edition AS edition, e.last_year AS lastYear FROM la_ghg_editions e JOIN batches b ON b.id = e.batch_id
        WHERE e.basis = ? AND b.status = 'active' AND b.id <> ? ORDER BY e.last_year DESC, b.id DESC`, [edition.basis, id]) as (EditionReplaced & { lastYear: number })[];
      const newer = others.find((o) => o.lastYear > edition.lastYear);
      const mark = "UPDATE batches SET status = 'superseded', superseded_by = ?, status_changed_at = ? WHERE id = ? AND status = 'active'";
      const replaced = newer === undefined ? others : [];
      if (newer !== undefined) db.run(mark, [newer.batchId, at, id]);
      for (const o of replaced) db.run(mark, [id, at, o.batchId]);
      this.engine.commit();
      this.close();
      const plain = ({ batchId, fileName, edition: e }: EditionReplaced): EditionReplaced => ({ batchId, fileName, edition: e });
      return { batchId: id, replaced: replaced.map(plain), replacedBy: newer === undefined ? null : plain(newer) };
    } catch (e) {
      this.abandon();
      throw this.engine.failure(e);
    }
  }

  /**
   * An active import of the same file (by content), looked up through this connection: once a
   * large import's pages have spilled from its cache, an SQLite ledger is locked against every
   * other connection, the ledger's own included, until the transaction ends.
   */
  activeBySha(org: string, sha256: string): { readonly id: number; readonly rows_read: number; readonly summary_json: string } | undefined {
    try {
      return (this.engine.sql.get("SELECT id, rows_read, summary_json FROM batches WHERE org = ? AND sha256 = ? AND status = 'active' AND id <> ? ORDER BY id LIMIT 1", [org, sha256, this.batchId]) as { id: number; rows_read: number; summary_json: string } | undefined);
    } catch (e) {
      throw this.engine.failure(e);
    }
  }

  /** Rolls everything back: nothing of the import is stored. */
  abandon(): void {
    if (!this.open) return;
    try {
      if (this.engine.inTransaction) this.engine.rollback();
    } finally {
      this.close();
    }
  }

  private close(): void {
    if (!this.open) return;
    this.open = false;
    this.engine.close();
  }
}

/** A stored figure with the edition it comes from. */
export interface StoredAreaFigure extends LaGhgFigure {
  readonly batchId: number;
  readonly edition: string;
  readonly basis: LaGhgBasis;
}

/**
 * The import whose figures count for an authority, on a basis: the latest edition that holds the
 * authority among imports not undone (or still importing); the later import of one edition.
 */
export function countingImport(ledger: Ledger, laCode: string, basis: LaGhgBasis): { readonly batchId: number; readonly edition: string; readonly fileName: string } | undefined {
  return ledger.select<{ batchId: number; edition: string; fileName: string }>(`SELECT e.batch_id AS batchId, e.edition AS edition, b.file_name AS fileName FROM la_ghg_editions e JOIN batches b ON b.id = e.batch_id
    WHERE e.basis = ? AND b.status IN ('active', 'superseded') AND EXISTS (SELECT 1 FROM la_ghg_figures f WHERE f.la_code = ? AND f.batch_id = e.batch_id)
    ORDER BY e.last_year DESC, e.batch_id DESC LIMIT 1`, [basis, laCode])[0];
}

/** An authority's figures from one import, in year and line order. Rows that are not an authority have no code and are never among them. */
export function authorityFigures(ledger: Ledger, laCode: string, batchId: number): StoredAreaFigure[] {
  return ledger.select<StoredAreaFigure>(`SELECT f.batch_id AS batchId, e.edition AS edition, e.basis AS basis, f.line AS line, f.area_kind AS areaKind, f.la_code AS laCode, f.la_name AS laName,
      f.second_tier AS secondTier, f.region AS region, f.country AS country, f.calendar_year AS year, f.sector AS sector, f.subsector AS subsector, f.gas AS gas,
      f.territorial_kt AS territorialKt, f.influence_kt AS influenceKt, f.population_thousands AS populationThousands, f.area_km2 AS areaKm2
    FROM la_ghg_figures f JOIN la_ghg_editions e ON e.batch_id = f.batch_id
    WHERE f.la_code = ? AND f.batch_id = ? AND f.area_kind <> 'not-an-authority' ORDER BY f.calendar_year, f.line`, [laCode, batchId]);
}
