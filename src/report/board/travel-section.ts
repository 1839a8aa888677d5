/**
 * The board report's travel section: staff travel to work (mode share, commuting), business
 * travel and grey fleet, journeys avoided, patients' and visitors' travel (NHS Carbon Footprint
 * Plus), and the private-car share of journeys to each site against its targets.
 */

import { modeShareChart } from '../../render/chart/kinds/mode-share.js';
import { dataTable, noDataSection, section } from '../../render/html/components.js';
import { html, type Html } from '../../render/html/escape.js';
import { formatPercent, formatQuantity, formatTco2e } from '../../render/html/format-uk.js';
import { STATUS_WORDS } from '../../targets/target-text.js';
import type { TravelWithTargets } from '../../targets/car-share-targets.js';
import type { BoardData } from './data.js';
import { chartFigure, heading } from './sections.js';

export async function travelSection(d: BoardData): Promise<Html> {
  const parts: Html[] = [];
  for (const [i, t] of d.travel.entries()) {
    const own = await travelParts(d, t, i, d.travel.length > 1);
    if (own.length > 0 && d.travel.length > 1) parts.push(html`<h3>${t.org}</h3>`);
    parts.push(...own);
  }
  if (parts.length === 0) return noDataSection('Travel', `No travel surveys, business travel, patient contacts or avoided journeys are held for ${d.period}.`);
  return section({ id: 'travel', title: 'Travel', body: html`${parts}` });
}

async function travelParts(d: BoardData, t: TravelWithTargets, i: number, many: boolean): Promise<Html[]> {
  const parts: Html[] = [];
  const h = many ? 'h4' : 'h3';
  const waves = t.modeShare.waves;
  if (waves.length > 0) {
    const latest = waves[waves.length - 1]!;
    const rows = [...latest.sites, latest.overall].flatMap((s) => s.modes.map((m) => ({ group: s.site ?? 'All sites', mode: m.mode.replace(/_/g, ' '), journeys: m.journeysPerWeek })));
    const car = latest.overall.privateCarJourneysPct;
    const changes = t.modeShare.changes;
    const overallChange = changes.find((c) => c.site === null);
    const takeaway = car === null ? `Mode share from the ${latest.wave} survey.` : `In the ${latest.wave} survey ${formatPercent(car / 100)} of journeys to work were made driving a car (alone, or driving a car share)${overallChange ? `, ${overallChange.changePp <= 0 ? 'down' : 'up'} ${formatQuantity(Math.abs(overallChange.changePp), 1)} points on ${overallChange.from}` : ''}.`;
    // Where the surveys name configured sites, the chart of each site below shows staff beside
    // patients and visitors; this one, of staff alone, is drawn only where it does not.
    if (t.siteShares.length > 0) parts.push(html`<p>${takeaway}</p>`);
    else parts.push(await chartFigure(`mode-share-${String(i + 1)}`, `How staff travel to work (${latest.wave} survey, share of journeys)`, takeaway, modeShareChart({ rows })));
    const carRows = changes.map((c) => [c.site ?? 'All sites', `${c.from} → ${c.to}`, formatPercent(c.fromPct / 100), formatPercent(c.toPct / 100), `${c.changePp > 0 ? '+' : ''}${formatQuantity(c.changePp, 1)}`]);
    // Journeys to each site (staff, patients and visitors) and the targets for them come first;
    // there, each site's change in staff car drivers between surveys is a column of its table.
    parts.push(...await siteShareParts(t, i, h));
    if (carRows.length > 0 && t.siteShares.length === 0) parts.push(html`${heading(h, `Car-driver share of journeys to work between surveys`)}${dataTable({ columns: [{ header: 'Site' }, { header: 'Surveys' }, { header: 'Before', numeric: true }, { header: 'After', numeric: true }, { header: 'Change (points)', numeric: true }], rows: carRows })}`);
  }
  const c = t.commuting;
  if (c.waves.length > 0) {
    parts.push(html`${heading(h, `Commuting emissions, ${d.period}`)}<p>${formatTco2e(c.kgCo2e / 1000)} tCO2e, estimated from ${c.waves.map((w) => `the ${w.wave} survey (${formatQuantity(w.respondents, 0)} respondents${w.scaling.responseRatePct === null ? ', not scaled: no headcount' : `, a ${formatPercent(w.scaling.responseRatePct / 100)} response rate, scaled to a headcount of ${formatQuantity(w.scaling.headcount ?? 0, 0)}`})`).join(' and ')}, at ${formatQuantity(t.workingWeeks, 0)} working weeks a year.</p>`);
  }
  const bt = t.businessTravel;
  if (bt.modes.length > 0) {
    parts.push(html`${heading(h, `Business travel and grey fleet, ${d.period}`)}${dataTable({
      columns: [{ header: 'Mode' }, { header: 'Claims', numeric: true }, { header: 'km', numeric: true }, { header: 'tCO2e', numeric: true }],
      rows: bt.modes.map((m) => [`${m.mode}${m.greyFleet ? ' (grey fleet)' : ''}`, formatQuantity(m.lines, 0), formatQuantity(m.km, 0), formatTco2e(m.kgCo2e / 1000)]),
    })}${bt.moneyDerived.lines > 0 ? html`<p class="note">${formatQuantity(bt.moneyDerived.lines, 0)} claims gave only an amount of money; their miles were derived at the approved mileage rate.</p>` : null}`);
  }
  const av = t.avoided;
  if (av.entries.length > 0) {
    parts.push(html`${heading(h, `Journeys avoided`)}<p>${av.entries.map((e) => `${e.description}: ${formatQuantity(e.appointments, 0)} appointments, about ${formatTco2e(e.kgCo2e / 1000)} tCO2e avoided (${e.source})`).join('; ')}. Avoided emissions are reported beside the footprint and never subtracted from it.</p>`);
  }
  if (waves.length === 0) parts.push(...await siteShareParts(t, i, h));
  parts.push(...patientParts(d, t, h));
  return parts;
}

