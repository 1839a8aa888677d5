/**
 * `tco2e db grant`, `db grants` and `db revoke` on a ledger on a PostgreSQL server, named by
 * `--db` outside any workspace: what was done is said with the role and the organisation, and the
 * password in the URL is never shown, neither on success nor in an error.
 */

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/store/ledger.js';
import { freshDatabase } from '../pg/server.js';
import { runCli } from '../helpers.js';

const PASSWORD = 'pw-secret-1';
// Roles belong to the whole cluster the run's test files share.
const ROLE = `cli_trust_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
const ANALYST = `cli_analyst_${process.pid}_${Math.floor(Math.random() * 1e6)}`;

let dir: string;
let url: string;
/** The ledger's URL with a password in it (the test server trusts every login, so it is not checked). */
let withPassword: string;
let admin: pg.Client;

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = runCli(dir, ...args);
  expect(r.stdout + r.stderr).not.toContain(PASSWORD);
  return r;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tco2e-db-grant-'));
  url = await freshDatabase('db_grant');
  Ledger.open(url, { create: true }).close();
  const u = new URL(url);
  u.password = PASSWORD;
  withPassword = u.toString();
  admin = new pg.Client({ connectionString: url });
  await admin.connect();
  for (const role of [ROLE, ANALYST]) await admin.query(`CREATE ROLE ${role} LOGIN`);
}, 60_000);

afterAll(async () => {
  for (const role of [ROLE, ANALYST]) {
    await admin.query(`DROP OWNED BY ${role}`);
    await admin.query(`DROP ROLE ${role}`);
  }
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
});

describe('tco2e db grant / grants / revoke with --db postgres://…, outside a workspace', () => {
  it('grants, says what it granted and where, without the password', async () => {
    const r = run('db', 'grant', '--db', withPassword, '--org', 'org-a', '--role', ROLE);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\s+/g, ' ').trim()).toBe(`Granted role ${ROLE} read and write on organisation org-a in the ledger at ${url.replace('tco2e@', 'tco2e:***@')}.`);
    const { rows } = await admin.query<{ role_name: string; org: string; read_only: boolean }>('SELECT role_name, org, read_only FROM org_grants');
    expect(rows).toEqual([{ role_name: ROLE, org: 'org-a', read_only: false }]);
  });

  it('grants every organisation read-only, and lists the grants as JSON', () => {
    const r = run('db', 'grant', '--db', withPassword, '--org', '*', '--role', ANALYST, '--read-only', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ role: ANALYST, org: '*', readOnly: true, location: url.replace('tco2e@', 'tco2e:***@') });
    const list = run('db', 'grants', '--db', withPassword, '--json');
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as { grants: unknown[] }).grants).toEqual([
      { role: ANALYST, org: '*', readOnly: true, roleExists: true },
      { role: ROLE, org: 'org-a', readOnly: false, roleExists: true },
    ]);
    const text = run('db', 'grants', '--db', withPassword);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^\\*\\s+${ANALYST}\\s+read$`, 'm'));
    expect(text.stdout).toMatch(new RegExp(`^org-a\\s+${ROLE}\\s+read and write$`, 'm'));
  });

  it('refuses a role the server does not have, naming it and the administrator\'s step: exit code 2', () => {
    const r = run('db', 'grant', '--db', withPassword, '--org', 'org-a', '--role', 'no_such_role_here');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('no_such_role_here');
    expect(r.stderr).toContain('CREATE ROLE');
  });

  it('refuses a database with no ledger, without the password', () => {
    const u = new URL(withPassword);
    u.pathname = '/no_such_database_here';
    const r = run('db', 'grant', '--db', u.toString(), '--org', 'org-a', '--role', ROLE);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no_such_database_here');
  });

  it('refuses a ledger file before opening it: grants are a server\'s', () => {
    const file = join(dir, 'ledger.sqlite');
    const r = run('db', 'grant', '--db', file, '--org', 'org-a', '--role', ROLE, '--json');
    expect(r.code).toBe(2);
    expect((JSON.parse(r.stdout) as { error: { code: string } }).error.code).toBe('not_a_server_ledger');
    expect(existsSync(file)).toBe(false);
  });

  it('revokes, and says what the role has left', async () => {
    const r = run('db', 'revoke', '--db', withPassword, '--org', 'org-a', '--role', ROLE);
    expect(r.code).toBe(0);
    const said = r.stdout.replace(/\s+/g, ' ');
    expect(said).toContain(`Revoked organisation org-a from role ${ROLE}`);
    expect(said).toContain('no other grant');
    expect((await admin.query('SELECT 1 FROM org_grants WHERE role_name = $1', [ROLE])).rowCount).toBe(0);
    const again = run('db', 'revoke', '--db', withPassword, '--org', 'org-a', '--role', ROLE, '--json');
    expect(again.code).toBe(2);
    expect((JSON.parse(again.stdout) as { error: { code: string } }).error.code).toBe('no_grant');
  });
});
