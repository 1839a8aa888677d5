import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/convert/policy.js';
import { loadFactors } from '../../src/factors/library.js';
import { importEnergy, type ImportRequest } from '../../src/import/import-energy.js';
import { loadBuiltinProfiles } from '../../src/map/profiles.js';
import { Ledger } from '../../src/store/ledger.js';
import { userErrorAsync } from '../helpers.js';

const library = loadFactors();
const profiles = loadBuiltinProfiles();
const org = { id: 'north-acute', name: 'North Acute', kind: 'nhs-trust' as const, sites: [], denominators: [] };

function setup(name: string, content: string) {
  const dir = mkdtempSync(join(tmpdir(), 'tco2e-meter-data-'));
  const ledger = Ledger.open(join(dir, 'ledger.sqlite'), { create: true });
  const path = join(dir, name);
  writeFileSync(path, content);
  const req: ImportRequest = { path, org, profiles, library, policy: parsePolicy('financial-year'), now: new Date('2025-06-02T09:00:00Z'), toolVersion: '0.1.0' };
  return { ledger, req };
}

const starts = Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 === 0 ? '00' : '30'}`);
const row = (...cells: string[]): string => cells.join(',');

describe('import energy: meter data read by its values', () => {
  it('excludes reactive rows (kVArh LAG / LEAD) with their line numbers, counting only kWh', async () => {
    const values = (v: string): string[] => starts.map(() => v);
    const csv = [
      row('MPAN', 'Units', 'Date', ...starts),
      row('1200023456781', 'kWh', '01/04/24', ...values('0.5')),
      row('1200023456781', 'kVArh LAG', '01/04/24', ...values('0.2')),
      row('1200023456781', 'kVArh LEAD', '01/04/24', ...values('0')),
    ].join('\n');
    const { ledger, req } = setup('sse.csv', csv);
    const s = await importEnergy(ledger, req);
    expect(s.rows).toEqual({ read: 3, accepted: 1, excluded: 2, rejected: 0 });
    expect(s.excludedReasons).toEqual([expect.objectContaining({ code: 'reactive', count: 2 })]);
    const excluded = ledger.batchProblems(s.batchId!).filter((p) => p.severity === 'excluded');
    expect(excluded.map((p) => [p.line, p.column, p.value])).toEqual([[3, 'Units', 'kVArh LAG'], [4, 'Units', 'kVArh LEAD']]);
    expect(s.totals.quantities).toEqual([expect.objectContaining({ source: 'electricity', quantity: 24 })]);
    // The date format the values showed is said, not hidden.
    expect(s.warnings.map((w) => w.code)).toContain('date_format_from_values');
    ledger.close();
  });

  it('stores a gas meter\'s half-hours as gas', async () => {
    const csv = [row('Meter', 'Date', ...starts), row('7123456789', '01/04/2024', ...starts.map(() => '0.5'))].join('\n');
    const { ledger, req } = setup('gas.csv', csv);
    const s = await importEnergy(ledger, req);
    expect(s.totals.quantities).toEqual([expect.objectContaining({ source: 'gas', quantity: 24 })]);
    ledger.close();
  });

  it('takes --meter for a single meter\'s download, and refuses the file without it', async () => {
    const lines = ['Consumption (kWh), Start, End'];
    for (let i = 0; i < 48; i++) {
      const at = (k: number): string => new Date(Date.UTC(2024, 3, 1, 0, 30 * k) - 3_600_000).toISOString().replace('.000Z', '+00:00');
      lines.push(`0.5, ${at(i)}, ${at(i + 1)}`);
    }
    const without = setup('octopus.csv', lines.join('\n'));
    expect((await userErrorAsync(importEnergy(without.ledger, without.req))).code).toBe('no_meter_column');
    without.ledger.close();
    const { ledger, req } = setup('octopus.csv', lines.join('\n'));
    const s = await importEnergy(ledger, req, { meter: '1200023456781' });
    expect(s.status).toBe('stored');
    expect(s.rows).toMatchObject({ read: 48, accepted: 48, rejected: 0 });
    expect(s.totals.quantities).toEqual([expect.objectContaining({ source: 'electricity', quantity: 24 })]);
    ledger.close();
  });
});
