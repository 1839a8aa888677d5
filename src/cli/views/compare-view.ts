/**
 * `tco2e compare` as terminal text and CSV. A cell carries a marker (`[1]`) only when its year
 * has a caveat, and each marker is said in words under the table; a mark on every cell would
 * mean nothing.
 */

import type { CompareWithAreas } from '../../area/compare-areas.js';
import type { CompareReport, CompareSeries } from '../../targets/compare-orgs.js';
import type { MemberSiteShare } from '../../travel/member-shares.js';
import { toCsv } from '../../kernel/csv-cell.js';
import { formatNumber, renderTable } from '../../kernel/format.js';
import { STATUS_WORDS } from '../../targets/target-text.js';
import { caveatWords, PER_SHORT } from '../../report/compare/words.js';

const t = (kg: number | null): string => (kg === null ? '–' : formatNumber(kg / 1000, 0));
const ix = (i: number | null): string => (i === null ? '' : ` (${formatNumber(i, 0)})`);
const pct = (n: number): string => `${formatNumber(n, 0)}%`;

/** Caveats numbered in order of first appearance; the same words for one organisation share a number. */
function footnotes(series: readonly CompareSeries[]): { readonly marker: (org: string, year: string) => string; readonly lines: string[] } {
  const notes: { org: string; words: string; years: string[] }[] = [];
  const byCell = new Map<string, number[]>();
  for (const s of series) {
    for (const p of s.points) {
      for (const f of p.flags) {
        const words = caveatWords(f);
        let i = notes.findIndex((n) => n.org === s.org && n.words === words);
        if (i < 0) i = notes.push({ org: s.org, words, years: [] }) - 1;
        notes[i]!.years.push(p.year);
        const key = `${s.org}|${p.year}`;
        byCell.set(key, [...(byCell.get(key) ?? []), i + 1]);
      }
    }
  }
  return {
    marker: (org, year) => {
      const n = byCell.get(`${org}|${year}`);
      return n === undefined ? '' : ` [${n.join(',')}]`;
    },
    lines: notes.map((n, i) => `  [${i + 1}] ${n.org} ${n.years.join(', ')}: ${n.words}.`),
  };
}

const share = (e: { pct: number; lowPct: number; highPct: number; respondents: number } | null): string =>
  (e === null ? '–' : `${formatNumber(e.pct, 1)}% (${formatNumber(e.lowPct, 0)}–${formatNumber(e.highPct, 0)}%, n=${formatNumber(e.respondents)})`);

/** The private-car share of journeys to each site surveyed, its latest year: staff, patients and visitors, all. */
function privateCarLines(rows: readonly MemberSiteShare[]): string[] {
  if (rows.length === 0) return [];
  return ['', 'Private-car share of journeys to each site, latest surveyed year (95% interval, respondents); each site on its own survey, never summed:', renderTable(rows, [
    { header: 'organisation', value: (x) => x.org },
    { header: 'site', value: (x) => x.site },
    { header: 'year', value: (x) => x.year },
    { header: 'staff', value: (x) => share(x.staff) },
    { header: 'patients and visitors', value: (x) => share(x.patientsVisitors) },
    { header: 'all journeys', value: (x) => share(x.all) },
  ])];
}

