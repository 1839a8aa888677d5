import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/convert/policy.js';
import { loadFactors } from '../../src/factors/library.js';
import { importEnergy, type ImportRequest } from '../../src/import/import-energy.js';
import { importFleet } from '../../src/import/import-fleet.js';
import type { ImportSummary } from '../../src/import/summary.js';
import { loadBuiltinProfiles } from '../../src/map/profiles.js';
import { msg } from '../../src/messages.js';
import { Ledger } from '../../src/store/ledger.js';

const library = loadFactors();
const profiles = loadBuiltinProfiles();
const org = { id: 'north-acute', name: 'North Acute', kind: 'nhs-trust' as const, sites: [], denominators: [] };

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'tco2e-meter-ids-'));
  const ledger = Ledger.open(join(dir, 'ledger.sqlite'), { create: true });
  const req = (path: string, over: Partial<ImportRequest> = {}): ImportRequest => ({
    path, org, profiles, library, policy: parsePolicy('financial-year'), now: new Date('2025-06-02T09:00:00Z'), toolVersion: '0.1.0', ...over,
  });
  const file = (name: string, lines: readonly string[]): string => {
    const p = join(dir, name);
    writeFileSync(p, lines.join('\r\n') + '\r\n');
    return p;
  };
  return { ledger, req, file };
}

const mangled = (s: ImportSummary) => s.warnings.filter((w) => w.code === 'meter_id_mangled').map((w) => [w.line, w.column, w.value, w.message]);

describe('a meter id a spreadsheet has saved as 1.2E+12', () => {
  it('bills: warned once per id with the rows that carry it, stored with the batch; the rows are still read', async () => {
    const { ledger, req, file } = setup();
    const s = await importEnergy(ledger, req(file('bills.csv', [
      'Site,MPAN,Fuel,Start Date,End Date,Consumption (kWh)',
      'Main,1.2E+12,Electricity,01/04/2024,30/04/2024,100',
      'Main,1.2E+12,Electricity,01/05/2024,31/05/2024,100',
      'Main,1200001234567,Electricity,01/04/2024,30/04/2024,100',
      'Ward,1.20001E+12,Electricity,01/04/2024,30/04/2024,100',
      'Ward,1.2e+12,Electricity,01/06/2024,30/06/2024,100',
      'Ward,1.2E+12,Electricity,01/06/2024,30/06/2024,ten',
    ])));
    expect(s.status).toBe('stored');
    expect(s.rows.accepted).toBe(5);
    expect(mangled(s)).toEqual([
      [2, 'MPAN', '1.2E+12', msg.idMangled('MPAN', '1.2E+12', 'meter', 3, 2)],
      [5, 'MPAN', '1.20001E+12', msg.idMangled('MPAN', '1.20001E+12', 'meter', 1, 5)],
      [6, 'MPAN', '1.2e+12', msg.idMangled('MPAN', '1.2e+12', 'meter', 1, 6)],
    ]);
    expect(ledger.batchProblems(s.batchId!).filter((p) => p.code === 'meter_id_mangled').map((p) => [p.severity, p.line, p.column, p.value])).toEqual([
      ['warning', 2, 'MPAN', '1.2E+12'], ['warning', 5, 'MPAN', '1.20001E+12'], ['warning', 6, 'MPAN', '1.2e+12'],
    ]);
    ledger.close();
  });

  it('bills: an MPRN the same way, under its own column name', async () => {
    const { ledger, req, file } = setup();
    const s = await importEnergy(ledger, req(file('gas.csv', [
      'Site,MPRN,Fuel,Month,Consumption,Unit',
      'Depot,7.12346E+11,Gas,2024-04,3210,kWh',
      'Library,7123456701,Gas,2024-04,1000,kWh',
    ])));
    expect(mangled(s)).toEqual([[2, 'MPRN', '7.12346E+11', msg.idMangled('MPRN', '7.12346E+11', 'meter', 1, 2)]]);
    ledger.close();
  });

  it('half-hourly: one warning for the id over all its days', async () => {
    const { ledger, req, file } = setup();
    const labels = Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);
    const day = (meter: string, date: string) => [meter, date, ...Array<string>(48).fill('1')].join(',');
    const s = await importEnergy(ledger, req(file('hh.csv', [['MPAN', 'Date', ...labels].join(','), day('1.2E+12', '01/04/2024'), day('1.2E+12', '02/04/2024'), day('1200001234567', '01/04/2024')]), { profileId: 'half-hourly-start' }));
    expect(s.status).toBe('stored');
    expect(mangled(s)).toEqual([[2, 'MPAN', '1.2E+12', msg.idMangled('MPAN', '1.2E+12', 'meter', 2, 2)]]);
    ledger.close();
  });

  it('interval: counted over every reading, read fast or (quoted) row by row, in meter order or not', async () => {
    const { ledger, req, file } = setup();
    const start = Date.parse('2024-06-01T00:00:00+01:00');
    const at = (p: number) => new Date(start + p * 1_800_000).toISOString();
    const lines = ['MPAN,Timestamp,kWh,Read Type'];
    // By meter: 48 readings of the damaged id; then by time, two meters taking turns.
    for (let p = 0; p < 48; p++) lines.push(`1.2E+12,${at(p)},0.5,A`);
    for (let p = 0; p < 48; p++) {
      lines.push(`1.20001E+12,${at(p)},0.5,A`);
      // One of them quoted: read row by row, in between the fast text.
      lines.push(p === 10 ? `"1200001234567",${at(p)},0.5,A` : `1200001234567,${at(p)},0.5,A`);
    }
    const s = await importEnergy(ledger, req(file('int.csv', lines), { profileId: 'interval' }));
    expect(s.status).toBe('stored');
    expect(s.rows.accepted).toBe(144);
    expect(mangled(s)).toEqual([
      [2, 'MPAN', '1.2E+12', msg.idMangled('MPAN', '1.2E+12', 'meter', 48, 2)],
      [50, 'MPAN', '1.20001E+12', msg.idMangled('MPAN', '1.20001E+12', 'meter', 48, 50)],
    ]);
    ledger.close();
  });

  it('EV charging: a charger id the same way', async () => {
    const { ledger, req, file } = setup();
    const s = await importFleet(ledger, req(file('ev.csv', [
      'Date,Charger ID,kWh',
      '01/05/2024,1.00002E+11,12.5',
      '02/05/2024,CP-0001,10',
    ])));
    expect(s.status).toBe('stored');
    expect(mangled(s)).toEqual([[2, 'Charger ID', '1.00002E+11', msg.idMangled('Charger ID', '1.00002E+11', 'charger', 1, 2)]]);
    ledger.close();
  });
});
