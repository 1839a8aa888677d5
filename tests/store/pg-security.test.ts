/**
 * A shared ledger keeps each member's rows to itself: a member's role can neither read nor write
 * another member's rows, even with hand-written SQL, because PostgreSQL enforces it (row-level
 * security and table privileges), not tco2e. The ledger's owner (here the superuser the test
 * server runs as) sees everything; a role granted `*` read-only reads every organisation and
 * writes none.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/kernel/errors.js';
import { Ledger } from '../../src/store/ledger.js';
import { grantOrganisation, listGrants, revokeOrganisation } from '../../src/store/pg/grants.js';
import { freshDatabase } from '../pg/server.js';
import { userError } from '../helpers.js';
import { activity, newBatch } from './fixtures.js';

// Roles belong to the whole cluster, which every test file of the run shares: each name is the run's own.
const suffix = `_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
const TRUST_A = `trust_a${suffix}`;
const TRUST_B = `trust_b${suffix}`;
const ANALYST = `ics_analyst${suffix}`;
const NOBODY = `not_granted${suffix}`;

let url: string;
let owner: Ledger;
let admin: pg.Client;
/** The ids of each organisation's imports, as stored. */
const batchIds: Record<'org-a' | 'org-b', number[]> = { 'org-a': [], 'org-b': [] };

function urlAs(role: string, password?: string): string {
  const u = new URL(url);
  u.username = role;
  if (password !== undefined) u.password = password;
  return u.toString();
}

/** A plain `pg` session as `role`, ended after `fn` whatever happens. */
async function as<T>(role: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: urlAs(role) });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function count(c: pg.Client, sql: string, params: unknown[] = []): Promise<number> {
  const r = await c.query<{ n: string }>(sql, params);
  return Number(r.rows[0]!.n);
}

/** The SQLSTATE a statement fails with; fails the test when it succeeds. */
async function refusal(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return (e as { code?: string }).code;
  }
  throw new Error('expected the server to refuse the statement');
}

/** What the owner (not filtered) sees, per organisation. */
async function ownerCounts(): Promise<Record<string, number>> {
  const r = await admin.query<{ what: string; n: string }>(`
    SELECT 'activities:' || org AS what, count(*) AS n FROM activities GROUP BY org
    UNION ALL SELECT 'batches:' || org, count(*) FROM batches GROUP BY org
    UNION ALL SELECT 'problems:' || b.org, count(*) FROM batch_problems p JOIN batches b ON b.id = p.batch_id GROUP BY b.org
    UNION ALL SELECT 'supersessions:' || b.org, count(*) FROM supersessions s JOIN batches b ON b.id = s.batch_id GROUP BY b.org`);
  return Object.fromEntries(r.rows.map((row) => [row.what, Number(row.n)]));
}

const STORED = { 'activities:org-a': 2, 'activities:org-b': 4, 'batches:org-a': 1, 'batches:org-b': 2, 'problems:org-a': 1, 'problems:org-b': 1, 'supersessions:org-b': 1 };

const problem = (line: number) => ({ severity: 'rejected' as const, line, column: 'kwh', value: 'x', code: 'not_a_number', message: 'not a number' });

const INSERT_BATCH = `INSERT INTO batches (kind, profile, org, file_name, sha256, size_bytes, rows_read, rows_accepted, rows_excluded, rows_rejected,
  period_start, period_end, imported_at, tool_version, policy, status, summary_json)
  VALUES ('energy', 'energy-bill', $1, 'forged.csv', 'f', 1, 0, 0, 0, 0, NULL, NULL, '2024-05-02T09:00:00.000Z', '0.1.0', 'financial-year', 'active', '{}')`;

