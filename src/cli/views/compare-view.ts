/** `tco2e compare` as terminal text and CSV. */

import type { CompareReport } from '../../targets/compare-orgs.js';
import { toCsv } from '../../kernel/csv-cell.js';
import { formatNumber, renderTable } from '../../kernel/format.js';
import { STATUS_WORDS } from '../../targets/target-text.js';

const t = (kg: number | null): string => (kg === null ? '–' : formatNumber(kg / 1000, 0));
const ix = (i: number | null): string => (i === null ? '' : ` (${formatNumber(i, 0)})`);

export function compareText(r: CompareReport): string {
  const years = [...new Set([...r.series.flatMap((s) => s.points.map((p) => p.year)), ...r.rollups.flatMap((x) => x.points.map((p) => p.year))])].sort();
  type Row = { year: string };
  const columns = [
    { header: 'year', value: (row: Row) => row.year },
    ...r.series.map((s) => ({
      header: `${s.org} t (index)`,
      align: 'right' as const,
      value: (row: Row) => {
        const p = s.points.find((x) => x.year === row.year);
        return p ? `${t(p.kgCo2e)}${ix(p.index)}${p.flags.length > 0 ? ' !' : ''}` : '–';
      },
    })),
    ...r.rollups.map((x) => ({
      header: `${x.ics} (sum) t (index)`,
      align: 'right' as const,
      value: (row: Row) => {
        const p = x.points.find((y) => y.year === row.year);
        return p ? (p.kgCo2e === null ? `– missing ${p.membersMissing.join(', ')}` : `${t(p.kgCo2e)}${ix(p.index)}`) : '–';
      },
    })),
  ];
  const lines = [
    `Compared: ${r.orgs.join(', ')}; tCO2e by ${r.period === 'calendar-year' ? 'calendar' : 'financial'} year, location-based, ${r.boundary.includeWtt ? 'with' : 'without'} well-to-tank and T&D, without commuting (surveys start in different years); index = 100 in each one's baseline year (${r.series.map((s) => `${s.org} ${s.baselineYear ?? 'none'}`).join(', ')}).`,
    '',
    renderTable(years.map((year) => ({ year })), columns),
  ];
  const flagged = r.series.flatMap((s) => s.points.flatMap((p) => p.flags.map((f) => `  ${s.org} ${p.year}: ${f.detail}`)));
  if (flagged.length > 0) lines.push('', '! Not comparable as it stands:', ...flagged.slice(0, 20), ...(flagged.length > 20 ? [`  … and ${flagged.length - 20} more (see --format json)`] : []));
  for (const x of r.rollups) if (x.baselineNote) lines.push('', `${x.ics}: ${x.baselineNote}`);
  if (r.standings.length > 0) {
    lines.push('', 'Who is on track for what (latest judged year):', renderTable(r.standings, [
      { header: 'organisation', value: (s) => s.org },
      { header: 'target', value: (s) => s.name },
      { header: 'year', value: (s) => s.year ?? '–' },
      { header: 'status', value: (s) => (s.status === null ? 'not judged' : STATUS_WORDS[s.status]) },
      { header: 'gap pp', value: (s) => (s.gapPctPoints === null ? '–' : formatNumber(s.gapPctPoints, 1)), align: 'right' },
      { header: 'trend reaches target', value: (s) => (s.trendReaches ?? 'never on current trend') },
    ]));
  }
  for (const w of r.warnings.slice(0, 10)) lines.push(`Note: ${w.message}`);
  return lines.join('\n');
}

export function compareCsv(r: CompareReport): string {
  const rows = [
    ...r.series.flatMap((s) => s.points.map((p) => [s.org, 'organisation', p.year, p.kgCo2e / 1000, p.index, s.baselineYear, p.tier, p.policies.join(' '), p.scopes.join(' '), p.flags.map((f) => f.detail).join('; '),
      ...p.figures.map((f) => f.kgCo2ePerUnit)])),
    ...r.rollups.flatMap((x) => x.points.map((p) => [x.ics, 'ics-sum', p.year, p.kgCo2e === null ? null : p.kgCo2e / 1000, p.index, x.baselineYear, null, null, null, p.membersMissing.length > 0 ? `members missing: ${p.membersMissing.join(' ')}` : '',
      ...p.figures.map((f) => f.kgCo2ePerUnit)])),
  ];
  const metrics = r.series[0]?.points[0]?.figures.map((f) => `kgco2e_per_${f.metric}`) ?? [];
  return toCsv(['org', 'kind', 'year', 'tco2e', 'index', 'baseline_year', 'quality_tier', 'factor_policies', 'scopes', 'not_comparable_because', ...metrics], rows);
}
