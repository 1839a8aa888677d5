/**
 * `tco2e travel` as terminal text and as CSV: commuting per survey wave with its response rate,
 * scaling and working-weeks assumption; mode shares by journeys; the private-car headline
 * between waves; business travel and grey fleet by mode with the miles worked out from money
 * flagged; journeys avoided, beside the footprint. Rounding happens here and only here.
 */

import { COMMUTE_MODES } from '../../map/survey.js';
import type { TravelWithTargets } from '../../targets/car-share-targets.js';
import type { ModeShare, TravelReport, WaveModeShare } from '../../travel/types.js';
import { toCsv } from '../../kernel/csv-cell.js';
import { formatNumber, renderTable } from '../../kernel/format.js';
import { travelMsg } from '../../travel/travel-text.js';
import { tonnes } from './tonnes.js';

const t = tonnes;

/** A travel report, with its private-car share targets judged where the caller judged them. */
type TravelShown = TravelReport & Partial<Pick<TravelWithTargets, 'carShareTargets'>>;
const pct = (n: number | null): string => (n === null ? '–' : `${formatNumber(n, 1)}%`);
const pp = (n: number): string => `${n > 0 ? '+' : ''}${formatNumber(n, 1)} pp`;
const modeName = (m: string): string => m.replace(/_/g, ' ');
/** The overall row of a wave has no site. */
export const ALL_SITES = '(all sites)';
const siteName = (s: string | null): string => s ?? ALL_SITES;

/** The sentence that must accompany avoided emissions wherever they are shown. */
export const AVOIDED_NOT_SUBTRACTED = 'Avoided emissions are reported beside the footprint and are not subtracted from it.';

function scalingText(r: TravelReport['commuting']['waves'][number]): string {
  const s = r.scaling;
  if (s.basis === 'respondents_only') return 'not scaled (no headcount for the year): respondents only';
  return `scaled to a headcount of ${formatNumber(s.headcount ?? 0)}${s.unscaledRespondents > 0 ? `; ${s.unscaledRespondents} counted as themselves` : ''}`;
}

function commutingLines(r: TravelReport): string[] {
  const c = r.commuting;
  const lines = [
    `Staff commuting (Scope 3 category 7): one-way distance × 2 × days on site a week × ${formatNumber(r.workingWeeks)} working weeks a year (the config's travel.workingWeeks), scaled from respondents to headcount.`,
  ];
  if (c.waves.length === 0) return [...lines, '  No survey wave falls in the period: no commuting figure.'];
  lines.push(renderTable(c.waves, [
    { header: 'wave', value: (w) => w.wave },
    { header: 'year', value: (w) => w.financialYear },
    { header: 'respondents', value: (w) => formatNumber(w.respondents), align: 'right' },
    { header: 'usable', value: (w) => formatNumber(w.usableRespondents), align: 'right' },
    { header: 'response rate', value: (w) => pct(w.scaling.responseRatePct), align: 'right' },
    { header: 'scaling', value: scalingText },
    { header: 'share of year', value: (w) => pct(w.share * 100), align: 'right' },
    { header: 'tCO2e', value: (w) => t(w.kgCo2e), align: 'right' },
    { header: 'WTT, T&D tCO2e', value: (w) => t(w.wttKgCo2e + w.tdKgCo2e), align: 'right' },
  ]));
  for (const w of c.waves) {
    lines.push(`  ${w.wave} by mode: ${w.modes.filter((m) => m.kgCo2e !== 0).map((m) => `${modeName(m.mode)} ${t(m.kgCo2e)} t (${formatNumber(m.scaledKm, 0)} km)`).join(', ') || 'no emitting modes'}.`);
  }
  lines.push(`  Commuting total: ${t(c.kgCo2e)} tCO2e; well-to-tank and T&D losses ${t(c.wttKgCo2e + c.tdKgCo2e)} tCO2e beside it.`);
  return lines;
}

function shareTable(w: WaveModeShare): string {
  const rows: ModeShare[] = [...w.sites, w.overall];
  const modes = COMMUTE_MODES.filter((m) => rows.some((s) => s.modes.some((x) => x.mode === m)));
  return renderTable(rows, [
    { header: 'site', value: (s) => siteName(s.site) },
    { header: 'respondents', value: (s) => formatNumber(s.respondents), align: 'right' },
    { header: 'journeys/wk', value: (s) => formatNumber(s.journeysPerWeek, 1), align: 'right' },
    ...modes.map((m) => ({ header: modeName(m), value: (s: ModeShare) => pct(s.modes.find((x) => x.mode === m)?.journeysPct ?? 0), align: 'right' as const })),
    { header: 'car driver', value: (s) => pct(s.privateCarJourneysPct), align: 'right' },
  ]);
}

