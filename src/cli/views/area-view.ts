/** What `import la-ghg` and `area` print: the import's summary, and an area's trajectory as a table or CSV. */

import type { AreaReport, AreaSeries, AreaYear } from '../../area/area-series.js';
import type { AreaReportWithTargets, AreaTargetReport } from '../../area/area-targets.js';
import { STATUS_WORDS } from '../../targets/target-text.js';
import type { LaGhgImportSummary } from '../../import/import-la-ghg.js';
import { toCsv } from '../../kernel/csv-cell.js';
import { formatNumber, renderTable } from '../../kernel/format.js';

const t = (n: number | null, digits = 0): string => (n === null ? '' : formatNumber(n, digits));

export function laGhgSummaryText(s: LaGhgImportSummary): string {
  const head = s.status === 'already-imported'
    ? `${s.file} is already imported (import ${s.batchId ?? '?'}, edition ${s.edition}): nothing to do.`
    : `${s.status === 'dry-run' ? 'Dry run (nothing stored)' : `Stored as import ${s.batchId ?? '?'}`}: ${s.file}, local authority greenhouse gas statistics, edition ${s.edition}${s.years ? ` (${s.years.first}–${s.years.last})` : ''}.`;
  const lines = [head, `Figures: ${s.basisLabel}; read from "${s.columns.territorial}"${s.columns.influence === null ? '' : ` and "${s.columns.influence}"`}.`];
  if (s.status === 'already-imported') return lines.join('\n');
  lines.push(`Rows: ${formatNumber(s.rows.read, 0)} read, ${formatNumber(s.rows.accepted, 0)} accepted, ${formatNumber(s.rows.rejected, 0)} rejected; ${s.authorities} ${s.authorities === 1 ? 'authority' : 'authorities'}, ${s.counties} ${s.counties === 1 ? 'county' : 'counties'}.`);
  if (s.notAnAuthority.length > 0) lines.push(`Kept apart, never summed into an authority: ${s.notAnAuthority.map((o) => `"${o.name}" (${o.rows} rows)`).join(', ')}.`);
  for (const r of s.replaced) lines.push(`Replaces edition ${r.edition} (import ${r.batchId}, ${r.fileName}): kept in the history, no longer counted.`);
  if (s.replacedBy !== null) lines.push(`A newer edition is held (${s.replacedBy.edition}, import ${s.replacedBy.batchId}): this one is kept in the history and does not count.`);
  for (const p of s.problems.slice(0, 10)) lines.push(`Line ${p.line}, ${p.column}: ${p.message}.`);
  if (s.problems.length > 10) lines.push(`… and ${s.rows.rejected - 10} more rejected rows (\`tco2e imports show ${s.batchId ?? 'ID'}\` lists them).`);
  return lines.join('\n');
}

interface Row {
  readonly s: AreaSeries;
  readonly y: AreaYear;
}

const rowsOf = (r: AreaReport): Row[] => r.series.flatMap((s) => s.years.map((y) => ({ s, y })));

/** An area target: its terms, the years with figures (and milestone and target years) against the pathway, the headline, budget, trend and milestones. */
function areaTargetLines(a: AreaTargetReport): string[] {
  const p = a.progress;
  const tg = p.target;
  const measure = tg.area?.measure === 'influence' ? 'the total within the scope of influence of local authorities' : 'the territorial total';
  const lines = [
    `Target ${tg.name} [${tg.id}${tg.preset === null ? '' : `, preset ${tg.preset}`}]: ${formatNumber(tg.reductionPct, 0)}% by ${tg.targetYear} on ${p.baseline.label}${tg.interim.map((m) => `, ${formatNumber(m.reductionPct, 0)}% by ${m.fromYear === m.toYear ? m.fromYear : `${m.fromYear}–${m.toYear}`}`).join('')}; on ${measure}, calendar years, edition ${a.edition}; ${tg.pathway} pathway.`,
    `  Baseline ${p.baseline.label}: ${t(p.baseline.tco2e)} t (${p.baseline.origin === 'declared' ? `declared: ${p.baseline.source ?? ''}` : 'from the statistics'}); target level ${t(p.targetTco2e)} t.${tg.citation === null ? '' : ` Source: ${tg.citation.title}, ${tg.citation.publisher}, ${tg.citation.date}.`}`,
  ];
  const rows = p.rows.filter((row) => row.actualTco2e !== null || tg.interim.some((m) => m.toYear === row.year) || row.year === tg.targetYear);
  lines.push(renderTable(rows, [
    { header: 'year', value: (row) => row.label, fixed: true },
    { header: 'actual t', value: (row) => t(row.actualTco2e), align: 'right' },
    { header: 'pathway t', value: (row) => t(row.requiredTco2e), align: 'right' },
    { header: 'cut %', value: (row) => t(row.actualReductionPct, 1), align: 'right' },
    { header: 'asked %', value: (row) => t(row.requiredReductionPct, 1), align: 'right' },
    { header: 'status', value: (row) => (row.status === null ? '' : STATUS_WORDS[row.status]) },
  ]).split('\n').map((l) => `  ${l}`).join('\n'));
  const b = p.budget;
  lines.push(`  Carbon budget: the pathway allows ${t(b.pathwayTotalTco2e)} t from ${p.baseline.label} to ${tg.targetYear}; in the ${b.comparedYears.length} ${b.comparedYears.length === 1 ? 'year' : 'years'} with figures it allowed ${t(b.allowedInComparedYearsTco2e)} t and ${t(b.emittedInComparedYearsTco2e)} t was emitted (${b.overBudgetTco2e > 0 ? `${t(b.overBudgetTco2e)} t over` : `${t(-b.overBudgetTco2e)} t under`}).`);
  const pr = p.projection;
  lines.push(pr === null ? `  Trend: ${p.projectionNote ?? 'none'}` : `  Trend (least squares over ${pr.fittedYears.join(', ')}): ${formatNumber(pr.line.slopeTco2ePerYear, 0)} t a year; ${pr.reachesTargetIn === null ? `does not reach the target level (${pr.noCrossingReason ?? ''})` : `reaches the target level in ${pr.reachesTargetIn}${pr.reachesTargetByTargetYear ? ', in time' : ', too late'}`}.`);
  for (const m of p.milestones) lines.push(`  ${m.final ? 'Target' : 'Milestone'} ${m.label} (${formatNumber(m.reductionPct, 0)}%): ${m.state}${m.metIn === null ? '' : ` in ${m.metIn}`}.`);
  for (const w of p.warnings) lines.push(`  Note: ${w.message}`);
  return lines;
}

