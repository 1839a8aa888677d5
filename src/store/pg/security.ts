/**
 * Who may touch what in a shared ledger, enforced by PostgreSQL itself (row-level security), so
 * that a member's role can neither read nor write another member's rows, whatever SQL it sends.
 *
 * `org_grants` says which database roles may read, or read and write, which organisation's rows
 * (`*`: every organisation, as an ICS analyst reads all members). Each table with an `org` column
 * is filtered by it; the tables that hang off an import (its problems, supersessions, area
 * figures) follow the import's organisation. Area statistics (organisation `area:…`) are
 * published figures: any role granted anything reads them; writing them needs a grant.
 *
 * The ledger's owner (the role that created it) is not filtered: PostgreSQL does not apply a
 * table's policies to its owner, and the owner is who grants. Nothing in the ledger is deleted
 * by tco2e, so no role is given DELETE, and no policy allows it.
 */

/** Tables whose rows carry their organisation. */
const ORG_TABLES = ['batches', 'activities', 'hh_days', 'survey_responses', 'vehicles', 'fuel_months'] as const;
/** Tables whose rows belong to an import (`batch_id`): they follow the import's organisation. */
const BATCH_TABLES = ['batch_problems', 'supersessions', 'la_ghg_editions', 'la_ghg_figures'] as const;

/** The SQL that sets row-level security up, run once when a ledger is created on a server. */
export function securitySql(): string {
  const readable = (org: string): string => `(${org} IN (SELECT unnest(tco2e_orgs(false))) OR '*' IN (SELECT unnest(tco2e_orgs(false))) OR ${org} LIKE 'area:%')`;
  const writable = (org: string): string => `(${org} IN (SELECT unnest(tco2e_orgs(true))) OR '*' IN (SELECT unnest(tco2e_orgs(true))))`;
  const orgPolicies = ORG_TABLES.map((t) => `
    ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY;
    CREATE POLICY ${t}_read ON ${t} FOR SELECT USING ${readable('org')};
    CREATE POLICY ${t}_insert ON ${t} FOR INSERT WITH CHECK ${writable('org')};
    CREATE POLICY ${t}_update ON ${t} FOR UPDATE USING ${writable('org')} WITH CHECK ${writable('org')};`).join('');
  const batchPolicies = BATCH_TABLES.map((t) => `
    ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY;
    CREATE POLICY ${t}_read ON ${t} FOR SELECT USING (EXISTS (SELECT 1 FROM batches b WHERE b.id = ${t}.batch_id AND ${readable('b.org')}));
    CREATE POLICY ${t}_insert ON ${t} FOR INSERT WITH CHECK (EXISTS (SELECT 1 FROM batches b WHERE b.id = ${t}.batch_id AND ${writable('b.org')}));
    CREATE POLICY ${t}_update ON ${t} FOR UPDATE USING (EXISTS (SELECT 1 FROM batches b WHERE b.id = ${t}.batch_id AND ${writable('b.org')}));`).join('');
  return `
    CREATE TABLE org_grants (
      role_name TEXT COLLATE "C" NOT NULL,   -- a database role (a login, or a group role its members inherit)
      org TEXT COLLATE "C" NOT NULL,         -- an organisation's id, or * for every organisation
      read_only BOOLEAN NOT NULL,
      PRIMARY KEY (role_name, org)
    );
    -- The organisations the asking role (current_user: security invoker) may read, or with
    -- the writing flag, write), through any role it is a member of. Called once per statement (a
    -- sub-select in each policy is evaluated once, not per row), and by role oid, so a role
    -- dropped since it was granted is passed over rather than failing every query.
    CREATE FUNCTION tco2e_orgs(writing BOOLEAN) RETURNS TEXT[] LANGUAGE sql STABLE AS $$
      SELECT coalesce(array_agg(g.org), '{}') FROM org_grants g JOIN pg_roles r ON r.rolname = g.role_name
      WHERE pg_has_role(current_user, r.oid, 'MEMBER') AND (NOT writing OR NOT g.read_only)
    $$;
    -- Its names are looked up in the ledger's schema and the catalogue only, temporary tables
    -- last: otherwise a member could make a temporary org_grants (or pg_roles), which a session
    -- finds first, and grant itself every organisation. (Members keep TEMP: imports stage rows.)
    DO $do$ BEGIN
      EXECUTE format('ALTER FUNCTION tco2e_orgs(boolean) SET search_path = %I, pg_catalog, pg_temp', current_schema());
    END $do$;
    ${orgPolicies}
    ${batchPolicies}
  `;
}

/** Every table a granted role reads (its rows filtered by the policies above). */
export const LEDGER_TABLES = ['meta', 'org_grants', ...ORG_TABLES, ...BATCH_TABLES] as const;
/** The tables a role that may write inserts into and updates (never meta or org_grants). */
export const WRITTEN_TABLES = [...ORG_TABLES, ...BATCH_TABLES] as const;