function modeShareLines(r: TravelReport): string[] {
  const m = r.modeShare;
  if (m.waves.length === 0) return ['Mode share: no survey wave up to the end of the period.'];
  const lines: string[] = [];
  for (const w of m.waves) lines.push(`Mode share by journeys, wave "${w.wave}"${w.financialYear === null ? ' (undated)' : ` (${w.financialYear})`}:`, shareTable(w), '');
  if (m.changes.length === 0) lines.push('Car-driver share of journeys: one dated wave only, nothing to compare.');
  else {
    lines.push('Car-driver share of journeys to work (drive alone and car-share drivers) between waves:', renderTable(m.changes, [
      { header: 'site', value: (c) => siteName(c.site) },
      { header: 'from', value: (c) => c.from },
      { header: 'to', value: (c) => c.to },
      { header: 'was', value: (c) => pct(c.fromPct), align: 'right' },
      { header: 'now', value: (c) => pct(c.toPct), align: 'right' },
      { header: 'change', value: (c) => pp(c.changePp), align: 'right' },
      { header: 'single occupancy change', value: (c) => pp(c.singleOccupancyChangePp), align: 'right' },
    ]));
  }
  return lines;
}

function businessLines(r: TravelReport): string[] {
  const b = r.businessTravel;
  if (b.lines === 0) return ['Business travel and grey fleet: no claims or journeys in the period.'];
  return [
    'Business travel and grey fleet (Scope 3 category 6), by mode:',
    renderTable(b.modes, [
      { header: 'mode', value: (m) => m.mode },
      { header: 'grey fleet', value: (m) => (m.greyFleet ? 'yes' : '') },
      { header: 'lines', value: (m) => formatNumber(m.lines), align: 'right' },
      { header: 'km', value: (m) => formatNumber(m.km, 0), align: 'right' },
      { header: 'tCO2e', value: (m) => t(m.kgCo2e), align: 'right' },
      { header: 'WTT, T&D tCO2e', value: (m) => t(m.wttKgCo2e + m.tdKgCo2e), align: 'right' },
      { header: 'miles from money (lines)', value: (m) => formatNumber(m.moneyDerivedLines), align: 'right' },
    ]),
    ...b.modes.filter((m) => m.electricity !== null).map((m) => `  ${travelMsg.electricPart(m.mode, m.lines, m.electricity!.lines, formatNumber(m.electricity!.km, 0), t(m.electricity!.kgCo2e))}`),
    `  Total: ${formatNumber(b.lines)} lines, ${formatNumber(b.km, 0)} km, ${t(b.kgCo2e)} tCO2e; grey fleet ${formatNumber(b.greyFleet.lines)} lines, ${formatNumber(b.greyFleet.km, 0)} km, ${t(b.greyFleet.kgCo2e)} tCO2e.`,
    `  Miles worked out from the amount claimed (not a recorded distance): ${formatNumber(b.moneyDerived.lines)} of ${formatNumber(b.lines)} lines (${pct(b.moneyDerived.sharePct)}), ${formatNumber(b.moneyDerived.km, 0)} km (${pct(b.moneyDerived.kmSharePct)} of km).`,
  ];
}

function avoidedLines(r: TravelReport): string[] {
  const a = r.avoided;
  if (a.entries.length === 0) return ['Journeys avoided: none declared for the period.'];
  return [
    'Journeys avoided (e.g. by digital appointments):',
    renderTable(a.entries, [
      { header: 'year', value: (e) => e.year },
      { header: 'what', value: (e) => e.description },
      { header: 'appointments', value: (e) => formatNumber(e.appointments), align: 'right' },
      { header: 'km', value: (e) => formatNumber(e.km, 0), align: 'right' },
      { header: 'tCO2e avoided', value: (e) => t(e.kgCo2e), align: 'right' },
      { header: 'source', value: (e) => e.source },
    ]),
    `  Total avoided: ${t(a.kgCo2e)} tCO2e (well-to-tank ${t(a.wttKgCo2e)} tCO2e beside it). ${AVOIDED_NOT_SUBTRACTED}`,
  ];
}