export function areaTable(r: AreaReport | AreaReportWithTargets): string {
  const targets = 'targets' in r ? r.targets : [];
  const out: string[] = [];
  for (const s of r.series) {
    out.push(`${s.laName} (${s.laCode}${s.kind === 'county' ? ', county' : ''}): edition ${s.edition}, import ${s.batchId}; ${s.basisLabel}. Index: ${s.baseYear ?? 'no base year'} = 100, per resident, per km² and index on ${s.measure === 'influence' ? 'the emissions within the scope of influence of local authorities' : 'territorial emissions'}.`);
    out.push(renderTable(s.years, [
      { header: 'year', value: (y) => String(y.year), fixed: true },
      { header: 'territorial t', value: (y) => t(y.territorialTCo2e), align: 'right' },
      { header: 'within influence t', value: (y) => t(y.influenceTCo2e), align: 'right' },
      { header: 't per resident', value: (y) => t(y.tPerResident, 2), align: 'right' },
      { header: 't per km²', value: (y) => t(y.tPerKm2, 0), align: 'right' },
      { header: 'index', value: (y) => t(y.index, 1), align: 'right' },
    ]));
    const parts = s.years.flatMap((y) => y.parts.map((p) => ({ year: y.year, ...p })));
    if (parts.length > 0) {
      out.push(renderTable(parts, [
        { header: 'year', value: (p) => String(p.year), fixed: true },
        { header: 'sector', value: (p) => p.sector },
        ...(parts.some((p) => p.subsector !== undefined) ? [{ header: 'sub-sector', value: (p: (typeof parts)[number]) => p.subsector ?? '' }] : []),
        { header: 't', value: (p) => t(p.tCo2e), align: 'right' },
      ]));
    }
    for (const a of targets.filter((x) => x.laCode === s.laCode)) out.push(...areaTargetLines(a));
    out.push('');
  }
  if ('targetProblems' in r) for (const p of r.targetProblems) out.push(`Problem: ${p.message}`);
  for (const w of r.warnings) out.push(`Note: ${w.message}`);
  return out.join('\n').trimEnd();
}

/** One row per authority and year (and sector or sub-sector when asked), each with its edition and basis: formula-safe. */
export function areaCsv(r: AreaReport): string {
  const header = ['la_code', 'la_name', 'year', 'edition', 'basis', 'measure', 'territorial_tco2e', 'influence_tco2e', 'population_thousands', 'area_km2', 't_per_resident', 't_per_km2', 'base_year', 'index', 'sector', 'subsector', 'sector_tco2e'];
  const rows = rowsOf(r).flatMap(({ s, y }) => {
    const common = [s.laCode, s.laName, y.year, s.edition, s.basis, s.measure, y.territorialTCo2e, y.influenceTCo2e, y.populationThousands, y.areaKm2, y.tPerResident, y.tPerKm2, s.baseYear, y.index];
    return y.parts.length === 0 ? [[...common, '', '', '']] : y.parts.map((p) => [...common, p.sector, p.subsector ?? '', p.tCo2e]);
  });
  return toCsv(header, rows);
}
