/**
 * A ledger written by an older version of tco2e (tests/fixtures/ledgers/schema-1, made by 0.1.0)
 * is migrated when a command opens it: a copy is taken first, every row it held is kept exactly,
 * and a migration that cannot finish (no room for the copy, the ledger busy) leaves the ledger as
 * it was and no half-made copy beside it.
 */
import { copyFileSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/store/schema.js';
import { ROOT, runCli } from '../helpers.js';
import { startCli, type Run } from './spawn-cli.js';

const FIXTURE = join(ROOT, 'tests/fixtures/ledgers/schema-1');
const LEDGER = 'tco2e-ledger.sqlite';
/** The tables schema 1 had, each with rows in the fixture. */
const V1_TABLES = ['meta', 'batches', 'activities', 'hh_days', 'survey_responses', 'vehicles', 'batch_problems'] as const;

function copyOfFixture(): { dir: string; ledgerPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tco2e-migrate-'));
  for (const f of [LEDGER, 'tco2e.config.json']) copyFileSync(join(FIXTURE, f), join(dir, f));
  return { dir, ledgerPath: join(dir, LEDGER) };
}

/** Every row of the schema-1 tables, by the columns schema 1 had (read without tco2e's own code). */
function dumpV1(ledgerPath: string, columnsOf: Map<string, string[]>): Record<string, unknown[]> {
  const db = new Database(ledgerPath, { readonly: true });
  try {
    const out: Record<string, unknown[]> = {};
    for (const t of V1_TABLES) {
      const cols = columnsOf.get(t)!.map((c) => `"${c}"`).join(', ');
      out[t] = db.prepare(`SELECT ${cols} FROM ${t} ${t === 'meta' ? "WHERE key <> 'schema_version' ORDER BY key" : 'ORDER BY rowid'}`).all();
    }
    return out;
  } finally {
    db.close();
  }
}

function columnsOf(ledgerPath: string): Map<string, string[]> {
  const db = new Database(ledgerPath, { readonly: true });
  try {
    return new Map(V1_TABLES.map((t) => [t, (db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name)]));
  } finally {
    db.close();
  }
}

function schemaVersion(ledgerPath: string): number {
  const db = new Database(ledgerPath, { readonly: true });
  try {
    return Number((db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string }).value);
  } finally {
    db.close();
  }
}

function backupsIn(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.bak'));
}

describe('a ledger written by tco2e 0.1.0 (schema 1)', () => {
  const original = readFileSync(join(FIXTURE, LEDGER));
  const v1Columns = columnsOf(join(FIXTURE, LEDGER));

  it('is what the fixture says: schema 1, with rows in every table', () => {
    expect(SCHEMA_VERSION).toBeGreaterThan(1);
    expect(schemaVersion(join(FIXTURE, LEDGER))).toBe(1);
    const dump = dumpV1(join(FIXTURE, LEDGER), v1Columns);
    for (const t of V1_TABLES) expect(dump[t]!.length, t).toBeGreaterThan(0);
  });

  it('is copied aside, then migrated, keeping every row exactly; the person is told where the copy is', () => {
    const { dir, ledgerPath } = copyOfFixture();
    const before = dumpV1(ledgerPath, v1Columns);

    const r = runCli(dir, 'imports', 'list', '--json');
    expect(r.code).toBe(0);
    const [backup] = backupsIn(dir);
    expect(backup).toMatch(/^tco2e-ledger\.sqlite\.v1-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.bak$/);
    expect(r.stderr).toContain(`Upgraded the ledger ${ledgerPath} from schema 1 to ${SCHEMA_VERSION}`);
    expect(r.stderr).toContain(join(dir, backup!));
    // stdout stays one JSON document: the seven imports, the one undone under schema 1 with no time recorded.
    const imports = (JSON.parse(r.stdout) as { imports: { id: number; status: string; status_changed_at: string | null }[] }).imports;
    expect(imports.map((b) => [b.id, b.status])).toEqual([[1, 'active'], [2, 'active'], [3, 'active'], [4, 'undone'], [5, 'active'], [6, 'active'], [7, 'active']]);
    expect(imports.every((b) => b.status_changed_at === null)).toBe(true);

    expect(readFileSync(join(dir, backup!)).equals(original)).toBe(true);
    expect(schemaVersion(ledgerPath)).toBe(SCHEMA_VERSION);
    expect(dumpV1(ledgerPath, v1Columns)).toEqual(before);
    const db = new Database(ledgerPath, { readonly: true });
    expect((db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check).toBe('ok');
    db.close();

    // Opened again: nothing to do, nothing said, no second copy.
    const again = runCli(dir, 'imports', 'list');
    expect(again.code).toBe(0);
    expect(again.stderr).not.toContain('Upgraded');
    expect(backupsIn(dir)).toEqual([backup]);
  });

  it('after migrating, the new audit columns work: undo records when and why, shown by imports show', () => {
    const { dir } = copyOfFixture();
    expect(runCli(dir, 'imports', 'undo', '5', '--reason', 'May claims sent twice').code).toBe(0);
    const shown = runCli(dir, 'imports', 'show', '5', '--json');
    const batch = (JSON.parse(shown.stdout) as { import: { status: string; status_changed_at: string; status_reason: string } }).import;
    expect(batch.status).toBe('undone');
    expect(batch.status_reason).toBe('May claims sent twice');
    expect(Date.now() - Date.parse(batch.status_changed_at)).toBeLessThan(60_000);
    expect(runCli(dir, 'imports', 'show', '4').stdout).toContain('Undone at a time not recorded (ledgers before schema 2 did not keep it)');
    expect(runCli(dir, 'imports', 'show', '5').stdout).toContain(`Undone at ${batch.status_changed_at}: May claims sent twice`);
  });

  it('two commands opening it at the same moment: one migrates, the other waits and finds it done; one copy', async () => {
    const { dir, ledgerPath } = copyOfFixture();
    const before = dumpV1(ledgerPath, v1Columns);
    const runs = await Promise.all([startCli(dir, ['imports', 'list']).done, startCli(dir, ['emissions', '--json']).done]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    expect(runs.filter((r) => r.stderr.includes('Upgraded the ledger')).length).toBe(1);
    expect(backupsIn(dir).length).toBe(1);
    expect(schemaVersion(ledgerPath)).toBe(SCHEMA_VERSION);
    expect(dumpV1(ledgerPath, v1Columns)).toEqual(before);
  });

  it('with no room for the copy: refused with a clear error, the ledger byte-identical, no partial copy left', async () => {
    const { dir, ledgerPath } = copyOfFixture();
    // 64 KiB of file size allowed: the 128 KiB copy cannot be written.
    const r: Run = await startCli(dir, ['imports', 'list'], {}, "trap '' XFSZ; ulimit -f 64").done;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/disk is full or a file-size limit was reached/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(ledgerPath).equals(original)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual([LEDGER, 'tco2e.config.json']);
  });

  it('while another command holds the ledger past the busy timeout: refused, the ledger byte-identical, no copy', async () => {
    const { dir, ledgerPath } = copyOfFixture();
    const holder = new Database(ledgerPath);
    holder.exec('BEGIN IMMEDIATE');
    let r: Run;
    try {
      r = await startCli(dir, ['imports', 'list'], { TCO2E_BUSY_TIMEOUT_MS: '200' }).done;
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/in use by another tco2e command/);
    expect(readFileSync(ledgerPath).equals(original)).toBe(true);
    expect(backupsIn(dir)).toEqual([]);
  });
});