beforeAll(async () => {
  url = await freshDatabase('security');
  owner = Ledger.open(url, { create: true });
  admin = new pg.Client({ connectionString: url });
  await admin.connect();
  for (const role of [TRUST_A, TRUST_B, ANALYST, NOBODY]) await admin.query(`CREATE ROLE ${role} LOGIN`);

  batchIds['org-a'].push(owner.writeBatch(newBatch({ org: 'org-a', sha256: 'a1' }), {
    activities: [activity({ org: 'org-a', meter: 'MA1' }), activity({ org: 'org-a', meter: 'MA2', line: 3 })],
    problems: [problem(4)],
  }));
  batchIds['org-b'].push(owner.writeBatch(newBatch({ org: 'org-b', sha256: 'b1' }), {
    activities: [activity({ org: 'org-b', meter: 'MB1' }), activity({ org: 'org-b', meter: 'MB2', line: 3 }), activity({ org: 'org-b', meter: 'MB3', line: 4 })],
    problems: [problem(5)],
  }));
  // A corrected bill for one of org-b's meters: its import supersedes the earlier row, and says so in supersessions.
  batchIds['org-b'].push(owner.writeBatch(newBatch({ org: 'org-b', sha256: 'b2', fileName: 'corrected.csv' }), { activities: [activity({ org: 'org-b', meter: 'MB1', quantity: 900 })] }, { replace: true }));
  expect(await ownerCounts()).toEqual(STORED);

  grantOrganisation(owner, { org: 'org-a', role: TRUST_A, readOnly: false });
  grantOrganisation(owner, { org: 'org-b', role: TRUST_B, readOnly: false });
  grantOrganisation(owner, { org: '*', role: ANALYST, readOnly: true });
}, 120_000);

afterAll(async () => {
  owner.close();
  // A role cannot be dropped while it holds privileges on the database's tables.
  for (const role of [TRUST_A, TRUST_B, ANALYST, NOBODY]) {
    await admin.query(`DROP OWNED BY ${role}`);
    await admin.query(`DROP ROLE ${role}`);
  }
  await admin.end();
});

