/**
 * `tco2e report area`: an area's emissions from the government's local authority statistics, for
 * a committee, beside its neighbours': each authority's trajectory per resident and indexed to one
 * base year, where its emissions come from by sector, the territorial figure beside the part
 * within the scope of influence of local authorities, a ranking by cut since the base year and by
 * emissions per resident, and the edition each figure comes from with what an edition revises.
 *
 * The figures are `areaReport`'s (area/area-series.ts): authorities are never added together,
 * and rows that are not an authority never reach them. Calendar years, as the statistics give.
 */

import { ukDate } from '../../aggregate/periods.js';
import { areaReport, type AreaReport, type AreaSeries, type AreaWarning } from '../../area/area-series.js';
import { areaActuals, areaTargetProgress, type AreaTargetReport } from '../../area/area-targets.js';
import { isUkMissing, ukSeries, type UkMissing, type UkSeries } from '../../area/uk-series.js';
import type { Chart } from '../../render/chart/chart.js';
import { preloadCharts, renderChartSvg } from '../../render/chart/render-svg.js';
import { dataTable, figure, section } from '../../render/html/components.js';
import { html, type Html } from '../../render/html/escape.js';
import { formatPercent, formatQuantity, formatTco2e } from '../../render/html/format-uk.js';
import { renderPage } from '../../render/html/page.js';
import { listWords } from '../../render/source-names.js';
import type { Ledger } from '../../store/ledger.js';
import type { Preset } from '../../targets/presets.js';
import { STATUS_WORDS } from '../../targets/target-text.js';
import type { TargetProblem } from '../../targets/types.js';
import type { TargetConfig } from '../../workspace/config.js';
import { areaLinesChart, scopePanelsChart, sectorPanelsChart, targetPanelsChart } from './charts.js';
import {
  ACTUAL_NAME, noAreaTarget, PATHWAY_NAME, TARGETS_SENTENCE,
  AREA_NOT_COUNCIL, INFLUENCE_NAME, INFLUENCE_SENTENCE, KIND_WORDS, PANELS_NOTE, PER_RESIDENT_NOTE, REVISION_NOTE, STATISTICS, TERRITORIAL_NAME, TERRITORIAL_SENTENCE, UK_NAME, ukLineNote, ukMissingNote,
} from './words.js';

export interface AreaPageOptions {
  /** GSS codes, in the order the page shows them. */
  readonly codes: readonly string[];
  /** The year every index and cut is measured from; default the first year every authority holds. */
  readonly baseYear?: number;
  readonly now: Date;
  readonly toolVersion: string;
  /** The workspace config's target entries and the presets they may name; area targets among them are drawn. */
  readonly targets?: { readonly entries: readonly TargetConfig[]; readonly presets: readonly Preset[] };
}

export interface AreaRankingRow {
  readonly laCode: string;
  readonly laName: string;
  readonly edition: string;
  readonly baseTCo2e: number | null;
  readonly yearTCo2e: number | null;
  /** (year − base) ÷ base on the territorial figures: −0.11 is an 11% cut. */
  readonly change: number | null;
  readonly influenceChange: number | null;
  readonly tPerResident: number | null;
  /** 1 for the largest cut; ties share a rank. */
  readonly rankByCut: number | null;
  /** 1 for the lowest emissions per resident. */
  readonly rankByPerResident: number | null;
}

export interface AreaPageData {
  /** Territorial measures, with the sectors. */
  readonly territorial: AreaReport;
  /** The same authorities with per resident and index on the within-influence figures. */
  readonly influence: AreaReport;
  readonly baseYear: number | null;
  /** The year ranked: the latest every authority holds. */
  readonly rankYear: number | null;
  readonly ranking: readonly AreaRankingRow[];
  readonly warnings: readonly AreaWarning[];
  /** The config's area targets for the authorities shown, judged by `areaTargetProgress`. */
  readonly targets: readonly AreaTargetReport[];
  readonly targetProblems: readonly TargetProblem[];
  /** The UK's line, from the edition of the area with the latest figures, or why there is none. */
  readonly uk: UkSeries | UkMissing;
}

