/**
 * The storage interface (`../sql.ts`) over a better-sqlite3 connection. Statements are prepared
 * once per connection and kept: the supersession code runs the same few statements once per row
 * it marks, and preparing each again cost more than running it.
 */

import type Database from 'better-sqlite3';
import type { RowSink, SqlDb, SqlValue } from '../sql.js';

/** Statements kept per connection; past this the cache starts again (generated `IN (?, …)` lists vary). */
const KEPT_STATEMENTS = 256;
/** Rows a multi-row INSERT of a sink holds (see `sink`). */
const ROWS_PER_INSERT = 50;

export class SqliteDb implements SqlDb {
  readonly engine = 'sqlite' as const;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

  statement(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (stmt === undefined) {
      if (this.statements.size >= KEPT_STATEMENTS) this.statements.clear();
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  all(sql: string, params: readonly SqlValue[] = []): unknown[] {
    return this.statement(sql).all(...params);
  }

  get(sql: string, params: readonly SqlValue[] = []): unknown {
    return this.statement(sql).get(...params);
  }

  run(sql: string, params: readonly SqlValue[] = []): number {
    return this.statement(sql).run(...params).changes;
  }

  insertId(sql: string, params: readonly SqlValue[] = []): number {
    return Number(this.statement(sql).run(...params).lastInsertRowid);
  }

  exec(sql: string): void {
    this.db.exec(sql);
  }

  /**
   * Rows inserted as they come, several to a statement: a fuel-card file's 50,000 non-fuel lines
   * (problems) went in 35% faster 50 rows a statement than one by one (measured). What is held
   * back goes in at `flush`, which the batch writer calls before reading its own rows back.
   */
  sink(table: string, columns: readonly string[]): RowSink {
    const row = `(${columns.map(() => '?').join(', ')})`;
    const sql = (n: number): string => `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: n }, () => row).join(', ')}`;
    const many = this.db.prepare(sql(ROWS_PER_INSERT));
    const one = this.db.prepare(sql(1));
    let pending: SqlValue[] = [];
    let rows = 0;
    return {
      add: (values) => {
        for (const v of values) pending.push(v);
        if (++rows === ROWS_PER_INSERT) {
          many.run(pending);
          pending = [];
          rows = 0;
        }
      },
      flush: () => {
        for (let i = 0; i < rows; i++) one.run(pending.slice(i * columns.length, (i + 1) * columns.length));
        pending = [];
        rows = 0;
      },
    };
  }
}