describe.each([
  { member: 'trust_a', own: 'org-a', other: 'org-b', role: () => TRUST_A, otherRole: () => TRUST_B },
  { member: 'trust_b', own: 'org-b', other: 'org-a', role: () => TRUST_B, otherRole: () => TRUST_A },
] as const)('$member, granted $own, with hand-written SQL', ({ own, other, role, otherRole }) => {
  const ownActivities = STORED[`activities:${own}`];

  it(`reads only ${own}'s rows: counts, a WHERE on the other organisation, its problems and supersessions`, async () => {
    await as(role(), async (c) => {
      expect(await count(c, 'SELECT count(*) AS n FROM activities')).toBe(ownActivities);
      expect(await count(c, 'SELECT count(*) AS n FROM activities WHERE org = $1', [other])).toBe(0);
      expect(await count(c, 'SELECT count(*) AS n FROM batches')).toBe(STORED[`batches:${own}`]);
      expect(await count(c, 'SELECT count(*) AS n FROM batches WHERE org = $1', [other])).toBe(0);
      expect(await count(c, 'SELECT count(*) AS n FROM batch_problems')).toBe(STORED[`problems:${own}`]);
      expect(await count(c, 'SELECT count(*) AS n FROM batch_problems WHERE batch_id = ANY($1::bigint[])', [batchIds[other]])).toBe(0);
      expect(await count(c, 'SELECT count(*) AS n FROM supersessions')).toBe(own === 'org-b' ? 1 : 0);
      expect(await count(c, 'SELECT count(*) AS n FROM supersessions WHERE batch_id = ANY($1::bigint[]) OR superseded_batch_id = ANY($1::bigint[])', [batchIds[other]])).toBe(0);
      // A join through its own rows does not reach the other's either.
      expect(await count(c, 'SELECT count(*) AS n FROM activities a JOIN batches b ON b.id = a.batch_id WHERE b.id = ANY($1::bigint[])', [batchIds[other]])).toBe(0);
    });
  });

  it(`changes none of ${other}'s rows: UPDATE changes 0 rows, INSERT and moving its own rows over are refused`, async () => {
    const before = await ownerCounts();
    await as(role(), async (c) => {
      expect((await c.query('UPDATE activities SET quantity = 0 WHERE org = $1', [other])).rowCount).toBe(0);
      expect((await c.query("UPDATE batches SET status = 'undone' WHERE org = $1", [other])).rowCount).toBe(0);
      expect((await c.query('UPDATE batch_problems SET message = $2 WHERE batch_id = ANY($1::bigint[])', [batchIds[other], 'changed'])).rowCount).toBe(0);
      // 42501: new row violates row-level security policy.
      expect(await refusal(c.query(INSERT_BATCH, [other]))).toBe('42501');
      expect(await refusal(c.query("INSERT INTO batch_problems (batch_id, severity, line, col, value, code, message) VALUES ($1, 'warning', 1, 'x', 'x', 'x', 'forged')", [batchIds[other][0]]))).toBe('42501');
      expect(await refusal(c.query("INSERT INTO activities (batch_id, line, org, source, period_start, period_end, quantity, unit, estimated, direction, factor_key, factor_year, factor_edition, factor_unit, factor_kg_per_unit, factor_custom, policy, kg_co2e) VALUES ($1, 1, $2, 'electricity', '2024-04-01', '2024-04-30', 1, 'kWh', 0, 'import', 'electricity.grid', 2024, 'x', 'kWh', 1, 0, 'financial-year', 1)", [batchIds[own][0], other]))).toBe('42501');
      expect(await refusal(c.query('UPDATE activities SET org = $1', [other]))).toBe('42501');
    });
    expect(await ownerCounts()).toEqual(before);
    expect((await admin.query('SELECT 1 FROM activities WHERE quantity = 0')).rowCount).toBe(0);
    expect((await admin.query("SELECT 1 FROM batches WHERE status = 'undone'")).rowCount).toBe(0);
    expect((await admin.query("SELECT 1 FROM batch_problems WHERE message IN ('changed', 'forged')")).rowCount).toBe(0);
  });

  it(`writes its own organisation's rows by hand (in a transaction rolled back)`, async () => {
    await as(role(), async (c) => {
      await c.query('BEGIN');
      try {
        const id = (await c.query<{ id: string }>(`${INSERT_BATCH} RETURNING id`, [own])).rows[0]!.id;
        expect((await c.query("INSERT INTO batch_problems (batch_id, severity, line, col, value, code, message) VALUES ($1, 'warning', 1, 'x', 'x', 'x', 'own'), ($1, 'warning', 2, 'x', 'x', 'x', 'own')", [id])).rowCount).toBe(2);
        expect((await c.query('UPDATE activities SET quantity = quantity WHERE org = $1', [own])).rowCount).toBe(ownActivities);
      } finally {
        await c.query('ROLLBACK');
      }
    });
  });

  it('may not delete, grant itself more, or become another member', async () => {
    const before = await ownerCounts();
    await as(role(), async (c) => {
      // 42501: permission denied (no role is given DELETE).
      expect(await refusal(c.query('DELETE FROM activities'))).toBe('42501');
      expect(await refusal(c.query('DELETE FROM batches WHERE org = $1', [own]))).toBe('42501');
      expect(await refusal(c.query('UPDATE org_grants SET org = $1', ['*']))).toBe('42501');
      expect(await refusal(c.query("INSERT INTO org_grants (role_name, org, read_only) VALUES (current_user, '*', false)"))).toBe('42501');
      expect(await refusal(c.query(`SET ROLE ${otherRole()}`))).toBe('42501');
      expect(await refusal(c.query('ALTER TABLE activities DISABLE ROW LEVEL SECURITY'))).toBe('42501');
    });
    expect(await ownerCounts()).toEqual(before);
    expect(listGrants(owner)).toHaveLength(3);
  });

  it('cannot widen what it sees with a temporary table of its own named like the grants table', async () => {
    await as(role(), async (c) => {
      await c.query('CREATE TEMPORARY TABLE org_grants (role_name TEXT, org TEXT, read_only BOOLEAN)');
      await c.query("INSERT INTO org_grants VALUES (current_user, '*', false)");
      expect(await count(c, 'SELECT count(*) AS n FROM activities')).toBe(ownActivities);
      expect(await count(c, 'SELECT count(*) AS n FROM activities WHERE org = $1', [other])).toBe(0);
      expect((await c.query('UPDATE activities SET quantity = 0 WHERE org = $1', [other])).rowCount).toBe(0);
    });
  });

  it('cannot take on the other member\'s grant with a temporary table named like the catalogue of roles', async () => {
    await as(role(), async (c) => {
      await c.query(`CREATE TEMPORARY TABLE pg_roles AS SELECT '${otherRole()}'::name AS rolname, r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = current_user`);
      expect(await count(c, 'SELECT count(*) AS n FROM activities WHERE org = $1', [other])).toBe(0);
      expect((await c.query('UPDATE activities SET quantity = 0 WHERE org = $1', [other])).rowCount).toBe(0);
    });
  });
});

