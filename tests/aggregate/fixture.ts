/**
 * A small multi-year ledger for three organisations and their ICS, written with hand-made
 * records (as the import would store them, under the financial-year policy), and a helper for
 * hand-made emission lines.
 *
 * - acute: main site, meter E1, 10,000 kWh of electricity every month of 2022/23 and 2023/24
 *   (flat consumption; only the grid factor moves), with its T&D and WTT companions as the
 *   import writes them; and one month of gas in 2024/25, whose set publishes no gas WTT.
 * - community: 8,000 kWh a month in 2023/24 only, January 2024 missing; its import rejected
 *   two rows.
 * - council: meters C1 (5,000 kWh a month, with a supplier factor in 2023/24) and C2
 *   (3,000 kWh a month) in 2022/23 and 2023/24, and van fleet mileage in 2023/24.
 * - ics: members acute, community, council.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmissionLine } from '../../src/kernel/emission-line.js';
import { Ledger } from '../../src/store/ledger.js';
import type { ActivityRecord, NewBatch, ProblemRecord } from '../../src/store/records.js';
import { parseConfig, type OrganisationConfig } from '../../src/workspace/config.js';

/** Published factors (data/factors/uk-gov-YYYY.json), kg CO2e per kWh. */
export const GRID = { 2022: 0.19338, 2023: 0.20707 } as const;
export const GRID_TD = { 2022: 0.01769, 2023: 0.01792 } as const;
export const GRID_WTT = { 2022: 0.04625, 2023: 0.0459 } as const;
export const GRID_TD_WTT = { 2022: 0.00423, 2023: 0.00397 } as const;
export const GAS_2024 = 0.1829;
export const GAS_2023 = 0.18293;
export const GAS_WTT_2023 = 0.03021;
export const VAN_AVERAGE_DIESEL_MILES_2023 = 0.37224;

export const CONFIG = parseConfig(JSON.stringify({
  version: 1,
  organisations: [
    {
      id: 'acute', name: 'Acute Trust', kind: 'nhs-trust',
      sites: [{ id: 'main', name: 'Main Hospital', meters: ['E1', 'G1'] }],
      denominators: [{ year: '2023/24', floorAreaM2: 10_000, staffWte: 2_000 }],
    },
    { id: 'community', name: 'Community Trust', kind: 'nhs-trust', sites: [{ id: 'hub', name: 'Community Hub', meters: ['K1'] }] },
    {
      id: 'council', name: 'Borough Council', kind: 'council',
      sites: [{ id: 'town-hall', name: 'Town Hall', meters: ['C1'] }, { id: 'depot', name: 'Depot', meters: ['C2'] }],
      marketFactors: [{ supplier: 'Green Supply Co', from: '2023-04-01', to: '2024-03-31', meters: ['C1'], kgCo2ePerKwh: 0.1, source: 'Green Supply Co fuel mix disclosure 2023' }],
    },
    { id: 'ics', name: 'Integrated Care System', kind: 'ics', members: ['acute', 'community', 'council'], denominators: [{ year: '2023/24', residents: 500_000 }] },
  ],
}), 'tco2e.config.json');

export const ORGS: readonly OrganisationConfig[] = CONFIG.organisations;

function batch(org: string, fileName: string, kind: NewBatch['kind'] = 'energy'): NewBatch {
  return {
    kind, profile: kind === 'energy' ? 'energy-bill' : 'fleet-mileage', org, fileName, sha256: fileName.padEnd(64, '0').slice(0, 64), sizeBytes: 100,
    rowsRead: 0, rowsAccepted: 0, rowsExcluded: 0, rowsRejected: 0, periodStart: null, periodEnd: null,
    importedAt: '2024-05-02T09:00:00.000Z', toolVersion: '0.1.0', policy: 'financial-year', summaryJson: '{}',
  };
}

/** The months of a financial year: `[start, end]` ISO dates. */
export function fyMonths(startYear: number): [string, string][] {
  return Array.from({ length: 12 }, (_, i) => {
    const m = ((i + 3) % 12) + 1;
    const y = i < 9 ? startYear : startYear + 1;
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const mm = String(m).padStart(2, '0');
    return [`${y}-${mm}-01`, `${y}-${mm}-${last}`];
  });
}

interface Row {
  readonly org: string;
  readonly site: string;
  readonly meter: string;
  readonly line: number;
  readonly start: string;
  readonly end: string;
  readonly kwh: number;
  readonly year: 2022 | 2023;
  readonly estimated?: boolean;
}

function record(r: Row, key: string, companionOf: string | null, perKwh: number, scope: number, category: number | null, year: number): ActivityRecord {
  return {
    line: r.line, org: r.org, site: r.site, meter: r.meter, source: 'electricity', periodStart: r.start, periodEnd: r.end, quantity: r.kwh, unit: 'kWh',
    estimated: r.estimated ?? false, direction: 'import', apportionedFrom: null, factorKey: key, companionOf, factorYear: year,
    factorEdition: 'published', factorUnit: 'kWh', factorKgPerUnit: perKwh, factorCustom: false, policy: 'financial-year',
    kgCo2e: r.kwh * perKwh, kgCo2: null, kgCh4: null, kgN2o: null, scope, scopeCategory: category, extraJson: null,
  };
}