export async function areaHtml(ledger: Ledger, o: AreaPageOptions): Promise<{ html: string; data: AreaPageData }> {
  preloadCharts();
  const d = areaPageData(ledger, o);
  const s = d.territorial.series;
  const years = s.flatMap((x) => x.years.map((y) => y.year));
  const editions = [...new Set(s.map((x) => x.edition))];
  const body = html`${aboutSection(d)}
${await trajectorySection(d)}
${await sectorsSection(d)}
${await scopeSection(d)}
${await targetsSection(d)}
${rankingSection(d)}
${editionSection(d)}`;
  const title = s.length === 1 ? `${s[0]!.laName}: the area's greenhouse gas emissions` : `Area greenhouse gas emissions: ${String(s.length)} local authorities side by side`;
  const subtitle = `${s.map((x) => x.laName).join(' · ')}. Calendar years ${String(Math.min(...years))}–${String(Math.max(...years))}, statistics edition ${editions.join(' and ')}; generated ${ukDate(o.now)} by tco2e ${o.toolVersion}`;
  return { html: renderPage({ title, subtitle, body }), data: d };
}

/** The figures the page shows, worked out once: both measures, the base year, the ranking. */
export function areaPageData(ledger: Ledger, o: AreaPageOptions): AreaPageData {
  // The base year defaults to the first year every authority holds, so every index starts together.
  const base = o.baseYear ?? commonFirstYear(areaReport(ledger, { codes: o.codes }).series);
  const q = { codes: o.codes, ...(base === null ? {} : { baseYear: base }) };
  const territorial = areaReport(ledger, { ...q, by: 'sector' });
  const influence = areaReport(ledger, { ...q, influence: true });
  const lasts = territorial.series.map((x) => x.years.at(-1)?.year).filter((y) => y !== undefined);
  const rankYear = lasts.length === 0 ? null : Math.min(...lasts);
  const judged = o.targets === undefined ? { targets: [], problems: [] } : areaTargetProgress(territorial.series, o.targets.entries, o.targets.presets);
  // The UK from the edition with the latest figures among the areas shown (each area's own is the latest that holds it).
  const latest = [...territorial.series].sort((a, b) => (b.years.at(-1)?.year ?? 0) - (a.years.at(-1)?.year ?? 0) || b.batchId - a.batchId)[0];
  const uk = latest === undefined ? { reason: 'no area is shown' } : ukSeries(ledger, latest, base);
  return {
    territorial, influence, baseYear: base, rankYear, ranking: ranking(territorial, influence, base, rankYear), warnings: territorial.warnings,
    targets: judged.targets, targetProblems: judged.problems, uk,
  };
}

function commonFirstYear(series: readonly AreaSeries[]): number | null {
  const firsts = series.map((x) => x.years[0]?.year).filter((y) => y !== undefined);
  return firsts.length === 0 ? null : Math.max(...firsts);
}

function ranking(t: AreaReport, inf: AreaReport, base: number | null, year: number | null): AreaRankingRow[] {
  const change = (now: number | null | undefined, before: number | null | undefined): number | null =>
    now === null || now === undefined || before === null || before === undefined || before <= 0 ? null : (now - before) / before;
  const rows = t.series.map((s) => {
    const at = (y: number | null) => (y === null ? undefined : s.years.find((x) => x.year === y));
    const i = inf.series.find((x) => x.laCode === s.laCode);
    const iAt = (y: number | null) => (y === null ? undefined : i?.years.find((x) => x.year === y));
    return {
      laCode: s.laCode, laName: s.laName, edition: s.edition,
      baseTCo2e: at(base)?.territorialTCo2e ?? null, yearTCo2e: at(year)?.territorialTCo2e ?? null,
      change: change(at(year)?.territorialTCo2e, at(base)?.territorialTCo2e),
      influenceChange: change(iAt(year)?.influenceTCo2e, iAt(base)?.influenceTCo2e),
      tPerResident: at(year)?.tPerResident ?? null,
    };
  });
  // Competition ranking (1, 2, 2, 4): equal figures share a rank.
  const rank = (value: number | null, all: readonly (number | null)[]): number | null =>
    value === null ? null : 1 + all.filter((v) => v !== null && v < value).length;
  const changes = rows.map((r) => r.change);
  const perResident = rows.map((r) => r.tPerResident);
  return rows
    .map((r) => ({ ...r, rankByCut: rank(r.change, changes), rankByPerResident: rank(r.tPerResident, perResident) }))
    .sort((a, b) => (a.rankByCut ?? Infinity) - (b.rankByCut ?? Infinity) || a.laName.localeCompare(b.laName, 'en-GB'));
}