describe('a role granted every organisation, read-only (an ICS analyst)', () => {
  it('reads both organisations\' rows', async () => {
    await as(ANALYST, async (c) => {
      expect(await count(c, 'SELECT count(*) AS n FROM activities')).toBe(STORED['activities:org-a'] + STORED['activities:org-b']);
      expect(await count(c, "SELECT count(*) AS n FROM activities WHERE org = 'org-a'")).toBe(STORED['activities:org-a']);
      expect(await count(c, "SELECT count(*) AS n FROM activities WHERE org = 'org-b'")).toBe(STORED['activities:org-b']);
      expect(await count(c, 'SELECT count(*) AS n FROM batch_problems')).toBe(2);
      expect(await count(c, 'SELECT count(*) AS n FROM supersessions')).toBe(1);
    });
  });

  it('writes nothing: INSERT and UPDATE are refused', async () => {
    const before = await ownerCounts();
    await as(ANALYST, async (c) => {
      expect(await refusal(c.query(INSERT_BATCH, ['org-a']))).toBe('42501');
      expect(await refusal(c.query('UPDATE activities SET quantity = 0'))).toBe('42501');
      expect(await refusal(c.query("UPDATE batches SET status = 'undone'"))).toBe('42501');
      expect(await refusal(c.query('DELETE FROM activities'))).toBe('42501');
    });
    expect(await ownerCounts()).toEqual(before);
  });
});

describe('a role granted nothing', () => {
  it('may not read the ledger\'s tables at all', async () => {
    await as(NOBODY, async (c) => {
      expect(await refusal(c.query('SELECT count(*) FROM activities'))).toBe('42501');
      expect(await refusal(c.query('SELECT count(*) FROM org_grants'))).toBe('42501');
    });
  });
});

describe('through tco2e itself, as a member', () => {
  it('an import for another organisation is refused as ledger_denied and stores nothing; one for its own is stored', () => {
    const ledger = Ledger.open(urlAs(TRUST_A));
    try {
      const before = ledger.listBatches().length;
      expect(before).toBe(STORED['batches:org-a']);
      const e = userError(() => ledger.writeBatch(newBatch({ org: 'org-b', sha256: 'forged-b' }), { activities: [activity({ org: 'org-b', meter: 'MB9' })] }));
      expect(e.code).toBe('ledger_denied');
      expect(e.message).toContain('row-level security');
      expect(e.message).toContain(`does not let the role ${TRUST_A} write the rows of organisation org-b`);
      expect(e.message).not.toContain('tco2e@');
      const id = ledger.writeBatch(newBatch({ org: 'org-a', sha256: 'a2', fileName: 'april.csv' }), { activities: [activity({ org: 'org-a', meter: 'MA3' })], problems: [problem(2)] });
      expect(ledger.getBatch(id)?.status).toBe('active');
      expect(ledger.batchActivities(id)).toHaveLength(1);
      expect(ledger.listBatches().map((b) => b.org)).toEqual(['org-a', 'org-a']);
    } finally {
      ledger.close();
    }
  });

  it('the owner sees the member\'s import and nothing of the refused one', async () => {
    const c = await ownerCounts();
    expect(c['batches:org-a']).toBe(STORED['batches:org-a'] + 1);
    expect(c['activities:org-a']).toBe(STORED['activities:org-a'] + 1);
    expect(c['batches:org-b']).toBe(STORED['batches:org-b']);
    expect(c['activities:org-b']).toBe(STORED['activities:org-b']);
    expect((await admin.query("SELECT 1 FROM activities WHERE meter = 'MB9'")).rowCount).toBe(0);
  });

  it('the analyst reads every organisation\'s imports and may import none', async () => {
    const ledger = Ledger.open(urlAs(ANALYST));
    try {
      const stored = (await admin.query<{ org: string }>('SELECT org FROM batches ORDER BY id')).rows.map((r) => r.org);
      expect(stored.filter((o) => o === 'org-b')).toHaveLength(STORED['batches:org-b']);
      expect(ledger.listBatches().map((b) => b.org)).toEqual(stored);
      expect(userError(() => ledger.writeBatch(newBatch({ org: 'org-a', sha256: 'analyst' }), { activities: [] })).code).toBe('ledger_denied');
    } finally {
      ledger.close();
    }
  });
});

