/**
 * The board report's sections as HTML, from `BoardData`. Each chart carries a title, a one-line
 * takeaway written from the figures, a description for screen readers and its numbers in a
 * table. A section with nothing to show says so in one line.
 */

import { TIER_LABELS } from '../../aggregate/quality.js';
import { monthsCompareChart } from '../../render/chart/kinds/months-compare.js';
import { coverageGridChart, type SourceMonthCoverage } from '../../render/chart/kinds/coverage-grid.js';
import { stackedByYearChart } from '../../render/chart/kinds/stacked-by-year.js';
import { topSitesChart } from '../../render/chart/kinds/top-sites.js';
import { trajectoryChart, type CoverageStep, type Pathway } from '../../render/chart/kinds/trajectory.js';
import type { Chart } from '../../render/chart/chart.js';
import { renderChartSvg } from '../../render/chart/render-svg.js';
import { dataTable, figure, noDataSection, section } from '../../render/html/components.js';
import { html, type Html } from '../../render/html/escape.js';
import { formatPercent, formatQuantity, formatTco2e, fyLabel } from '../../render/html/format-uk.js';
import { STATUS_RULES, STATUS_WORDS } from '../../targets/target-text.js';
import { targetVerdict } from '../../targets/verdict.js';
import { lineAt } from '../../targets/trend.js';
import { yearLabel } from '../../targets/years.js';
import type { TargetReport } from '../../targets/from-ledger.js';
import type { BoardData } from './data.js';
import { listWords, sourceName, sourceWords, stepsPhrase } from '../../render/source-names.js';
import { partOf, type YearChange } from '../../targets/comparable.js';

/** A denominator as "per" wants it. */
const INTENSITY_UNIT: Readonly<Record<string, string>> = { floorAreaM2: 'm² floor area', staffWte: 'staff WTE', headcount: 'head of staff', beds: 'bed', residents: 'resident', spendGbpM: '£m spend' };

/** Units in the singular, as "per" wants them. */
const PER_UNIT: Readonly<Record<string, string>> = { litres: 'litre', tonnes: 'tonne', miles: 'mile', m3: 'm³', passenger_km: 'passenger km', passenger_miles: 'passenger mile', gallons_uk: 'UK gallon' };

export function heading(tag: string, text: string): Html {
  return tag === 'h4' ? html`<h4>${text}</h4>` : html`<h3>${text}</h3>`;
}

/** Renders a chart into a figure; the chart's own notes follow it. */
export async function chartFigure(id: string, title: string, takeaway: string, chart: Chart): Promise<Html> {
  const { svg } = await renderChartSvg(chart.spec);
  const notes = chart.notes.length > 0 ? html`<p class="note">${chart.notes.join(' ')}</p>` : null;
  return html`${figure({ id, title, takeaway, svg, description: chart.description, table: chart.table })}${notes}`;
}

function change(now: number, before: number | null | undefined): string {
  if (before === null || before === undefined || before === 0) return '–';
  return formatPercent((now - before) / before, { signed: true });
}

export function coverSection(d: BoardData): Html {
  const covered = d.coverage.length === 0 ? 'no metered supplies' : `${d.coverage.filter((c) => c.missingMonths.length === 0).length} of ${d.coverage.length} metered supplies complete for the year`;
  const rows = [
    ['Organisation', d.org.name],
    ['Reporting period', `${d.period} (1 April ${d.fyStart} to 31 March ${d.fyStart + 1})`],
    ...(d.members.length > 1 || d.members[0] !== d.org.id ? [['Made up of', d.members.join(', ')]] : []),
    ['Generated', `${d.generated} by tco2e ${d.toolVersion}`],
    ['Emission factors', d.factorSets.length > 0 ? d.factorSets.join('; ') : 'none used in the period'],
    ['Data coverage', `${covered}; ${formatPercent(d.estimatedShare)} of the year's emissions rest on estimated readings (quality: ${d.tierLabel})`],
    ...(d.partial.length > 0 ? [['Partial view', `${d.partial.join('; ')}: no figure here is a whole year's, and no target is judged`]] : []),
  ];
  return html`<section class="report-section cover" id="cover"><h2>About this report</h2>${dataTable({ columns: [{ header: 'Item' }, { header: 'Detail' }], rows })}</section>`;
}

/** A like-for-like change as a percentage of the earlier year's like-for-like figure. */
function likePct(y: YearChange): number | null {
  return y.likeFromTco2e > 0 ? y.likeChangeTco2e / y.likeFromTco2e : null;
}

