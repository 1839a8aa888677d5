/**
 * A small workspace for the export tests, built the way a user builds one: a config file, and
 * CSV files imported into a fresh ledger with the real import pipeline.
 *
 * Organisation `acute` (its name and one site deliberately hostile, to test escaping):
 * - 2023/24: electricity E1 300,000 kWh and gas G1 400,000 kWh (one bill each for the year),
 *   500 litres of diesel on a fuel card.
 * - 2024/25: electricity E1 365,000 kWh (with a supplier factor of 0.05 kg/kWh), gas G1
 *   500,000 kWh estimated, electricity E2 1,000 kWh in April only (at a site named
 *   `<script>alert(1)</script>`), 1,000 litres of diesel on a fuel card, 1,000 miles of van
 *   fleet mileage, grey-fleet claims of 100 and −12.5 miles (a reversal, by employee `=cmd`),
 *   and 200 miles of rail (business travel outside SECR).
 * Denominators: 2024/25 floor area 10,000 m² and 500 WTE; 2023/24 floor area 10,000 m² only.
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePolicy } from '../../src/convert/policy.js';
import { loadFactors } from '../../src/factors/library.js';
import { importEnergy } from '../../src/import/import-energy.js';
import { importFleet } from '../../src/import/import-fleet.js';
import { importJourneys } from '../../src/import/import-journeys.js';
import type { ImportRequest } from '../../src/import/request.js';
import { loadBuiltinProfiles } from '../../src/map/profiles.js';
import { Ledger } from '../../src/store/ledger.js';
import { parseConfig, type Config } from '../../src/workspace/config.js';
import type { AnalysisContext } from '../../src/aggregate/footprint.js';

export const HOSTILE = '<script>alert(1)</script>';

export const CONFIG_JSON = {
  version: 1,
  ledger: 'tco2e-ledger.sqlite',
  organisations: [
    {
      id: 'acute', name: HOSTILE, kind: 'nhs-trust',
      sites: [{ id: 'main', name: 'Main Hospital', meters: ['E1', 'G1'] }],
      denominators: [{ year: '2024/25', floorAreaM2: 10_000, staffWte: 500 }, { year: '2023/24', floorAreaM2: 10_000 }],
      marketFactors: [{ supplier: 'Green Co', from: '2024-04-01', to: '2025-03-31', meters: ['E1'], kgCo2ePerKwh: 0.05, source: 'Green Co fuel mix disclosure 2024' }],
    },
    { id: 'bare', name: 'No Denominators', kind: 'council' },
  ],
};

const ENERGY = [
  'Site,Meter,Fuel,From,To,Consumption,Unit,Read Type',
  'Main Hospital,E1,Electricity,01/04/2023,31/03/2024,300000,kWh,A',
  'Main Hospital,G1,Gas,01/04/2023,31/03/2024,400000,kWh,A',
  'Main Hospital,E1,Electricity,01/04/2024,31/03/2025,365000,kWh,A',
  'Main Hospital,G1,Gas,01/04/2024,31/03/2025,500000,kWh,E',
  `${HOSTILE},E2,Electricity,01/04/2024,30/04/2024,1000,kWh,A`,
].join('\n');

const FUEL_CARD = [
  'Card Number,Transaction Date,Registration,Product,Quantity,Net Amount',
  '7077 0011,01/06/2023,AB12 CDE,Diesel,500,750',
  '7077 0011,01/05/2024,AB12 CDE,Diesel,600,900',
  '7077 0011,01/08/2024,AB12 CDE,Diesel,400,600',
].join('\n');

const MILEAGE = ['Month,Vehicle Registration,Vehicle Type,Fuel Type,Business Miles', 'Apr-24,,Van,Diesel,1000'].join('\n');

const CLAIMS = [
  'Claim ID,Employee Number,Cost Centre,Expense Date,Expense Type,Description,Miles,Amount (£),Fuel Type,Engine Size,Class',
  'C1,10001,CC1,03/05/2024,Business Mileage,Home visits,100,45.00,Diesel,1600cc,',
  'C2,=cmd,CC1,10/05/2024,Business Mileage,Correction,-12.5,-5.63,Diesel,1600cc,',
  'C3,10002,CC2,15/05/2024,Rail,Leeds to London,200,80.00,,,Standard',
].join('\n');

export interface Workspace {
  readonly dir: string;
  readonly configPath: string;
  readonly ledgerPath: string;
  readonly config: Config;
  readonly ctx: AnalysisContext;
  readonly ledger: Ledger;
}

/** Writes the config, imports the four files and returns an open ledger with its context. */
export async function exportWorkspace(): Promise<Workspace> {
  const dir = mkdtempSync(join(tmpdir(), 'tco2e-export-'));
  const configPath = join(dir, 'tco2e.config.json');
  writeFileSync(configPath, JSON.stringify(CONFIG_JSON, null, 2));
  const config = parseConfig(JSON.stringify(CONFIG_JSON), configPath);
  const ledgerPath = join(dir, 'tco2e-ledger.sqlite');
  const ledger = Ledger.open(ledgerPath, { create: true });
  const library = loadFactors();
  const org = config.organisations[0]!;
  const req = (name: string, content: string): ImportRequest => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return { path, org, profiles: loadBuiltinProfiles(), library, policy: parsePolicy('financial-year'), now: new Date('2025-05-01T09:00:00Z'), toolVersion: '0.1.0' };
  };
  const results = [
    await importEnergy(ledger, req('bills.csv', ENERGY)),
    await importFleet(ledger, req('fuel-card.csv', FUEL_CARD)),
    await importFleet(ledger, req('mileage.csv', MILEAGE)),
    await importJourneys(ledger, req('claims.csv', CLAIMS)),
  ];
  for (const r of results) {
    if (r.status !== 'stored' || r.rows.rejected > 0) throw new Error(`fixture import failed: ${JSON.stringify({ status: r.status, problems: r.problems })}`);
  }
  return { dir, configPath, ledgerPath, config, ledger, ctx: { ledger, library, config, reads: new Map() } };
}