/** An authority as a panel's subtitle says it: code, edition, and CO2 only where it is. */
function subtitleOf(s: AreaSeries): string {
  return `${s.laCode}, edition ${s.edition}${s.basis === 'co2' ? ', CO2 only' : ''}`;
}

async function chartFigure(id: string, title: string, takeaway: string, chart: Chart, note: string | null): Promise<Html> {
  const { svg } = await renderChartSvg(chart.spec);
  return html`${figure({ id, title, takeaway, svg, description: chart.description, table: chart.table })}
${note === null ? null : html`<p class="note">${note}</p>`}${chart.notes.length > 0 ? html`<ul class="notes">${chart.notes.map((n) => html`<li>${n}</li>`)}</ul>` : null}`;
}

const tonnes = (t: number | null): string => (t === null ? '–' : formatTco2e(t));
const perResident = (t: number | null): string => (t === null ? '–' : formatQuantity(t, 2));
const changeWords = (c: number | null): string => (c === null ? '–' : formatPercent(c, { signed: true, decimals: 1 }));

function aboutSection(d: AreaPageData): Html {
  const rows = d.territorial.series.map((s) => {
    const last = s.years.at(-1);
    return [
      s.laName, s.laCode, KIND_WORDS[s.kind], `${s.edition}${s.basis === 'co2' ? ', CO2 only' : ''}`,
      s.years.length === 0 ? 'none' : `${String(s.years[0]!.year)}–${String(last!.year)}`,
      last?.populationThousands === null || last === undefined ? '–' : formatQuantity(last.populationThousands, 1),
      last?.areaKm2 === null || last === undefined ? '–' : formatQuantity(last.areaKm2, 1),
    ];
  });
  return section({
    id: 'about',
    title: 'What this report shows',
    body: html`<p class="lead">The greenhouse gas emissions of ${d.territorial.series.length === 1 ? 'one area' : `${String(d.territorial.series.length)} neighbouring areas`}, from ${STATISTICS}, in tonnes of CO2e by calendar year. ${AREA_NOT_COUNCIL} Each area is shown on its own figures: areas are compared per resident and against their own base year, never added together.</p>
${dataTable({ columns: [{ header: 'Authority' }, { header: 'GSS code' }, { header: 'Kind' }, { header: 'Edition' }, { header: 'Years held' }, { header: 'Residents (thousands)', numeric: true }, { header: 'Area (km²)', numeric: true }], rows })}
<p class="note">Each area is shown on two measures, territorial and within the scope of influence of local authorities, explained where they are set side by side below.</p>`,
  });
}