/**
 * "down 5.9% on 2024/25 like for like (9.8% in all: …)": the change in the parts both years
 * hold first, and what coverage added or took away named beside it, so a new survey replacing a
 * carried-forward one is never read as a cut.
 */
function movedWords(d: BoardData, now: number, prev: number): string {
  const y = d.yearOnYear;
  const last = fyLabel(d.fyStart - 1);
  const all = `${now <= prev ? 'down' : 'up'} ${formatPercent(Math.abs(now - prev) / prev)}`;
  const p = y === null ? null : likePct(y);
  if (y === null || y.steps.length === 0 || p === null) return `${all} on ${last}`;
  return `${p <= 0 ? 'down' : 'up'} ${formatPercent(Math.abs(p))} on ${last} like for like (${all} in all: ${stepsPhrase(y.steps)}, ${signedT(y.coverageTco2e)} tCO2e, is a change in what is counted, not in emissions)`;
}

function changeOnLastYear(d: BoardData, now: number, prev: number): string {
  const y = d.yearOnYear;
  const p = y === null ? null : likePct(y);
  const whole = `${change(now, prev)} (${fyLabel(d.fyStart - 1)}: ${formatTco2e(prev)} tCO2e)`;
  if (y === null || y.steps.length === 0 || p === null) return whole;
  // What the steps are is said in the headline above the table; here, how much they come to.
  return `${formatPercent(p, { signed: true })} like for like; ${whole} in all, of which ${signedT(y.coverageTco2e)} tCO2e is a change in what is counted`;
}

const signedT = (t: number): string => `${t > 0 ? '+' : ''}${formatTco2e(t)}`;

export async function summarySection(d: BoardData): Promise<Html> {
  if (d.current === null) return noDataSection('Summary for the board', `No emissions are held for ${d.period}${d.partial.length > 0 ? ` (partial view: ${d.partial.join('; ')})` : ''}.`);
  const now = d.current.kgCo2e / 1000;
  const prev = d.previous ? d.previous.kgCo2e / 1000 : null;
  const base = d.baseline;
  const rows: string[][] = [
    [`Total ${d.period}${d.partial.length > 0 ? ' so far (partial)' : ''} (location-based)`, `${formatTco2e(now)} tCO2e`],
    // Every total in this report has this boundary unless it says otherwise, as \`tco2e emissions\` has by default.
    ['What the totals cover', 'Scopes 1, 2 and 3 as listed under Method; Scope 2 location-based; without well-to-tank and T&D losses; biogenic CO2 apart'],
    ...(d.current.market && d.current.market.supplierKwh > 0 ? [[`Total ${d.period} (market-based)`, `${formatTco2e(d.current.market.kgCo2e / 1000)} tCO2e`]] : []),
    ['Change on the previous year', d.partial.length > 0 ? 'not compared: a partial year' : prev === null ? 'no figure for the previous year' : changeOnLastYear(d, now, prev)],
    ['Change on the first year held', d.partial.length > 0 || base === null || base.fyStart === d.fyStart || d.baselineLikeForLike === null || d.currentLikeForLike === null ? '–'
      : `${change(d.currentLikeForLike, d.baselineLikeForLike.tco2e)} (${fyLabel(base.fyStart)}: ${formatTco2e(d.baselineLikeForLike.tco2e)} tCO2e${d.baselineLeftOut.length > 0 ? `; like for like, without ${listWords(d.baselineLeftOut.map(sourceWords))}, which ${fyLabel(base.fyStart)} has no data for` : ''}${d.baselineMethodChanged.length > 0 ? `; without ${listWords(d.baselineMethodChanged.map(sourceWords))}, by the default method in one year and a survey in the other` : ''})`],
    // The intensities in one row, so the summary keeps to two pages however many the config gives.
    ...(d.intensity.length === 0 ? [] : [['Intensity (kgCO2e)', d.intensity.map((f) => `${formatQuantity(f.kgCo2ePerUnit!, 1)} per ${INTENSITY_UNIT[f.metric] ?? f.metric}`).join('; ')]]),
  ];
  const partial = d.partial.length > 0;
  // A partial year is never judged, nor set against a whole one as a rise or a fall.
  const verdicts = d.targets.map((t) => ({ name: t.progress.target.name, v: targetVerdict(t.progress) }));
  const cut = (p: number | null, tco2e: number | null): string => (p === null || tco2e === null ? '–' : `${formatQuantity(p, 1)}% (${formatTco2e(tco2e)} t)`);
  const status = verdicts.map(({ name, v }) => [
    name,
    partial ? '–' : v.year === null ? '–' : `${cut(v.requiredCutPct, v.requiredCutTco2e)} by ${v.year}`,
    partial ? '–' : cut(v.achievedCutPct, v.achievedCutTco2e),
    partial ? `Partial year: not judged (${d.partial.join('; ')})` : v.words,
  ]);
  // A missed target's why is the table's cut asked and cut achieved again: only open targets' are said.
  const whys = partial ? [] : verdicts.filter(({ v }) => v.why !== null && v.state !== 'missed').map(({ name, v }) => `${name}: ${v.why ?? ''}`);
  const takeaway = partial
    ? `Partial view of ${d.period}: ${d.partial.join('; ')}. ${d.org.name}'s figures so far come to ${formatTco2e(now)} tCO2e; they are not a year's emissions and are not compared with whole years.`
    : prev === null ? `${d.org.name} emitted ${formatTco2e(now)} tCO2e in ${d.period}.` : `${d.org.name} emitted ${formatTco2e(now)} tCO2e in ${d.period}, ${movedWords(d, now, prev)}.`;
  const main = summaryTarget(d);
  const drawn = main === undefined || partial ? null : targetChart(main);
  const chart = drawn === null ? null : await chartFigure('summary-trajectory', `${main!.progress.target.name}: the trajectory`, drawn.takeaway, drawn.chart);
  return section({
    id: 'summary',
    title: 'Summary for the board',
    body: html`<p class="lead">${takeaway}</p>${dataTable({ columns: [{ header: 'Measure' }, { header: 'Value', numeric: true }], rows })}
${status.length > 0 ? html`<h3>Targets</h3>${dataTable({ columns: [{ header: 'Target' }, { header: 'Cut required against the baseline', numeric: true }, { header: 'Cut achieved', numeric: true }, { header: 'Verdict' }], rows: status })}${whys.length > 0 ? html`<ul class="verdicts">${whys.map((w) => html`<li>${w}</li>`)}</ul>` : null}` : html`<p>No reduction targets are set for this organisation in the workspace config.</p>`}
${chart}${movementsList(d)}`,
  });
}

