import { describe, expect, it } from 'vitest';
import { AVOIDED_NOT_SUBTRACTED } from '../../../src/cli/views/travel-view.js';
import { AVOIDED_2019_KG, BUSINESS_2019_KG, BUS_PKM, CAR_KM, COMMUTING_2017_KG, COMMUTING_2019_BUS_PKM, COMMUTING_2019_DRIVE_KM, COMMUTING_2019_KG } from './expected.js';
import { cli, csvRecords, csvRows, json, near, text } from './workspace.js';

const ORG = ['--org', 'east-community'];
const change = (r: any, site: string | null): any => r.modeShare.changes.find((c: any) => c.site === site);

/** `tco2e travel`: `dir` gives the workspace built by the caller's `beforeAll`. */
export function travelCases(dir: () => string): void {
  describe.concurrent('tco2e travel on the analysis fixture', { timeout: 90_000 }, () => {
    it('commuting for a year from its wave, scaled to headcount, with the working weeks stated', async () => {
      const r = await json(dir(), 'travel', ...ORG, '--period', '2019/20', '--json');
      expect(r).toMatchObject({ org: 'east-community', period: { start: '2019-04-01', end: '2020-03-31' }, policy: 'financial-year', workingWeeks: 46 });
      expect(r.commuting.waves).toHaveLength(1);
      const w = r.commuting.waves[0];
      expect(w).toMatchObject({ wave: '2019 autumn', financialYear: '2019/20', respondents: 6, usableRespondents: 6, share: 1 });
      // 6 respondents of 120 staff (100 at Eastgate, 20 in the @Home Team).
      expect(w.scaling).toMatchObject({ basis: 'headcount', headcount: 120, responseRatePct: 5, unscaledRespondents: 0 });
      expect(w.scaling.groups.map((g: any) => [g.site, g.scaleFactor])).toEqual([['Eastgate Clinic', 25], ['@Home Team', 10]]);
      const mode = (m: string): any => w.modes.find((x: any) => x.mode === m);
      near(mode('drive_alone').scaledKm, COMMUTING_2019_DRIVE_KM);
      near(mode('drive_alone').kgCo2e, COMMUTING_2019_DRIVE_KM * CAR_KM[2019]!);
      near(mode('bus').kgCo2e, COMMUTING_2019_BUS_PKM * BUS_PKM[2019]!);
      expect(mode('walk').kgCo2e).toBe(0);
      near(r.commuting.kgCo2e, COMMUTING_2019_KG);
    });

    it('the same commuting figure as the footprint counts', async () => {
      const [t, e] = await Promise.all([
        json(dir(), 'travel', ...ORG, '--period', '2019/20', '--json'),
        json(dir(), 'emissions', ...ORG, '--period', '2019/20', '--by', 'scope', '--json'),
      ]);
      near(e.result.groups.find((g: any) => g.key.scope === 'Scope 3 category 7').kgCo2e, t.commuting.kgCo2e);
      near(t.businessTravel.kgCo2e, BUSINESS_2019_KG);
    });

    it('the private-car headline between waves, per site and overall, in percentage points', async () => {
      const r = await json(dir(), 'travel', ...ORG, '--period', '2019/20', '--json');
      expect(r.modeShare.waves.map((w: any) => w.wave)).toEqual(['2017 autumn', '2019 autumn']);
      // Eastgate: 10 of 20 journeys a week by car alone in 2017, 5 of 20 in 2019.
      expect(change(r, 'Eastgate Clinic')).toMatchObject({ from: '2017 autumn', to: '2019 autumn', fromPct: 50, toPct: 25, changePp: -25 });
      expect(change(r, '@Home Team')).toMatchObject({ fromPct: 50, toPct: 50, changePp: 0 });
      // Overall: 15 of 30 journeys, then 10 of 30.
      near(change(r, null).changePp, 100 / 3 - 50);
      const overall19 = r.modeShare.waves[1].overall;
      near(overall19.privateCarJourneysPct, 100 / 3);
      expect(overall19.journeysPerWeek).toBe(30);
    });

    it('business travel and grey fleet by mode, with the miles worked out from money counted', async () => {
      const r = await json(dir(), 'travel', ...ORG, '--period', '2019/20', '--json');
      const b = r.businessTravel;
      expect(b.lines).toBe(3);
      expect(b.moneyDerived.lines).toBe(1);
      near(b.moneyDerived.sharePct, 100 / 3);
      // 100 of the 400 miles claimed came from £45 at 45p a mile.
      near(b.moneyDerived.kmSharePct, 25);
      near(b.moneyDerived.km, 100 * 1.609344);
      const car = b.modes.find((m: any) => m.mode === 'car');
      expect(car).toMatchObject({ greyFleet: true, lines: 2, moneyDerivedLines: 1 });
      near(car.kgCo2e, 200 * 0.28502);
      near(b.greyFleet.kgCo2e, 200 * 0.28502);
      expect(b.modes.find((m: any) => m.mode === 'rail')).toMatchObject({ greyFleet: false, lines: 1, moneyDerivedLines: 0 });
      expect(r.warnings.map((w: any) => w.code)).toContain('money_derived_miles');
    });

    it('avoided journeys are reported beside the footprint, not subtracted', async () => {
      const [r, e] = await Promise.all([
        json(dir(), 'travel', ...ORG, '--period', '2019/20', '--json'),
        json(dir(), 'emissions', ...ORG, '--period', '2019/20', '--json'),
      ]);
      near(r.avoided.kgCo2e, AVOIDED_2019_KG);
      expect(r.avoided.entries[0]).toMatchObject({ year: '2019/20', appointments: 1000, roundTripKm: 20, km: 20_000 });
      // The footprint is electricity, commuting and business travel: nothing taken off.
      near(e.result.total.kgCo2e, 600_000 * 0.2556 + COMMUTING_2019_KG + BUSINESS_2019_KG);
    });

    it('the table states the assumptions, the headline change and the avoided-journeys sentence', async () => {
      const out = await text(dir(), 'travel', ...ORG, '--period', '2019/20');
      expect(out).toContain('× 46 working weeks a year');
      expect(out).toMatch(/2019 autumn\s+2019\/20\s+6\s+6\s+5%\s+scaled to a headcount of 120\s+100%\s+78\.4/);
      expect(out).toMatch(/Eastgate Clinic\s+2017 autumn\s+2019 autumn\s+50%\s+25%\s+-25 pp/);
      expect(out).toContain('1 of 3 lines (33.3%), 161 km (25% of km)');
      expect(out).toContain(AVOIDED_NOT_SUBTRACTED);
      expect(out).toContain('Total avoided: 3.54 tCO2e');
    });

    it('CSV: a site name starting with @ is neutralised; negative changes stay numbers', async () => {
      const out = await text(dir(), 'travel', ...ORG, '--period', '2019/20', '--format', 'csv');
      expect(out).not.toMatch(/(^|[\n,])@Home/);
      const rows = csvRecords(out);
      const home = rows.filter((x) => x.site!.includes('Home Team'));
      expect(home.length).toBeGreaterThan(0);
      for (const x of home) expect(x.site).toBe('\'@Home Team');
      const eastgate = rows.find((x) => x.section === 'private_car_change' && x.site === 'Eastgate Clinic')!;
      expect(eastgate.change_pp).toBe('-25');
      expect(eastgate.from_wave).toBe('2017 autumn');
      // Every row has every column.
      const widths = new Set(csvRows(out).map((x) => x.length));
      expect(widths.size).toBe(1);
      near(Number(rows.find((x) => x.section === 'commuting')!.tco2e), COMMUTING_2019_KG / 1000);
    });

    it('another year takes its own wave; without --period the latest wave\'s year', async () => {
      const [r17, latest] = await Promise.all([
        json(dir(), 'travel', ...ORG, '--period', '2017/18', '--json'),
        json(dir(), 'travel', ...ORG, '--json'),
      ]);
      expect(r17.commuting.waves.map((w: any) => w.wave)).toEqual(['2017 autumn']);
      near(r17.commuting.kgCo2e, COMMUTING_2017_KG);
      expect(r17.modeShare.waves.map((w: any) => w.wave)).toEqual(['2017 autumn']);
      expect(r17.avoided.entries).toEqual([]);
      expect(r17.businessTravel.lines).toBe(0);
      expect(latest.period).toEqual({ start: '2019-04-01', end: '2020-03-31' });
    });

    it('--survey picks the waves compared; an unknown wave or an ICS is refused with what to do', async () => {
      const [one, unknown, ics] = await Promise.all([
        json(dir(), 'travel', ...ORG, '--period', '2019/20', '--survey', '2019 autumn', '--json'),
        cli(dir(), 'travel', ...ORG, '--survey', '2018 spring'),
        cli(dir(), 'travel', '--org', 'north-ics', '--period', '2019/20'),
      ]);
      expect(one.modeShare.waves.map((w: any) => w.wave)).toEqual(['2019 autumn']);
      expect(one.modeShare.changes).toEqual([]);
      near(one.commuting.kgCo2e, COMMUTING_2019_KG);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('east-community has no survey wave "2018 spring"');
      expect(unknown.stderr).toContain('"2017 autumn", "2019 autumn"');
      expect(ics.code).toBe(2);
      expect(ics.stderr).toContain('Run it for each member: north-acute, east-community, riverside-council');
    });

    it('--help has a description and examples with long flags', async () => {
      const help = await text(dir(), 'travel', '--help');
      expect(help).toContain('EXAMPLES');
      expect(help).toContain('--survey');
      expect(help).toContain('--period 2024/25');
    });
  });
}
