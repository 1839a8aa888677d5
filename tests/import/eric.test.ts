/**
 * ERIC returns in (issue: "ERIC returns in"): the rows of one trust, by its ODS code, as annual
 * activity for the return's year, each figure traced to its column and line; nothing of other
 * trusts stored; ERIC and metered data for the same year and source never added together.
 * Expected figures are RA7's, worked out by hand from the published 2016/17 site rows (see
 * tests/fixtures/eric/README.md) and the 2016 factor set (FY 2016/17).
 */

import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ericComparison } from '../../src/aggregate/eric-choice.js';
import { emissionLines } from '../../src/aggregate/ledger-lines.js';
import { parsePolicy } from '../../src/convert/policy.js';
import { loadFactors } from '../../src/factors/library.js';
import { importEnergy } from '../../src/import/import-energy.js';
import { importEric, type EricImportRequest } from '../../src/import/import-eric.js';
import { loadBuiltinProfiles } from '../../src/map/profiles.js';
import { Ledger } from '../../src/store/ledger.js';
import { ROOT, runCli } from '../helpers.js';

const library = loadFactors();
const profiles = loadBuiltinProfiles();
const org = { id: 'bristol', name: 'University Hospitals Bristol', kind: 'nhs-trust' as const, sites: [{ id: 'RA701', name: 'Bristol Royal Infirmary', meters: [] }], denominators: [] };
const SITE_2016 = join(ROOT, 'tests/fixtures/eric/eric-2016-17-site.csv');

// 2016 set, as published (kg CO2e per unit): natural gas 0.184 per kWh (gross CV); UK electricity
// 0.41205 per kWh; water supply 0.344 per m³; gas oil 0.27631 per kWh (gross CV); commercial and
// industrial waste to landfill 199 per tonne, combustion 21 per tonne; paper and board, mixed,
// closed-loop recycling 21 per tonne.
const F = { gas: 0.184, electricity: 0.41205, water: 0.344, gasOil: 0.27631, landfill: 199, combustion: 21, recycling: 21 };

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'tco2e-eric-'));
  const ledger = Ledger.open(join(dir, 'ledger.sqlite'), { create: true });
  const req = (path: string, over: Partial<EricImportRequest> = {}): EricImportRequest => ({
    path, org, profiles, library, policy: parsePolicy('financial-year'), now: new Date('2025-06-02T09:00:00Z'), toolVersion: '0.1.0', ods: 'RA7', ...over,
  });
  return { dir, ledger, req };
}

/** Quantity and kg CO2e counted per source (main lines), through the reports' own query. */
function bySource(ledger: Ledger): Record<string, { quantity: number; kg: number }> {
  const out: Record<string, { quantity: number; kg: number }> = {};
  for (const l of emissionLines(ledger, { orgs: [org.id] }).lines) {
    if (l.kind !== 'main') continue;
    const s = (out[l.source] ??= { quantity: 0, kg: 0 });
    s.quantity += l.quantity;
    s.kg += l.kgCo2e;
  }
  return out;
}

