import type { ActivityRecord, NewBatch } from '../../src/store/records.js';

export function newBatch(over: Partial<NewBatch> = {}): NewBatch {
  return {
    kind: 'energy', profile: 'energy-bill', org: 'acute', fileName: 'bills.csv', sha256: 'a'.repeat(64), sizeBytes: 100,
    rowsRead: 1, rowsAccepted: 1, rowsExcluded: 0, rowsRejected: 0, periodStart: '2024-04-01', periodEnd: '2024-04-30',
    importedAt: '2024-05-02T09:00:00.000Z', toolVersion: '0.1.0', policy: 'financial-year', summaryJson: '{}', ...over,
  };
}

export function activity(over: Partial<ActivityRecord> = {}): ActivityRecord {
  return {
    line: 2, org: 'acute', site: 'Main', meter: '1200001234567', source: 'electricity', periodStart: '2024-04-01', periodEnd: '2024-04-30',
    quantity: 1000, unit: 'kWh', estimated: false, direction: 'import', apportionedFrom: null, factorKey: 'electricity.grid', companionOf: null,
    factorYear: 2024, factorEdition: 'condensed set v1.1', factorUnit: 'kWh', factorKgPerUnit: 0.20705, factorCustom: false,
    policy: 'financial-year', kgCo2e: 207.05, kgCo2: null, kgCh4: null, kgN2o: null, scope: 2, scopeCategory: null, extraJson: null, ...over,
  };
}
