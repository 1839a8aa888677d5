/**
 * `tco2e report compare`: councils, trusts and their integrated care system side by side, fairly,
 * for a board member with two minutes: each organisation against its own target, trajectories
 * indexed to each one's own baseline, the system's total in tonnes, intensities per m², per WTE
 * and per resident, a ranking within one target at a time, staff commuting where it is surveyed,
 * and market-based beside location-based where supplier factors exist. Every figure says its basis
 * and boundary where it is shown, and every caveat is in words beside the figures it affects.
 */

import type { AnalysisContext } from '../../aggregate/footprint.js';
import type { DenominatorMetric } from '../../aggregate/intensity.js';
import { ukDate } from '../../aggregate/periods.js';
import { UserError } from '../../kernel/errors.js';
import { parseFinancialYear } from '../../travel/period.js';
import type { Chart } from '../../render/chart/chart.js';
import { compareLinesChart, type CompareLine } from '../../render/chart/kinds/compare-lines.js';
import { indexedLinesChart } from '../../render/chart/kinds/indexed-lines.js';
import { memberStackChart } from '../../render/chart/kinds/member-stack.js';
import { pathwayPanelsChart } from '../../render/chart/kinds/pathway-panels.js';
import { renderChartSvg } from '../../render/chart/render-svg.js';
import { dataTable, figure, noDataSection, section } from '../../render/html/components.js';
import { html, type Html } from '../../render/html/escape.js';
import { formatPercent, formatQuantity, formatTco2e, fyLabel } from '../../render/html/format-uk.js';
import { renderPage } from '../../render/html/page.js';
import { STATUS_RULES, statusHeading } from '../../targets/target-text.js';
import { compareReport, type CompareReport, type CompareRollup, type CompareSeries, type OrgPathway, type RankingRow } from '../../targets/compare-orgs.js';
import { listWords, sourceWords } from '../../render/source-names.js';
import { caveatWords, PER_SHORT, PER_WORDS } from './words.js';

export interface CompareOptions {
  readonly orgs: readonly string[];
  /** Only years up to this financial year (`2024/25`). */
  readonly period?: string;
  /** One baseline year for every index (`2019/20`); default: each organisation's first year with data. */
  readonly baselineYear?: string;
  readonly now: Date;
  readonly toolVersion: string;
  /** Compare up to a year that is not over, or that no organisation has data for, as a partial view that says so (refused otherwise). */
  readonly partial?: boolean;
}

const fyStart = (label: string): number => Number(label.slice(0, 4));

/** The financial year a `--period` names, as NHS papers write it (2024/25, 2024-25, FY24/25). */
function periodStart(period: string): number {
  const fy = parseFinancialYear(period);
  if (fy === undefined) throw new UserError('bad_period', `"${period}" is not a financial year.`, 'Give the last year to compare like 2024/25 (or 2024-25, FY24/25).');
  return fy;
}

/**
 * Why a comparison cannot run to a year as a whole one: the year is not over (by the UK date),
 * or no organisation compared has a figure for it (carried-forward commuting is not one).
 */
function partialReasons(r: CompareReport, fy: number, today: string): string[] {
  const reasons: string[] = [];
  if (today <= `${fy + 1}-03-31`) reasons.push(`${fyLabel(fy)} is not over (it ends on 31 March ${String(fy + 1)})`);
  if (!r.series.some((s) => s.points.some((p) => fyStart(p.year) === fy))) reasons.push(`no organisation compared has data for ${fyLabel(fy)}`);
  return reasons;
}

/** The boundary of every figure in the report unless it says otherwise, said where each is shown. */
const BASIS = 'location-based Scope 2, without well-to-tank and T&D losses, without staff commuting';

interface Ctx {
  readonly r: CompareReport;
  readonly name: (id: string) => string;
  readonly colour: (id: string) => number;
  /** Financial years up to the period asked for. */
  readonly inPeriod: (year: string) => boolean;
  readonly last: number;
}

async function chartFigure(id: string, title: string, takeaway: string, chart: Chart, basis: string | null): Promise<Html> {
  const { svg } = await renderChartSvg(chart.spec);
  return html`${figure({ id, title, takeaway, svg, description: chart.description, table: chart.table })}
${basis === null ? null : html`<p class="note">Basis: ${basis}.</p>`}${chart.notes.length > 0 ? html`<ul class="notes">${chart.notes.map((n) => html`<li>${n}</li>`)}</ul>` : null}`;
}