const PATIENT_METHOD: Readonly<Record<'survey' | 'default', string>> = { survey: 'from the patient and visitor survey', default: 'by the default method' };

/** Patients' and visitors' travel: in the NHS Carbon Footprint Plus, not the NHS Carbon Footprint. */
function patientParts(d: BoardData, t: TravelWithTargets, h: 'h3' | 'h4'): Html[] {
  const years = t.patientTravel.years.filter((y) => y.method !== 'none');
  if (years.length === 0) {
    return t.orgKind === 'nhs-trust' ? [html`<p class="note">Patients' and visitors' travel (in the NHS Carbon Footprint Plus) is not counted for ${t.org}: the config gives no patient contacts to scale a survey or the default method to (travel.patientActivity, or denominators.patientContacts).</p>`] : [];
  }
  const said = years.map((y) => y.method === 'survey'
    ? `${y.year}: ${formatTco2e(y.kgCo2e / 1000)} tCO2e ${PATIENT_METHOD.survey} (${y.wave ?? ''}${y.carriedFrom === null ? '' : `, carried forward from ${y.carriedFrom}`}), ${formatQuantity(y.journeys, 0)} journeys scaled to ${formatQuantity(y.contacts ?? 0, 0)} patient contacts`
    : `${y.year}: ${formatTco2e(y.kgCo2e / 1000)} tCO2e ${PATIENT_METHOD.default}, ${formatQuantity(y.contacts ?? 0, 0)} patient contacts × ${formatQuantity(y.contacts === null || y.contacts === 0 ? 0 : y.journeys / y.contacts, 1)} journeys by average car, a tier 3 estimate`);
  return [html`${heading(h, `Patient and visitor travel, ${d.period}`)}<p>${said.join('; ')}. In the NHS Carbon Footprint Plus only (Scope 3 category 9).</p>`];
}

/** A site's share of staff journeys driven (alone or driving a car share) at its last two surveys, and the change. */
function driverChange(t: TravelWithTargets, site: string): string {
  const c = t.modeShare.changes.filter((x) => x.site === site).at(-1);
  return c === undefined ? '–' : `${formatPercent(c.fromPct / 100)} → ${formatPercent(c.toPct / 100)} (${c.changePp > 0 ? '+' : ''}${formatQuantity(c.changePp, 1)} points, ${c.from} to ${c.to})`;
}