export function compareText(r: CompareReport & Partial<Pick<CompareWithAreas, 'area'>> & { readonly privateCar?: readonly MemberSiteShare[] }): string {
  const years = [...new Set([...r.series.flatMap((s) => s.points.map((p) => p.year)), ...r.rollups.flatMap((x) => x.points.map((p) => p.year))])].sort();
  const notes = footnotes(r.series);
  type Row = { year: string };
  const columns = [
    { header: 'year', value: (row: Row) => row.year },
    ...r.series.map((s) => ({
      header: s.org,
      align: 'right' as const,
      value: (row: Row) => {
        const p = s.points.find((x) => x.year === row.year);
        return p ? `${t(p.kgCo2e)}${ix(p.index)}${notes.marker(s.org, p.year)}` : '–';
      },
    })),
    ...r.rollups.map((x) => ({
      header: `${x.ics} (sum)`,
      align: 'right' as const,
      value: (row: Row) => {
        const p = x.points.find((y) => y.year === row.year);
        return p ? (p.kgCo2e === null ? `– missing ${p.membersMissing.join(', ')}` : `${t(p.kgCo2e)}${ix(p.index)}`) : '–';
      },
    })),
  ];
  const lines = [
    `Compared: ${r.orgs.join(', ')}; each cell is tCO2e (index) by ${r.period === 'calendar-year' ? 'calendar' : 'financial'} year, location-based Scope 2, ${r.boundary.includeWtt ? 'with' : 'without'} well-to-tank and T&D, without staff commuting (surveys start in different years; see below); index = 100 in each one's baseline year (${r.series.map((s) => `${s.org} ${s.baselineYear ?? 'none'}`).join(', ')}).`,
    '',
    renderTable(years.map((year) => ({ year })), columns),
  ];
  if (notes.lines.length > 0) lines.push('', 'Not comparable as it stands:', ...notes.lines);
  else lines.push('', 'No year is marked: none mixes factor policies, rests mostly on estimates, misses months of a metered supply, misses a kind of data the years either side have, or counts fleet or business travel its baseline lacks.');
  for (const x of r.rollups) if (x.baselineNote) lines.push('', `${x.ics}: ${x.baselineNote}`);

  const latest = r.series.map((s) => ({ s, p: s.points.at(-1) })).filter((x) => x.p !== undefined);
  const market = latest.filter((x) => x.p!.marketKgCo2e !== null);
  if (market.length > 0) {
    lines.push('', 'Market-based beside location-based (where supplier factors exist), latest year:', renderTable(market, [
      { header: 'organisation', value: (x) => x.s.org },
      { header: 'year', value: (x) => x.p!.year },
      { header: 'location-based t', value: (x) => t(x.p!.kgCo2e), align: 'right' },
      { header: 'market-based t', value: (x) => t(x.p!.marketKgCo2e), align: 'right' },
    ]));
  }
  const surveyed = latest.filter((x) => r.surveyed.includes(x.s.org) && x.p!.commutingKgCo2e !== null);
  const unsurveyed = r.series.filter((s) => !r.surveyed.includes(s.org)).map((s) => s.org);
  if (surveyed.length >= 2) {
    lines.push('', 'Staff commuting (from travel surveys), latest year:', renderTable(surveyed, [
      { header: 'organisation', value: (x) => x.s.org },
      { header: 'year', value: (x) => x.p!.year },
      { header: 'commuting t', value: (x) => t(x.p!.commutingKgCo2e), align: 'right' },
      { header: 'share with commuting', value: (x) => pct((100 * x.p!.commutingKgCo2e!) / (x.p!.kgCo2e + x.p!.commutingKgCo2e!)), align: 'right' },
      { header: 'kg per WTE', value: (x) => { const d = x.p!.figures.find((f) => f.metric === 'staffWte')?.denominator; return d === null || d === undefined ? '–' : formatNumber(x.p!.commutingKgCo2e! / d, 0); }, align: 'right' },
    ]));
  }
  if (unsurveyed.length > 0) lines.push(`No staff travel survey: ${unsurveyed.join(', ')}; commuting is not compared for ${unsurveyed.length === 1 ? 'it' : 'them'}.`);

  if (r.rankings.length > 0) {
    lines.push('', 'Ranking within each target (each on its own boundary and baseline, latest judged year):');
    for (const g of r.rankings) {
      const metric = g.metric;
      // One organisation alone is not ranked: "1st of 1" says nothing.
      const ranked = g.rows.length > 1;
      lines.push('', `${g.name}${ranked ? '' : ' (held by one organisation only, so not ranked)'}`, renderTable(g.rows, [
        { header: 'organisation', value: (x) => x.org },
        { header: 'year', value: (x) => x.year ?? '–' },
        { header: 'cut', value: (x) => (x.cutPct === null ? '–' : `${formatNumber(x.cutPct, 1)}%`), align: 'right' },
        { header: 'asked', value: (x) => (x.requiredCutPct === null ? '–' : `${formatNumber(x.requiredCutPct, 1)}%`), align: 'right' },
        { header: 'status', value: (x) => (x.status === null ? 'not judged' : STATUS_WORDS[x.status]) },
        ...(ranked ? [{ header: 'rank by cut', value: (x: (typeof g.rows)[number]) => (x.rankByCut === null ? '–' : String(x.rankByCut)), align: 'right' as const }] : []),
        ...(metric === null ? [] : [
          { header: `kg ${PER_SHORT[metric]}`, value: (x: (typeof g.rows)[number]) => (x.intensityKg === null ? '–' : formatNumber(x.intensityKg, 1)), align: 'right' as const },
          ...(ranked ? [{ header: 'rank by intensity', value: (x: (typeof g.rows)[number]) => (x.rankByIntensity === null ? '–' : String(x.rankByIntensity)), align: 'right' as const }] : []),
        ]),
        { header: 'trend reaches target', value: (x) => r.standings.find((s) => s.org === x.org && s.target === x.target)?.trendReaches ?? 'not on current trend' },
      ]));
    }
  }
  if (r.area !== undefined && r.area !== null) lines.push('', ...areaLines(r.area));
  lines.push(...privateCarLines(r.privateCar ?? []));
  for (const w of r.warnings.slice(0, 10)) lines.push(`Note: ${w.message}`);
  return lines.join('\n');
}

