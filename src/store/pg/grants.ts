/**
 * Granting members of a shared ledger their organisations: the rows of `org_grants` that the
 * row-level security policies read (see `security.ts`), and the table privileges without which a
 * role could not reach the tables at all. Only a server's ledger has either; a ledger file is
 * guarded by who may open the file.
 *
 * The role must exist already: making a login (and its password) is the database
 * administrator's step, not tco2e's, so that no password passes through tco2e or its history.
 */

import { UserError } from '../../kernel/errors.js';
import type { LedgerEngine } from '../engine.js';
import { Ledger } from '../ledger.js';
import { isServerUrl } from './engine.js';
import { LEDGER_TABLES, WRITTEN_TABLES } from './security.js';

/** The longest organisation id a grant takes (ids are short slugs; this only stops a pasted file). */
export const MAX_ORG_LENGTH = 200;

/** `org` in a grant that stands for every organisation (an ICS analyst, usually read-only). */
export const EVERY_ORG = '*';

export interface GrantResult {
  readonly role: string;
  readonly org: string;
  readonly readOnly: boolean;
  /** The ledger's URL, without its password. */
  readonly location: string;
}

export interface RevokeResult {
  readonly role: string;
  readonly org: string;
  readonly location: string;
  /** What the role may still do after the revoke: write some organisation, only read, or nothing. */
  readonly remaining: 'write' | 'read' | 'none';
}

export interface GrantRow {
  readonly role: string;
  readonly org: string;
  readonly readOnly: boolean;
  /** False when the role was dropped since it was granted: its grant gives nobody anything. */
  readonly roleExists: boolean;
}

/** An identifier as PostgreSQL reads it whatever it holds: in double quotes, quotes doubled. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The refusal for a ledger that is a file, where grants mean nothing. */
export function notAServerLedger(location: string): UserError {
  return new UserError('not_a_server_ledger', `The ledger at ${location} is a file, not a ledger on a PostgreSQL server: it has no grants.`,
    'Row-level grants are for a ledger on a PostgreSQL server (--db postgres://…); a ledger file is guarded by who may open the file.');
}

function requireServer(ledger: Ledger): void {
  if (ledger.engineKind !== 'postgres') throw notAServerLedger(ledger.path);
}

function checkOrg(org: string): void {
  if (org.trim() === '') throw new UserError('bad_org', 'The organisation to grant is empty.', `Give the organisation's id as the ledger stores it (--org), or ${EVERY_ORG} for every organisation.`);
  if (org.length > MAX_ORG_LENGTH) throw new UserError('bad_org', `The organisation "${org.slice(0, 40)}…" is ${org.length} characters long; an organisation id is at most ${MAX_ORG_LENGTH}.`, 'Give the organisation\'s id (--org), as in the workspace config.');
}

function checkRoleName(role: string): void {
  if (role.trim() === '') throw new UserError('bad_role', 'The role to grant is empty.', 'Give the database role (the login) of the member (--role).');
}

function roleExists(engine: LedgerEngine, role: string): boolean {
  return engine.sql.get('SELECT 1 AS found FROM pg_roles WHERE rolname = ?', [role]) !== undefined;
}

function noSuchRole(role: string, location: string): UserError {
  return new UserError('no_such_role', `There is no role "${role}" on the server of the ledger at ${location}.`,
    `Making the role is the database administrator's step: CREATE ROLE ${quoteIdent(role)} LOGIN PASSWORD '…'; then run the grant again.`);
}

/** The ledger's tables, named in its schema, so that no other table of the same name is granted instead. */
function tableList(schema: string, tables: readonly string[]): string {
  return tables.map((t) => `${schema}.${quoteIdent(t)}`).join(', ');
}

/**
 * Runs `fn` in one transaction on a connection of its own (the Ledger gives no raw writes): all of
 * it lands or none of it, and a server's refusal (not the owner: 42501) is told as such.
 */
function inTransaction<T>(ledger: Ledger, fn: (engine: LedgerEngine, schema: string) => T): T {
  const engine = ledger.connectAgain();
  try {
    try {
      engine.beginWrite();
      const { schema } = engine.sql.get('SELECT current_schema() AS schema') as { schema: string };
      const result = fn(engine, quoteIdent(schema));
      engine.commit();
      return result;
    } catch (e) {
      engine.rollback();
      throw engine.failure(e);
    }
  } finally {
    engine.close();
  }
}

