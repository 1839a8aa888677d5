import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/convert/policy.js';
import { loadFactors } from '../../src/factors/library.js';
import { importEnergy } from '../../src/import/import-energy.js';
import { importFleet } from '../../src/import/import-fleet.js';
import { importJourneys } from '../../src/import/import-journeys.js';
import type { ImportRequest } from '../../src/import/request.js';
import type { ImportSummary } from '../../src/import/summary.js';
import { allProfiles } from '../../src/map/profiles.js';
import { Ledger } from '../../src/store/ledger.js';
import { ConfigSchema, parseConfig, type Config } from '../../src/workspace/config.js';
import { ROOT } from '../helpers.js';
import { writeSamples } from './build/index.js';

const DIR = join(ROOT, 'data/samples/ics');
const CONFIG = join(DIR, 'tco2e.config.json');

interface Entry {
  kind: 'energy' | 'fleet' | 'journeys';
  org: string;
  file: string;
  profile: string;
  wave?: string;
  expectRejected: number;
}

function manifest(): { config: string; policy: string; imports: Entry[] } {
  return JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as { config: string; policy: string; imports: Entry[] };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Runs one manifest entry through the library, as `tco2e import <kind>` would; `detect` leaves
 * the profile out, so it is chosen from the header.
 */
async function importEntry(ledger: Ledger, config: Config, e: Entry, options: { detect?: boolean; dryRun?: boolean } = {}): Promise<ImportSummary> {
  const org = config.organisations.find((o) => o.id === e.org);
  if (org === undefined) throw new Error(`manifest names ${e.org}, which the config lacks`);
  const req: ImportRequest = {
    path: join(DIR, e.file), org, profiles: allProfiles(config.profiles, CONFIG), library: loadFactors(),
    policy: parsePolicy('financial-year'), now: new Date('2026-04-20T09:00:00Z'), toolVersion: '0.1.0',
    ...(options.detect === true ? {} : { profileId: e.profile }), dryRun: options.dryRun ?? false,
  };
  if (e.kind === 'energy') return importEnergy(ledger, req);
  if (e.kind === 'fleet') return importFleet(ledger, req);
  return importJourneys(ledger, { ...req, ...(e.wave === undefined ? {} : { wave: e.wave }) });
}

describe('sample dataset: files', () => {
  it('ships exactly the files the generator writes, byte for byte', () => {
    const out = mkdtempSync(join(tmpdir(), 'tco2e-samples-'));
    const written = writeSamples(out).sort();
    const shipped = filesUnder(DIR).map((p) => relative(DIR, p).split('\\').join('/')).filter((p) => p !== 'README.md').sort();
    expect(shipped).toEqual(written);
    for (const path of written) {
      expect(readFileSync(join(DIR, path)).equals(readFileSync(join(out, path))), `${path} differs from the generator's output: run npx tsx tests/samples/generate.ts`).toBe(true);
    }
  });

  it('stays small: under 5 MB in all', () => {
    const bytes = filesUnder(DIR).reduce((s, p) => s + statSync(p).size, 0);
    expect(bytes).toBeLessThan(5 * 1024 * 1024);
  });

  it('sends the bills in three different shapes: Windows-1252 with £, sep=; and a BOM', () => {
    const acute = readFileSync(join(DIR, 'energy/acute-bills-2013-2026.csv'));
    // "Cost (£)" in Windows-1252: the pound sign is the single byte 0xA3.
    expect(acute.includes(Buffer.from([0x43, 0x6f, 0x73, 0x74, 0x20, 0x28, 0xa3, 0x29]))).toBe(true);
    expect(readFileSync(join(DIR, 'energy/community-energy-2013-2026.csv'), 'utf8').startsWith('sep=;\r\n')).toBe(true);
    expect([...readFileSync(join(DIR, 'energy/council-bills-2013-2026.csv')).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});

describe('sample dataset: config', () => {
  it('is valid against the config schema', () => {
    const r = ConfigSchema.safeParse(JSON.parse(readFileSync(CONFIG, 'utf8')));
    expect(r.success ? [] : r.error.issues).toEqual([]);
  });

  it('names three members and their ICS, each marked as sample data', () => {
    const c = parseConfig(readFileSync(CONFIG, 'utf8'), CONFIG);
    expect(c.organisations.map((o) => [o.id, o.kind])).toEqual([
      ['northmere-acute', 'nhs-trust'], ['northmere-community', 'nhs-trust'], ['northmere-council', 'council'], ['northmere-ics', 'ics'],
    ]);
    expect(c.organisations.every((o) => o.name.endsWith('(sample data)'))).toBe(true);
    expect(c.organisations[3]!.members).toEqual(['northmere-acute', 'northmere-community', 'northmere-council']);
    // 13 financial years of denominators for every organisation.
    expect(c.organisations.map((o) => [o.denominators.length, o.denominators[0]!.year, o.denominators[12]!.year])).toEqual(Array(4).fill([13, '2013/14', '2025/26']));
    expect(c.organisations[0]!.denominators[0]!.beds).toBe(840);
    expect(c.organisations[2]!.denominators[0]!.residents).toBe(182_400);
  });

  it('says where every illustrative figure comes from, and uses the shared target presets', () => {
    const c = parseConfig(readFileSync(CONFIG, 'utf8'), CONFIG);
    const [acute, , council] = c.organisations;
    expect(acute!.travel.avoided).toHaveLength(1);
    expect(acute!.travel.avoided[0]!.source).toMatch(/^Illustrative/);
    expect(council!.marketFactors).toHaveLength(1);
    expect(council!.marketFactors[0]).toMatchObject({ from: '2021-04-01', kgCo2ePerKwh: 0 });
    expect(council!.marketFactors[0]!.source).toMatch(/^Illustrative/);
    expect(acute!.travel.headcount.filter((h) => h.site === 'royal-infirmary')).toEqual([{ year: '2022/23', site: 'royal-infirmary', headcount: 4100 }, { year: '2025/26', site: 'royal-infirmary', headcount: 4350 }]);
    expect([...new Set(c.targets.map((t) => t.preset))].sort()).toEqual([
      'cca-2020-34pct', 'cca-2025-50pct', 'council-net-zero-2030', 'nhs-carbon-footprint-2040', 'nhs-carbon-footprint-plus-2045', 'sds-2014-28pct', 'uk-net-zero-2050',
    ]);
    expect(c.targets.find((t) => t.preset === 'council-net-zero-2030')).toMatchObject({ org: 'northmere-council', baselineYear: 2013 });
    for (const t of c.targets.filter((x) => x.baseline !== undefined)) expect(t.baseline!.source).toMatch(/^Illustrative 1990 estimate/);
  });
});

/** The rows each file rejects on purpose: [line, code]. */
const EXPECTED_REJECTS: Readonly<Record<string, readonly (readonly [number, string])[]>> = {
  'energy/acute-bills-2013-2026.csv': [[455, 'invalid_date']],
  'energy/community-energy-2013-2026.csv': [[735, 'unknown_fuel']],
  'energy/council-bills-2013-2026.csv': [[1132, 'placeholder']],
  'travel/acute-staff-travel-survey-2022.csv': [[101, 'bad_distance']],
  'travel/acute-staff-travel-survey-2025.csv': [[201, 'ambiguous_mode']],
  'travel/community-staff-travel-survey-2025.csv': [[51, 'bad_days']],
  'travel/acute-patient-visitor-survey-2025.csv': [[88, 'ambiguous_mode']],
};

describe('sample dataset: importing every manifest entry', () => {
  let config: Config;
  let ledger: Ledger;
  const summaries = new Map<string, ImportSummary>();

  beforeAll(async () => {
    config = parseConfig(readFileSync(CONFIG, 'utf8'), CONFIG);
    ledger = Ledger.open(join(mkdtempSync(join(tmpdir(), 'tco2e-samples-')), 'ledger.sqlite'), { create: true });
    for (const e of manifest().imports) summaries.set(e.file, await importEntry(ledger, config, e));
  }, 120_000);

  const sum = (sql: string, ...params: (string | number)[]): number => ledger.select<{ v: number | null }>(sql, params)[0]!.v ?? 0;

  it('lands every file, rejecting only the rows meant to be rejected, each with its reason', () => {
    const m = manifest();
    expect(m.config).toBe('tco2e.config.json');
    expect(m.imports).toHaveLength(18);
    for (const e of m.imports) {
      const s = summaries.get(e.file)!;
      expect([e.file, s.status, s.profile]).toEqual([e.file, 'stored', e.profile]);
      expect([e.file, s.rows.rejected]).toEqual([e.file, e.expectRejected]);
      expect([e.file, s.problems.map((p) => [p.line, p.code])]).toEqual([e.file, EXPECTED_REJECTS[e.file] ?? []]);
    }
    expect(summaries.get('energy/acute-bills-2013-2026.csv')!.problems[0]!.message).toContain('June 2019 has 30 days');
  });

  it('finds each file\'s layout from its header alone', async () => {
    const scratch = Ledger.open(join(mkdtempSync(join(tmpdir(), 'tco2e-samples-')), 'ledger.sqlite'), { create: true });
    try {
      for (const e of manifest().imports) {
        // Registers are stored, not dry-run, so the fuel-card files after them read as they would.
        const s = await importEntry(scratch, config, e, { detect: true, dryRun: e.profile !== 'vehicle-register' });
        expect([e.file, s.profile]).toEqual([e.file, e.profile]);
      }
    } finally {
      scratch.close();
    }
  }, 120_000);

  it('gives the figures worked out by hand from the files', () => {
    // Saltmarsh General Hospital's electricity, April 2013 to March 2014: the twelve monthly bills
    // of the acute trust's file add up to 3,667,549 kWh.
    expect(sum(`SELECT sum(quantity) AS v FROM activities WHERE org = ? AND site = ? AND source = 'electricity' AND companion_of IS NULL AND period_start BETWEEN '2013-04-01' AND '2014-03-31'`, 'northmere-acute', 'Saltmarsh General Hospital')).toBe(3_667_549);
    // April 2013 there: 295,215 kWh × 0.44548 kg (electricity.grid, 2013 set, for FY 2013/14).
    expect(sum(`SELECT kg_co2e AS v FROM activities WHERE meter = ? AND period_start = '2013-04-01' AND companion_of IS NULL`, '1900000100021')).toBeCloseTo(295_215 * 0.44548, 6);
    // The Royal Infirmary's gas bill of 15 April – 14 May 2013 (3,707,571 kWh) straddles a month
    // end: 16 of its 30 days fall in April, 14 in May.
    const parts = ledger.select<{ period_start: string; quantity: number }>(`SELECT period_start, quantity FROM activities WHERE meter = '7510000101' AND companion_of IS NULL AND apportioned_from LIKE '%"start":"2013-04-15"%' ORDER BY period_start`);
    expect(parts.map((p) => p.period_start)).toEqual(['2013-04-15', '2013-05-01']);
    expect(parts[0]!.quantity).toBeCloseTo((3_707_571 * 16) / 30, 6);
    expect(parts[1]!.quantity).toBeCloseTo((3_707_571 * 14) / 30, 6);
    // Half-hourly, 2025/26: the daily totals of the file add up to 14,726,708.7 kWh over 365 days.
    expect(sum(`SELECT count(*) AS v FROM hh_days WHERE meter = '1900000100012'`)).toBe(365);
    expect(sum(`SELECT sum(kwh_total) AS v FROM hh_days WHERE meter = '1900000100012'`)).toBeCloseTo(14_726_708.7, 3);
    expect(sum(`SELECT sum(quantity) AS v FROM activities WHERE meter = '1900000100012' AND companion_of IS NULL AND period_start >= '2025-04-01'`)).toBeCloseTo(14_726_708.7, 3);
    // Both clock changes: 50 half-hours on 26 October 2025, 46 on 29 March 2026.
    expect(ledger.select<{ day: string; periods: number }>(`SELECT day, periods FROM hh_days WHERE periods <> 48 ORDER BY day`)).toEqual([{ day: '2025-10-26', periods: 50 }, { day: '2026-03-29', periods: 46 }]);
  });

  it('leaves the coverage gap: Millbrook Health Centre has no electricity for November 2019', () => {
    const months = ledger.select<{ period_start: string }>(`SELECT period_start FROM activities WHERE meter = '1900000200035' AND companion_of IS NULL AND period_start BETWEEN '2019-10-01' AND '2019-12-31' ORDER BY period_start`);
    expect(months.map((m) => m.period_start)).toEqual(['2019-10-01', '2019-12-01']);
    // Sites come from the config's meter ids where the file has no site column.
    expect(ledger.select<{ site: string }>(`SELECT DISTINCT site FROM activities WHERE meter = '1900000200035'`)).toEqual([{ site: 'Millbrook Health Centre' }]);
  });

  it('leaves AdBlue, washes, the refunded duplicate and an empty charging session out, each with its reason', () => {
    const card = summaries.get('fleet/acute-fuel-card-2013-2026.csv') as ImportSummary & { nonFuel: { reason: string; count: number }[] };
    expect(card.nonFuel).toEqual([{ reason: 'not fuel: AdBlue (exhaust fluid, not a fuel)', count: 113 }, { reason: 'not fuel: car wash', count: 113 }]);
    const excluded = (s: ImportSummary) => ledger.batchProblems(s.batchId!).filter((p) => p.severity === 'excluded');
    // The duplicate (line 2161) and its refund two days later (line 2162) cancel out; the original stays.
    expect(excluded(card).filter((p) => p.code === 'refunded').map((p) => p.line)).toEqual([2161, 2162]);
    expect(excluded(summaries.get('fleet/council-ev-charging-2020-2026.csv')!).map((p) => [p.line, p.code])).toEqual([[953, 'no_energy']]);
  });

  it('turns a money-only mileage claim into miles at 45p, and stores the survey waves', () => {
    // Line 19 of the community trust's claims: £207.90 and no miles → 207.90 / 0.45 = 462 miles.
    const claim = ledger.select<{ quantity: number; unit: string; estimated: number; extra_json: string }>(`SELECT quantity, unit, estimated, extra_json FROM activities a JOIN batches b ON b.id = a.batch_id WHERE b.file_name = 'community-mileage-claims-2013-2026.csv' AND a.line = 19 AND a.companion_of IS NULL`);
    expect(claim).toHaveLength(1);
    expect(claim[0]!.quantity).toBeCloseTo(462, 9);
    expect([claim[0]!.unit, claim[0]!.estimated, JSON.parse(claim[0]!.extra_json)]).toEqual(['miles', 1, expect.objectContaining({ derivedFromAmount: true, ratePence: 45 })]);
    const waves = ledger.select<{ org: string; wave: string; n: number }>(`SELECT org, wave, count(*) AS n FROM survey_responses GROUP BY org, wave ORDER BY org, wave`);
    expect(waves).toEqual([
      { org: 'northmere-acute', wave: '2022 autumn', n: 639 }, { org: 'northmere-acute', wave: '2025 autumn', n: 809 },
      { org: 'northmere-acute', wave: '2025 autumn patients and visitors', n: 241 },
      { org: 'northmere-community', wave: '2022 autumn', n: 190 }, { org: 'northmere-community', wave: '2025 autumn', n: 229 },
    ]);
    // Driving alone to the Royal Infirmary: 276 of 449 stored answers in 2022, 294 of 559 in 2025.
    const alone = ledger.select<{ wave: string; alone: number; n: number }>(`SELECT wave, sum(main_mode = 'drive_alone') AS alone, count(*) AS n FROM survey_responses WHERE site = 'Northmere Royal Infirmary' AND respondent_type IS NULL GROUP BY wave ORDER BY wave`);
    // The patient and visitor survey's 158 answers at the Royal Infirmary, by respondent type (stored apart from staff's).
    const types = ledger.select<{ t: string; n: number }>(`SELECT respondent_type AS t, count(*) AS n FROM survey_responses WHERE site = 'Northmere Royal Infirmary' AND respondent_type IS NOT NULL GROUP BY t ORDER BY t`);
    expect(types.reduce((s, x) => s + x.n, 0)).toBe(158);
    expect(types.map((x) => x.t)).toEqual(['carer', 'patient', 'visitor']);
    expect(alone).toEqual([{ wave: '2022 autumn', alone: 276, n: 449 }, { wave: '2025 autumn', alone: 294, n: 559 }]);
  });
});
