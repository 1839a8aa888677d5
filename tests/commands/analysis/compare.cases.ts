import { describe, expect, it } from 'vitest';
import { ACUTE_CALENDAR_KG, BUSINESS_2019_KG, YEARS, acuteKg, communityElectricityKg, councilKg, fy } from './expected.js';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../helpers.js';
import { cli, csvRecords, json, near, text } from './workspace.js';

const ORGS = 'north-acute,east-community,riverside-council,north-ics';
const MEMBERS = ['east-community', 'north-acute', 'riverside-council'];

/**
 * What `compare` counts for each member and year: the footprint without survey-based commuting.
 * The community trust's business travel claims are all in 2019/20.
 */
const memberKg = (org: string, y: number): number => {
  if (org === 'north-acute') return acuteKg(y);
  if (org === 'riverside-council') return councilKg(y);
  return communityElectricityKg(y) + (y === 2019 ? BUSINESS_2019_KG : 0);
};

const series = (r: any, org: string): any => r.series.find((s: any) => s.org === org);
const point = (points: any[], year: string): any => points.find((p: any) => p.year === year);

/** `tco2e compare`: `dir` gives the workspace built by the caller's `beforeAll`. */
export function compareCases(dir: () => string): void {
  describe.concurrent('tco2e compare on the analysis fixture', { timeout: 90_000 }, () => {
    it('indexes each organisation to its own baseline (= 100) and sums the ICS from its members', async () => {
      const r = await json(dir(), 'compare', '--orgs', ORGS, '--json');
      expect(r.series.map((s: any) => s.org)).toEqual(MEMBERS);
      for (const org of MEMBERS) {
        const s = series(r, org);
        expect(s.baselineYear).toBe('2016/17');
        near(s.baselineKgCo2e, memberKg(org, 2016));
        near(point(s.points, '2016/17').index, 100);
        for (const y of YEARS) {
          near(point(s.points, fy(y)).kgCo2e, memberKg(org, y));
          near(point(s.points, fy(y)).index, (100 * memberKg(org, y)) / memberKg(org, 2016));
        }
      }
      // The flat-consumption trust: 306.72 ÷ 494.46 = 62.03% of its baseline, the grid alone.
      near(point(series(r, 'north-acute').points, '2019/20').index, (100 * 306.72) / 494.46);
      const ics = r.rollups[0];
      expect(ics).toMatchObject({ ics: 'north-ics', members: MEMBERS, baselineYear: '2016/17' });
      // 494,460 + 247,230 + 616,368 = 1,358,058 kg in 2016/17.
      near(ics.baselineKgCo2e, 1_358_058);
      for (const y of YEARS) {
        const p = point(ics.points, fy(y));
        const sum = MEMBERS.reduce((s, org) => s + point(series(r, org).points, fy(y)).kgCo2e, 0);
        near(p.kgCo2e, sum);
        near(p.kgCo2e, MEMBERS.reduce((s, org) => s + memberKg(org, y), 0));
        expect(p.membersMissing).toEqual([]);
      }
      near(point(ics.points, '2016/17').index, 100);
      // Per m², from each member's floor area: 494,460 ÷ 20,000 = 24.723 kg.
      near(point(series(r, 'north-acute').points, '2016/17').figures.find((f: any) => f.metric === 'floorAreaM2').kgCo2ePerUnit, 24.723);
    });

    it('a common baseline year moves every index, the roll-up\'s too', async () => {
      const r = await json(dir(), 'compare', '--orgs', ORGS, '--baseline', '2017/18', '--json');
      for (const org of MEMBERS) {
        const s = series(r, org);
        expect(s.baselineYear).toBe('2017/18');
        near(point(s.points, '2017/18').index, 100);
        near(point(s.points, '2019/20').index, (100 * memberKg(org, 2019)) / memberKg(org, 2017));
      }
      expect(r.rollups[0].baselineYear).toBe('2017/18');
      near(point(r.rollups[0].points, '2017/18').index, 100);
    });

    it('--calendar compares calendar years', async () => {
      const r = await json(dir(), 'compare', '--orgs', 'north-acute', '--calendar', '--json');
      const s = series(r, 'north-acute');
      expect(s.points.map((p: any) => p.year)).toEqual(['2016', '2017', '2018', '2019', '2020']);
      for (const [year, kg] of Object.entries(ACUTE_CALENDAR_KG)) near(point(s.points, year).kgCo2e, kg);
    });

    it('as text and CSV, with who is on track for what', async () => {
      const [table, csv, r] = await Promise.all([
        text(dir(), 'compare', '--orgs', ORGS),
        text(dir(), 'compare', '--orgs', ORGS, '--format', 'csv'),
        json(dir(), 'compare', '--orgs', ORGS, '--json'),
      ]);
      expect(table).toContain('north-ics (sum)');
      expect(table).toContain('each cell is tCO2e (index)');
      expect(table).toMatch(/2016\/17 .*1,358 \(100\)/);
      const rows = csvRecords(csv);
      const sum19 = rows.find((x) => x.org === 'north-ics' && x.year === '2019/20')!;
      expect(sum19.kind).toBe('ics-sum');
      near(Number(sum19.tco2e), MEMBERS.reduce((s, org) => s + memberKg(org, 2019), 0) / 1000);
      expect(r.standings.map((s: any) => [s.org, s.target, s.year, s.status])).toEqual(expect.arrayContaining([
        ['north-acute', 'halve-by-2026', '2019/20', 'on-track'],
        ['north-acute', 'nhs-2040', '2019/20', 'on-track'],
        ['riverside-council', 'net-zero-2030', '2019/20', 'on-track'],
      ]));
    });

    it('marks only the cells whose year has a caveat, each marker said in words under the table', async () => {
      const [table, r] = await Promise.all([text(dir(), 'compare', '--orgs', ORGS), json(dir(), 'compare', '--orgs', ORGS, '--json')]);
      const flagged = r.series.flatMap((s: any) => s.points.filter((p: any) => p.flags.length > 0).map((p: any) => `${s.org} ${p.year}`));
      // No mark that means nothing: the old "!" on every cell is gone.
      expect(table).not.toMatch(/ !( |$)/m);
      const rows = table.split('\n').filter((l) => /^\d{4}\/\d{2} /.test(l));
      const markers = rows.reduce((n, l) => n + [...l.matchAll(/\[\d+(?:,\d+)*\]/g)].length, 0);
      const cells = flagged.length;
      expect(markers).toBe(cells);
      for (const cell of flagged) expect(table).toContain(`] ${cell.split(' ')[0]!} `);
      if (cells === 0) expect(table).toContain('No year is marked');
      // Caveats never name a raw key.
      expect(table).not.toMatch(/no [a-z]+_[a-z_]+ data/);
    });

    it('ranks within one target at a time, on that target\'s boundary', async () => {
      const r = await json(dir(), 'compare', '--orgs', ORGS, '--json');
      for (const g of r.rankings) {
        // Every organisation in a ranking holds that one target.
        const ids = new Set(g.rows.map((x: any) => x.target));
        expect(ids.size, g.name).toBe(1);
        const cuts = g.rows.filter((x: any) => x.cutPct !== null).map((x: any) => x.cutPct);
        expect(cuts).toEqual([...cuts].sort((a, b) => b - a));
      }
      const table = await text(dir(), 'compare', '--orgs', ORGS);
      expect(table).toContain('Ranking within each target');
    });

    it('keeps its tables within an 80-column terminal', () => {
      const run = spawnSync(process.execPath, [join(ROOT, 'bin/run.js'), 'compare', '--orgs', ORGS], { cwd: dir(), encoding: 'utf8', env: { ...process.env, COLUMNS: '80', TCO2E_DB: '', TCO2E_CONFIG: '' } });
      expect(run.status, run.stderr).toBe(0);
      const rows = run.stdout.split('\n').filter((l) => / {2,}\S/.test(l) || /^-+( +-+)+$/.test(l));
      expect(rows.length).toBeGreaterThan(5);
      for (const l of rows) expect(l.length, l).toBeLessThanOrEqual(80);
    });

    it('report compare takes --baseline as compare does, and indexes every line to it', async () => {
      const out = join(dir(), 'compare-2017.html');
      const r = await cli(dir(), 'report', 'compare', '--orgs', ORGS, '--baseline', '2017/18', '--out', out);
      expect(r.code, r.stderr).toBe(0);
      const page = readFileSync(out, 'utf8');
      const indexed = page.slice(page.indexOf('id="indexed"'));
      expect(indexed).toContain('(2017/18 = 100)');
      expect(indexed).not.toContain('(2016/17 = 100)');
      const bad = await cli(dir(), 'report', 'compare', '--orgs', ORGS, '--baseline', 'last year', '--out', join(dir(), 'bad.html'));
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('is not a financial year');
    });
  });
}
