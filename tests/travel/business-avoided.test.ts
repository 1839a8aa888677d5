import { describe, expect, it } from 'vitest';
import { travelMsg } from '../../src/travel/travel-text.js';
import { financialYearPeriod } from '../../src/travel/period.js';
import { avoidedJourneys, businessTravelByMode, travelReport } from '../../src/travel/report.js';
import { library, organisation, WAVE_2024, workspace } from './setup.js';

const KM_PER_MILE = 1.609344;
const CAR_2024 = 0.16691; // car.average.unknown, kg per km, 2024 set
const BUS_2024 = 0.10846; // bus.local, kg per passenger-km, 2024 set

const CLAIMS = [
  'Claim ID,Employee Number,Cost Centre,Expense Date,Expense Type,Description,Miles,Amount (£),Fuel Type,Engine Size,Class',
  'C1,E1,CC1,03/05/2024,Business Mileage,Home visits,40,18.00,Petrol,,',
  'C2,E2,CC1,07/05/2024,Mileage,Clinic,,9.00,,,', // no miles: 900p ÷ 45p = 20 miles, from the amount
  'C3,E3,CC2,15/05/2024,Rail,Leeds to London,100,90.00,,,Standard',
  'C4,E4,CC2,16/05/2024,Bus,Town centre,10,2.00,,,',
];

describe('travel: business travel and grey fleet by mode', () => {
  it('sums the claims by mode and flags the miles worked out from money', async () => {
    const ws = workspace();
    await ws.importFile('claims.csv', CLAIMS);
    const { result, warnings } = businessTravelByMode(ws.ledger, organisation(), financialYearPeriod(2024));
    expect(result.modes.map((m) => [m.mode, m.greyFleet, m.lines])).toEqual([['bus', false, 1], ['car', true, 2], ['rail', false, 1]]);
    // 40 + 20 + 100 + 10 = 170 miles of claims; 20 of them (one line of four) from the amount.
    expect(result.lines).toBe(4);
    expect(result.km).toBeCloseTo(170 * KM_PER_MILE, 9);
    expect(result.greyFleet.lines).toBe(2);
    expect(result.greyFleet.km).toBeCloseTo(60 * KM_PER_MILE, 9);
    expect(result.moneyDerived.lines).toBe(1);
    expect(result.moneyDerived.sharePct).toBe(25);
    expect(result.moneyDerived.km).toBeCloseTo(20 * KM_PER_MILE, 9);
    expect(result.moneyDerived.kmSharePct).toBeCloseTo((100 * 20) / 170, 9);
    expect(result.modes.find((m) => m.mode === 'car')).toMatchObject({ moneyDerivedLines: 1 });
    const bus = result.modes.find((m) => m.mode === 'bus')!;
    expect(bus.kgCo2e).toBeCloseTo(10 * KM_PER_MILE * BUS_2024, 9);
    expect(result.kgCo2e).toBeCloseTo(result.modes.reduce((s, m) => s + m.kgCo2e, 0), 9);
    expect(warnings).toEqual([{ code: 'money_derived_miles', message: travelMsg.moneyDerived(1, 25), count: 1 }]);
    // Outside the period: nothing.
    expect(businessTravelByMode(ws.ledger, organisation(), financialYearPeriod(2023)).result.lines).toBe(0);
  });
});

describe('travel: journeys avoided by digital appointments', () => {
  const avoided = [{
    year: '2024/25', appointments: 1000, roundTripKm: 20, modeMix: { drive_alone: 0.5, car_share: 0.1, bus: 0.2, walk: 0.2 },
    source: 'Outpatient activity 2024/25: video and telephone clinics',
  }];

  it('converts appointments × round trip × mode mix, with the config\'s source', () => {
    const { result } = avoidedJourneys(library, organisation({ avoided }), financialYearPeriod(2024));
    // 1,000 × 20 km = 20,000 km. Drive alone 10,000 km × 0.16691 = 1,669.1 kg; car share 2,000 person-km,
    // two to a car, 1,000 car km × 0.16691 = 166.91 kg; bus 4,000 passenger-km × 0.10846 = 433.84 kg; walk 0.
    const [entry] = result.entries;
    expect(entry).toMatchObject({ year: '2024/25', site: null, description: 'Digital appointments replacing face-to-face visits', source: avoided[0]!.source, km: 20000, share: 1 });
    expect(entry!.modes.map((m) => [m.mode, m.km, m.factorKey])).toEqual([
      ['drive_alone', 10000, 'car.average.unknown'], ['car_share', 2000, 'car.average.unknown'], ['bus', 4000, 'bus.local'], ['walk', 4000, null],
    ]);
    expect(entry!.modes.map((m) => m.kgCo2e)).toEqual([expect.closeTo(1669.1, 9), expect.closeTo(166.91, 9), expect.closeTo(433.84, 9), 0]);
    expect(result.kgCo2e).toBeCloseTo(1669.1 + 166.91 + 433.84, 9);
    expect(avoidedJourneys(library, organisation({ avoided }), financialYearPeriod(2023)).result.entries).toEqual([]);
  });

  it('is reported beside commuting, never subtracted from it', async () => {
    const ws = workspace();
    await ws.importFile('survey-2024.csv', WAVE_2024, '2024 autumn');
    const without = travelReport(ws.ledger, library, organisation(), financialYearPeriod(2024));
    const withAvoided = travelReport(ws.ledger, library, organisation({ avoided }), financialYearPeriod(2024));
    expect(withAvoided.commuting.kgCo2e).toBe(without.commuting.kgCo2e);
    expect(withAvoided.commuting.lines.every((l) => l.source.startsWith('commuting:'))).toBe(true);
    expect(withAvoided.avoided.kgCo2e).toBeCloseTo(1669.1 + 166.91 + 433.84, 9);
    expect(withAvoided).toMatchObject({ org: 'north-acute', policy: 'financial-year', workingWeeks: 46 });
    // No headcount for 2024/25 here: respondents only, said so.
    expect(withAvoided.commuting.waves[0]!.scaling.basis).toBe('respondents_only');
    expect(withAvoided.commuting.kgCo2e).toBeCloseTo((4600 + 3680 + 3680 + 2760 + 5520) * CAR_2024 + 3680 * BUS_2024 + 4600 * 0.03546, 6);
    expect(withAvoided.warnings.map((w) => w.code)).toContain('no_headcount');
  });
});
