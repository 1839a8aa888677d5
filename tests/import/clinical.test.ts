/**
 * Anaesthetic gases and inhalers in (issue: "import clinical"): pharmacy and theatre issues become
 * kg of agent or propellant, priced with IPCC AR5 100-year GWPs out of the factor library, Scope 1
 * for anaesthetic gases and Scope 3 category 1 for inhalers, under the NHS Carbon Footprint's
 * `anaesthetic` and `inhalers` sources. Every expected figure is worked by hand below from the
 * fixtures (tests/fixtures/clinical/README.md), the densities in src/map/clinical/amounts.ts and
 * the GWPs of AR5 WG1 Table 8.A.1: desflurane 1790, sevoflurane 216, isoflurane 491, N2O 265,
 * HFC-134a 1300.
 */

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emissionLines } from '../../src/aggregate/ledger-lines.js';
import { parsePolicy } from '../../src/convert/policy.js';
import { parseCustomFactors } from '../../src/factors/custom.js';
import { loadFactors, type FactorLibrary } from '../../src/factors/library.js';
import { importClinical } from '../../src/import/import-clinical.js';
import type { ImportRequest } from '../../src/import/request.js';
import { clinicalMsg } from '../../src/map/clinical/messages.js';
import { loadBuiltinProfiles } from '../../src/map/profiles.js';
import { sourceName } from '../../src/render/source-names.js';
import { Ledger } from '../../src/store/ledger.js';
import { ROOT, runCli, userErrorAsync } from '../helpers.js';

const FIXTURES = join(ROOT, 'tests/fixtures/clinical');
const PHARMACY = join(FIXTURES, 'pharmacy-stock-issues.csv');
const THEATRES = join(FIXTURES, 'theatre-gases-return.csv');
const DPI_FACTOR = join(FIXTURES, 'dpi-factor.csv');

const org = { id: 'north-acute', name: 'North Acute', kind: 'nhs-trust' as const, sites: [{ id: 'main', name: 'Main Theatres', meters: [] }], denominators: [] };
const profiles = loadBuiltinProfiles();

function withDpiFactor(): FactorLibrary {
  const { factors, problems } = parseCustomFactors(readFileSync(DPI_FACTOR, 'utf8'), 'dpi-factor.csv', () => false);
  expect(problems).toEqual([]);
  return loadFactors({ custom: factors });
}

function setup(library: FactorLibrary = loadFactors()) {
  const dir = mkdtempSync(join(tmpdir(), 'tco2e-clinical-'));
  const ledger = Ledger.open(join(dir, 'ledger.sqlite'), { create: true });
  const req = (path: string, over: Partial<ImportRequest> = {}): ImportRequest => ({
    path, org, profiles, library, policy: parsePolicy('financial-year'), now: new Date('2025-06-02T09:00:00Z'), toolVersion: '0.1.0', ...over,
  });
  return { dir, ledger, req };
}

/** kg CO2e and quantity per source (main lines), through the reports' own query. */
function bySource(ledger: Ledger): Record<string, { quantity: number; kg: number; scope: number | null }> {
  const out: Record<string, { quantity: number; kg: number; scope: number | null }> = {};
  for (const l of emissionLines(ledger, { orgs: [org.id] }).lines) {
    if (l.kind !== 'main') continue;
    const s = (out[l.source] ??= { quantity: 0, kg: 0, scope: l.scope });
    s.quantity += l.quantity;
    s.kg += l.kgCo2e;
  }
  return out;
}

describe('GWP keys in the factor library', () => {
  const library = loadFactors();

  it('are in every year the library has, sourced to IPCC AR5 Table 8.A.1, not to DESNZ', () => {
    for (const key of ['anaesthetic.desflurane', 'anaesthetic.sevoflurane', 'anaesthetic.isoflurane', 'anaesthetic.nitrous_oxide', 'inhaler.hfa134a', 'inhaler.hfa227ea', 'inhaler.hfa152a']) {
      expect(library.yearsOf(key), key).toEqual([...library.years]);
      const yf = library.lookup(key, 2024)!;
      expect(yf.source).toMatchObject({ kind: 'published', publisher: 'IPCC', edition: 'IPCC Fifth Assessment Report (AR5), WG1 Chapter 8, Table 8.A.1' });
      expect(yf.variants.map((v) => v.unit)).toEqual(['kg']);
    }
    const gwp = (key: string) => library.lookup(key, 2019)!.variants[0]!.values.co2e!.kg;
    expect([gwp('anaesthetic.desflurane'), gwp('anaesthetic.sevoflurane'), gwp('anaesthetic.isoflurane'), gwp('anaesthetic.nitrous_oxide')]).toEqual([1790, 216, 491, 265]);
    expect([gwp('inhaler.hfa134a'), gwp('inhaler.hfa227ea'), gwp('inhaler.hfa152a')]).toEqual([1300, 3350, 138]);
  });

  it('scope anaesthetic gases as Scope 1 and inhalers as Scope 3 category 1', () => {
    expect(library.key('anaesthetic.desflurane')!.scope).toEqual({ kind: 'fixed', scope: 1 });
    expect(library.key('inhaler.hfa134a')!.scope).toEqual({ kind: 'fixed', scope: 3, category: 1 });
  });
});