/**
 * The target the summary draws: the one whose year comes next among those not yet decided, or
 * the first, when every target's year has passed.
 */
function summaryTarget(d: BoardData): TargetReport | undefined {
  const open = d.targets.filter((t) => { const v = targetVerdict(t.progress); return v.state !== 'met' && v.state !== 'missed'; });
  return [...open].sort((a, b) => a.progress.target.targetYear - b.progress.target.targetYear)[0] ?? d.targets[0];
}

/** The three largest movements on last year, each with why, in words. */
function movementsList(d: BoardData): Html | null {
  if (d.movements.length === 0 || d.partial.length > 0) return null;
  const items = d.movements.map((m) => {
    const head = `${sourceName(m.group)}: ${signedT(m.changeTco2e)} tCO2e`;
    if (m.kind === 'coverage') {
      const step = m.step!;
      const what = step.methodChanged === true ? 'a survey in one year, the default method in the other'
        : step.surveyChanged ? 'estimated from a new staff travel survey that replaced the one carried forward'
        : step.sites.length > 0 ? `${step.sites.join(', ')} ${step.sites.length === 1 ? 'has' : 'have'} data in only one of the two years`
        : `counted in only one of the two years`;
      return `${head}, a change in what is counted, not in emissions: ${what}.`;
    }
    const w = m.why;
    if (w === null) return `${head} like for like.`;
    const unit = PER_UNIT[w.unit] ?? w.unit;
    // Under half of one per cent reads as 0% either way: say it did not change.
    const moved = (x: number): string => (Math.abs(x) < 0.005 ? 'about the same' : `${x <= 0 ? 'down' : 'up'} ${formatPercent(Math.abs(x))}`);
    return `${head} like for like: the quantity used is ${moved(w.quantityChange)}, and the emissions per ${unit} ${moved(w.perUnitChange)} (the year's published factors).`;
  });
  return html`<h3>The largest changes on ${fyLabel(d.fyStart - 1)}</h3><ol class="movements">${items.map((i) => html`<li>${i}</li>`)}</ol>`;
}

/**
 * Where what a target counts changes between drawn years: a kind of data that starts or stops
 * (commuting from the first survey, a fleet), or commuting estimated from a new survey. Each is
 * marked on the chart, so a step is not read as a rise or a fall.
 */