const METHOD_WORDS = { survey: 'survey', default: 'default method (tier 3)', none: 'not counted' } as const;

function patientLines(r: TravelReport): string[] {
  const p = r.patientTravel;
  if (p.years.every((y) => y.method === 'none')) return ['Patient and visitor travel: no patient contacts in the config for the period, so none is counted.'];
  return [
    'Patient and visitor travel (Scope 3 category 9; in the NHS Carbon Footprint Plus, not the NHS Carbon Footprint):',
    renderTable(p.years, [
      { header: 'year', value: (y) => y.year },
      { header: 'method', value: (y) => `${METHOD_WORDS[y.method]}${y.wave === null || y.method !== 'survey' ? '' : `: ${y.wave}${y.carriedFrom === null ? '' : ` (carried forward from ${y.carriedFrom})`}`}` },
      { header: 'patient contacts', value: (y) => (y.contacts === null ? '–' : formatNumber(y.contacts, 0)), align: 'right' },
      { header: 'journeys', value: (y) => formatNumber(y.journeys, 0), align: 'right' },
      { header: 'km', value: (y) => formatNumber(y.km, 0), align: 'right' },
      { header: 'tCO2e', value: (y) => t(y.kgCo2e), align: 'right' },
      { header: 'WTT tCO2e', value: (y) => t(y.wttKgCo2e), align: 'right' },
    ]),
    ...p.years.filter((y) => y.method === 'survey').map((y) => `  ${y.year} by mode: ${y.modes.map((m) => `${modeName(m.mode)} ${formatNumber(m.journeys, 0)} journeys, ${t(m.kgCo2e)} t`).join('; ')}.`),
    `  Total: ${t(p.kgCo2e)} tCO2e; well-to-tank ${t(p.wttKgCo2e)} tCO2e beside it.`,
  ];
}

const interval = (e: { pct: number; lowPct: number; highPct: number; respondents: number } | null): string =>
  (e === null ? '–' : `${formatNumber(e.pct, 1)}% (${formatNumber(e.lowPct, 0)}–${formatNumber(e.highPct, 0)}%, n=${formatNumber(e.respondents)})`);

function siteShareLines(r: TravelShown): string[] {
  if (r.siteShares.length === 0) return ['Private-car share of journeys to each site: no survey names a configured site.'];
  const lines = [
    'Private-car share of journeys to each site (car driver alone, car passenger or share, taxi; 95% interval and respondents):',
    renderTable(r.siteShares, [
      { header: 'site', value: (s) => s.site },
      { header: 'year', value: (s) => s.year },
      { header: 'staff', value: (s) => interval(s.staff) },
      { header: 'patients and visitors', value: (s) => interval(s.patientsVisitors) },
      { header: 'all journeys', value: (s) => interval(s.all) },
      { header: 'without digital appointments', value: (s) => (s.avoidedJourneys === 0 ? '' : pct(s.allWithoutAvoidedPct ?? s.patientsVisitorsWithoutAvoidedPct)), align: 'right' },
    ]),
  ];
  for (const s of r.siteShares) {
    if (s.all === null && s.allMissing !== null && s.staff !== null && s.patientsVisitors !== null) lines.push(`  ${s.site}, ${s.year}: no share of all journeys: ${s.allMissing}.`);
    if (s.avoidedJourneys > 0) lines.push(`  ${s.site}, ${s.year}: ${formatNumber(s.avoidedJourneys, 0)} journeys avoided by digital appointments; had they been made, the share would be ${pct(s.allWithoutAvoidedPct ?? s.patientsVisitorsWithoutAvoidedPct)}.`);
  }
  for (const tg of r.carShareTargets ?? []) {
    const h = tg.headline;
    lines.push(`  Target ${tg.name}: baseline ${tg.baselinePct === null ? '–' : `${formatNumber(tg.baselinePct, 1)}%`} in ${tg.baselineYear}${tg.baselineFrom === 'config' ? ' (from the config)' : ''}; `
      + (h === null || h.actual === null ? 'no year measured since.' : `${h.year} ${interval(h.actual)} against ${formatNumber(h.requiredPct, 1)}% on the pathway: ${h.status === null ? 'not judged' : h.status.replace('-', ' ')}${h.status !== 'on-track' && h.intervalMeetsPathway === true ? ' (its interval reaches the pathway)' : ''}; trend ${tg.trendPpPerYear === null ? 'needs two surveys' : `${pp(tg.trendPpPerYear)} a year, ${tg.trendReaches === null ? 'not reaching the target' : `reaching ${formatNumber(tg.targetPct, 0)}% in ${tg.trendReaches}`}`}.`));
    for (const problem of tg.problems) lines.push(`    ${problem}`);
  }
  return lines;
}