describe('import clinical: a pharmacy stock export', () => {
  it('stores volatile agents and metered-dose inhalers as kg released, priced by GWP, each traced', async () => {
    const { ledger, req } = setup();
    const s = await importClinical(ledger, req(PHARMACY));
    expect(s.status).toBe('stored');
    // 8 rows: paracetamol (not counted), beclometasone (no propellant mass) and Symbicort (a
    // dry-powder inhaler with no factor loaded) rejected.
    expect(s.rows).toEqual({ read: 8, accepted: 5, excluded: 0, rejected: 3 });
    const got = bySource(ledger);
    expect(Object.keys(got).sort()).toEqual(['anaesthetic:desflurane', 'anaesthetic:isoflurane', 'anaesthetic:sevoflurane', 'inhalers:mdi_hfa134a']);
    // Sevoflurane: 6 × 250 ml issued, 1 × 250 ml returned = 1250 ml × 1.52 g/ml = 1.9 kg × 216 = 410.4 kg CO2e
    // (the issue alone: 2.28 kg × 216 = 492.48; the return: −0.38 kg × 216 = −82.08).
    expect(got['anaesthetic:sevoflurane']!.quantity).toBeCloseTo(1.9, 9);
    expect(got['anaesthetic:sevoflurane']!.kg).toBeCloseTo(410.4, 6);
    // Desflurane: 2 × 240 ml = 480 ml × 1.465 g/ml = 0.7032 kg × 1790 = 1258.728 kg CO2e.
    expect(got['anaesthetic:desflurane']!.kg).toBeCloseTo(1258.728, 6);
    // Isoflurane, pack size from its column: 3 × 100 ml × 1.496 g/ml = 0.4488 kg × 491 = 220.3608 kg CO2e.
    expect(got['anaesthetic:isoflurane']!.kg).toBeCloseTo(220.3608, 6);
    // Salbutamol MDI: 20 inhalers × 18 g HFA-134a = 0.36 kg × 1300 = 468 kg CO2e.
    expect(got['inhalers:mdi_hfa134a']!.quantity).toBeCloseTo(0.36, 9);
    expect(got['inhalers:mdi_hfa134a']!.kg).toBeCloseTo(468, 6);
    expect(got['anaesthetic:desflurane']!.scope).toBe(1);
    expect(got['inhalers:mdi_hfa134a']!.scope).toBe(3);

    const lines = ledger.batchActivities(s.batchId!);
    const sevo = lines.find((a) => a.source === 'anaesthetic:sevoflurane' && a.quantity > 0)!;
    expect(sevo).toMatchObject({ factorKey: 'anaesthetic.sevoflurane', factorYear: 2024, factorEdition: 'IPCC Fifth Assessment Report (AR5), WG1 Chapter 8, Table 8.A.1', factorKgPerUnit: 216, unit: 'kg', periodStart: '2024-05-03', periodEnd: '2024-05-03', site: 'Main Theatres' });
    const [extra] = ledger.select<{ extra: string }>("SELECT extra_json AS extra FROM activities WHERE source = 'anaesthetic:sevoflurane' AND quantity > 0", []);
    expect(JSON.parse(extra!.extra)).toMatchObject({ product: 'Sevoflurane 250ml inhalation vapour liquid', pack: '250 ml', liquidMl: 1500, densityGPerMl: 1.52 });
    // Nothing is stored beside the main figure: GWP keys have no companions.
    expect(lines.every((a) => a.companionOf === null)).toBe(true);
  });

  it('rejects what it cannot count without a guess, saying what to add', async () => {
    const { ledger, req } = setup();
    const s = await importClinical(ledger, req(PHARMACY, { dryRun: true }));
    expect(s.status).toBe('dry-run');
    const byCode = new Map(s.problems.map((p) => [p.code, p]));
    expect(byCode.get('clinical_unknown_product')!.message).toBe(clinicalMsg.unknownProduct('Paracetamol 1g/100ml solution for infusion vials'));
    expect(byCode.get('inhaler_no_propellant_mass')).toMatchObject({ line: 6, message: clinicalMsg.noPropellantMass('Beclometasone 100micrograms/dose inhaler CFC free') });
    expect(byCode.get('inhaler_no_dpi_factor')).toMatchObject({ line: 7, message: clinicalMsg.noDpiFactor('Symbicort 200/6 Turbohaler') });
    expect(byCode.get('inhaler_no_dpi_factor')!.message).toContain('inhaler.dry_powder');
    expect(ledger.batchActivities(1)).toEqual([]);
  });

  it('counts dry-powder inhalers with the custom factor, when one is loaded', async () => {
    const { ledger, req } = setup(withDpiFactor());
    const s = await importClinical(ledger, req(PHARMACY));
    expect(s.rows.rejected).toBe(2);
    // Symbicort Turbohaler: 5 inhalers × 0.77 kg CO2e (the fixture's invented factor) = 3.85 kg CO2e.
    const dpi = bySource(ledger)['inhalers:dpi']!;
    expect(dpi.quantity).toBe(5);
    expect(dpi.kg).toBeCloseTo(3.85, 9);
    expect(s.clinical!.dpiFactor).toBe(true);
  });

  it('is a no-op the second time, and --strict refuses the file for one rejected row', async () => {
    const { ledger, req } = setup();
    expect((await importClinical(ledger, req(PHARMACY))).status).toBe('stored');
    expect((await importClinical(ledger, req(PHARMACY))).status).toBe('already-imported');
    const other = setup();
    expect((await importClinical(other.ledger, other.req(PHARMACY, { strict: true }))).status).toBe('refused-strict');
  });
});