function coverageSteps(t: TargetReport, drawn: readonly number[]): CoverageStep[] {
  const parts = new Map(t.actuals.map((a) => [a.year, a.parts]));
  const groups = (year: number): Map<string, Set<number | null>> => {
    const m = new Map<string, Set<number | null>>();
    for (const k of parts.get(year)?.keys() ?? []) {
      const p = partOf(k);
      m.set(p.group, (m.get(p.group) ?? new Set<number | null>()).add(p.survey));
    }
    return m;
  };
  const out: CoverageStep[] = [];
  const years = [...drawn].sort((a, b) => a - b);
  for (let i = 1; i < years.length; i++) {
    const before = groups(years[i - 1]!);
    const now = groups(years[i]!);
    const words = [
      ...[...now.keys()].filter((g) => !before.has(g)).map((g) => `+ ${sourceWords(g)}`),
      ...[...before.keys()].filter((g) => !now.has(g)).map((g) => `− ${sourceWords(g)}`),
      ...(now.has('commuting') && before.has('commuting') && [...now.get('commuting')!].some((s) => !before.get('commuting')!.has(s)) ? ['new travel survey'] : []),
    ];
    if (words.length > 0) out.push({ fyStart: years[i]!, label: words.join(', ') });
  }
  return out;
}

/** A target's trajectory chart and its one-line takeaway. */
function targetChart(t: TargetReport): { chart: Chart; takeaway: string } {
  const p = t.progress;
  const tg = p.target;
  // Calendar-year targets are drawn at the financial year starting in that year.
  // Only complete years are drawn: a part year would read as a fall (or a rise) that did not happen.
  const actual = p.rows.filter((r) => r.actualTco2e !== null && r.complete === true).map((r) => ({ fyStart: r.year, tco2e: r.actualTco2e! }));
  const firstActual = actual[0]?.fyStart ?? tg.baselineYear;
  const pathway = p.rows.filter((r) => r.year >= firstActual - 1).map((r) => ({ fyStart: r.year, tco2e: r.requiredTco2e }));
  const pathways: Pathway[] = [{ name: 'Required pathway', points: pathway }];
  if (p.projection) {
    // The trend drawn from the last year it was fitted to, so it joins the reported line rather than floating after it.
    const from = p.projection.fittedYears[p.projection.fittedYears.length - 1]!;
    const start = { fyStart: from, tco2e: Math.max(0, lineAt(p.projection.line, from)) };
    pathways.push({ name: 'Recent trend', points: [start, ...p.projection.projected.map((x) => ({ fyStart: x.year, tco2e: x.tco2e }))] });
  }
  // One rule for every series of actuals: the fixed-factor line is drawn for the same complete years as the reported one.
  const drawn = new Set(actual.map((a) => a.fyStart));
  const fixedPoints = (t.likeForLike?.series ?? []).filter((x) => drawn.has(x.year));
  if (t.likeForLike && fixedPoints.length > 1) pathways.push({ name: `At ${t.likeForLike.fixedYear} factors`, points: fixedPoints.map((x) => ({ fyStart: x.year, tco2e: x.tco2e })) });
  const milestones = p.milestones.map((m) => ({ fyStart: Math.round((m.fromYear + m.toYear) / 2), tco2e: m.levelTco2e, label: `−${formatQuantity(m.reductionPct, 0)}% by ${m.fromYear === m.toYear ? yearLabel(tg.basis, m.toYear) : `${yearLabel(tg.basis, m.fromYear)}–${yearLabel(tg.basis, m.toYear)}`}` }));
  const chart = trajectoryChart({ actual, pathways, milestones, actualName: 'Reported', steps: coverageSteps(t, actual.map((a) => a.fyStart)), years: tg.basis === 'calendar' ? 'calendar' : 'financial' });
  const h = p.headline;
  const reaches = p.projection?.reachesTargetIn ?? null;
  // A straight line fitted to a few years says little about the next century: past 2100 it is not given as a year.
  const trendLike = p.projection?.likeForLike;
  // A line that starts below the target level "reaches" it in its first year: say what that means.
  const already = reaches !== null && reaches === p.projection?.fittedYears[0];
  const trend = (already ? ' The recent trend is already below the target level.' : reaches !== null && reaches <= 2100 ? ` On the recent trend the target level is reached in ${yearLabel(tg.basis, reaches)}.` : reaches !== null ? ' On the recent trend the target level is not reached this century.' : p.projection ? ' On the recent trend the target is not reached.' : '')
    + (trendLike ? ` The trend compares like with like: ${stepsPhrase(trendLike.steps)}, not the same in every year it is fitted to, ${trendLike.steps.length === 1 ? 'is' : 'are'} held at the ${yearLabel(tg.basis, trendLike.heldAtYear)} level.` : '');
  const takeaway = h === null || h.actualTco2e === null
    ? `No actuals from the baseline year on for ${tg.name}.`
    : `${h.label}: ${formatTco2e(h.actualTco2e)} tCO2e against ${formatTco2e(h.requiredTco2e)} on the pathway — ${h.status ? STATUS_WORDS[h.status] : 'not judged (incomplete year)'}.${trend}`;
  return { chart, takeaway };
}

