/** `tco2e progress` as terminal text and CSV. */

import { STATUS_RULES, STATUS_WORDS } from '../../targets/target-text.js';
import type { OrgProgress, TargetReport } from '../../targets/from-ledger.js';
import { listWords, sourceWords, stepsPhrase } from '../../render/source-names.js';
import { targetVerdict } from '../../targets/verdict.js';
import { yearLabel } from '../../targets/years.js';
import { toCsv } from '../../kernel/csv-cell.js';
import { formatNumber, renderTable } from '../../kernel/format.js';
import { msg } from '../../messages.js';

const t = (n: number | null): string => (n === null ? '–' : formatNumber(n, Math.abs(n) < 10 ? 2 : 0));
const pp = (n: number | null): string => (n === null ? '–' : `${n > 0 ? '+' : ''}${formatNumber(n, 1)}`);
export 
function describe(r: TargetReport): string[] {
  const p = r.progress;
  const tg = p.target;
  const label = (y: number): string => yearLabel(tg.basis, y);
  const lines = [
    `${tg.name} [${tg.id}${tg.preset ? `, preset ${tg.preset}` : ''}]`,
    `  Baseline ${p.baseline.label}: ${t(p.baseline.tco2e)} tCO2e (${p.baseline.origin === 'declared' ? `declared: ${p.baseline.source ?? ''}` : 'from the ledger'}); target ${label(tg.targetYear)}: ${t(p.targetTco2e)} tCO2e (${formatNumber(tg.reductionPct, 1)}% cut).`,
    // Targets are judged without Scope 3 category 3 (the `emissions` default), which is said here
    // because a target's source may count it (the NHS Carbon Footprint includes energy WTT and T&D).
    `  Covers scope ${tg.scopes.join(', ')}${tg.sources ? ` (sources: ${tg.sources.join(', ')})` : ''}; Scope 2 ${tg.scope2}-based; ${msg.progressBoundary}; ${tg.pathway} pathway${p.excludedSites.length > 0 ? `; sites excluded from both sides: ${p.excludedSites.join(', ')}` : ''}.`,
  ];
  if (r.missingSources.length > 0) lines.push(`  Not in the ledger, though this target counts them: ${listWords(r.missingSources.map(sourceWords))}. Its totals lack them.`);
  if (r.baselineFrom !== null) lines.push(`  Baseline from ${r.baselineFrom}: the trust's annual return, as no metered data for that year is held.`);
  if (r.excludedForBaseline.length > 0) lines.push(`  Left out of every year, because the baseline year ${label(tg.baselineYear)} has none: ${r.excludedForBaseline.join(', ')} (like for like).`);
  if (tg.citation) lines.push(`  Source: ${tg.citation.title}, ${tg.citation.publisher}, ${tg.citation.date}.`);
  const rows = p.rows.filter((row) => row.actualTco2e !== null || tg.interim.some((m) => m.toYear === row.year) || row.year === tg.targetYear);
  lines.push('', renderTable(rows, [
    { header: 'year', value: (row) => row.label },
    { header: 'actual', value: (row) => t(row.actualTco2e) + (row.complete === false ? '*' : ''), align: 'right' },
    { header: 'pathway', value: (row) => t(row.requiredTco2e), align: 'right' },
    { header: 'gap tCO2e', value: (row) => (row.gapTco2e === null ? '–' : `${row.gapTco2e > 0 ? '+' : ''}${t(row.gapTco2e)}`), align: 'right' },
    { header: 'gap pp', value: (row) => pp(row.gapPctPoints), align: 'right' },
    { header: 'status', value: (row) => (row.status === null ? '' : STATUS_WORDS[row.status]) },
    { header: 'emitted (cum.)', value: (row) => t(row.cumulativeEmittedTco2e), align: 'right' },
    { header: 'allowed (same yrs)', value: (row) => t(row.cumulativeAllowedComparedTco2e), align: 'right' },
  ]).split('\n').map((l) => `  ${l}`).join('\n'));
  if (rows.some((row) => row.complete === false)) lines.push('  * incomplete year (months missing or not over): shown, not judged.');
  const h = p.headline;
  lines.push('');
  lines.push(h === null ? '  No actuals from the baseline year on.' : `  ${h.label}: ${t(h.actualTco2e)} tCO2e against a pathway of ${t(h.requiredTco2e)}: ${h.status === null ? 'not judged' : STATUS_WORDS[h.status]}.`);
  // Once the target year has passed, the year's status is not the target's: the verdict is final.
  const v = targetVerdict(p);
  if (v.state === 'met' || v.state === 'missed') lines.push(`  Verdict: ${v.words}.${v.why === null ? '' : ` ${v.why}`}`);
  const b = p.budget;
  lines.push(`  Carbon budget (the tonnes the pathway allows, added up year by year): ${t(b.pathwayTotalTco2e)} tCO2e from ${p.baseline.label} to ${label(tg.targetYear)}. In the ${b.comparedYears.length} ${b.comparedYears.length === 1 ? 'year' : 'years'} with data it allowed ${t(b.allowedInComparedYearsTco2e)} and ${t(b.emittedInComparedYearsTco2e)} was emitted: ${b.overBudgetTco2e > 0 ? `${t(b.overBudgetTco2e)} more than allowed` : `${t(-b.overBudgetTco2e)} less than allowed`}.`);
  if (p.projection) {
    const pr = p.projection;
    lines.push(`  Trend (least squares over ${pr.fittedYears.map(label).join(', ')}): ${formatNumber(pr.line.slopeTco2ePerYear, 0)} tCO2e a year; ${pr.reachesTargetIn === null ? `does not reach the target (${pr.noCrossingReason ?? ''})` : pr.reachesTargetIn === pr.fittedYears[0] ? 'already below the target level' : `reaches the target level in ${label(pr.reachesTargetIn)}${pr.reachesTargetByTargetYear ? ', in time' : ', too late'}`}.`);
    if (pr.likeForLike) lines.push(`  The trend compares like with like: ${stepsPhrase(pr.likeForLike.steps)} ${pr.likeForLike.steps.length === 1 ? 'is' : 'are'} not the same in every year fitted, so ${pr.likeForLike.steps.length === 1 ? 'it is' : 'they are'} held at the ${label(pr.likeForLike.heldAtYear)} level, neither a rise nor a fall.`);
  } else if (p.projectionNote) lines.push(`  Trend: ${p.projectionNote}`);
  for (const m of p.milestones) lines.push(`  Milestone ${m.label}: ${m.state}${m.metIn === null ? '' : ` (met in ${label(m.metIn)})`}.`);
  const s = r.likeForLike?.split;
  if (s) {
    lines.push(`  Like-for-like (factors held at ${s.fixedYear}): ${label(s.fromYear)} to ${label(s.toYear)} the total changed by ${t(s.totalChangeTco2e)} tCO2e: ${t(s.fromUsingLessTco2e)} from activity (using less or more), ${t(s.fromFactorsTco2e)} from the factors (a cleaner grid)${s.steps.length > 0 ? `, ${t(s.fromCoverageTco2e)} from coverage, not emissions (${stepsPhrase(s.steps)}: not in both years)` : ''}.`);
  }
  for (const w of p.warnings) lines.push(`  Note: ${w.message}`);
  return lines;
}