describe('import eric: a site-level return', () => {
  it("stores the trust's own rows as the year's activity, with the figures as published and each traced to its column", async () => {
    const { ledger, req } = setup();
    const s = await importEric(ledger, req(SITE_2016, { year: '2016/17' }));
    expect(s.status).toBe('stored');
    // RA7's three rows (AGGRE, RA701, RA773); the other trusts' five rows are read past.
    expect(s.rows).toEqual({ read: 3, accepted: 3, excluded: 0, rejected: 0 });
    expect(s.eric).toMatchObject({ ods: 'RA7', year: '2016/17', level: 'site', otherRows: 5 });
    expect(s.eric!.sites.map((x) => [x.code, x.site])).toEqual([['AGGRE', null], ['RA701', 'Bristol Royal Infirmary'], ['RA773', null]]);
    const got = bySource(ledger);
    expect(Object.keys(got).sort()).toEqual(['electricity', 'gas', 'gas_oil', 'waste:incineration', 'waste:landfill', 'waste:recycling', 'water']);
    // Grid and green-tariff electricity: 27,721,528 kWh in all, less the 55,804 kWh a third
    // party's renewables made on site (no grid factor).
    expect(got.electricity!.quantity).toBeCloseTo(27_721_528 - 55_804, 6);
    expect(got.electricity!.kg).toBeCloseTo((27_721_528 - 55_804) * F.electricity, 3);
    expect(got.gas!.quantity).toBeCloseTo(60_701_598, 6);
    expect(got.gas!.kg).toBeCloseTo(60_701_598 * F.gas, 3);
    expect(got.water!.kg).toBeCloseTo(250_457 * F.water, 3);
    // Landfill: 15.70 + 1,485.97 + 10.34 tonnes over RA7's three rows.
    expect(got['waste:landfill']!.quantity).toBeCloseTo(1512.01, 6);
    expect(got['waste:landfill']!.kg).toBeCloseTo(1512.01 * F.landfill, 6);
    // Every line is the whole financial year, estimated (an annual return), traced to its column.
    const lines = ledger.batchActivities(s.batchId!).filter((a) => a.companionOf === null);
    expect(new Set(lines.map((a) => `${a.periodStart} ${a.periodEnd} ${a.estimated}`))).toEqual(new Set(['2016-04-01 2017-03-31 1']));
    // CHP output and fuel input are named as not counted: the gas they come from is counted once.
    expect(s.eric!.notCounted.map((n) => n.column)).toEqual(expect.arrayContaining(['Fossil energy input to CHP system/s (kWh)', 'Electrical energy output of CHP system/s (kWh)', 'Thermal energy output of CHP system/s (kWh)']));
    expect(s.eric!.readings.find((r) => r.column === 'Oil consumed (kWh)')?.reading).toContain('gas oil');
    ledger.close();
  });

  it('the same file twice changes nothing; the year must be given when the name does not say it', async () => {
    const { dir, ledger, req } = setup();
    const first = await importEric(ledger, req(SITE_2016, { year: '2016/17' }));
    const again = await importEric(ledger, req(SITE_2016, { year: '2016/17' }));
    expect(again.status).toBe('already-imported');
    expect(again.batchId).toBe(first.batchId);
    const unnamed = join(dir, 'estates-return.csv');
    copyFileSync(SITE_2016, unnamed);
    await expect(importEric(ledger, req(unnamed))).rejects.toMatchObject({ code: 'eric_year_unknown' });
    // In another ledger: to this one, the same content is the file already imported.
    const named = join(dir, 'ERIC - 201617 - Site data.csv');
    copyFileSync(SITE_2016, named);
    const other = setup();
    const dry = await importEric(other.ledger, other.req(named, { dryRun: true, ods: 'RA2' }));
    expect(dry.eric).toMatchObject({ year: '2016/17', yearFrom: 'file name', ods: 'RA2' });
    await expect(importEric(other.ledger, other.req(named, { ods: 'ZZZ' }))).rejects.toMatchObject({ code: 'eric_no_rows' });
    other.ledger.close();
    ledger.close();
  });
});

