/**
 * The DESNZ local authority greenhouse gas statistics in (issue 16, part 1): the long CSV as
 * published, each figure stored with its edition; a new edition replacing the series it covers
 * (the older import kept, superseded); rows that are not an authority kept apart; the CO2-only
 * editions read and labelled so; the same file twice a no-op. Fixtures: tests/fixtures/la-ghg.
 */

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AREA_STATISTICS_ORG, importLaGhg, type LaGhgImportRequest } from '../../src/import/import-la-ghg.js';
import { laGhgLayout } from '../../src/map/la-ghg/layout.js';
import { Ledger } from '../../src/store/ledger.js';
import { ROOT, runCli, userErrorAsync } from '../helpers.js';

const FIX = join(ROOT, 'tests/fixtures/la-ghg');
const A = join(FIX, 'la-ghg-2005-2020.csv');
const B = join(FIX, 'la-ghg-2005-2022.csv');
const C = join(FIX, 'la-co2-2005-2019.csv');

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'tco2e-la-ghg-'));
  const ledger = Ledger.open(join(dir, 'ledger.sqlite'), { create: true });
  const req = (path: string, over: Partial<LaGhgImportRequest> = {}): LaGhgImportRequest => ({ path, now: new Date('2025-06-02T09:00:00Z'), toolVersion: '0.1.0', ...over });
  return { dir, ledger, req };
}

const count = (ledger: Ledger, where: string, params: (string | number)[] = []): number => ledger.select<{ n: number }>(`SELECT count(*) AS n FROM la_ghg_figures WHERE ${where}`, params)[0]!.n;

describe('the layouts, matched by meaning', () => {
  it('reads the three scope-of-influence names and both sector vocabularies', () => {
    const base = ['Country', 'Region', 'Second Tier Authority', 'Local Authority', 'Local Authority Code', 'Calendar Year'];
    const ghg = (influence: string) => laGhgLayout([...base, 'LA GHG Sector', 'LA GHG Sub-sector', 'Greenhouse gas', 'Territorial emissions (kt CO2e)', influence, 'Mid-year Population (thousands)', 'Area (km2)']);
    for (const name of ['CO2 emissions within the scope of influence of LAs (kt CO2e)', 'CO2 emissions within the scope of influence of LAs (kt CO2)', 'Emissions within the scope of influence of LAs (kt CO2)']) {
      const l = ghg(name);
      expect('problem' in l ? l.problem : l.columns.influence).toBe(10);
      expect('problem' in l ? '' : l.basis).toBe('ghg');
    }
    const co2 = laGhgLayout([...base, 'LA CO2 Sector', 'LA CO2 Sub-sector', 'Territorial emissions (kt CO2)', 'Emissions within the scope of influence of LAs (kt CO2)', 'Mid-year Population (thousands)', 'Area (km2)']);
    expect('problem' in co2 ? co2.problem : co2.basis).toBe('co2');
    expect('problem' in co2 ? co2.problem : co2.columns.subsector).toBe(7);
  });

  it('says which column is missing from a file that is not the statistics', () => {
    expect(laGhgLayout(['Local Authority', 'Calendar Year', 'LA GHG Sector'])).toEqual({ problem: expect.stringContaining('"Local Authority Code"') as unknown });
  });
});