describe('import clinical: a theatre gases return', () => {
  it('reads cylinders by their contents in litres or kg, Entonox as half nitrous oxide, a month as the month', async () => {
    const { ledger, req } = setup();
    const s = await importClinical(ledger, req(THEATRES));
    expect(s.status).toBe('stored');
    expect(s.rows).toEqual({ read: 4, accepted: 3, excluded: 0, rejected: 1 });
    const got = bySource(ledger);
    // N2O: 2 × 9000 L = 18,000 L ÷ 540 L/kg = 33.333… kg, plus 1 × 3.4 kg = 36.7333… kg × 265 = 9734.333… kg CO2e.
    expect(got['anaesthetic:nitrous_oxide']!.quantity).toBeCloseTo(18_000 / 540 + 3.4, 9);
    expect(got['anaesthetic:nitrous_oxide']!.kg).toBeCloseTo((18_000 / 540 + 3.4) * 265, 6);
    expect(got['anaesthetic:nitrous_oxide']!.kg).toBeCloseTo(9734.3333, 3);
    // Entonox: 3 × 5000 L = 15,000 L × 50% = 7500 L of N2O ÷ 540 = 13.888… kg × 265 = 3680.555… kg CO2e.
    expect(got['anaesthetic:entonox']!.kg).toBeCloseTo(3680.5556, 3);
    const lines = ledger.batchActivities(s.batchId!);
    expect(new Set(lines.map((a) => `${a.periodStart} ${a.periodEnd}`))).toEqual(new Set(['2024-05-01 2024-05-31']));
    // A cylinder letter alone is not read as a size: the row says what to add.
    expect(s.problems.map((p) => [p.line, p.code])).toEqual([[6, 'clinical_no_pack_size']]);
    expect(sourceName('anaesthetic:entonox')).toBe('Anaesthetic gases: Entonox (nitrous oxide and oxygen)');
    expect(sourceName('inhalers:mdi_hfa134a')).toBe('Inhalers: metered-dose, HFA-134a');
  });

  it('refuses a file without the columns it needs, naming them', async () => {
    const { dir, ledger, req } = setup();
    const path = join(dir, 'not-issues.csv');
    writeFileSync(path, 'Ward,Cost\nWard 7,12.50\n');
    const e = await userErrorAsync(importClinical(ledger, req(path)));
    expect(e.code).toBe('not_clinical');
    expect(e.message).toBe(clinicalMsg.notClinical('not-issues.csv', ['the product', 'the quantity issued', 'the date or month']));
  });
});

describe('tco2e import clinical (CLI)', () => {
  it('imports, dry-runs as JSON, is a no-op twice, and undoes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tco2e-clinical-cli-'));
    expect(runCli(dir, 'init', '--org', 'north-acute', '--name', 'North Acute').code).toBe(0);
    const dry = runCli(dir, 'import', 'clinical', THEATRES, '--org', 'north-acute', '--dry-run', '--json');
    const dryJson = JSON.parse(dry.stdout) as { status: string; clinical: { columns: { field: string; header: string }[] } };
    expect(dryJson.status).toBe('dry-run');
    expect(dryJson.clinical.columns).toContainEqual({ field: 'packSize', header: 'Cylinder size' });
    const first = runCli(dir, 'import', 'clinical', THEATRES, '--org', 'north-acute', '--json');
    const firstJson = JSON.parse(first.stdout) as { status: string; batchId: number };
    expect(firstJson.status).toBe('stored');
    expect((JSON.parse(runCli(dir, 'import', 'clinical', THEATRES, '--org', 'north-acute', '--json').stdout) as { status: string }).status).toBe('already-imported');
    const text = runCli(dir, 'import', 'clinical', PHARMACY, '--org', 'north-acute', '--dry-run', '--factors', DPI_FACTOR);
    expect(text.stdout).toContain('IPCC Fifth Assessment Report (AR5), WG1 Chapter 8, Table 8.A.1');
    expect(runCli(dir, 'imports', 'undo', String(firstJson.batchId)).code).toBe(0);
    expect((JSON.parse(runCli(dir, 'import', 'clinical', THEATRES, '--org', 'north-acute', '--json').stdout) as { status: string }).status).toBe('stored');
  });
});
