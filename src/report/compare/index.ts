/**
 * `tco2e report compare`: councils and trusts side by side, fairly: trajectories indexed to each
 * one's own baseline, absolute and per denominator figures, who is on track for what, and the
 * comparability caveats beside the figures they affect.
 */

import type { AnalysisContext } from '../../aggregate/footprint.js';
import { DENOMINATOR_LABELS } from '../../aggregate/intensity.js';
import { indexedLinesChart } from '../../render/chart/kinds/indexed-lines.js';
import { renderChartSvg } from '../../render/chart/render-svg.js';
import { dataTable, figure, noDataSection, section } from '../../render/html/components.js';
import { html } from '../../render/html/escape.js';
import { formatQuantity, formatTco2e, fyLabel } from '../../render/html/format-uk.js';
import { renderPage } from '../../render/html/page.js';
import { statusHeading } from '../../targets/target-text.js';
import { compareReport, type CompareReport } from '../../targets/compare-orgs.js';
import { ukDate } from '../../aggregate/periods.js';


export interface CompareOptions {
  readonly orgs: readonly string[];
  /** Only years up to this financial year (`2024/25`). */
  readonly period?: string;
  readonly now: Date;
  readonly toolVersion: string;
}

const fyStart = (label: string): number => Number(label.slice(0, 4));

export async function compareHtml(ctx: AnalysisContext, o: CompareOptions): Promise<{ html: string; data: CompareReport }> {
  const r = compareReport(ctx, { orgs: o.orgs });
  const last = o.period === undefined ? Infinity : fyStart(o.period);
  const name = (id: string): string => ctx.config.organisations.find((x) => x.id === id)?.name ?? id;
  const series = [
    ...r.series.map((s) => ({ name: name(s.org), baseline: s.baselineYear, points: s.points.filter((p) => fyStart(p.year) <= last).map((p) => ({ fyStart: fyStart(p.year), tco2e: p.kgCo2e / 1000 })) })),
    ...r.rollups.map((x) => ({ name: `${name(x.ics)} (sum of members)`, baseline: x.baselineYear, points: x.points.filter((p) => p.kgCo2e !== null && fyStart(p.year) <= last).map((p) => ({ fyStart: fyStart(p.year), tco2e: p.kgCo2e! / 1000 })) })),
  ].filter((s) => s.baseline !== null);
  const chart = indexedLinesChart({ series: series.map((s) => ({ name: s.name, baselineFyStart: fyStart(s.baseline!), points: s.points })) });
  const latest = series.map((s) => {
    const base = s.points.find((p) => p.fyStart === fyStart(s.baseline!));
    const end = s.points[s.points.length - 1];
    return { name: s.name, index: base && end && base.tco2e > 0 ? (end.tco2e / base.tco2e) * 100 : null, year: end?.fyStart ?? null };
  }).filter((x) => x.index !== null).sort((a, b) => a.index! - b.index!);
  const best = latest[0];
  const takeaway = best === undefined ? 'No organisation has a baseline to index against.' : `${best.name} has cut furthest against its own baseline: ${formatQuantity(best.index!, 0)} in ${fyLabel(best.year!)} (baseline = 100).`;
  const { svg } = await renderChartSvg(chart.spec);

  const years = [...new Set(r.series.flatMap((s) => s.points.map((p) => fyStart(p.year))))].filter((y) => y <= last).sort((a, b) => a - b);
  const recent = years.slice(-3);
  const absolute = dataTable({
    columns: [{ header: 'Organisation' }, ...recent.map((y) => ({ header: `${fyLabel(y)} tCO2e`, numeric: true })), { header: `Per m², ${fyLabel(recent[recent.length - 1] ?? 0)}`, numeric: true }, { header: 'Per WTE', numeric: true }, { header: 'Caveats' }],
    rows: r.series.map((s) => {
      const at = (y: number) => s.points.find((p) => fyStart(p.year) === y);
      const p = at(recent[recent.length - 1] ?? 0);
      const per = (metric: string): string => {
        const f = p?.figures.find((x) => x.metric === metric);
        return f?.kgCo2ePerUnit === null || f === undefined ? '–' : `${formatQuantity(f.kgCo2ePerUnit, 1)} kg`;
      };
      const caveats = [...new Set(s.points.filter((x) => recent.includes(fyStart(x.year))).flatMap((x) => x.flags.map((f) => f.detail)))];
      return [name(s.org), ...recent.map((y) => { const q = at(y); return q ? formatTco2e(q.kgCo2e / 1000) : '–'; }), per('floorAreaM2'), per('staffWte'), caveats.join('; ') || 'none'];
    }),
  });
  const standings = r.standings.length === 0 ? html`<p>No targets are set for these organisations.</p>` : dataTable({
    columns: [{ header: 'Organisation' }, { header: 'Target' }, { header: 'Year judged' }, { header: 'Status' }, { header: 'Gap (points of baseline)', numeric: true }],
    rows: r.standings.map((s) => [name(s.org), s.name, s.year ?? '–', s.status === null ? 'Not judged' : statusHeading(s.status), s.gapPctPoints === null ? '–' : formatQuantity(s.gapPctPoints, 1)]),
  });
  const rollupNotes = r.rollups.flatMap((x) => [x.baselineNote, ...x.points.filter((p) => p.membersMissing.length > 0).map((p) => `${name(x.ics)} ${p.year}: not summed, ${p.membersMissing.map(name).join(', ')} has no data.`)]).filter((n): n is string => n !== null);
  const body = html`${section({
    id: 'trajectories',
    title: 'Trajectories against each one\'s own baseline',
    body: html`${series.length === 0 ? html`<p>No organisation has emissions to compare.</p>` : figure({ id: 'indexed', title: 'Emissions indexed to each organisation\'s baseline (= 100)', takeaway, svg, description: chart.description, table: chart.table })}
<p class="note">Location-based Scope 1, 2 and 3 without well-to-tank and T&amp;D losses, and without staff commuting, which starts with each organisation's first travel survey. Baselines: ${r.series.map((s) => `${name(s.org)} ${s.baselineYear ?? 'none'}`).join('; ')}.</p>
${rollupNotes.length > 0 ? html`<ul class="notes">${rollupNotes.map((n) => html`<li>${n}</li>`)}</ul>` : null}`,
  })}
${section({ id: 'absolute', title: 'Absolute and per denominator', body: html`${absolute}<p class="note">Denominators (${Object.values(DENOMINATOR_LABELS).join(', ')}) come from the workspace config. A caveat means the figure is not comparable as it stands.</p>` })}
${r.standings.length === 0 ? noDataSection('Who is on track for what', 'No targets are set for these organisations.') : section({ id: 'standings', title: 'Who is on track for what', body: standings })}`;
  return {
    html: renderPage({ title: `Comparing ${String(o.orgs.length)} organisations' emissions`, subtitle: `${o.orgs.map(name).join(' · ')}. Trajectories${o.period ? ` to ${o.period}` : ''}; generated ${ukDate(o.now)} by tco2e ${o.toolVersion}`, body }),
    data: r,
  };
}