/** The areas beside the organisations: calendar-year totals (index on each one's base year), and where each area target stands. */
function areaLines(a: NonNullable<CompareWithAreas['area']>): string[] {
  const years = [...new Set(a.series.flatMap((s) => s.years.map((y) => y.year)))].sort((x, y) => x - y);
  const lines = [
    `Areas, from the local authority greenhouse gas statistics: tCO2e territorial (index) by calendar year, each indexed to its own base year (${a.series.map((s) => `${s.laCode} ${s.baseYear ?? 'none'}, edition ${s.edition}`).join('; ')}).`,
    '',
    renderTable(years.map((year) => ({ year })), [
      { header: 'year', value: (row: { year: number }) => String(row.year) },
      ...a.series.map((s) => ({
        header: `${s.laName} (${s.laCode})`,
        align: 'right' as const,
        value: (row: { year: number }) => {
          const y = s.years.find((x) => x.year === row.year);
          return y === undefined ? '–' : `${formatNumber(y.territorialTCo2e, 0)}${ix(y.index)}`;
        },
      })),
    ]),
  ];
  for (const tr of a.targets) {
    const p = tr.progress;
    const h = p.headline;
    const reach = p.projection?.reachesTargetIn ?? null;
    lines.push(`${tr.laCode} target ${p.target.name} [${p.target.id}]: ${h === null || h.actualTco2e === null ? 'no figures from the baseline year on' : `${h.label} ${formatNumber(h.actualTco2e, 0)} t, a ${formatNumber(h.actualReductionPct ?? 0, 1)}% cut on ${p.baseline.label} (the pathway asks ${formatNumber(h.requiredReductionPct, 1)}%): ${h.status === null ? 'not judged' : STATUS_WORDS[h.status]}`}; trend ${reach === null ? 'does not reach the target level' : `reaches the target level in ${reach}`}.`);
  }
  for (const p of a.targetProblems) lines.push(`Problem: ${p.message}`);
  for (const w of a.warnings) lines.push(`Note: ${w.message}`);
  return lines;
}

export function compareCsv(r: CompareReport & Partial<Pick<CompareWithAreas, 'area'>>): string {
  const rows = [
    ...r.series.flatMap((s) => s.points.map((p) => [s.org, 'organisation', p.year, p.kgCo2e / 1000, p.index, s.baselineYear, p.tier, p.policies.join(' '), p.scopes.join(' '), p.flags.map(caveatWords).join('; '),
      ...p.figures.map((f) => f.kgCo2ePerUnit), p.marketKgCo2e === null ? null : p.marketKgCo2e / 1000, p.commutingKgCo2e === null ? null : p.commutingKgCo2e / 1000])),
    ...r.rollups.flatMap((x) => x.points.map((p) => [x.ics, 'ics-sum', p.year, p.kgCo2e === null ? null : p.kgCo2e / 1000, p.index, x.baselineYear, null, null, null, p.membersMissing.length > 0 ? `members missing: ${p.membersMissing.join(' ')}` : '',
      ...(p.figures.length > 0 ? p.figures.map((f) => f.kgCo2ePerUnit) : (r.series[0]?.points[0]?.figures ?? []).map(() => null)), p.marketKgCo2e === null ? null : p.marketKgCo2e / 1000, null])),
    // An area's rows: calendar years, the territorial total in tonnes; the organisations' quality, policy and scope columns do not apply.
    ...(r.area?.series ?? []).flatMap((s) => s.years.map((y) => [s.laCode, 'area', String(y.year), y.territorialTCo2e, y.index, s.baseYear === null ? null : String(s.baseYear), null, null, null, '',
      ...(r.series[0]?.points[0]?.figures ?? []).map(() => null), null, null])),
  ];
  const metrics = r.series[0]?.points[0]?.figures.map((f) => `kgco2e_per_${f.metric}`) ?? [];
  return toCsv(['org', 'kind', 'year', 'tco2e', 'index', 'baseline_year', 'quality_tier', 'factor_policies', 'scopes', 'not_comparable_because', ...metrics, 'tco2e_market_based', 'tco2e_commuting'], rows);
}