export function progressText(r: OrgProgress): string {
  const out: string[] = [];
  if (r.targets.length === 0 && r.problems.length === 0) out.push(`${r.org} has no targets in the workspace config. Add them under "targets" (presets: \`tco2e progress --help\`).`);
  for (const tr of r.targets) out.push(...describe(tr), '');
  for (const p of r.problems) out.push(`Problem: ${p.message}`);
  out.push('Status rules:', ...STATUS_RULES.map((s) => `  ${s}`));
  return out.join('\n');
}

export function progressCsv(r: OrgProgress): string {
  const rows = r.targets.flatMap((tr) => tr.progress.rows.map((row) => [
    r.org, tr.progress.target.id, tr.progress.target.name, row.label, row.actualTco2e, row.complete === null ? null : row.complete ? 'yes' : 'no',
    row.requiredTco2e, row.requiredReductionPct, row.actualReductionPct, row.gapTco2e, row.gapPctPoints, row.status,
    row.cumulativeAllowedTco2e, row.cumulativeEmittedTco2e, row.cumulativeAllowedComparedTco2e,
    tr.likeForLike?.series.find((p) => p.year === row.year)?.tco2e ?? null,
  ]));
  return toCsv(['org', 'target', 'target_name', 'year', 'actual_tco2e', 'complete', 'pathway_tco2e', 'required_reduction_pct', 'actual_reduction_pct', 'gap_tco2e', 'gap_pct_points', 'status',
    'cumulative_allowed_tco2e', 'cumulative_emitted_tco2e', 'cumulative_allowed_same_years_tco2e', 'fixed_factor_tco2e'], rows);
}