async function targetFigure(t: TargetReport, i: number): Promise<Html> {
  const p = t.progress;
  const tg = p.target;
  const { chart, takeaway } = targetChart(t);
  const partYears = p.rows.filter((r) => r.actualTco2e !== null && r.complete !== true).map((r) => r.label);
  const split = t.likeForLike?.split;
  const lfl = split ? html`<p>Like for like: from ${yearLabel(tg.basis, split.fromYear)} to ${yearLabel(tg.basis, split.toYear)} emissions changed by ${formatTco2e(split.totalChangeTco2e)} tCO2e, of which ${formatTco2e(split.fromUsingLessTco2e)} came from the activity itself (using less or more) and ${formatTco2e(split.fromFactorsTco2e)} from the emission factors (mostly a cleaner grid), with factors held at ${String(split.fixedYear)}${split.steps.length > 0 ? `; ${signedT(split.fromCoverageTco2e)} is not a change in emissions but in what is counted (${stepsPhrase(split.steps)})` : ''}.</p>` : null;
  const b = p.budget;
  const notes = [
    `Baseline ${p.baseline.label}: ${formatTco2e(p.baseline.tco2e)} tCO2e (${p.baseline.origin === 'declared' ? `declared: ${p.baseline.source ?? ''}` : 'from the ledger'}). Covers scope ${tg.scopes.join(', ')}${tg.sources ? ` (${tg.sources.join(', ')})` : ''}, Scope 2 ${tg.scope2}-based.`,
    // Written for a reader who has not met a carbon budget: what it is, then how the years so far compare with it.
    `Carbon budget, the tonnes the pathway allows added up year by year: ${formatTco2e(b.pathwayTotalTco2e)} tCO2e from ${p.baseline.label} to ${yearLabel(tg.basis, tg.targetYear)}. In the ${String(b.comparedYears.length)} ${b.comparedYears.length === 1 ? 'year' : 'years'} with data so far, the pathway allowed ${formatTco2e(b.allowedInComparedYearsTco2e)} tCO2e and ${formatTco2e(b.emittedInComparedYearsTco2e)} was emitted: ${b.overBudgetTco2e > 0 ? `${formatTco2e(b.overBudgetTco2e)} more than allowed` : `${formatTco2e(-b.overBudgetTco2e)} less than allowed`}.`,
    ...(t.missingSources.length > 0 ? [`Not in the ledger, though this target counts them: ${listWords(t.missingSources.map(sourceWords))}. The totals lack them.`] : []),
    ...(t.baselineFrom !== null ? [`Baseline from ${t.baselineFrom}: the trust's annual estates return, as the ledger holds no metered data for that year.`] : []),
    ...(t.excludedForBaseline.length > 0 ? [`Left out of every year because the baseline year has none: ${t.excludedForBaseline.map(sourceName).join(', ')}.`] : []),
    ...(partYears.length > 0 ? [`Not drawn, because the year is incomplete in the ledger (months missing or not yet over): ${partYears.join(', ')}; their figures are in the table.`] : []),
    ...(tg.basis === 'calendar' ? ['This target counts calendar years (January to December), so its figures differ from the financial-year totals elsewhere in this report.'] : []),
    ...(tg.citation ? [`Source: ${tg.citation.title}, ${tg.citation.publisher}, ${tg.citation.date}.`] : []),
  ];
  return html`${await chartFigure(`trajectory-${i + 1}`, tg.name, takeaway, chart)}${lfl}<ul class="notes">${notes.map((n) => html`<li>${n}</li>`)}</ul>`;
}

export async function trajectorySection(d: BoardData): Promise<Html> {
  if (d.targets.length === 0) {
    return noDataSection('Trajectory against targets', d.targetProblems.length > 0 ? `No target could be assessed: ${d.targetProblems.join(' ')}` : 'No reduction targets are set for this organisation.');
  }
  const figures: Html[] = [];
  for (const [i, t] of d.targets.entries()) figures.push(await targetFigure(t, i));
  return section({
    id: 'trajectory',
    title: 'Trajectory against targets',
    body: html`${figures}<details class="rules"><summary>How status is judged</summary><ul>${STATUS_RULES.map((r) => html`<li>${r}</li>`)}</ul></details>`,
  });
}