describe('import eric: other years and levels', () => {
  it('2023/24 site level: five electricity parts, of which on-site solar takes no grid factor; waste by route', async () => {
    const { ledger, req } = setup();
    const s = await importEric(ledger, req(join(ROOT, 'tests/fixtures/eric/eric-2023-24-site.csv'), { year: '2023/24' }));
    expect(s.status).toBe('stored');
    // RA701, RA773, RA7C2, RA7CH and RA7ORS; the other trusts' rows are read past.
    expect(s.rows.read).toBe(5);
    const got = bySource(ledger);
    // Green tariff 5,722,138 + other renewables 0 + other 1,804,705 kWh at the grid factor; the
    // trust's own solar (180,700) and a third party's (48,739) are used on site: no grid factor.
    expect(got.electricity!.quantity).toBeCloseTo(5_722_138 + 1_804_705, 6);
    expect(got.electricity!.kg).toBeCloseTo((5_722_138 + 1_804_705) * 0.20707, 3);
    expect(s.eric!.notCounted.map((n) => [n.column, n.quantity])).toEqual(expect.arrayContaining([
      ['Electricity - trust owned solar consumed (kWh)', 180_700], ['Electricity - third party owned solar consumed (kWh)', 48_739],
    ]));
    // Gas: 87,189,047 + 1,621,236 + 12,746,937 + 122,957 + 145,288 kWh; 2023 set, 0.18293 kg CO2e per kWh (gross CV).
    expect(got.gas!.quantity).toBeCloseTo(101_825_465, 6);
    expect(got.gas!.kg).toBeCloseTo(101_825_465 * 0.18293, 3);
    expect(got.water!.quantity).toBeCloseTo(350_454, 6);
    // Waste, 3,629.82 tonnes in all: clinical incineration 656.04, alternative treatment 356.49,
    // offensive 361.55, domestic landfill 34.08, recycling 331.57 + confidential 451.64,
    // domestic incineration 1,328.02, food 110.43.
    const tonnes = (k: string): number => got[k]?.quantity ?? 0;
    expect(tonnes('waste:clinical_incineration')).toBeCloseTo(656.04, 6);
    expect(tonnes('waste:clinical_treatment')).toBeCloseTo(356.49, 6);
    expect(tonnes('waste:offensive')).toBeCloseTo(361.55, 6);
    expect(tonnes('waste:landfill')).toBeCloseTo(34.08, 6);
    expect(tonnes('waste:recycling')).toBeCloseTo(331.57 + 451.64, 6);
    expect(tonnes('waste:incineration')).toBeCloseTo(1328.02, 6);
    expect(tonnes('waste:food')).toBeCloseTo(110.43, 6);
    // Offensive waste to landfill at the 2023 C&I landfill figure, 520.33474 kg CO2e a tonne: a mapping, said so.
    expect(got['waste:offensive']!.kg).toBeCloseTo(361.55 * 520.33474, 3);
    expect(s.eric!.readings.find((r) => r.column === 'Offensive waste volume (Tonnes)')?.reading).toContain('HTM 07-01');
    ledger.close();
  });

  it('2015/16 trust level, below a heading row: utility and renewable electricity, gas, oil, water, clinical waste', async () => {
    const { ledger, req } = setup();
    const s = await importEric(ledger, req(join(ROOT, 'tests/fixtures/eric/eric-2015-16-trust-part2.csv'), { year: '2015/16' }));
    expect(s.status).toBe('stored');
    expect(s.eric).toMatchObject({ level: 'trust', ods: 'RA7' });
    expect(s.rows.read).toBe(1);
    const got = bySource(ledger);
    // 27,019,215 consumed + 214,475 renewable (read as bought, said so); 2015 set 0.46219 per kWh.
    expect(got.electricity!.quantity).toBeCloseTo(27_233_690, 6);
    expect(got.electricity!.kg).toBeCloseTo(27_233_690 * 0.46219, 3);
    expect(s.eric!.readings.map((r) => r.column)).toContain('Electricity consumed - renewable (kWh)');
    expect(got.gas!.kg).toBeCloseTo(44_175_463 * 0.18445, 3);
    expect(got.gas_oil!.quantity).toBeCloseTo(723_553, 6);
    expect(got.water!.quantity).toBeCloseTo(226_143, 6);
    // Clinical 28.77 + special 562.59 tonnes, both treated clinical waste.
    expect(got['waste:clinical_treatment']!.quantity).toBeCloseTo(591.36, 6);
    ledger.close();
  });
});

describe('import eric: what a file leaves out is said', () => {
  it('the 2023/24 trust-level file has no energy: its WEEE tonnes are stored, and the import says to use the site file', async () => {
    const { ledger, req } = setup();
    const s = await importEric(ledger, req(join(ROOT, 'tests/fixtures/eric/eric-2023-24-trust.csv'), { year: '2023/24' }));
    expect(s.status).toBe('stored');
    expect(s.warnings.map((w) => w.code)).toContain('eric_no_energy');
    expect(Object.keys(bySource(ledger))).toEqual(['waste:weee']);
    ledger.close();
  });

  it('a column of quantities with a meaning not known is named in a warning, not imported', async () => {
    const { dir, ledger, req } = setup();
    const path = join(dir, 'eric-2019-20-site.csv');
    writeFileSync(path, 'Trust Code,Trust Name,Site Code,Site Name,Gas consumed (kWh),Electricity consumed - private wire (kWh),Coal consumed (kWh)\nRA7,UHB,RA701,BRI,1000,500,200\n');
    const s = await importEric(ledger, req(path));
    expect(s.eric).toMatchObject({ year: '2019/20', yearFrom: 'file name' });
    expect(s.warnings.filter((w) => w.code === 'eric_column_unrecognised').map((w) => w.column)).toEqual(['Electricity consumed - private wire (kWh)']);
    // 2019 set (FY 2019/20), kg CO2e per kWh (gross CV): natural gas 0.18385; coal (industrial) 0.33183.
    expect(bySource(ledger)).toEqual({ gas: { quantity: 1000, kg: expect.closeTo(1000 * 0.18385, 9) as number }, coal: { quantity: 200, kg: expect.closeTo(200 * 0.33183, 9) as number } });
    ledger.close();
  });
});