export function travelText(r: TravelShown): string {
  const lines = [
    `${r.org}: travel ${r.period.start} to ${r.period.end} (factor policy ${r.policy}), tCO2e`,
    travelMsg.boundary,
    '',
    ...commutingLines(r), '',
    ...modeShareLines(r), '',
    ...businessLines(r), '',
    ...avoidedLines(r), '',
    ...patientLines(r), '',
    ...siteShareLines(r),
  ];
  if (r.warnings.length > 0) {
    lines.push('', 'Warnings:');
    for (const w of r.warnings.slice(0, 15)) lines.push(`  ${w.message}`);
    if (r.warnings.length > 15) lines.push(`  … and ${r.warnings.length - 15} more (see --format json)`);
  }
  return lines.join('\n');
}

type Cell = string | number | null;
const HEADER = [
  'section', 'wave', 'financial_year', 'site', 'mode', 'respondents', 'usable_respondents', 'response_rate_pct', 'scaling_basis', 'headcount', 'working_weeks',
  'journeys_per_week', 'journeys_pct', 'private_car_journeys_pct', 'single_occupancy_journeys_pct', 'from_wave', 'change_pp', 'single_occupancy_change_pp',
  'grey_fleet', 'lines', 'km', 'tco2e', 'wtt_tco2e', 'money_derived_lines', 'money_derived_km',
  'method', 'patient_contacts', 'journeys', 'share_low_pct', 'share_high_pct', 'effective_n', 'required_pct', 'status', 'note',
] as const;
type Field = (typeof HEADER)[number];

/** One CSV row from the fields it has; the rest are left empty. */
function row(fields: Partial<Record<Field, Cell>>): Cell[] {
  return HEADER.map((h) => fields[h] ?? null);
}

/**
 * One long table, a `section` column saying what each row is (commuting, commuting_mode,
 * mode_share, private_car, private_car_change, business_travel, business_travel_total, avoided,
 * patient_travel, patient_travel_mode, site_private_car_staff / _patients_visitors / _all,
 * private_car_target, warning), so it filters cleanly in Excel.
 */
