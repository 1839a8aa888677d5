import { describe, expect, it } from 'vitest';
import { travelMsg } from '../../src/travel/travel-text.js';
import { financialYearPeriod } from '../../src/travel/period.js';
import { surveyModeShares } from '../../src/travel/report.js';
import { organisation, WAVE_2023, WAVE_2024, workspace } from './setup.js';

describe('travel: mode shares and the private-car indicator across two waves', () => {
  it('shares by respondents and by journeys, per site and overall, and the change in points', async () => {
    const ws = workspace();
    await ws.importFile('survey-2024.csv', WAVE_2024, '2024 autumn');
    await ws.importFile('survey-2023.csv', WAVE_2023, '2023 autumn');
    const { result, warnings } = surveyModeShares(ws.ledger, organisation(), financialYearPeriod(2024));
    expect(result.waves.map((w) => [w.wave, w.financialYear])).toEqual([['2023 autumn', '2023/24'], ['2024 autumn', '2024/25']]);

    // 2023, Main Hospital: drive alone 5 + 5, bus 5, bicycle 5 = 20 journeys a week; private car 10 → 50%.
    const [w2023, w2024] = result.waves;
    expect(w2023!.sites.find((s) => s.site === 'Main Hospital')).toMatchObject({ respondents: 4, journeysPerWeek: 20, privateCarJourneysPct: 50, singleOccupancyJourneysPct: 50 });

    // 2024, Main Hospital (B1–B6, B11): journeys 5 + 4 + 4 + 3 + 5 + 0 + 5 = 26.
    // Private car: B1 5 (alone) + B2 4 (car-share driver) + B3 0 (passenger) + B4 3 ÷ 3 occupants = 10 → 10/26.
    const main = w2024!.sites.find((s) => s.site === 'Main Hospital')!;
    expect(main).toMatchObject({ respondents: 7, journeysPerWeek: 26, carShareRoleUnknown: 1 });
    expect(main.privateCarJourneysPct).toBeCloseTo((100 * 10) / 26, 9);
    expect(main.singleOccupancyJourneysPct).toBeCloseTo((100 * 5) / 26, 9);
    const carShare = main.modes.find((m) => m.mode === 'car_share')!;
    expect(carShare).toMatchObject({ respondents: 3, journeysPerWeek: 11 });
    expect(carShare.respondentsPct).toBeCloseTo((100 * 3) / 7, 9);
    expect(carShare.journeysPct).toBeCloseTo((100 * 11) / 26, 9);
    expect(main.modes.find((m) => m.mode === 'work_from_home')).toMatchObject({ respondents: 1, journeysPerWeek: 0, journeysPct: 0 });

    // Overall 2024: journeys 26 + (5 + 2 + 5) + 5 = 43; private car 10 + 5 = 15.
    expect(w2024!.overall.journeysPerWeek).toBe(43);
    expect(w2024!.overall.privateCarJourneysPct).toBeCloseTo((100 * 15) / 43, 9);

    // Changes: Main Hospital 38.46% − 50%; Community Hub 5/12 − 5/10; overall 15/43 − 15/30. Annex is new.
    const change = (site: string | null) => result.changes.find((c) => c.site === site);
    expect(change('Main Hospital')!.changePp).toBeCloseTo((100 * 10) / 26 - 50, 9);
    expect(change('Community Hub')!.changePp).toBeCloseTo((100 * 5) / 12 - 50, 9);
    expect(change(null)).toMatchObject({ from: '2023 autumn', to: '2024 autumn', fromPct: 50 });
    expect(change(null)!.changePp).toBeCloseTo((100 * 15) / 43 - 50, 9);
    expect(change('Annex')).toBeUndefined();
    expect(warnings).toEqual([{ code: 'car_share_role_unknown', message: travelMsg.carShareRoleUnknown('2024 autumn', 1), wave: '2024 autumn', count: 1 }]);
  });

  it('leaves out waves dated after the period, so an earlier report does not change', async () => {
    const ws = workspace();
    await ws.importFile('survey-2023.csv', WAVE_2023, '2023 autumn');
    await ws.importFile('survey-2024.csv', WAVE_2024, '2024 autumn');
    const { result } = surveyModeShares(ws.ledger, organisation(), financialYearPeriod(2023));
    expect(result.waves.map((w) => w.wave)).toEqual(['2023 autumn']);
    expect(result.changes).toEqual([]);
  });
});