/**
 * Lets `role` read (and unless `readOnly`, write) the rows of organisation `org` (`*`: every
 * organisation). A second grant of the same role and organisation replaces the first, so a
 * writer can be made read-only and back.
 */
export function grantOrganisation(ledger: Ledger, g: { readonly org: string; readonly role: string; readonly readOnly: boolean }): GrantResult {
  requireServer(ledger);
  checkOrg(g.org);
  checkRoleName(g.role);
  inTransaction(ledger, (engine, schema) => {
    if (!roleExists(engine, g.role)) throw noSuchRole(g.role, ledger.path);
    const role = quoteIdent(g.role);
    engine.sql.exec(`GRANT SELECT ON ${tableList(schema, LEDGER_TABLES)} TO ${role}`);
    if (!g.readOnly) {
      engine.sql.exec(`GRANT INSERT, UPDATE ON ${tableList(schema, WRITTEN_TABLES)} TO ${role}`);
      // The identity columns draw their ids from sequences.
      engine.sql.exec(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role}`);
    }
    engine.sql.run(`INSERT INTO org_grants (role_name, org, read_only) VALUES (?, ?, ${g.readOnly ? 'TRUE' : 'FALSE'})
      ON CONFLICT (role_name, org) DO UPDATE SET read_only = EXCLUDED.read_only`, [g.role, g.org]);
  });
  return { role: g.role, org: g.org, readOnly: g.readOnly, location: ledger.path };
}

/**
 * Takes organisation `org` away from `role`. The table privileges follow what the role is still
 * granted: none left, and it may not touch the tables at all; only read-only grants left, and it
 * may no longer insert or update. A role dropped since only loses its row.
 */
export function revokeOrganisation(ledger: Ledger, g: { readonly org: string; readonly role: string }): RevokeResult {
  requireServer(ledger);
  checkOrg(g.org);
  checkRoleName(g.role);
  const remaining = inTransaction(ledger, (engine, schema) => {
    if (engine.sql.run('DELETE FROM org_grants WHERE role_name = ? AND org = ?', [g.role, g.org]) === 0) {
      throw new UserError('no_grant', `Role "${g.role}" has no grant on ${describeOrg(g.org)} in the ledger at ${ledger.path}.`, 'Run `tco2e db grants` to see who is granted what.');
    }
    const left = engine.sql.all('SELECT read_only FROM org_grants WHERE role_name = ?', [g.role]) as { read_only: boolean }[];
    const now: RevokeResult['remaining'] = left.length === 0 ? 'none' : left.some((r) => !r.read_only) ? 'write' : 'read';
    if (roleExists(engine, g.role)) {
      const role = quoteIdent(g.role);
      if (now !== 'write') {
        engine.sql.exec(`REVOKE INSERT, UPDATE ON ${tableList(schema, WRITTEN_TABLES)} FROM ${role}`);
        engine.sql.exec(`REVOKE USAGE ON ALL SEQUENCES IN SCHEMA ${schema} FROM ${role}`);
      }
      if (now === 'none') engine.sql.exec(`REVOKE SELECT ON ${tableList(schema, LEDGER_TABLES)} FROM ${role}`);
    }
    return now;
  });
  return { role: g.role, org: g.org, location: ledger.path, remaining };
}

/** Who is granted what, by organisation then role. */
export function listGrants(ledger: Ledger): GrantRow[] {
  requireServer(ledger);
  const rows = ledger.select<{ role: string; org: string; read_only: boolean; role_exists: boolean }>(`SELECT g.role_name AS role, g.org, g.read_only,
      EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = g.role_name) AS role_exists
    FROM org_grants g ORDER BY g.org, g.role_name`);
  return rows.map((r) => ({ role: r.role, org: r.org, readOnly: r.read_only, roleExists: r.role_exists }));
}

/** "organisation X", or "every organisation" for `*`. */
export function describeOrg(org: string): string {
  return org === EVERY_ORG ? 'every organisation' : `organisation ${org}`;
}

/**
 * Opens the ledger at `location` for granting: refused before anything is opened when it is a
 * file, so that a command about grants never migrates (or creates a backup of) a ledger file.
 */
export function openServerLedger(location: string): Ledger {
  if (!isServerUrl(location)) throw notAServerLedger(location);
  return Ledger.open(location);
}