export function travelCsv(r: TravelShown): string {
  const rows: Cell[][] = [];
  for (const w of r.commuting.waves) {
    rows.push(row({
      section: 'commuting', wave: w.wave, financial_year: w.financialYear, respondents: w.respondents, usable_respondents: w.usableRespondents,
      response_rate_pct: w.scaling.responseRatePct, scaling_basis: w.scaling.basis, headcount: w.scaling.headcount, working_weeks: r.workingWeeks,
      km: w.modes.reduce((s, m) => s + m.scaledKm, 0), tco2e: w.kgCo2e / 1000, wtt_tco2e: w.wttKgCo2e / 1000, note: `share of the year in the period ${w.share}`,
    }));
    for (const m of w.modes) {
      rows.push(row({ section: 'commuting_mode', wave: w.wave, financial_year: w.financialYear, mode: m.mode, respondents: m.respondents, working_weeks: r.workingWeeks, km: m.scaledKm, tco2e: m.kgCo2e / 1000, wtt_tco2e: m.wttKgCo2e / 1000, note: m.factorKeys.join(' ') }));
    }
  }
  for (const w of r.modeShare.waves) {
    for (const s of [...w.sites, w.overall]) {
      for (const m of s.modes) {
        rows.push(row({ section: 'mode_share', wave: w.wave, financial_year: w.financialYear, site: siteName(s.site), mode: m.mode, respondents: m.respondents, journeys_per_week: m.journeysPerWeek, journeys_pct: m.journeysPct }));
      }
      rows.push(row({ section: 'private_car', wave: w.wave, financial_year: w.financialYear, site: siteName(s.site), respondents: s.respondents, journeys_per_week: s.journeysPerWeek, private_car_journeys_pct: s.privateCarJourneysPct, single_occupancy_journeys_pct: s.singleOccupancyJourneysPct }));
    }
  }
  for (const c of r.modeShare.changes) {
    rows.push(row({ section: 'private_car_change', wave: c.to, site: siteName(c.site), from_wave: c.from, private_car_journeys_pct: c.toPct, single_occupancy_journeys_pct: c.singleOccupancyToPct, change_pp: c.changePp, single_occupancy_change_pp: c.singleOccupancyChangePp }));
  }
  const b = r.businessTravel;
  for (const m of b.modes) {
    rows.push(row({ section: 'business_travel', mode: m.mode, grey_fleet: m.greyFleet ? 'yes' : 'no', lines: m.lines, km: m.km, tco2e: m.kgCo2e / 1000, wtt_tco2e: m.wttKgCo2e / 1000, money_derived_lines: m.moneyDerivedLines, money_derived_km: m.moneyDerivedKm,
      note: m.electricity === null ? null : `of which electric or plug-in hybrid (in these figures): ${m.electricity.lines} lines, ${m.electricity.km} km, ${m.electricity.kgCo2e / 1000} tCO2e of grid electricity` }));
  }
  rows.push(row({ section: 'business_travel_total', lines: b.lines, km: b.km, tco2e: b.kgCo2e / 1000, wtt_tco2e: b.wttKgCo2e / 1000, money_derived_lines: b.moneyDerived.lines, money_derived_km: b.moneyDerived.km, note: `miles worked out from money: ${b.moneyDerived.sharePct ?? 0}% of lines, ${b.moneyDerived.kmSharePct ?? 0}% of km` }));
  for (const e of r.avoided.entries) {
    rows.push(row({ section: 'avoided', financial_year: e.year, site: e.site, mode: e.modes.map((m) => m.mode).join(' '), km: e.km, tco2e: e.kgCo2e / 1000, wtt_tco2e: e.wttKgCo2e / 1000, note: `${e.description} (${e.source}); ${AVOIDED_NOT_SUBTRACTED}` }));
  }
  for (const y of r.patientTravel.years) {
    rows.push(row({ section: 'patient_travel', wave: y.wave, financial_year: y.year, method: y.method, patient_contacts: y.contacts, journeys: y.journeys, km: y.km, tco2e: y.kgCo2e / 1000, wtt_tco2e: y.wttKgCo2e / 1000, note: y.contactsSource }));
    for (const m of y.modes) rows.push(row({ section: 'patient_travel_mode', wave: y.wave, financial_year: y.year, mode: m.mode, respondents: m.respondents, journeys: m.journeys, km: m.km, tco2e: m.kgCo2e / 1000, wtt_tco2e: m.wttKgCo2e / 1000 }));
  }
  for (const s of r.siteShares) {
    const groups = [['staff', s.staff, s.staffJourneys], ['patients_visitors', s.patientsVisitors, s.patientVisitorJourneys], ['all', s.all, s.staffJourneys !== null && s.patientVisitorJourneys !== null ? s.staffJourneys + s.patientVisitorJourneys : null]] as const;
    for (const [who, e, journeys] of groups) {
      if (e === null) continue;
      rows.push(row({ section: `site_private_car_${who}`, wave: e.wave, financial_year: s.year, site: s.site, respondents: e.respondents, effective_n: e.effectiveN, private_car_journeys_pct: e.pct, share_low_pct: e.lowPct, share_high_pct: e.highPct, journeys,
        note: who === 'all' && s.avoidedJourneys > 0 ? `had the ${s.avoidedJourneys} journeys avoided by digital appointments been made: ${String(s.allWithoutAvoidedPct)}%` : null }));
    }
  }
  for (const tg of r.carShareTargets ?? []) {
    for (const y of tg.rows) rows.push(row({ section: 'private_car_target', financial_year: y.year, site: tg.sites.join('; '), private_car_journeys_pct: y.actual?.pct ?? null, share_low_pct: y.actual?.lowPct ?? null, share_high_pct: y.actual?.highPct ?? null, required_pct: y.requiredPct, status: y.status, note: tg.name }));
  }
  for (const w of r.warnings) rows.push(row({ section: 'warning', wave: w.wave ?? null, site: w.site ?? null, note: w.message }));
  return toCsv(HEADER, rows);
}