describe('ERIC and metered data for the same year and source are never added', () => {
  /** Monthly gas bills for FY 2016/17 at the main site: `months` of them, 1,000,000 kWh each. */
  function gasBills(dir: string, months: number): string {
    const rows = Array.from({ length: months }, (_, i) => {
      const m = new Date(Date.UTC(2016, 3 + i, 1));
      const end = new Date(Date.UTC(2016, 4 + i, 0));
      const d = (x: Date): string => `${String(x.getUTCDate()).padStart(2, '0')}/${String(x.getUTCMonth() + 1).padStart(2, '0')}/${x.getUTCFullYear()}`;
      return `Bristol Royal Infirmary,9100000001,Gas,${d(m)},${d(end)},1000000,kWh,A`;
    });
    const path = join(dir, `gas-${months}.csv`);
    writeFileSync(path, `Site,Meter,Fuel,Start Date,End Date,Consumption,Unit,Read Type\n${rows.join('\n')}\n`);
    return path;
  }

  it('metered gas for all twelve months counts and the return stands aside; with three months the return counts', async () => {
    const { dir, ledger, req } = setup();
    await importEric(ledger, req(SITE_2016, { year: '2016/17' }));
    const bills = await importEnergy(ledger, { ...req(gasBills(dir, 12)), profileId: 'energy-bill' });
    expect(bills.status).toBe('stored');
    expect(bySource(ledger).gas!.quantity).toBeCloseTo(12_000_000, 6);
    // Electricity has no metered data: the return's still counts.
    expect(bySource(ledger).electricity!.quantity).toBeCloseTo(27_721_528 - 55_804, 6);
    const cmp = ericComparison(ledger, [org.id]).find((c) => c.source === 'gas')!;
    expect(cmp).toMatchObject({ counted: 'metered', meteredMonths: 12, eric: { quantity: 60_701_598 }, metered: { quantity: 12_000_000 } });
    ledger.undoBatch(bills.batchId!, { at: '2025-06-03T10:00:00Z' });
    await importEnergy(ledger, { ...req(gasBills(dir, 3)), profileId: 'energy-bill' });
    expect(bySource(ledger).gas!.quantity).toBeCloseTo(60_701_598, 6);
    expect(ericComparison(ledger, [org.id]).find((c) => c.source === 'gas')).toMatchObject({ counted: 'eric', meteredMonths: 3 });
    ledger.close();
  });
});

describe('a baseline from an ERIC return', () => {
  it('is taken when the ledger holds no metered data for the baseline year, and progress says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tco2e-eric-cli-'));
    expect(runCli(dir, 'init', '--org', 'bristol', '--name', 'University Hospitals Bristol').code).toBe(0);
    const configPath = join(dir, 'tco2e.config.json');
    const config = JSON.parse(readFileSync(configPath, 'utf8')) as { organisations: Record<string, unknown>[]; targets?: unknown[] };
    config.organisations[0]!.ods = 'RA7';
    config.targets = [{ id: 'cut-28', org: 'bristol', baselineYear: 2016, targetYear: 2020, reductionPct: 28, basis: 'financial' }];
    writeFileSync(configPath, JSON.stringify(config, null, 2));
    const file = join(dir, 'ERIC - 201617 - Site data.csv');
    copyFileSync(SITE_2016, file);
    const imported = runCli(dir, 'import', 'eric', file, '--org', 'bristol');
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('ERIC 2016/17 (from the file\'s name), site level, trust RA7');
    const progress = runCli(dir, 'progress', '--org', 'bristol', '--json');
    const report = JSON.parse(progress.stdout) as { targets: { baselineFrom: string | null }[] };
    expect(report.targets.map((t) => t.baselineFrom)).toEqual(['ERIC 2016/17']);
    expect(runCli(dir, 'progress', '--org', 'bristol').stdout).toContain('Baseline from ERIC 2016/17');
    // The board report reads the ledger summed, not line by line: it says so too.
    const board = join(dir, 'board.html');
    expect(runCli(dir, 'report', 'board', '--org', 'bristol', '--period', '2016/17', '--out', board).code).toBe(0);
    expect(readFileSync(board, 'utf8')).toContain('Baseline from ERIC 2016/17: the trust&#39;s annual estates return');
    const cmp = runCli(dir, 'emissions', '--org', 'bristol', '--compare-eric', '--format', 'csv');
    expect(cmp.stdout.split(/\r?\n/)[0]).toBe('org,year,source,unit,eric_quantity,eric_kg_co2e,metered_quantity,metered_kg_co2e,metered_months,difference_kg_co2e,counted');
    expect(cmp.stdout).toContain('bristol,2016/17,gas,kWh,60701598,');
  });
});
