/**
 * An electric car's mileage claim is one claim line and one distance, stored as two activities
 * (the tailpipe, zero for a battery car, and the grid electricity it ran on). A mode's lines, km
 * and tCO2e must cover the same claims: the electricity counted under the car, never as lines
 * and km of its own, and never left out of the counts while its tonnes are in the total.
 */

import { describe, expect, it } from 'vitest';
import { tonnes } from '../../src/cli/views/tonnes.js';
import { travelText } from '../../src/cli/views/travel-view.js';
import { financialYearPeriod } from '../../src/travel/period.js';
import { businessTravelByMode, travelReport } from '../../src/travel/report.js';
import { travelMsg } from '../../src/travel/travel-text.js';
import { library, organisation, workspace } from './setup.js';

const KM_PER_MILE = 1.609344;

const CLAIMS = [
  'Claim ID,Employee Number,Cost Centre,Expense Date,Expense Type,Description,Miles,Amount (£),Fuel Type,Engine Size,Class',
  'C1,E1,CC1,03/05/2024,Business Mileage,Home visits,40,18.00,Petrol,,', // line 2
  'C2,E2,CC1,07/05/2024,Business Mileage,Clinic,100,45.00,Electric,,', // line 3
  'C3,E3,CC1,08/05/2024,Business Mileage,Clinic,,9.00,Electric,,', // line 4: 900p ÷ 45p = 20 miles, from the amount
  'C4,E4,CC2,15/05/2024,Rail,Leeds to London,100,90.00,,,Standard', // line 5
];

interface Stored { source: string; kgCo2e: number }

describe('grey fleet: electric cars in the counts as well as the tonnes', () => {
  it('counts each claim once under its mode, with all its emissions, the electricity part beside them', async () => {
    const ws = workspace();
    await ws.importFile('claims.csv', CLAIMS);
    const stored = ws.ledger.select<Stored>("SELECT source, kg_co2e AS kgCo2e FROM activities WHERE source LIKE 'travel:car%' AND companion_of IS NULL");
    // The ledger holds a tailpipe and an electricity activity for each electric claim.
    expect(stored.filter((a) => a.source === 'travel:car:electricity')).toHaveLength(2);
    const storedKg = (pick: (s: string) => boolean): number => stored.filter((a) => pick(a.source)).reduce((s, a) => s + a.kgCo2e, 0);

    const { result } = businessTravelByMode(ws.ledger, organisation(), financialYearPeriod(2024));
    // One row per mode a person claims by; no "car:electricity" mode with lines of its own.
    expect(result.modes.map((m) => m.mode)).toEqual(['car', 'rail']);
    const car = result.modes.find((m) => m.mode === 'car')!;
    expect(car.lines).toBe(3);
    expect(car.km).toBeCloseTo((40 + 100 + 20) * KM_PER_MILE, 9);
    expect(car.kgCo2e).toBeCloseTo(storedKg((s) => s.startsWith('travel:car')), 9);
    expect(car.electricity).not.toBeNull();
    expect(car.electricity!.lines).toBe(2);
    expect(car.electricity!.km).toBeCloseTo(120 * KM_PER_MILE, 9);
    expect(car.electricity!.kgCo2e).toBeGreaterThan(0);
    expect(car.electricity!.kgCo2e).toBeCloseTo(storedKg((s) => s === 'travel:car:electricity'), 9);
    expect(car.electricity!.tdKgCo2e).toBeGreaterThan(0);
    // The money-derived claim is one line, its 20 miles once.
    expect(car.moneyDerivedLines).toBe(1);
    expect(car.moneyDerivedKm).toBeCloseTo(20 * KM_PER_MILE, 9);
    expect(result.modes.find((m) => m.mode === 'rail')!.electricity).toBeNull();

    // Grey fleet and the totals are the sums of the modes: the same claims in lines, km and tonnes.
    expect(result.greyFleet).toEqual({ lines: car.lines, km: car.km, kgCo2e: car.kgCo2e, wttKgCo2e: car.wttKgCo2e, tdKgCo2e: car.tdKgCo2e });
    for (const k of ['lines', 'km', 'kgCo2e', 'wttKgCo2e', 'tdKgCo2e'] as const) {
      expect(result[k]).toBeCloseTo(result.modes.reduce((s, m) => s + m[k], 0), 9);
    }
    expect(result.lines).toBe(4);
    expect(result.moneyDerived).toMatchObject({ lines: 1, sharePct: 25 });
  });

  it('says in the table which of a mode\'s lines ran on electricity, inside its figures', async () => {
    const ws = workspace();
    await ws.importFile('claims.csv', CLAIMS);
    const report = travelReport(ws.ledger, library, organisation(), financialYearPeriod(2024));
    const text = travelText(report);
    const electricity = report.businessTravel.modes.find((m) => m.mode === 'car')!.electricity!;
    expect(text).toContain(travelMsg.boundary);
    const table = text.slice(text.indexOf('Business travel and grey fleet'));
    expect(table).not.toContain('car:electricity');
    expect(table).toMatch(/^car +yes +3 +257 /m);
    expect(table).toContain(travelMsg.electricPart('car', 3, 2, '193', tonnes(electricity.kgCo2e)));
    expect(table).toMatch(/Total: 4 lines, 418 km, [\d.]+ tCO2e; grey fleet 3 lines, 257 km, /);
  });
});