export async function compareHtml(ctx: AnalysisContext, o: CompareOptions): Promise<{ html: string; data: CompareReport }> {
  const r = compareReport(ctx, { orgs: o.orgs, ...(o.baselineYear === undefined ? {} : { baselineYear: o.baselineYear }) });
  const last = o.period === undefined ? Infinity : periodStart(o.period);
  const partial = last === Infinity ? [] : partialReasons(r, last, ukDate(o.now));
  if (partial.length > 0 && o.partial !== true) {
    throw new UserError('period_incomplete', `The comparison cannot run to ${fyLabel(last)} as a whole year: ${partial.join('; ')}.`,
      'Compare up to a year that is over and has data (--period), or pass --partial for a partial view that says so.');
  }
  const name = (id: string): string => ctx.config.organisations.find((x) => x.id === id)?.name ?? id;
  const order = [...r.series.map((s) => s.org), ...r.rollups.map((x) => x.ics)];
  const c: Ctx = { r, name, colour: (id) => Math.max(0, order.indexOf(id)), inPeriod: (year) => fyStart(year) <= last, last };
  const kinds = new Map(ctx.config.organisations.map((x) => [x.id, x.kind]));
  const body = html`${basisSection(c, kinds)}
${await targetsSection(c)}
${await indexedSection(c)}
${await systemSection(c)}
${await intensitySection(c)}
${latestSection(c)}
${rankingSection(c)}
${await commutingSection(c)}
${await marketSection(c)}`;
  return {
    html: renderPage({ title: `Comparing ${String(o.orgs.length)} organisations' emissions`, subtitle: `${o.orgs.map(name).join(' · ')}. Financial years${o.period ? ` to ${fyLabel(last)}` : ''}${partial.length > 0 ? ` (partial view: ${partial.join('; ')})` : ''}; generated ${ukDate(o.now)} by tco2e ${o.toolVersion}`, body }),
    data: r,
  };
}

function points(c: Ctx, s: CompareSeries): CompareSeries['points'] {
  return s.points.filter((p) => c.inPeriod(p.year));
}

function basisSection(c: Ctx, kinds: ReadonlyMap<string, string>): Html {
  const { r, name } = c;
  const kindWords: Readonly<Record<string, string>> = { 'nhs-trust': 'NHS trust', council: 'council', ics: 'integrated care system', other: 'organisation' };
  const rows = [
    ...r.series.map((s) => {
      const ps = points(c, s);
      const groups = [...new Set(ps.flatMap((p) => p.sourceGroups))].sort();
      const surveyed = ps.filter((p) => p.commutingKgCo2e !== null).map((p) => p.year);
      const market = ps.filter((p) => p.marketKgCo2e !== null).map((p) => p.year);
      return [
        name(s.org), kindWords[kinds.get(s.org) ?? 'other'] ?? 'organisation', listWords(groups.map(sourceWords)), s.baselineYear ?? 'none',
        surveyed.length === 0 ? 'none' : `${surveyed[0]!} on`, market.length === 0 ? 'none' : `${market[0]!} on`,
      ];
    }),
    ...r.rollups.map((x) => [name(x.ics), 'integrated care system', `the sum of its members: ${listWords(x.members.map(name))}`, x.baselineYear ?? 'none', '–', '–']),
  ];
  return section({
    id: 'basis',
    title: 'What is compared',
    body: html`<p class="lead">Each organisation is compared with its own target and its own baseline, and with the others only per m², per WTE or per resident, never by size. Unless a figure says otherwise it is tonnes of CO2e by financial year (April to March), each year priced with that year's UK Government conversion factors, ${BASIS}.</p>
${dataTable({
    columns: [{ header: 'Organisation' }, { header: 'Kind' }, { header: 'Its figures count' }, { header: 'Baseline (index = 100)' }, { header: 'Staff travel survey' }, { header: 'Supplier factors (market-based)' }],
    rows,
  })}
<p class="note">Staff commuting is counted only from an organisation's first travel survey, so it is left out of the trajectories (it would read as a rise) and compared on its own below, between the organisations that survey it. Organisations differ in what they burn and run: a council with no heating oil is not a gap, and is not marked as one.</p>`,
  });
}


function boundaryWords(p: Pick<OrgPathway, 'scopes' | 'sources' | 'scope2'> & { readonly excludedForBaseline?: readonly string[] }): string {
  const scopes = `Scope ${listWords(p.scopes.map(String))}`;
  const sources = p.sources === null ? '' : `: ${listWords(p.sources.map(sourceWords))}`;
  const left = p.excludedForBaseline !== undefined && p.excludedForBaseline.length > 0 ? `; without ${listWords(p.excludedForBaseline.map(sourceWords))}, which its baseline year lacks` : '';
  return `${scopes}${sources}, ${p.scope2}-based${left}`;
}