async function trajectorySection(d: AreaPageData): Promise<Html> {
  const s = d.territorial.series;
  const uk = isUkMissing(d.uk) ? null : d.uk;
  // The UK after the areas, in the next colour of the palette, so an area keeps its colour with or without it.
  const ukLine = (value: (y: UkSeries['years'][number]) => number | null) => (uk === null ? [] : [{
    name: UK_NAME, colour: s.length, points: uk.years.flatMap((y) => { const v = value(y); return v === null ? [] : [{ year: y.year, value: v }]; }),
  }]);
  const perResidentLines = s.map((x, i) => ({ name: x.laName, colour: i, points: x.years.flatMap((y) => (y.tPerResident === null ? [] : [{ year: y.year, value: y.tPerResident }])) }));
  const year = d.rankYear;
  const atYear = perResidentLines.map((l) => ({ name: l.name, value: l.points.find((p) => p.year === year)?.value })).filter((x): x is { name: string; value: number } => x.value !== undefined).sort((a, b) => a.value - b.value);
  const low = atYear[0];
  const high = atYear.at(-1);
  const perTakeaway = low === undefined || year === null
    ? 'No area has a population figure to divide by.'
    : atYear.length === 1
      ? `${low.name} emitted ${formatQuantity(low.value, 2)} tCO2e per resident in ${String(year)}.`
      : `In ${String(year)}, ${low.name} emitted the least per resident, ${formatQuantity(low.value, 2)} tCO2e, and ${high!.name} the most, ${formatQuantity(high!.value, 2)} tCO2e.`;
  const ukAt = uk?.years.find((y) => y.year === year);
  const perUk = ukAt?.tPerResident === null || ukAt?.tPerResident === undefined ? '' : ` The UK as a whole: ${formatQuantity(ukAt.tPerResident, 2)} tCO2e per resident.`;
  const perChart = areaLinesChart({ lines: [...perResidentLines, ...ukLine((y) => y.tPerResident)], yTitle: 'tCO₂e per resident', unit: 'tCO₂e per resident', digits: 2 });

  const indexLines = s.map((x, i) => ({ name: x.laName, colour: i, points: x.years.flatMap((y) => (y.index === null ? [] : [{ year: y.year, value: y.index }])) }));
  const base = d.baseYear;
  const latest = indexLines.flatMap((l) => { const p = l.points.at(-1); return p === undefined ? [] : [{ name: l.name, ...p }]; }).sort((a, b) => a.value - b.value);
  const indexTakeaway = latest.length === 0 || base === null
    ? 'No area holds the base year, so none is indexed.'
    : latest.length === 1
      ? `${latest[0]!.name} stood at ${formatQuantity(latest[0]!.value, 1)} in ${String(latest[0]!.year)} (${String(base)} = 100).`
      : `${latest[0]!.name} has cut furthest since ${String(base)}, to ${formatQuantity(latest[0]!.value, 1)} in ${String(latest[0]!.year)} (${String(base)} = 100); ${latest.at(-1)!.name} least, to ${formatQuantity(latest.at(-1)!.value, 1)} in ${String(latest.at(-1)!.year)}.`;
  const ukLast = uk?.years.at(-1);
  const indexUk = uk === null || uk.baseYear === null || ukLast?.index === null || ukLast?.index === undefined ? '' : ` The UK as a whole: ${formatQuantity(ukLast.index, 1)} in ${String(ukLast.year)}.`;
  const indexChart = areaLinesChart({ lines: [...indexLines, ...ukLine((y) => y.index)], yTitle: `Index (${base === null ? 'base year' : String(base)} = 100)`, unit: `index, ${base === null ? 'base year' : String(base)} = 100`, digits: 1, rule: 100 });
  return section({
    id: 'trajectory',
    title: 'Each area\'s trajectory',
    body: html`${await chartFigure('per-resident', 'Territorial emissions per resident', `${perTakeaway}${perUk}`, perChart, PER_RESIDENT_NOTE)}
${await chartFigure('indexed', `Territorial emissions indexed to ${base === null ? 'the base year' : String(base)} (= 100)`, `${indexTakeaway}${indexUk}`, indexChart, 'Each line divided by its own area\'s figure for the base year, so a fall to 85 is a 15% cut whatever the area\'s size.')}
<p class="note">${uk === null ? ukMissingNote((d.uk as UkMissing).reason) : ukLineNote(uk.edition, uk.years.at(-1)!.authorities, uk.years.at(-1)!.year)}${uk !== null && uk.partialYears.length > 0 ? ` The edition does not hold every authority in ${listWords(uk.partialYears.map(String))}, so the UK is not drawn for ${uk.partialYears.length === 1 ? 'that year' : 'those years'}.` : ''}</p>`,
  });
}

async function sectorsSection(d: AreaPageData): Promise<Html> {
  const s = d.territorial.series;
  const panels = s.map((x) => ({ name: x.laName, subtitle: subtitleOf(x), rows: x.years.flatMap((y) => y.parts.map((p) => ({ year: y.year, sector: p.sector, tCo2e: p.tCo2e }))) }));
  const largest = s.flatMap((x) => {
    const last = x.years.at(-1);
    const top = last === undefined ? undefined : [...last.parts].sort((a, b) => b.tCo2e - a.tCo2e)[0];
    return last === undefined || top === undefined || last.territorialTCo2e <= 0 ? [] : [`${x.laName}, ${top.sector} (${formatPercent(top.tCo2e / last.territorialTCo2e)} in ${String(last.year)})`];
  });
  const takeaway = largest.length === 0 ? 'No area has figures by sector.' : `The largest sector in each area's latest year: ${largest.join('; ')}.`;
  return section({
    id: 'sectors',
    title: 'Where the emissions come from',
    body: await chartFigure('sectors', 'Territorial emissions by sector, one panel per area', takeaway, sectorPanelsChart(panels), `${PANELS_NOTE} Land use, land-use change and forestry (LULUCF) can take carbon up: a net removal is drawn below zero.`),
  });
}

