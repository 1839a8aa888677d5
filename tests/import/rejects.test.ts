import Database from 'better-sqlite3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/convert/policy.js';
import { loadFactors } from '../../src/factors/library.js';
import { importEnergy, type ImportRequest } from '../../src/import/import-energy.js';
import { rejectsCsv } from '../../src/import/rejects.js';
import { loadBuiltinProfiles } from '../../src/map/profiles.js';
import { Ledger } from '../../src/store/ledger.js';

const library = loadFactors();
const profiles = loadBuiltinProfiles();
const org = { id: 'north-acute', name: 'North Acute', kind: 'nhs-trust' as const, sites: [], denominators: [] };

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'tco2e-rejects-'));
  const ledgerPath = join(dir, 'ledger.sqlite');
  const ledger = Ledger.open(ledgerPath, { create: true });
  const req = (path: string): ImportRequest => ({ path, org, profiles, library, policy: parsePolicy('financial-year'), now: new Date('2025-06-02T09:00:00Z'), toolVersion: '0.1.0' });
  const file = (name: string, content: string): string => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  /** What the ledger holds for a batch, straight from its table: every stored text and figure. */
  const stored = (batchId: number) => {
    const db = new Database(ledgerPath, { readonly: true });
    try {
      return db.prepare('SELECT line, site, meter, quantity, direction, extra_json AS extra FROM activities WHERE batch_id = ? AND companion_of IS NULL ORDER BY line').all(batchId) as
        { line: number; site: string; meter: string; quantity: number; direction: string; extra: string }[];
    } finally {
      db.close();
    }
  };
  return { ledger, req, file, stored };
}

const HOSTILE = "=cmd|' /C calc'!A0";

describe('the rejects file: fixed and imported again', () => {
  it('keeps negative figures and text that starts with a minus as they were, guards the formula, and imports again as corrected', async () => {
    const { ledger, req, file, stored } = setup();
    const original = file('bills.csv', [
      'Site,MPAN,Fuel,Start Date,End Date,Consumption (kWh),Unit,Read Type,Cost (£)',
      'Main Hospital,1200001234567,Electricity,01/04/2024,30/04/2024,"1,000",kWh,A,£150.00',
      `- Annexe B,1200009876543,Electricity,01/04/2024,30/04/2024,"${HOSTILE}",kWh,A,-£12.30`,
      'North Wing,7123456702,Gas,01/04/2024,31/04/2024,-250,kWh,-,(45.00)',
      '',
    ].join('\r\n'));
    const first = await importEnergy(ledger, req(original));
    expect(first.status).toBe('stored');
    expect(first.problems.map((p) => [p.line, p.code])).toEqual([[3, 'not_a_number'], [4, 'invalid_date']]);

    const rejects = rejectsCsv(first);
    const [header, hostileRow, dateRow] = rejects.split('\r\n');
    expect(header).toBe('line,reason,Site,MPAN,Fuel,Start Date,End Date,Consumption (kWh),Unit,Read Type,Cost (£)');
    // As it was, save the formula: figures, a leading minus before a word and a lone dash are not formulas.
    expect(hostileRow).toMatch(/^3,".*",- Annexe B,1200009876543,Electricity,01\/04\/2024,30\/04\/2024,'=cmd\|' \/C calc'!A0,kWh,A,-£12\.30$/);
    expect(dateRow).toMatch(/^4,.*,North Wing,7123456702,Gas,01\/04\/2024,31\/04\/2024,-250,kWh,-,\(45\.00\)$/);

    // Fixed in place, as a person would in a text editor: the two bad cells, nothing else.
    const fixed = file('rejects.csv', rejects.replace(`,'${HOSTILE},`, ',"1,234.5",').replace(',31/04/2024,-250,', ',30/04/2024,-250,'));
    const again = await importEnergy(ledger, req(fixed));
    expect(again.status).toBe('stored');
    expect(again.profile).toBe('energy-bill');
    expect(again.problems).toEqual([]);
    expect(stored(again.batchId!)).toEqual([
      { line: 2, site: '- Annexe B', meter: '1200009876543', quantity: 1234.5, direction: 'import', extra: JSON.stringify({ cost: -12.3, readType: 'A' }) },
      { line: 3, site: 'North Wing', meter: '7123456702', quantity: -250, direction: 'import', extra: JSON.stringify({ cost: -45, readType: '-' }) },
    ]);
    expect(JSON.stringify(stored(again.batchId!))).not.toContain('"\'');
    ledger.close();
  });

  it('a guarded text cell nobody had to fix comes back without its apostrophe', async () => {
    const { ledger, req, file, stored } = setup();
    const original = file('bills.csv', [
      'Site,MPAN,Fuel,Start Date,End Date,Consumption (kWh),Unit',
      '@Home Team,1200001234567,Electricity,01/04/2024,31/04/2024,500,kWh',
      '',
    ].join('\r\n'));
    const first = await importEnergy(ledger, req(original));
    expect(first.status).toBe('refused-unusable');
    const rejects = rejectsCsv(first);
    expect(rejects).toContain(",'@Home Team,");
    const again = await importEnergy(ledger, req(file('rejects.csv', rejects.replace(',31/04/2024,', ',30/04/2024,'))));
    expect(again.status).toBe('stored');
    expect(stored(again.batchId!).map((r) => r.site)).toEqual(['@Home Team']);
    ledger.close();
  });
});