/** Grid electricity with its companions, as `src/import/to-records.ts` writes them. */
export function electricity(r: Row): ActivityRecord[] {
  const y = r.year;
  return [
    record(r, 'electricity.grid', null, GRID[y], 2, null, y),
    record(r, 'electricity.grid.td_losses', 'electricity.grid', GRID_TD[y], 3, 3, y),
    record(r, 'electricity.grid.wtt', 'electricity.grid', GRID_WTT[y], 3, 3, y),
    record(r, 'electricity.grid.td_losses.wtt', 'electricity.grid', GRID_TD_WTT[y], 3, 3, y),
  ];
}

function monthly(org: string, site: string, meter: string, kwh: number, year: 2022 | 2023, skip: readonly string[] = []): ActivityRecord[] {
  return fyMonths(year).filter(([s]) => !skip.includes(s.slice(0, 7))).flatMap(([start, end], i) => electricity({ org, site, meter, line: i + 2, start, end, kwh, year }));
}

const problem = (line: number, code: string): ProblemRecord => ({ severity: 'rejected', line, column: 'Consumption', value: 'x', code, message: `row ${line} rejected` });

/** Opens a fresh ledger holding the fixture. */
export function fixtureLedger(): Ledger {
  const ledger = Ledger.open(join(mkdtempSync(join(tmpdir(), 'tco2e-aggregate-')), 'ledger.sqlite'), { create: true });
  ledger.writeBatch(batch('acute', 'acute-2022.csv'), { activities: monthly('acute', 'Main Hospital', 'E1', 10_000, 2022) });
  ledger.writeBatch(batch('acute', 'acute-2023.csv'), { activities: monthly('acute', 'Main Hospital', 'E1', 10_000, 2023) });
  ledger.writeBatch(batch('acute', 'acute-gas-2024.csv'), {
    activities: [{
      line: 2, org: 'acute', site: 'Main Hospital', meter: 'G1', source: 'gas', periodStart: '2024-04-01', periodEnd: '2024-04-30', quantity: 20_000, unit: 'kWh',
      estimated: false, direction: 'import', apportionedFrom: null, factorKey: 'natural_gas', companionOf: null, factorYear: 2024, factorEdition: 'published',
      factorUnit: 'kWh', factorKgPerUnit: GAS_2024, factorCustom: false, policy: 'financial-year', kgCo2e: 20_000 * GAS_2024, kgCo2: null, kgCh4: null, kgN2o: null,
      scope: 1, scopeCategory: null, extraJson: null,
    }],
  });
  ledger.writeBatch(batch('community', 'community-2023.csv'), {
    activities: monthly('community', 'Community Hub', 'K1', 8_000, 2023, ['2024-01']),
    problems: [problem(7, 'invalid_date'), problem(9, 'not_a_number'), problem(9, 'unknown_unit'), { ...problem(0, 'companion_not_published'), severity: 'warning' }],
  });
  // An undone import: never counted.
  const undone = ledger.writeBatch(batch('community', 'community-2022-wrong.csv'), { activities: monthly('community', 'Community Hub', 'K1', 99_999, 2022) });
  ledger.undoBatch(undone, { at: '2025-01-01T00:00:00.000Z' });
  ledger.writeBatch(batch('council', 'council-2022.csv'), { activities: [...monthly('council', 'Town Hall', 'C1', 5_000, 2022), ...monthly('council', 'Depot', 'C2', 3_000, 2022)] });
  ledger.writeBatch(batch('council', 'council-2023.csv'), { activities: [...monthly('council', 'Town Hall', 'C1', 5_000, 2023), ...monthly('council', 'Depot', 'C2', 3_000, 2023)] });
  ledger.writeBatch(batch('council', 'council-vans-2023.csv', 'fleet'), {
    activities: fyMonths(2023).map(([start, end], i) => ({
      line: i + 2, org: 'council', site: 'Depot', meter: null, source: 'fleet:van', periodStart: start, periodEnd: end, quantity: 1_000, unit: 'miles',
      estimated: false, direction: 'import' as const, apportionedFrom: null, factorKey: 'van.average.diesel', companionOf: null, factorYear: 2023, factorEdition: 'published',
      factorUnit: 'miles', factorKgPerUnit: VAN_AVERAGE_DIESEL_MILES_2023, factorCustom: false, policy: 'financial-year',
      kgCo2e: 1_000 * VAN_AVERAGE_DIESEL_MILES_2023, kgCo2: null, kgCh4: null, kgN2o: null, scope: 1, scopeCategory: null, extraJson: null,
    })),
  });
  return ledger;
}

/** A hand-made emission line: 100 kWh of grid electricity in April 2024 at 0.2 kg/kWh unless told. */
export function line(over: Partial<EmissionLine> = {}): EmissionLine {
  return {
    org: 'acute', site: 'Main Hospital', meter: 'E1', source: 'electricity', periodStart: '2024-04-01', periodEnd: '2024-04-30',
    quantity: 100, unit: 'kWh', estimated: false, kind: 'main', basis: 'location', factorKey: 'electricity.grid', factorYear: 2024,
    factorEdition: 'published', factorUnit: 'kWh', factorKgPerUnit: 0.2, factorCustom: false, policy: 'financial-year',
    kgCo2e: 20, kgCo2: null, kgCh4: null, kgN2o: null, scope: 2, scopeCategory: null, trace: { file: 'bills.csv', line: 2, batchId: 1 }, ...over,
  };
}