async function scopeSection(d: AreaPageData): Promise<Html> {
  const s = d.territorial.series;
  const panels = s.map((x) => ({
    name: x.laName, subtitle: subtitleOf(x),
    territorial: x.years.map((y) => ({ year: y.year, value: y.territorialTCo2e })),
    influence: x.years.flatMap((y) => (y.influenceTCo2e === null ? [] : [{ year: y.year, value: y.influenceTCo2e }])),
  }));
  const shares = s.flatMap((x) => {
    const last = x.years.at(-1);
    return last === undefined || last.influenceTCo2e === null || last.territorialTCo2e <= 0 ? [] : [`${x.laName} ${formatPercent(last.influenceTCo2e / last.territorialTCo2e)} in ${String(last.year)}`];
  });
  const none = s.filter((x) => x.years.every((y) => y.influenceTCo2e === null)).map((x) => x.laName);
  const takeaway = shares.length === 0 ? 'No edition held gives the emissions within the scope of influence.' : `The share of territorial emissions within the scope of influence of local authorities: ${shares.join('; ')}.`;
  return section({
    id: 'scope',
    title: 'Territorial emissions and those within the scope of influence',
    body: html`<p>${TERRITORIAL_SENTENCE}</p>
<p>${INFLUENCE_SENTENCE}</p>
${await chartFigure('scope', 'Territorial emissions and, dashed, those within the scope of influence of local authorities', takeaway, scopePanelsChart(panels, { territorial: TERRITORIAL_NAME, influence: INFLUENCE_NAME }), PANELS_NOTE)}
${none.length > 0 ? html`<p class="note">${listWords(none)}: the edition held gives no figures within the scope of influence, so only the territorial line is drawn.</p>` : null}`,
  });
}

/** The cut a progress row states, a percentage of the baseline. */
const cutWords = (pct: number | null): string => (pct === null ? '–' : formatPercent(pct / 100, { decimals: 1 }));

/** When the trend line reaches the target's level, as `areaTargetProgress` worked it out. */
function trendWords(t: AreaTargetReport): string {
  const p = t.progress;
  const j = p.projection;
  if (j === null) return p.projectionNote ?? '–';
  if (j.reachesTargetIn === null) return j.noCrossingReason ?? 'never, on the trend';
  return `${String(j.reachesTargetIn)}, ${j.reachesTargetByTargetYear ? 'in time' : `after ${String(p.target.targetYear)}`}`;
}

const measureWords = (t: AreaTargetReport): string => (t.progress.target.area?.measure === 'influence' ? 'within the scope of influence' : 'territorial');