/** What a Scope 3 category is, in words, before its number (GHG Protocol Scope 3 Standard categories). */
const SCOPE3_WORDS: Readonly<Record<string, string>> = {
  'Scope 3 category 1': 'Purchased goods and services',
  'Scope 3 category 3': 'Fuel and energy related (well-to-tank, T&D losses)',
  'Scope 3 category 5': 'Waste',
  'Scope 3 category 6': 'Business travel and grey fleet',
  'Scope 3 category 7': 'Staff commuting',
  'Scope 3 category 9': 'Patient and visitor travel',
};

function scopeWords(scope: string): string {
  const words = SCOPE3_WORDS[scope];
  return words === undefined ? scope : `${words} (${scope})`;
}

export async function emissionsSection(d: BoardData): Promise<Html> {
  if (d.bySourceYear.length === 0) return noDataSection('Emissions by source', 'No emissions are held.');
  const rows = d.bySourceYear.map((r) => ({ fyStart: r.fyStart, category: sourceName(r.category), tco2e: r.tco2e }));
  const now = new Map(d.bySourceYear.filter((r) => r.fyStart === d.fyStart).map((r) => [r.category, r.tco2e]));
  const before = new Map(d.bySourceYear.filter((r) => r.fyStart === d.fyStart - 1).map((r) => [r.category, r.tco2e]));
  const deltas = [...new Set([...now.keys(), ...before.keys()])].map((c) => ({ c, delta: (now.get(c) ?? 0) - (before.get(c) ?? 0) })).sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta));
  const totalNow = [...now.values()].reduce((s, v) => s + v, 0);
  const totalBefore = [...before.values()].reduce((s, v) => s + v, 0);
  const biggest = deltas[0];
  const y = d.yearOnYear;
  const likeP = y === null ? null : likePct(y);
  const biggestLike = y?.byGroup[0];
  const takeaway = totalBefore === 0 || biggest === undefined
    ? `${formatTco2e(totalNow)} tCO2e in ${d.period}.`
    : y !== null && y.steps.length > 0 && likeP !== null && biggestLike !== undefined
      // Like for like first: a part only one year has (a first survey, a new survey, a new site) is named apart.
      ? `Like for like, emissions ${likeP <= 0 ? 'fell' : 'rose'} ${formatPercent(Math.abs(likeP))} on last year, mostly from ${sourceWords(biggestLike.group)} (${signedT(biggestLike.likeChangeTco2e)} tCO2e); ${stepsPhrase(y.steps)} ${y.steps.length === 1 ? 'adds' : 'add'} ${signedT(y.coverageTco2e)} tCO2e that is a change in what is counted, not in emissions.`
      : `Emissions ${totalNow <= totalBefore ? 'fell' : 'rose'} ${formatPercent(Math.abs(totalNow - totalBefore) / totalBefore)} on last year, mostly from ${sourceWords(biggest.c)} (${biggest.delta <= 0 ? '' : '+'}${formatTco2e(biggest.delta)} tCO2e).`;
  const stacked = await chartFigure('by-source', 'Emissions by source, each financial year', takeaway, stackedByYearChart({ rows, categoryTitle: 'Source' }));
  const scopeRows = d.byScope.filter((s) => Math.abs(s.tco2e) >= 0.005).map((s) => [scopeWords(s.scope), formatTco2e(s.tco2e)]);
  const monthsChart = monthsCompareChart({ current: { label: d.period, months: d.months.current }, previous: { label: fyLabel(d.fyStart - 1), months: d.months.previous }, unit: 'tCO₂e', tableDecimals: 1 });
  const lower = d.months.current.filter((m) => { const p = d.months.previous.find((x) => x.month === m.month); return p !== undefined && m.quantity < p.quantity; }).length;
  const months = d.months.previous.length === 0
    ? null
    : await chartFigure('months', `${d.period} month by month against ${fyLabel(d.fyStart - 1)}`, `${lower} of ${d.months.current.length} months were lower than the same month last year.`, monthsChart);
  return section({
    id: 'emissions',
    title: 'Emissions by scope and source',
    body: html`${stacked}<h3>${d.period} by scope</h3>${dataTable({ columns: [{ header: 'Scope' }, { header: 'tCO2e', numeric: true }], rows: scopeRows })}${months}`,
  });
}