async function targetsSection(c: Ctx): Promise<Html> {
  const { r, name } = c;
  if (r.pathways.length === 0) return noDataSection('Each organisation against its own target', 'No targets are set for these organisations.');
  // Calendar-year targets are drawn at the financial year starting in that year, as in the board report.
  const panels = r.pathways.map((p) => {
    const actual = p.rows.filter((x) => x.actualTco2e !== null && x.complete === true && x.year <= c.last).map((x) => ({ fyStart: x.year, tco2e: x.actualTco2e! }));
    const first = actual[0]?.fyStart ?? p.baselineYear;
    return { name: name(p.org), subtitle: p.name, actual, pathway: p.rows.filter((x) => x.year >= first - 1).map((x) => ({ fyStart: x.year, tco2e: x.requiredTco2e })) };
  });
  const chart = pathwayPanelsChart({ panels, actualName: 'Reported, on the target\'s boundary', pathwayName: 'Required pathway to the target' });
  const judged = r.pathways.filter((p) => p.headline !== null);
  const above = judged.filter((p) => p.headline!.actualTco2e > p.headline!.requiredTco2e);
  const below = judged.filter((p) => p.headline!.actualTco2e <= p.headline!.requiredTco2e);
  const gap = (p: OrgPathway): string => `${formatTco2e(Math.abs(p.headline!.actualTco2e - p.headline!.requiredTco2e))} t`;
  const takeaway = judged.length === 0
    ? 'No organisation has a judged year against its target yet.'
    : `${below.length === 0 ? 'None' : String(below.length)} of the ${String(judged.length)} organisations ${below.length === 1 ? 'is' : 'are'} at or below ${judged.length === 1 ? 'its' : 'their'} own pathway in the latest year judged${below.length > 0 ? ` (${listWords(below.map((p) => name(p.org)))})` : ''}${above.length > 0 ? `; above it: ${listWords(above.map((p) => `${name(p.org)} by ${gap(p)} in ${p.headline!.label}`))}` : ''}.`;
  // A target whose boundary takes in staff commuting counts it from the first survey: that year's
  // step up is the survey starting, not emissions rising, and the reader is told so.
  const steps = r.pathways.flatMap((p) => {
    const counts = (p.sources === null || p.sources.includes('commuting')) && !p.excludedForBaseline.includes('commuting');
    const members = r.series.filter((s) => s.org === p.org || r.rollups.some((x) => x.ics === p.org && x.members.includes(s.org)));
    const first = members.flatMap((s) => s.points.filter((q) => q.commutingKgCo2e !== null).map((q) => q.year)).sort()[0];
    const firstActual = p.rows.find((x) => x.actualTco2e !== null)?.year;
    return counts && first !== undefined && firstActual !== undefined && fyStart(first) > firstActual
      ? [`${name(p.org)}: its target counts staff commuting, which starts in ${first} with the first travel survey; the step up that year is the survey starting, not emissions rising.`]
      : [];
  });
  const table = dataTable({
    columns: [{ header: 'Organisation' }, { header: 'Target drawn' }, { header: 'Boundary' }, { header: 'Year judged' }, { header: 'Reported (tCO2e)', numeric: true }, { header: 'Pathway (tCO2e)', numeric: true }, { header: 'Status' }],
    rows: r.pathways.map((p) => [name(p.org), p.name, boundaryWords(p), p.headline?.label ?? '–', p.headline ? formatTco2e(p.headline.actualTco2e) : '–', p.headline ? formatTco2e(p.headline.requiredTco2e) : '–', p.headline?.status ? statusHeading(p.headline.status) : 'Not judged']),
  });
  return section({
    id: 'targets',
    title: 'Each organisation against its own target',
    body: html`${await chartFigure('pathways', 'Reported emissions and the pathway each organisation\'s own target requires', takeaway, chart, 'each panel on its own target\'s boundary (in the table below) and with its own scale: compare the gap between the two lines, not the heights')}
${table}
${steps.length > 0 ? html`<ul class="notes">${steps.map((n) => html`<li>${n}</li>`)}</ul>` : null}
<p class="note">Each organisation's target drawn is the nearest one still ahead of its latest figures; every target is ranked in the section on targets below. Years not yet complete in the ledger are not drawn.</p>`,
  });
}