async function targetsSection(d: AreaPageData): Promise<Html> {
  const s = d.territorial.series;
  const withTargets = d.targets.map((t) => ({ t, s: s.find((x) => x.laCode === t.laCode)! }));
  const panels = withTargets.map(({ t, s: x }) => {
    const p = t.progress;
    return {
      name: x.laName,
      subtitle: `${p.target.name}, ${measureWords(t)}`,
      actuals: areaActuals(x, p.target.area?.measure ?? 'territorial').map((a) => ({ year: a.year, value: a.tco2e })),
      // The pathway's own figures, from the baseline year to the target year.
      pathway: p.rows.filter((r) => r.year <= p.target.targetYear).map((r) => ({ year: r.year, value: r.requiredTco2e })),
    };
  });
  const said = withTargets.flatMap(({ t, s: x }) => {
    const h = t.progress.headline;
    return h === null ? [] : [`${x.laName}, ${t.progress.target.name}: ${h.status === null ? 'not judged' : STATUS_WORDS[h.status]} in ${h.label}`];
  });
  const takeaway = said.length === 0 ? 'No area target has a year of figures from its baseline year on.' : `Against the pathway in the latest year: ${said.join('; ')}.`;
  const blocks = s.map((x) => {
    const own = d.targets.filter((t) => t.laCode === x.laCode);
    if (own.length === 0) return html`<p>${noAreaTarget(x.laName)}</p>`;
    const rows = own.map((t) => {
      const h = t.progress.headline;
      return [
        t.progress.target.name, h === null ? '–' : h.label, cutWords(h?.requiredReductionPct ?? null), cutWords(h?.actualReductionPct ?? null),
        h === null || h.status === null ? 'not judged' : STATUS_WORDS[h.status], trendWords(t),
      ];
    });
    return html`<h3>${x.laName}</h3>
${dataTable({ columns: [{ header: 'Target' }, { header: 'Latest year' }, { header: 'Cut required by then' }, { header: 'Cut achieved' }, { header: 'Status' }, { header: 'Trend reaches the target level' }], rows })}`;
  });
  return section({
    id: 'targets',
    title: 'Against its targets',
    body: html`<p>${TARGETS_SENTENCE}</p>
${panels.length === 0 ? null : await chartFigure('targets-pathway', 'Each area against its targets: its emissions and, dashed, the pathway', takeaway, targetPanelsChart(panels, { actual: ACTUAL_NAME, pathway: PATHWAY_NAME }), PANELS_NOTE)}
${blocks}
${d.targetProblems.length > 0 ? html`<ul class="notes">${d.targetProblems.map((p) => html`<li>${p.message}</li>`)}</ul>` : null}`,
  });
}

function rankingSection(d: AreaPageData): Html {
  const base = d.baseYear === null ? 'the base year' : String(d.baseYear);
  const year = d.rankYear === null ? 'the latest year' : String(d.rankYear);
  const table = dataTable({
    columns: [
      { header: 'Authority' }, { header: `Change since ${base}` }, { header: 'Rank by cut', numeric: true }, { header: `tCO2e per resident, ${year}`, numeric: true }, { header: 'Rank per resident', numeric: true },
      { header: `${base} (tCO2e)`, numeric: true }, { header: `${year} (tCO2e)`, numeric: true }, { header: `Change within influence since ${base}` },
    ],
    rows: d.ranking.map((r) => [
      r.laName, changeWords(r.change), r.rankByCut === null ? '–' : String(r.rankByCut), perResident(r.tPerResident), r.rankByPerResident === null ? '–' : String(r.rankByPerResident),
      tonnes(r.baseTCo2e), tonnes(r.yearTCo2e), changeWords(r.influenceChange),
    ]),
  });
  const unranked = d.ranking.filter((r) => r.change === null).map((r) => r.laName);
  return section({
    id: 'ranking',
    title: `Ranking: the cut since ${base} and emissions per resident in ${year}`,
    body: html`<p>Ranked on territorial emissions in ${year}, the latest year every area holds: by the cut since ${base} (1 = the largest cut) and by emissions per resident (1 = the lowest). A cut is a share of the area's own ${base} figure, so a small area and a large one are ranked fairly.</p>
${table}
${unranked.length > 0 ? html`<p class="note">${listWords(unranked)}: no figure for ${base} or ${year} in the edition held, so not ranked by cut.</p>` : null}`,
  });
}

function editionSection(d: AreaPageData): Html {
  const s = d.territorial.series;
  const editions = [...new Set(s.map((x) => x.edition))];
  const rows = editions.map((e) => {
    const of = s.filter((x) => x.edition === e);
    return [e, of[0]!.basisLabel, `${of[0]!.file} (import ${String(of[0]!.batchId)})`, listWords(of.map((x) => x.laName))];
  });
  return section({
    id: 'edition',
    title: 'The edition and its revisions',
    body: html`${dataTable({ columns: [{ header: 'Edition' }, { header: 'Gases' }, { header: 'File' }, { header: 'Figures for' }], rows })}
<p>${REVISION_NOTE}</p>
${editions.length > 1 ? html`<p class="note">The areas' figures come from ${String(editions.length)} editions (${editions.join(', ')}), each the latest held for its area: set side by side they are not on quite one basis. Import the latest edition, which holds every area, to compare them on one.</p>` : null}
${d.warnings.length > 0 ? html`<ul class="notes">${d.warnings.map((w) => html`<li>${w.message}</li>`)}</ul>` : null}`,
  });
}