describe('grants', () => {
  it('lists who is granted what', () => {
    expect(listGrants(owner)).toEqual([
      { role: ANALYST, org: '*', readOnly: true, roleExists: true },
      { role: TRUST_A, org: 'org-a', readOnly: false, roleExists: true },
      { role: TRUST_B, org: 'org-b', readOnly: false, roleExists: true },
    ]);
  });

  it('refuses a role that does not exist, naming it and the administrator\'s step', () => {
    const e = userError(() => grantOrganisation(owner, { org: 'org-a', role: `missing${suffix}`, readOnly: false }));
    expect(e.code).toBe('no_such_role');
    expect(e.message).toContain(`missing${suffix}`);
    expect(e.hint).toContain('CREATE ROLE');
    expect(listGrants(owner)).toHaveLength(3);
  });

  it('refuses an empty or overlong organisation', () => {
    expect(userError(() => grantOrganisation(owner, { org: ' ', role: TRUST_A, readOnly: false })).code).toBe('bad_org');
    expect(userError(() => grantOrganisation(owner, { org: 'x'.repeat(201), role: TRUST_A, readOnly: false })).code).toBe('bad_org');
  });

  it('a member may not grant: the server refuses it', () => {
    const ledger = Ledger.open(urlAs(TRUST_A));
    try {
      expect(userError(() => grantOrganisation(ledger, { org: 'org-b', role: TRUST_A, readOnly: false })).code).toBe('ledger_denied');
    } finally {
      ledger.close();
    }
    expect(listGrants(owner).filter((g) => g.role === TRUST_A)).toEqual([{ role: TRUST_A, org: 'org-a', readOnly: false, roleExists: true }]);
  });

  it('granting again read-only takes writing away; revoking takes the organisation away', async () => {
    grantOrganisation(owner, { org: 'org-b', role: TRUST_B, readOnly: true });
    await as(TRUST_B, async (c) => {
      expect(await count(c, 'SELECT count(*) AS n FROM activities')).toBe(STORED['activities:org-b']);
      expect((await c.query("UPDATE batches SET file_name = file_name WHERE org = 'org-b'")).rowCount).toBe(0);
      expect(await refusal(c.query(INSERT_BATCH, ['org-b']))).toBe('42501');
    });
    expect(revokeOrganisation(owner, { org: 'org-b', role: TRUST_B })).toMatchObject({ role: TRUST_B, org: 'org-b', remaining: 'none' });
    await as(TRUST_B, async (c) => {
      expect(await refusal(c.query('SELECT count(*) FROM activities'))).toBe('42501');
    });
    expect(userError(() => revokeOrganisation(owner, { org: 'org-b', role: TRUST_B })).code).toBe('no_grant');
    grantOrganisation(owner, { org: 'org-b', role: TRUST_B, readOnly: false });
    await as(TRUST_B, async (c) => {
      expect(await count(c, 'SELECT count(*) AS n FROM activities')).toBe(STORED['activities:org-b']);
    });
  });

  it('a ledger file has no grants', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tco2e-grants-'));
    const ledger = Ledger.open(join(dir, 'ledger.sqlite'), { create: true });
    try {
      for (const e of [
        userError(() => grantOrganisation(ledger, { org: 'org-a', role: 'trust_a', readOnly: false })),
        userError(() => revokeOrganisation(ledger, { org: 'org-a', role: 'trust_a' })),
        userError(() => listGrants(ledger)),
      ]) {
        expect(e).toBeInstanceOf(UserError);
        expect(e.code).toBe('not_a_server_ledger');
        expect(e.hint).toContain('--db postgres://');
      }
    } finally {
      ledger.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