export async function energySection(d: BoardData): Promise<Html> {
  if (d.energy.length === 0) return noDataSection('Energy', `No energy use is held for ${d.period}.`);
  const table = dataTable({
    columns: [{ header: 'Fuel' }, { header: 'Unit' }, { header: d.period, numeric: true }, { header: fyLabel(d.fyStart - 1), numeric: true }, { header: 'Change', numeric: true }],
    rows: d.energy.map((e) => [sourceName(e.source), e.unit, formatQuantity(e.current, 0), e.previous === null ? '–' : formatQuantity(e.previous, 0), change(e.current, e.previous)]),
  });
  let sites: Html | null = null;
  if (d.sites.length > 0) {
    const total = d.sites.reduce((s, x) => s + x.tco2e, 0);
    const top = d.sites[0]!;
    // The site figures are Scopes 1 and 2 (what a site burns and draws), said in the title and the sentence: \`emissions --by site\` adds each site's Scope 3.
    sites = await chartFigure('top-sites', `Sites by Scope 1 and 2 emissions, ${d.period}`, `${top.site} emitted ${formatTco2e(top.tco2e)} tCO2e in Scopes 1 and 2 (its fuel, fleet and electricity, location-based), ${formatPercent(total > 0 ? top.tco2e / total : 0)} of the Scope 1 and 2 emissions placed at a site. Its travel and commuting (Scope 3) are not counted here.`, topSitesChart({ rows: d.sites.map((s) => ({ name: s.site, tco2e: s.tco2e })) }));
    const changes = d.sites.filter((s) => s.previous !== null).map((s) => ({ ...s, delta: s.tco2e - s.previous! })).sort((a, b) => a.delta - b.delta);
    if (changes.length > 0) {
      sites = html`${sites}<h3>Largest changes on last year, Scopes 1 and 2 by site</h3>${dataTable({
        columns: [{ header: 'Site' }, { header: d.period, numeric: true }, { header: fyLabel(d.fyStart - 1), numeric: true }, { header: 'Change tCO2e', numeric: true }],
        rows: [...changes.slice(0, 5), ...changes.slice(-5).reverse()].filter((c, i, all) => all.indexOf(c) === i).map((c) => [c.site, formatTco2e(c.tco2e), formatTco2e(c.previous!), formatTco2e(c.delta)]),
      })}`;
    }
  }
  return section({ id: 'energy', title: 'Energy', body: html`<h3>Consumption by fuel</h3>${table}${sites}` });
}

export function fleetSection(d: BoardData): Html {
  if (d.fleet.rows.length === 0) return noDataSection('Fleet', `No fleet fuel, mileage or charging is held for ${d.period}.`);
  const electric = d.fleet.electricKmShare === null ? 'No mileage is held, so the share of miles driven electric cannot be given.' : `${formatPercent(d.fleet.electricKmShare)} of the fleet's recorded miles were driven electric.`;
  return section({
    id: 'fleet',
    title: 'Fleet',
    body: html`<p class="lead">${electric}</p>${dataTable({
      columns: [{ header: 'Vehicles and fuel' }, { header: 'Quantity', numeric: true }, { header: 'Unit' }, { header: 'tCO2e', numeric: true }],
      rows: d.fleet.rows.map((r) => [sourceName(r.source).replace(/^Fleet: /, ''), formatQuantity(r.quantity, 0), r.unit, formatTco2e(r.tco2e)]),
    })}`,
  });
}