describe('import la-ghg', () => {
  it('stores every row with its edition; authorities, a county and rows that are not an authority apart', async () => {
    const { ledger, req } = setup();
    const s = await importLaGhg(ledger, req(A));
    // 3 years × (BCP 7 + Elmbridge 2 + Guildford 2 + Surrey 1 + Unallocated 1 + Large elec 1) = 3 × 14 = 42 rows.
    expect(s).toMatchObject({ status: 'stored', edition: '2005-2020', basis: 'ghg', years: { first: 2018, last: 2020 }, rows: { read: 42, accepted: 42, rejected: 0 }, authorities: 3, counties: 1 });
    expect(s.notAnAuthority).toEqual([{ name: 'Large elec users (high voltage lines) unknown location', rows: 3 }, { name: 'Unallocated consumption', rows: 3 }]);
    expect(count(ledger, 'batch_id = ?', [s.batchId!])).toBe(42);
    // Rows that are not an authority have no code: no authority's query (by code) can ever reach them.
    expect(count(ledger, "area_kind = 'not-an-authority' AND la_code IS NULL")).toBe(6);
    expect(count(ledger, "la_code = 'E10000030' AND area_kind = 'county'")).toBe(3);
    const batch = ledger.getBatch(s.batchId!)!;
    expect(batch).toMatchObject({ kind: 'la-ghg', org: AREA_STATISTICS_ORG, status: 'active', period_start: '2018-01-01', period_end: '2020-12-31', rows_read: 42 });
    expect(batch.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the same file twice is a no-op', async () => {
    const { ledger, req } = setup();
    const first = await importLaGhg(ledger, req(A));
    const again = await importLaGhg(ledger, req(A));
    expect(again).toMatchObject({ status: 'already-imported', batchId: first.batchId, edition: '2005-2020' });
    expect(ledger.listBatches()).toHaveLength(1);
  });

  it('a dry run stores nothing', async () => {
    const { ledger, req } = setup();
    const s = await importLaGhg(ledger, req(A, { dryRun: true }));
    expect(s).toMatchObject({ status: 'dry-run', batchId: null, rows: { read: 42 } });
    expect(ledger.listBatches()).toHaveLength(0);
    expect(count(ledger, '1 = 1')).toBe(0);
  });

  it('a new edition supersedes the older one, which stays for the history; an older one brought late does not count', async () => {
    const { ledger, req } = setup();
    const a = await importLaGhg(ledger, req(A));
    const b = await importLaGhg(ledger, req(B));
    expect(b.edition).toBe('2005-2022');
    expect(b.replaced).toEqual([{ batchId: a.batchId, fileName: 'la-ghg-2005-2020.csv', edition: '2005-2020' }]);
    expect(ledger.getBatch(a.batchId!)).toMatchObject({ status: 'superseded', superseded_by: b.batchId });
    expect(count(ledger, 'batch_id = ?', [a.batchId!])).toBe(42);
    // A copy of the older edition (another file, so not a repeat) is stored superseded by the newer one.
    const { dir } = setup();
    const late = join(dir, 'older-copy.csv');
    writeFileSync(late, readFileSync(A, 'utf8').replace('2018,Domestic,Domestic Electricity,CO2,200,', '2018,Domestic,Domestic Electricity,CO2,201,'));
    const c = await importLaGhg(ledger, req(late));
    expect(c.replacedBy).toEqual({ batchId: b.batchId, fileName: 'la-ghg-2005-2022.csv', edition: '2005-2022' });
    expect(ledger.getBatch(c.batchId!)).toMatchObject({ status: 'superseded', superseded_by: b.batchId });
    expect(ledger.getBatch(b.batchId!)!.status).toBe('active');
    // Undoing the newer edition: the older imports are listed as counting again.
    ledger.undoBatch(b.batchId!, { at: '2025-06-03T10:00:00Z' });
    expect([a.batchId, c.batchId].map((id) => ledger.getBatch(id!)!.status)).toEqual(['active', 'active']);
  });

  it('reads a CO2-only edition and labels it so', async () => {
    const { ledger, req } = setup();
    const s = await importLaGhg(ledger, req(C));
    expect(s).toMatchObject({ basis: 'co2', edition: '2005-2019', rows: { read: 12 }, authorities: 2 });
    expect(s.basisLabel).toMatch(/^CO2 only/);
    expect(count(ledger, "gas = 'CO2' AND batch_id = ?", [s.batchId!])).toBe(12);
    // A CO2-only edition never replaces a greenhouse gas one, nor the other way round.
    const g = await importLaGhg(ledger, req(A));
    expect(g.replaced).toEqual([]);
    expect(ledger.getBatch(s.batchId!)!.status).toBe('active');
  });

  it('rejects a row whose figure is not a number, naming line and column; stores the rest', async () => {
    const { dir, ledger, req } = setup();
    const bad = join(dir, 'bad.csv');
    const lines = readFileSync(A, 'utf8').split('\r\n');
    lines[2] = lines[2]!.replace(',300,300,', ',3O0,300,');
    writeFileSync(bad, lines.join('\r\n'));
    const s = await importLaGhg(ledger, req(bad));
    expect(s.rows).toEqual({ read: 42, accepted: 41, rejected: 1 });
    expect(s.problems[0]).toMatchObject({ line: 3, column: 'Territorial emissions (kt CO2e)', value: '3O0', code: 'la_ghg_not_a_number' });
    expect(ledger.batchProblems(s.batchId!)).toHaveLength(1);
  });

  it('refuses a file that is not the statistics, storing nothing', async () => {
    const { dir, ledger, req } = setup();
    const other = join(dir, 'bills.csv');
    writeFileSync(other, 'MPAN,Date,kWh\n1,2024-01-01,5\n');
    const e = await userErrorAsync(importLaGhg(ledger, req(other)));
    expect(e.code).toBe('not_la_ghg');
    expect(ledger.listBatches()).toHaveLength(0);
  });
});

describe('the CLI', () => {
  it('imports, lists, shows and undoes an area import; --json gives the summary', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tco2e-la-ghg-cli-'));
    writeFileSync(join(dir, 'tco2e.config.json'), JSON.stringify({ version: 1, organisations: [{ id: 'bcp-council', name: 'BCP Council', kind: 'council', laCode: 'E06000058' }] }));
    Ledger.open(join(dir, 'tco2e-ledger.sqlite'), { create: true }).close();
    const r = runCli(dir, 'import', 'la-ghg', A, '--json');
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'stored', kind: 'la-ghg', edition: '2005-2020', batchId: 1 });
    expect(runCli(dir, 'imports', 'list').stdout).toContain('la-ghg');
    expect(runCli(dir, 'imports', 'show', '1').stdout).toContain('la-ghg-2005-2020.csv');
    const area = runCli(dir, 'area', '--org', 'bcp-council', '--format', 'csv');
    expect(area.code).toBe(0);
    expect(area.stdout.split('\r\n')[1]).toMatch(/^E06000058,"Bournemouth, Christchurch and Poole",2018,2005-2020,ghg,territorial,766500,/);
    expect(runCli(dir, 'imports', 'undo', '1').code).toBe(0);
    expect(runCli(dir, 'area', '--la', 'E06000058').code).not.toBe(0);
  }, 60_000);
});
