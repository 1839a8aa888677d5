import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgError, redactSecrets, SyncPgClient } from '../../src/store/pg/sync-client.js';
import { pgTestUrl } from '../pg/server.js';

// The client runs its worker from dist/, so `npm run build` must have run first (as `npm test` does).
const url = pgTestUrl();

function pgError(fn: () => unknown): PgError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PgError) return e;
    throw e;
  }
  throw new Error('expected a PgError');
}

describe('redactSecrets', () => {
  it('hides the password of a postgres URL, as written and decoded', () => {
    const cs = 'postgres://u:s3%40cret@db.example:5432/ledger?sslmode=require';
    const text = `failed for ${cs}; password s3@cret; raw s3%40cret`;
    const out = redactSecrets(text, cs);
    expect(out).not.toContain('s3');
    expect(out).toContain('postgres://u:***@db.example:5432/ledger?sslmode=require');
  });

  it('hides the whole connection string when it cannot be parsed', () => {
    expect(redactSecrets('bad: not a url s3cret', 'not a url s3cret')).toBe('bad: [connection string]');
  });
});

describe('SyncPgClient against PostgreSQL', () => {
  let db: SyncPgClient;

  beforeAll(() => {
    db = SyncPgClient.connect(url, { applicationName: 'tco2e-test' });
  });
  afterAll(() => {
    db.close();
  });

  it('runs a query with parameters in both row modes', () => {
    const sql = 'SELECT $1::text AS name, $2::int AS n, $3::text AS missing';
    const params = ['gas', 42, null];
    expect(db.query(sql, params)).toEqual({ rows: [{ name: 'gas', n: 42, missing: null }], rowCount: 1 });
    expect(db.query(sql, params, 'array')).toEqual({ rows: [['gas', 42, null]], rowCount: 1 });
  });

  it('gives int8 and numeric as numbers', () => {
    const { rows } = db.query('SELECT $1::int8 AS big, count(*) AS n, $2::numeric AS kg, 12.345::numeric(10,3) AS fixed', ['9007199254740991', '0.000123']);
    expect(rows).toEqual([{ big: 9007199254740991, n: 1, kg: 0.000123, fixed: 12.345 }]);
  });

  it('round-trips float8 exactly', () => {
    for (const x of [0.1 + 0.2, 1e-300, -5e-324, Number.MAX_VALUE, 1 / 3]) {
      const { rows } = db.query('SELECT $1::float8 AS x', [x], 'array');
      expect(rows).toEqual([[x]]);
    }
  });

  it('round-trips bytea', () => {
    const bytes = new Uint8Array(256).map((_, i) => i);
    const { rows } = db.query('SELECT $1::bytea AS b, length($1::bytea) AS len', [bytes]);
    const row = rows[0] as { b: Uint8Array; len: number };
    expect(row.len).toBe(256);
    expect(row.b).toBeInstanceOf(Uint8Array);
    expect(Array.from(row.b)).toEqual(Array.from(bytes));
  });

  it('runs several statements with exec', () => {
    db.exec(`
      CREATE TEMP TABLE exec_t (id int PRIMARY KEY, v text);
      INSERT INTO exec_t VALUES (1, 'a');
      INSERT INTO exec_t VALUES (2, 'b');
    `);
    expect(db.query('SELECT id, v FROM exec_t ORDER BY id', [], 'array').rows).toEqual([[1, 'a'], [2, 'b']]);
  });

  it('reports a unique violation with its SQLSTATE and constraint, and stays usable', () => {
    db.exec('CREATE TEMP TABLE uniq_t (k text CONSTRAINT uniq_t_k_key UNIQUE)');
    db.query('INSERT INTO uniq_t VALUES ($1)', ['x']);
    const e = pgError(() => db.query('INSERT INTO uniq_t VALUES ($1)', ['x']));
    expect(e.code).toBe('23505');
    expect(e.constraint).toBe('uniq_t_k_key');
    expect(e.table).toBe('uniq_t');
    expect(e.detail).toContain('(k)=(x)');
    expect(db.broken).toBe(false);
    expect(db.query('SELECT count(*) AS n FROM uniq_t').rows).toEqual([{ n: 1 }]);
  });

  it('copies 10,000 rows inside a transaction, and ROLLBACK leaves none', () => {
    db.exec('CREATE TEMP TABLE copy_t (id int8, kg float8, note text)');
    let data = '';
    for (let i = 1; i <= 10_000; i++) data += `${i}\t${i / 10}\tline ${i}\\twith tab\n`;
    db.exec('BEGIN');
    expect(db.copyIn('COPY copy_t (id, kg, note) FROM STDIN', data)).toBe(10_000);
    expect(db.query('SELECT count(*) AS n, sum(id) AS s FROM copy_t').rows).toEqual([{ n: 10_000, s: 50_005_000 }]);
    expect(db.query('SELECT note FROM copy_t WHERE id = 7').rows).toEqual([{ note: 'line 7\twith tab' }]);
    db.exec('ROLLBACK');
    expect(db.query('SELECT count(*) AS n FROM copy_t').rows).toEqual([{ n: 0 }]);
  });

  it('reports bad COPY data as a PgError and stays usable', () => {
    db.exec('CREATE TEMP TABLE copy_bad (id int)');
    const e = pgError(() => db.copyIn('COPY copy_bad (id) FROM STDIN', '1\nnot a number\n'));
    expect(e.code).toBe('22P02');
    expect(db.query('SELECT 1 AS one').rows).toEqual([{ one: 1 }]);
  });

  it('never shows the password when a connection fails', () => {
    const bad = new URL(url);
    bad.password = 's3cret';
    bad.port = '1';
    const e = pgError(() => SyncPgClient.connect(bad.toString()));
    expect(e.code).toBe('ECONNREFUSED');
    expect(e.message).not.toContain('s3cret');
    expect(String(e.stack)).not.toContain('s3cret');
  });

  it('lets the server cancel a statement past the timeout and stays usable', () => {
    const c = SyncPgClient.connect(url, { statementTimeoutMs: 200 });
    try {
      expect(pgError(() => c.query('SELECT pg_sleep(5)')).code).toBe('57014');
      expect(c.broken).toBe(false);
      expect(c.query('SELECT 2 AS two').rows).toEqual([{ two: 2 }]);
    } finally {
      c.close();
    }
  });

  it('becomes broken when the server ends the session while idle', async () => {
    const c = SyncPgClient.connect(url);
    try {
      const pid = (c.query('SELECT pg_backend_pid() AS pid').rows[0] as { pid: number }).pid;
      expect(db.query('SELECT pg_terminate_backend($1) AS ok', [pid]).rows).toEqual([{ ok: true }]);
      for (let i = 0; i < 100 && !c.broken; i++) await sleep(20);
      expect(c.broken).toBe(true);
      const e = pgError(() => c.query('SELECT 1'));
      expect(e.code).toBe('57P01');
    } finally {
      c.close();
    }
  });

  it('closes twice safely, then refuses calls', () => {
    const c = SyncPgClient.connect(url);
    expect(c.broken).toBe(false);
    c.close();
    c.close();
    expect(c.broken).toBe(true);
    expect(pgError(() => c.query('SELECT 1')).code).toBe('CLIENT_CLOSED');
  });
});