export async function qualitySection(d: BoardData): Promise<Html> {
  const rows: SourceMonthCoverage[] = [];
  const bySource = new Map<string, Map<string, { days: number; full: number; estimated: boolean }>>();
  for (const c of d.coverage) {
    const m = bySource.get(c.source) ?? new Map<string, { days: number; full: number; estimated: boolean }>();
    for (const cell of c.months) {
      const x = m.get(cell.month) ?? { days: 0, full: 0, estimated: false };
      x.full += 1;
      if (cell.days >= cell.daysInMonth) x.days += 1;
      x.estimated ||= cell.estimated;
      m.set(cell.month, x);
    }
    bySource.set(c.source, m);
  }
  for (const [source, months] of bySource) {
    for (const [month, x] of months) rows.push({ month, source: sourceName(source), status: x.days < x.full ? 'missing' : x.estimated ? 'estimated' : 'covered' });
  }
  const missing = d.coverage.filter((c) => c.missingMonths.length > 0);
  const takeaway = missing.length === 0 ? 'Every metered supply has data for every month of the year.' : `${missing.length} metered suppl${missing.length === 1 ? 'y is' : 'ies are'} missing data for at least one month; gaps are shown, not filled.`;
  const grid = rows.length === 0 ? null : await chartFigure('coverage', `Months with data, ${d.period}`, takeaway, coverageGridChart({ rows }));
  const rejected = d.rejected.reduce((s, r) => s + r.rows, 0);
  const gapRows = missing.map((c) => [c.site ?? '(no site)', sourceName(c.source), c.missingMonths.join(', ')]);
  return section({
    id: 'quality',
    title: 'Data quality',
    body: html`${grid}<p>${formatPercent(d.estimatedShare)} of ${d.period}'s emissions rest on estimated readings or estimates such as survey-based commuting: quality tier ${String(d.tier)}, ${d.tierLabel} (tier 1 ${TIER_LABELS[1]}: at most 10% estimated; tier 2 ${TIER_LABELS[2]}; tier 3 ${TIER_LABELS[3]}: over 90%). ${formatQuantity(rejected, 0)} ${rejected === 1 ? 'row was rejected at import and is' : 'rows were rejected at import and are'} not counted.</p>
${gapRows.length > 0 ? dataTable({ columns: [{ header: 'Site' }, { header: 'Supply' }, { header: 'Months missing' }], rows: gapRows }) : null}
${d.rejected.length > 0 ? dataTable({ columns: [{ header: 'File' }, { header: 'Rows rejected', numeric: true }, { header: 'First reason' }], rows: d.rejected.map((r) => [r.fileName, formatQuantity(r.rows, 0), r.problems[0] ? `line ${String(r.problems[0].line)}: ${r.problems[0].message}` : '']) }) : null}`,
  });
}

export function methodSection(d: BoardData): Html {
  return section({
    id: 'method',
    title: 'Method and factors',
    body: html`<ul>
<li>Emissions are activity × the UK Government's published GHG conversion factor for the year the activity falls in (factor policy: ${d.policies.join(', ') || 'financial-year'}); gases are reported as CO2e.</li>
<li>Scopes 1, 2 and 3 follow the GHG Protocol Corporate Standard. Scope 2 is location-based (grid average); a market-based figure is shown beside it only where supplier-specific factors are configured.</li>
<li>Included: energy (Scope 1 and 2), owned fleet (Scope 1, EV charging Scope 2), business travel and grey fleet (Scope 3 category 6), staff commuting from travel surveys (Scope 3 category 7, scaled to headcount; between surveys the latest is carried forward), patients' and visitors' travel (Scope 3 category 9, NHS Carbon Footprint Plus only, scaled to patient contacts); with no survey, either is estimated by the national default method (see the notes).</li>
<li>Excluded from totals: well-to-tank and transmission and distribution losses (Scope 3 category 3); biogenic CO2 from biomass is reported separately and never added.</li>
<li>Gaps in metered data are shown, not filled. Every figure can be traced to its file and line with <code>tco2e export lines</code>.</li>
<li>Every factor used in ${d.period} is listed in the appendix.</li>
</ul>
${d.warnings.length > 0 ? html`<h3>Notes from the data</h3><ul>${d.warnings.slice(0, 30).map((w) => html`<li>${w}</li>`)}</ul>` : null}`,
  });
}

/** Every factor used, with the publication's labels: an appendix, on pages of its own in print. */
export function factorsAppendix(d: BoardData): Html {
  const factorRows = d.factors.map((f) => [
    f.key, String(f.year), f.custom ? 'custom' : f.edition,
    f.labels ? [f.labels.level1, f.labels.level2, f.labels.level3, f.labels.level4, f.labels.columnText].filter((x) => x !== '').join(' › ') : '–',
    formatQuantity(f.kgPerUnit, 8), `${f.key.endsWith('.outside_scopes') ? 'kg biogenic CO2' : 'kgCO2e'} per ${PER_UNIT[f.unit] ?? f.unit}`, formatQuantity(f.lines, 0),
  ]);
  return html`<section class="report-section appendix" id="factors"><h2>Appendix: every factor used in ${d.period}</h2>
${factorRows.length === 0 ? html`<p>None.</p>` : dataTable({ columns: [{ header: 'Key' }, { header: 'Year' }, { header: 'Edition' }, { header: 'Published labels' }, { header: 'Value', numeric: true }, { header: 'Unit' }, { header: 'Lines', numeric: true }], rows: factorRows })}</section>`;
}
