/**
 * Fuel-card statements as card providers write them: a cost headed with its currency, the
 * forecourt kept apart from the organisation's site, a unit beside a field's name.
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/convert/policy.js';
import { loadFactors } from '../../src/factors/library.js';
import { importFleet } from '../../src/import/import-fleet.js';
import { explainColumns, resolveColumns, withoutUnit } from '../../src/map/columns.js';
import { loadBuiltinProfiles } from '../../src/map/profiles.js';
import { Ledger } from '../../src/store/ledger.js';

const library = loadFactors();
const profiles = loadBuiltinProfiles();
const org = { id: 'north-acute', name: 'North Acute', kind: 'nhs-trust' as const, sites: [], denominators: [] };
/** A profile's column spellings, as `resolveColumns` takes them. */
function columnsOf(id: string): Readonly<Record<string, readonly string[] | undefined>> {
  return profiles.find((p) => p.id === id)!.columns;
}
const fuelCard = { columns: columnsOf('fuel-card') };

async function imported(csv: string) {
  const dir = mkdtempSync(join(tmpdir(), 'tco2e-fleet-layouts-'));
  const dbPath = join(dir, 'ledger.sqlite');
  const ledger = Ledger.open(dbPath, { create: true });
  const path = join(dir, 'card.csv');
  writeFileSync(path, csv);
  const s = await importFleet(ledger, { path, org, profiles, library, policy: parsePolicy('financial-year'), now: new Date('2024-05-02T09:00:00Z'), toolVersion: '0.1.0' });
  const main = s.batchId === null ? [] : ledger.batchActivities(s.batchId).filter((a) => a.companionOf === null);
  // What each purchase's line said beyond its quantity, kept with the purchase.
  const purchases = s.batchId === null ? [] : ledger.batchFuelPurchases(s.batchId);
  ledger.close();
  return { s, main, extras: Object.fromEntries(purchases.map((p) => [p.line, p.extra])) };
}

describe('fuel-card columns', () => {
  it('reads a name with its unit beside it as the name a profile spells', () => {
    expect(withoutUnit('Net Amount (£)')).toEqual({ name: 'Net Amount', kind: 'money' });
    expect(withoutUnit('Net £')).toEqual({ name: 'Net', kind: 'money' });
    expect(withoutUnit('Quantity (Ltrs)')).toEqual({ name: 'Quantity', kind: 'volume' });
    expect(withoutUnit('Odometer (miles)')).toEqual({ name: 'Odometer', kind: 'distance' });
    // A unit alone is a name: nothing would be left.
    expect(withoutUnit('Litres')).toBeUndefined();
    expect(withoutUnit('Product')).toBeUndefined();
    const header = ['Card No', 'Date', 'Reg No', 'Product Description', 'Quantity (Ltrs)', 'Net Cost (GBP)', 'VAT (£)', 'Odometer (miles)'];
    expect(resolveColumns(header, fuelCard.columns)).toMatchObject({ date: 1, registration: 2, product: 3, quantity: 4, cost: 5, odometer: 7 });
    expect(explainColumns(header, fuelCard.columns).get('cost')?.found).toEqual({ by: 'spelling', spelling: 'Net Cost' });
  });

  it('never takes the forecourt for the organisation\'s site; a cost centre is the site', () => {
    const header = ['Card Number', 'Registration', 'Transaction Date', 'Site Name', 'Site Town', 'Product', 'Litres', 'Net £', 'Cost Centre'];
    const col = resolveColumns(header, fuelCard.columns);
    expect(col.site).toBe(8);
    expect(col.cost).toBe(7);
    expect(resolveColumns(['Date', 'Registration', 'Product', 'Litres', 'SiteName'], fuelCard.columns).site).toBeUndefined();
    // A mileage file (no product) keeps its "Site Name" as the site.
    expect(resolveColumns(['Date', 'Registration', 'Miles', 'Site Name'], columnsOf('fleet-mileage')).site).toBe(3);
  });
});

describe('import fleet: a card statement with a forecourt and a cost centre', () => {
  it('stores the cost centre as the site and the forecourt with the line; the cost from "Net Amount (£)"', async () => {
    const { s, main, extras } = await imported([
      'Card Number,Registration,Transaction Date,Site Name,Site Town,Product Description,Quantity (Ltrs),Net Amount (£),Cost Centre',
      '7001,NM21 ABC,02/04/2024 08:15,RING ROAD SERVICES,NORTHMERE,DERV,40.00,55.10,Pool Cars',
      '7001,NM21 ABC,03/04/2024 12:00,RING ROAD SERVICES,NORTHMERE,AdBlue,5.00,4.50,Pool Cars',
      '7002,NM22 DEF,04/04/2024 17:30,EASTGATE,EASTHAM,ULSP,25.50,36.20,',
      '',
    ].join('\n'));
    expect(s.status).toBe('stored');
    expect(s.rows).toEqual({ read: 3, accepted: 2, excluded: 1, rejected: 0 });
    // 40.00 L DERV + 25.50 L ULSP; the AdBlue line is not fuel.
    expect(main.map((a) => [a.line, a.site, a.factorKey, a.quantity])).toEqual([
      [2, 'Pool Cars', 'diesel.average_biofuel_blend', 40],
      [4, null, 'petrol.average_biofuel_blend', 25.5],
    ]);
    expect(extras[2]).toEqual({ product: 'DERV', cost: 55.1, forecourt: 'RING ROAD SERVICES, NORTHMERE' });
    expect(extras[4]).toEqual({ product: 'ULSP', cost: 36.2, forecourt: 'EASTGATE, EASTHAM' });
  });
});

describe('import fleet: a quantity headed in gallons', () => {
  it('is stored in UK gallons (4.54609 L each), or US gallons when the header says US, never read as litres', async () => {
    for (const [header, unit, litresPer] of [['Quantity (Gallons)', 'gallon_uk', 4.54609], ['Fuel Qty US Gallons', 'gallon_us', 3.785411784]] as const) {
      const { s, main } = await imported([
        `Registration,Transaction Date,Product,${header},Net Amount (£)`,
        'NM21 ABC,02/04/2024,Diesel,10.00,68.00',
        '',
      ].join('\n'));
      expect(s.status, header).toBe('stored');
      expect(main.map((a) => [a.quantity, a.unit]), header).toEqual([[10, unit]]);
      // The factor is per litre: 10 gallons are 45.4609 L (UK) or 37.85411784 L (US) of diesel.
      // 2024 diesel (average biofuel blend): 2.51279 kg CO2e a litre, so 114.2337 kg for 10 UK gallons.
      expect([main[0]!.factorUnit, main[0]!.factorKgPerUnit], header).toEqual(['litres', 2.51279]);
      expect(main[0]!.kgCo2e, header).toBeCloseTo(10 * litresPer * 2.51279, 6);
    }
  });
});