const shareWords = (e: { pct: number; lowPct: number; highPct: number; respondents: number } | null): string =>
  (e === null ? '–' : `${formatPercent(e.pct / 100)} (${formatQuantity(e.lowPct, 0)}–${formatQuantity(e.highPct, 0)}%; ${formatQuantity(e.respondents, 0)})`);

/** Journeys to each site by mode, the private-car share against its target, avoided journeys beside them. */
async function siteShareParts(t: TravelWithTargets, i: number, h: 'h3' | 'h4'): Promise<Html[]> {
  if (t.siteShares.length === 0) return [];
  const parts: Html[] = [];
  // Each site's latest surveyed year.
  const latest = [...new Map(t.siteShares.map((s) => [s.siteId, s])).values()];
  const rows = latest.flatMap((s) => s.byMode.map((m) => ({ group: `${s.site} – ${m.who === 'staff' ? 'staff' : 'patients and visitors'}`, mode: m.mode.replace(/_/g, ' '), journeys: m.journeys })));
  const years = [...new Set(latest.map((s) => s.year))];
  const highest = [...latest].filter((s) => s.all !== null || s.patientsVisitors !== null).sort((a, b) => ((b.all ?? b.patientsVisitors)!.pct - (a.all ?? a.patientsVisitors)!.pct))[0];
  const takeaway = highest === undefined ? 'Journeys to each site by mode, from the surveys.' : `${highest.site} has the highest private-car share: ${formatPercent((highest.all ?? highest.patientsVisitors)!.pct / 100)} of ${highest.all === null ? 'patients\' and visitors\'' : 'all'} journeys in ${highest.year}.`;
  if (rows.length > 0) parts.push(await chartFigure(`site-modes-${String(i + 1)}`, `How staff, patients and visitors travel to each site (${years.join(' and ')} surveys, share of journeys)`, takeaway, modeShareChart({ rows, labelBreak: ' – ' })));
  parts.push(html`${heading(h, `Private-car share of journeys to each site, ${years.join(' and ')}`)}${dataTable({
    columns: [{ header: 'Site' }, { header: 'Staff' }, { header: 'Patients and visitors' }, { header: 'All journeys' }, { header: 'Without digital appointments' }, { header: 'Staff car drivers between surveys' }],
    // Each site's latest surveyed year; `tco2e travel` gives every year.
    rows: latest.map((s) => [`${s.site}${years.length > 1 ? ` (${s.year})` : ''}`, shareWords(s.staff), shareWords(s.patientsVisitors), s.all === null ? (s.staff === null || s.patientsVisitors === null ? '–' : `– ${s.allMissing ?? ''}`) : shareWords(s.all),
      s.avoidedJourneys === 0 ? '–' : formatPercent((s.allWithoutAvoidedPct ?? s.patientsVisitorsWithoutAvoidedPct ?? 0) / 100), driverChange(t, s.site)]),
  })}<p class="note">Private car: driving alone, a car share or lift (driver or passenger), a taxi. All journeys: the two groups weighed by their journeys to the site. In brackets: the 95% interval and the number of answers. Without digital appointments: had the visits they replaced been made. Staff car drivers: journeys driven, alone or sharing, the headline of the staff survey.</p>`);
  for (const tg of t.carShareTargets) {
    const hl = tg.headline;
    const judged = hl === null || hl.actual === null || tg.baselinePct === null ? 'no year measured to judge.'
      : `${hl.year} ${shareWords(hl.actual)} against ${formatPercent(hl.requiredPct / 100)} on the pathway from ${formatPercent(tg.baselinePct / 100)} in ${tg.baselineYear}${tg.baselineFrom === 'config' ? ' (the config\'s)' : ''}: ${hl.status === null ? 'not judged' : STATUS_WORDS[hl.status]}${hl.status !== 'on-track' && hl.intervalMeetsPathway === true ? ' (its interval reaches the pathway: sampling could explain the gap)' : ''}${tg.trendReaches === null ? '' : `; on its trend, ${formatPercent(tg.targetPct / 100)} in ${tg.trendReaches}`}.`;
    parts.push(html`<p>${tg.name}: ${judged}</p>`);
  }
  return parts;
}