async function indexedSection(c: Ctx): Promise<Html> {
  const { r, name } = c;
  const series = r.series.filter((s) => s.baselineYear !== null).map((s) => ({
    name: name(s.org), colour: c.colour(s.org), baselineFyStart: fyStart(s.baselineYear!),
    points: points(c, s).map((p) => ({ fyStart: fyStart(p.year), tco2e: p.kgCo2e / 1000 })),
  }));
  if (series.length === 0) return noDataSection('Trajectories against each one\'s own baseline', 'No organisation has emissions to compare.');
  const chart = indexedLinesChart({ series });
  const latest = series.map((s) => {
    const base = s.points.find((p) => p.fyStart === s.baselineFyStart);
    const end = s.points.at(-1);
    return { name: s.name, index: base && end && base.tco2e > 0 ? (end.tco2e / base.tco2e) * 100 : null, year: end?.fyStart ?? null, base: s.baselineFyStart };
  }).filter((x) => x.index !== null && x.year !== null).sort((a, b) => a.index! - b.index!);
  const best = latest[0];
  const worst = latest.at(-1);
  const takeaway = best === undefined
    ? 'No organisation has a baseline to index against.'
    : `${best.name} has cut furthest against its own baseline, to ${formatQuantity(best.index!, 0)} in ${fyLabel(best.year!)} (${fyLabel(best.base)} = 100)${worst !== undefined && worst !== best ? `; ${worst.name} least, to ${formatQuantity(worst.index!, 0)}` : ''}.`;
  const flagged = r.series.flatMap((s) => points(c, s).flatMap((p) => p.flags.map((f) => `${name(s.org)}, ${p.year}: ${caveatWords(f)}.`)));
  return section({
    id: 'trajectories',
    title: 'Trajectories against each one\'s own baseline',
    body: html`${await chartFigure('indexed', 'Emissions indexed to each organisation\'s baseline (= 100)', takeaway, chart, `${BASIS}; each line divided by its own baseline year's figure`)}
${r.rollups.length > 0 ? html`<p class="note">The integrated care system is not drawn here: indexed, its line would sit on its largest member's. Its total is shown in tonnes below.</p>` : null}
${flagged.length > 0 ? html`<h3>Years not comparable as they stand</h3><ul class="notes">${flagged.map((f) => html`<li>${f}</li>`)}</ul>` : html`<p class="note">No year is marked as not comparable: none mixes factor policies, rests mostly on estimates, misses months of a metered supply, misses a kind of data the years either side have, or counts fleet or business travel its baseline lacks.</p>`}`,
  });
}

async function systemFigure(c: Ctx, x: CompareRollup, i: number): Promise<Html> {
  const { r, name } = c;
  const members = r.series.filter((s) => x.members.includes(s.org));
  // Largest member at the bottom of the stack, where its bars are easiest to read.
  const sized = [...members].sort((a, b) => (b.points.at(-1)?.kgCo2e ?? 0) - (a.points.at(-1)?.kgCo2e ?? 0));
  const years = x.points.filter((p) => p.kgCo2e !== null && c.inPeriod(p.year)).map((p) => p.year);
  const rows = sized.flatMap((s) => s.points.filter((p) => years.includes(p.year)).map((p) => ({ fyStart: fyStart(p.year), member: name(s.org), tco2e: p.kgCo2e / 1000 })));
  const chart = memberStackChart({ members: sized.map((s) => name(s.org)), colours: sized.map((s) => c.colour(s.org)), rows });
  const first = x.points.find((p) => p.year === years[0]);
  const end = x.points.find((p) => p.year === years.at(-1));
  const biggest = sized[0];
  const endKg = end?.kgCo2e ?? null;
  const firstKg = first?.kgCo2e ?? null;
  const share = biggest === undefined || end === undefined || endKg === null ? null : (biggest.points.find((p) => p.year === end.year)?.kgCo2e ?? 0) / endKg;
  const takeaway = first === undefined || end === undefined || firstKg === null || endKg === null
    ? `No year in which every member of ${name(x.ics)} has figures.`
    : `${name(x.ics)} emitted ${formatTco2e(endKg / 1000)} tCO2e in ${end.year}, ${endKg <= firstKg ? 'down' : 'up'} ${formatPercent(Math.abs(endKg - firstKg) / firstKg)} on ${first.year} (${formatTco2e(firstKg / 1000)} tCO2e)${share === null || biggest === undefined ? '' : `; ${name(biggest.org)} is ${formatPercent(share)} of it`}.`;
  const missing = x.points.filter((p) => p.membersMissing.length > 0 && c.inPeriod(p.year)).map((p) => `${p.year}: not summed, because ${listWords(p.membersMissing.map(name))} has no figures.`);
  return html`${await chartFigure(`system-${String(i + 1)}`, `${name(x.ics)}: total emissions in tonnes, by member`, takeaway, chart, `${BASIS}; the sum of its members' figures, in years every member has`)}
${missing.length > 0 ? html`<ul class="notes">${missing.map((m) => html`<li>${m}</li>`)}</ul>` : null}`;
}

async function systemSection(c: Ctx): Promise<Html> {
  if (c.r.rollups.length === 0) return noDataSection('The system\'s total in tonnes', 'No integrated care system is among the organisations compared.');
  const figures: Html[] = [];
  for (const [i, x] of c.r.rollups.entries()) figures.push(await systemFigure(c, x, i));
  return section({ id: 'system', title: 'The system\'s total in tonnes', body: html`${figures}` });
}

interface MetricLine extends CompareLine {
  readonly org: string;
}

function metricLines(c: Ctx, metric: DenominatorMetric): MetricLine[] {
  const { r, name } = c;
  const from = (ps: readonly { readonly year: string; readonly figures: readonly { readonly metric: DenominatorMetric; readonly kgCo2ePerUnit: number | null }[] }[]) =>
    ps.filter((p) => c.inPeriod(p.year)).flatMap((p) => {
      const v = p.figures.find((f) => f.metric === metric)?.kgCo2ePerUnit;
      return v === null || v === undefined ? [] : [{ fyStart: fyStart(p.year), value: v }];
    });
  return [
    ...r.series.map((s) => ({ org: s.org, name: name(s.org), colour: c.colour(s.org), points: from(s.points) })),
    ...r.rollups.map((x) => ({ org: x.ics, name: `${name(x.ics)} (sum of members)`, colour: c.colour(x.ics), points: from(x.points) })),
  ].filter((l) => l.points.length > 0);
}

function intensityTakeaway(lines: readonly MetricLine[], per: string): string {
  const ends = lines.map((l) => ({ l, first: l.points[0]!, end: l.points.at(-1)! })).sort((a, b) => a.end.value - b.end.value);
  const low = ends[0];
  const high = ends.at(-1);
  if (low === undefined || high === undefined) return `No organisation has a ${per} figure.`;
  const fell = ends.filter((e) => e.end.value < e.first.value);
  const range = low === high
    ? `${low.l.name}: ${formatQuantity(low.end.value, 1)} kg CO2e ${per} in ${fyLabel(low.end.fyStart)}`
    : `In ${fyLabel(high.end.fyStart)}, ${low.l.name} is lowest at ${formatQuantity(low.end.value, 1)} kg CO2e ${per} and ${high.l.name} highest at ${formatQuantity(high.end.value, 1)}`;
  const change = fell.length === ends.length ? `; every one has fallen since its first year (${listWords(ends.map((e) => `${e.l.name} by ${formatPercent((e.first.value - e.end.value) / e.first.value)}`))})` : fell.length === 0 ? '; none has fallen since its first year' : `; ${listWords(fell.map((e) => e.l.name))} ${fell.length === 1 ? 'has' : 'have'} fallen since ${fell.length === 1 ? 'its' : 'their'} first year`;
  return `${range}${change}.`;
}

async function intensitySection(c: Ctx): Promise<Html> {
  const metrics: readonly { readonly metric: DenominatorMetric; readonly id: string; readonly why: string }[] = [
    { metric: 'floorAreaM2', id: 'per-m2', why: 'the estate heated and lit' },
    { metric: 'staffWte', id: 'per-wte', why: 'the workforce' },
    { metric: 'residents', id: 'per-resident', why: 'the population served; trusts serve no set population and are not shown' },
  ];
  const figures: Html[] = [];
  for (const { metric, id, why } of metrics) {
    const lines = metricLines(c, metric);
    if (lines.length === 0) {
      figures.push(html`<h3>Emissions ${PER_SHORT[metric]}</h3><p class="no-data">No organisation compared has a ${PER_WORDS[metric]} figure in the workspace config.</p>`);
      continue;
    }
    const chart = compareLinesChart({ lines, yTitle: `kg CO₂e ${PER_SHORT[metric]}`, unit: `kg CO₂e ${PER_SHORT[metric]}` });
    const summed = c.r.rollups.some((x) => x.points.some((p) => p.figuresFromMembers.includes(metric)));
    figures.push(await chartFigure(id, `Emissions per ${PER_WORDS[metric]}, by year`, intensityTakeaway(lines, PER_SHORT[metric]), chart,
      `${BASIS}; divided by ${why}, from the workspace config${summed ? '; the system\'s figure is divided by the sum of its members\' (its config gives none of its own)' : ''}`));
  }
  return section({ id: 'intensity', title: 'Per m², per WTE and per resident', body: html`${figures}` });
}

function latestSection(c: Ctx): Html {
  const { r, name } = c;
  const per = (fs: readonly { readonly metric: DenominatorMetric; readonly kgCo2ePerUnit: number | null }[] | undefined, metric: DenominatorMetric): string => {
    const v = fs?.find((f) => f.metric === metric)?.kgCo2ePerUnit;
    return v === null || v === undefined ? '–' : formatQuantity(v, 1);
  };
  const change = (now: number, base: number | null): string => (base === null || base <= 0 ? '–' : formatPercent((now - base) / base, { signed: true }));
  const anyMarket = r.series.some((s) => points(c, s).some((p) => p.marketKgCo2e !== null));
  const rows = [
    ...r.series.flatMap((s) => {
      const p = points(c, s).at(-1);
      if (p === undefined) return [];
      return [[
        name(s.org), p.year, formatTco2e(p.kgCo2e / 1000), ...(anyMarket ? [p.marketKgCo2e === null ? 'no supplier factors' : formatTco2e(p.marketKgCo2e / 1000)] : []),
        `${change(p.kgCo2e, s.baselineKgCo2e)} on ${s.baselineYear ?? '–'}`, per(p.figures, 'floorAreaM2'), per(p.figures, 'staffWte'), per(p.figures, 'residents'),
        p.tier === 1 ? 'Measured' : p.tier === 2 ? 'Partly estimated' : 'Mostly estimated',
        p.flags.length === 0 ? 'none' : p.flags.map(caveatWords).join('; '),
      ]];
    }),
    ...r.rollups.flatMap((x) => {
      const p = x.points.filter((q) => q.kgCo2e !== null && c.inPeriod(q.year)).at(-1);
      if (p === undefined) return [];
      return [[
        `${name(x.ics)} (sum of members)`, p.year, formatTco2e(p.kgCo2e! / 1000), ...(anyMarket ? [p.marketKgCo2e === null ? 'no supplier factors' : formatTco2e(p.marketKgCo2e / 1000)] : []),
        `${change(p.kgCo2e!, x.baselineKgCo2e)} on ${x.baselineYear ?? '–'}`, per(p.figures, 'floorAreaM2'), per(p.figures, 'staffWte'), per(p.figures, 'residents'), '–',
        'none',
      ]];
    }),
  ];
  return section({
    id: 'latest',
    title: 'Latest year side by side',
    body: html`${dataTable({
      columns: [
        { header: 'Organisation' }, { header: 'Year' }, { header: 'tCO2e, location-based', numeric: true }, ...(anyMarket ? [{ header: 'tCO2e, market-based', numeric: true }] : []),
        { header: 'Change on baseline', numeric: true }, { header: 'kg per m²', numeric: true }, { header: 'kg per WTE', numeric: true }, { header: 'kg per resident', numeric: true },
        { header: 'Data quality' }, { header: 'Not comparable as it stands because' },
      ],
      rows,
    })}
<p class="note">Basis: ${BASIS}${anyMarket ? '; the market-based column replaces grid electricity with the supplier\'s factor where the config gives one' : ''}. Every year is in the tables under the charts above. Denominators come from the workspace config${c.r.rollups.some((x) => x.points.some((p) => p.figuresFromMembers.length > 0)) ? '; where a system\'s config gives no floor area or staff of its own, its figures are divided by the sum of its members\'' : ''}.</p>`,
  });
}

function rankingSection(c: Ctx): Html {
  const { r, name } = c;
  if (r.rankings.length === 0) return noDataSection('Ranking within each target', 'No targets are set for these organisations.');
  const cut = (x: RankingRow): string => (x.cutPct === null ? '–' : `${formatQuantity(x.cutPct, 1)}% on ${x.baselineLabel}`);
  const asked = (x: RankingRow): string => (x.requiredCutPct === null ? '–' : `${formatQuantity(x.requiredCutPct, 1)}%`);
  const status = (x: RankingRow): string => (x.status === null ? 'Not judged' : statusHeading(x.status));
  const shared = r.rankings.filter((g) => g.rows.length > 1);
  const alone = r.rankings.filter((g) => g.rows.length === 1);
  const parts = shared.map((g) => {
    const metric = g.metric;
    const table = dataTable({
      columns: [
        { header: 'Organisation' }, { header: 'Year judged' }, { header: 'Cut achieved on its baseline', numeric: true }, { header: 'Cut the pathway asks by then', numeric: true },
        { header: 'Status' }, { header: 'Rank by cut', numeric: true },
        ...(metric === null ? [] : [{ header: `kg CO2e ${PER_SHORT[metric]}`, numeric: true }, { header: 'Rank by intensity', numeric: true }]),
      ],
      rows: g.rows.map((x) => [
        name(x.org), x.year ?? '–', cut(x), asked(x), status(x), x.rankByCut === null ? '–' : String(x.rankByCut),
        ...(metric === null ? [] : [x.intensityKg === null ? '–' : formatQuantity(x.intensityKg, 1), x.rankByIntensity === null ? '–' : String(x.rankByIntensity)]),
      ]),
    });
    const top = g.rows[0];
    const lean = g.rows.find((x) => x.rankByIntensity === 1);
    const lead = top === undefined || top.cutPct === null
      ? 'No organisation holding this target has a judged year yet.'
      : `${name(top.org)} has cut most against its own baseline (${formatQuantity(top.cutPct, 1)}%)${metric === null || lean === undefined ? '' : `; ${name(lean.org)} emits least ${PER_SHORT[metric]} (${formatQuantity(lean.intensityKg!, 1)} kg CO2e)`}.`;
    const basis = `Basis: this target's boundary, ${boundaryWords(g)}, in each organisation's latest judged year${metric === null ? '; not ranked by intensity, because no denominator (WTE, m² or residents) is given for every organisation holding it' : `, divided by its ${PER_WORDS[metric]} figure`}.`;
    return html`<h3>${g.name}</h3><p>${lead}</p>${table}<p class="note">${basis}</p>`;
  });
  const single = alone.length === 0 ? null : html`<h3>Targets held by one organisation only</h3>
<p>Not ranked: there is no one holding the same target to rank against.</p>
${dataTable({
    columns: [{ header: 'Organisation' }, { header: 'Target' }, { header: 'Year judged' }, { header: 'Cut achieved on its baseline', numeric: true }, { header: 'Cut the pathway asks by then', numeric: true }, { header: 'Status' }],
    rows: alone.map((g) => {
      const x = g.rows[0]!;
      return [name(x.org), g.name, x.year ?? '–', cut(x), asked(x), status(x)];
    }),
  })}`;
  return section({
    id: 'standings',
    title: 'Ranking within each target',
    body: html`<p class="lead">Organisations are ranked only against others holding the same target, each on that target's own boundary and baseline: by the cut achieved, and by emissions per WTE (or per m², or per resident, whichever all of them have), in the latest year judged.</p>
${parts}
${single}
<details class="rules"><summary>How status is judged</summary><ul>${STATUS_RULES.map((x) => html`<li>${x}</li>`)}</ul></details>`,
  });
}

async function commutingSection(c: Ctx): Promise<Html> {
  const { r, name } = c;
  const title = 'Staff commuting';
  const members = r.series.filter((s) => points(c, s).length > 0);
  const surveyed = members.filter((s) => r.surveyed.includes(s.org));
  const without = members.filter((s) => !r.surveyed.includes(s.org));
  const none = `${listWords(without.map((s) => name(s.org)))} ${without.length === 1 ? 'has' : 'have'} no staff travel survey, so commuting is left out of every figure above and is not compared for ${without.length === 1 ? 'it' : 'them'}`;
  if (surveyed.length < 2) {
    return noDataSection(title, surveyed.length === 0 ? 'No organisation compared has a staff travel survey, so commuting is left out of every figure.' : `Only ${name(surveyed[0]!.org)} has a staff travel survey, so there is nothing to compare its commuting with; ${none}.`);
  }
  // Compared only in years every surveyed organisation has a figure for: one without would read as zero.
  const years = points(c, surveyed[0]!).map((p) => p.year).filter((y) => surveyed.every((s) => s.points.some((p) => p.year === y && p.commutingKgCo2e !== null)));
  const lines = surveyed.map((s) => ({
    org: s.org, name: name(s.org), colour: c.colour(s.org),
    points: s.points.filter((p) => years.includes(p.year)).flatMap((p) => {
      const wte = p.figures.find((f) => f.metric === 'staffWte')?.denominator;
      return wte === null || wte === undefined ? [] : [{ fyStart: fyStart(p.year), value: p.commutingKgCo2e! / wte }];
    }),
  }));
  const chart = compareLinesChart({ lines, yTitle: 'kg CO₂e per WTE', unit: 'kg CO₂e of commuting per WTE' });
  const end = years.at(-1);
  const share = (s: CompareSeries): number | null => {
    const p = s.points.find((x) => x.year === end);
    return p === undefined || p.commutingKgCo2e === null ? null : p.commutingKgCo2e / (p.kgCo2e + p.commutingKgCo2e);
  };
  const takeaway = end === undefined
    ? 'No year in which every surveyed organisation has a commuting figure.'
    : `In ${end}, staff commuting is ${listWords(surveyed.map((s) => `${formatPercent(share(s) ?? 0)} of ${name(s.org)}'s footprint`))} once it is counted; ${(() => {
      const ends = lines.map((l) => ({ l, v: l.points.at(-1)?.value ?? null })).filter((x) => x.v !== null).sort((a, b) => a.v! - b.v!);
      return ends.length < 2 ? 'per WTE it cannot be compared' : `per WTE, ${ends[0]!.l.name} is lowest, at ${formatQuantity(ends[0]!.v!, 0)} kg CO2e, and ${ends.at(-1)!.l.name} highest, at ${formatQuantity(ends.at(-1)!.v!, 0)} kg CO2e`;
    })()}.`;
  const table = dataTable({
    columns: [{ header: 'Organisation' }, { header: 'Year' }, { header: 'Commuting (tCO2e)', numeric: true }, { header: 'Footprint with commuting (tCO2e)', numeric: true }, { header: 'Commuting share', numeric: true }],
    rows: surveyed.flatMap((s) => s.points.filter((p) => p.year === end && p.commutingKgCo2e !== null).map((p) => [name(s.org), p.year, formatTco2e(p.commutingKgCo2e! / 1000), formatTco2e((p.kgCo2e + p.commutingKgCo2e!) / 1000), formatPercent(p.commutingKgCo2e! / (p.kgCo2e + p.commutingKgCo2e!))])),
  });
  return section({
    id: 'commuting',
    title,
    body: html`${await chartFigure('commuting', 'Staff commuting per WTE member of staff', takeaway, chart, 'location-based, from each organisation\'s staff travel surveys scaled to its headcount (a year between waves carries the latest wave forward), Scope 3 category 7; compared only in years every surveyed organisation has a figure')}
${table}
${without.length > 0 ? html`<p class="note">${none}.</p>` : null}`,
  });
}

async function marketSection(c: Ctx): Promise<Html> {
  const { r, name } = c;
  const title = 'Market-based beside location-based';
  const withMarket = r.series.filter((s) => points(c, s).some((p) => p.marketKgCo2e !== null));
  if (withMarket.length === 0) return noDataSection(title, 'No organisation compared has supplier emission factors in the workspace config, so every figure is location-based only.');
  const lines: CompareLine[] = withMarket.flatMap((s) => {
    const ps = points(c, s);
    const from = ps.find((p) => p.marketKgCo2e !== null)!.year;
    const shown = ps.filter((p) => p.year >= from);
    return [
      { name: `${name(s.org)}, location-based`, colour: c.colour(s.org), points: shown.map((p) => ({ fyStart: fyStart(p.year), value: p.kgCo2e / 1000 })) },
      { name: `${name(s.org)}, market-based`, colour: c.colour(s.org), dashed: true, points: shown.filter((p) => p.marketKgCo2e !== null).map((p) => ({ fyStart: fyStart(p.year), value: p.marketKgCo2e! / 1000 })) },
    ];
  });
  const chart = compareLinesChart({ lines, yTitle: 'tCO₂e', unit: 'tCO₂e' });
  const takeaway = listWords(withMarket.map((s) => {
    const p = points(c, s).filter((x) => x.marketKgCo2e !== null).at(-1)!;
    return `In ${p.year}, ${name(s.org)}'s market-based total is ${formatTco2e(p.marketKgCo2e! / 1000)} tCO2e against ${formatTco2e(p.kgCo2e / 1000)} location-based (${formatPercent((p.marketKgCo2e! - p.kgCo2e) / p.kgCo2e, { signed: true })})`;
  }), 'and') + '. The location-based figure is the headline; the targets and rankings use it unless a target says market-based.';
  return section({
    id: 'market',
    title,
    body: html`${await chartFigure('market', 'Location-based and market-based totals where supplier factors exist', takeaway, chart, 'Scope 2 location-based (solid) and with the supplier\'s factor for the electricity it covers (dashed); otherwise without well-to-tank and T&D losses, without staff commuting; from the first year a supplier factor applies')}
${r.series.length > withMarket.length ? html`<p class="note">${listWords(r.series.filter((s) => !withMarket.includes(s)).map((s) => name(s.org)))}: no supplier factors in the workspace config, so location-based only.</p>` : null}`,
  });
}
