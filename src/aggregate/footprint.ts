/**
 * The footprint of one or more organisations as traced lines: what the ledger holds (optionally
 * recomputed under another factor policy), commuting from the staff travel surveys (or by the
 * default method in years with none), gap fills when asked for, and the market-based counterparts
 * of Scope 2. Every query, progress check, comparison and report starts here, so they all count
 * the same things.
 */

import { DEFAULT_POLICY, financialYearLabel, type FactorPolicy } from '../convert/policy.js';
import type { FactorLibrary } from '../factors/library.js';
import type { Ledger } from '../store/ledger.js';
import { defaultCommuting } from '../travel/default-commuting.js';
import { Tally } from '../travel/engine.js';
import { patientTravelYears } from '../travel/patient-travel.js';
import { commutingEmissions } from '../travel/report.js';
import { readVisitorWaves } from '../travel/waves.js';
import { financialYearPeriod } from '../travel/period.js';
import type { Config, OrganisationConfig } from '../workspace/config.js';
import { coverage, type CoverageRow } from './coverage.js';
import { StandInCounter, standInSets } from './factor-years.js';
import { fillGaps, type FillMethod } from './fill.js';
import type { EmissionLine } from '../kernel/emission-line.js';
import { linesFrom, readSiteMain, readStored, readSummed, streamStored, type ContributingBatch, type Grain, type StoredRead } from './ledger-lines.js';
import { MarketPricer, marketBasedLines, type MarketCoverage } from './market.js';
import type { AggregateWarning } from './warnings.js';
import { clipLine, financialYearOf } from './periods.js';

/** What every analysis needs: the ledger, the factor library and the workspace config. */
export interface AnalysisContext {
  readonly ledger: Ledger;
  readonly library: FactorLibrary;
  readonly config: Config;
  /**
   * Reads of the ledger already made, by query: a command or report that needs the same lines
   * several times (at their own factors, then at fixed ones) reads them once.
   */
  readonly reads?: Map<string, StoredRead>;
}

function readOnce(ctx: AnalysisContext, q: Pick<FootprintQuery, 'orgs' | 'from' | 'to'>, grain: Grain): StoredRead {
  const key = JSON.stringify([[...q.orgs].sort(), q.from ?? null, q.to ?? null, grain]);
  let r = ctx.reads?.get(key);
  if (!r) {
    if (grain === 'line') r = readStored(ctx.ledger, q);
    // A summed read that meets factor values mixed within a group is made line by line instead.
    else if (grain === 'site-main') r = readSiteMain(ctx.ledger, q);
    else r = readSummed(ctx.ledger, q, grain) ?? readOnce(ctx, q, 'line');
    ctx.reads?.set(key, r);
  }
  return r;
}

/** Market factors for particular meters or sites need lines that still name them. */
function grainFor(ctx: AnalysisContext, q: FootprintQuery): Grain {
  if (q.grain === undefined || q.grain === 'line') return 'line';
  const specific = organisationsById(ctx.config, q.orgs).some((o) => o.marketFactors.some((m) => (m.meters?.length ?? 0) > 0 || (m.sites?.length ?? 0) > 0));
  if (specific) return 'line';
  return q.grain === 'summed-site' ? 'summed-site' : 'summed';
}

export interface FootprintQuery {
  readonly orgs: readonly string[];
  /** ISO dates, inclusive; default: everything held. */
  readonly from?: string;
  readonly to?: string;
  /** Recompute every line under this policy (e.g. `fixed:2019` for like-for-like). */
  readonly policy?: FactorPolicy;
  /**
   * Add commuting (Scope 3 category 7) from staff travel surveys, and by the default method for
   * years with none where the config says so. Default true.
   */
  readonly commuting?: boolean;
  /**
   * Add patients' and visitors' travel to the sites (Scope 3 category 9, in the NHS Carbon
   * Footprint Plus): from their surveys, or by the default method from patient contacts. Default:
   * as `commuting` (both are survey estimates, left out together where surveys would not compare).
   */
  readonly patientTravel?: boolean;
  /** Gap filling; default none (gaps are shown, never filled silently). */
  readonly fill?: FillMethod;
  /**
   * `line` (default): one line per ledger row, with its file and line. `summed`: rows of the same
   * period, source and factor summed, sites and meters set aside, which gives the same figures
   * for a fraction of the reading (see `Grain`); `summed-site` keeps sites apart. Coverage then
   * comes from a per-site read. Falls back to `line` when a market factor is set for particular
   * meters or sites.
   */
  readonly grain?: 'line' | 'summed' | 'summed-site';
  /** The day the figures are asked for on (ISO, UK): months after it are not gaps in coverage. */
  readonly asOf?: string;
}

/** A warning from any stage, with the stage that raised it. */
export interface FootprintWarning {
  readonly code: string;
  readonly message: string;
}

export interface Footprint {
  /** Location-based lines (and outside-of-scopes and companions), plus fills. */
  readonly lines: EmissionLine[];
  /** Market-based counterparts of the Scope 2 lines. */
  readonly marketLines: EmissionLine[];
  readonly marketCoverage: readonly MarketCoverage[];
  readonly coverage: readonly CoverageRow[];
  readonly fill: FillMethod;
  readonly batches: readonly ContributingBatch[];
  readonly warnings: readonly FootprintWarning[];
  /** Main lines summed per site and month (always with site), for coverage and site rankings. */
  readonly siteLines: readonly EmissionLine[];
}

export function organisationsById(config: Config, ids: readonly string[]): OrganisationConfig[] {
  return ids.map((id) => config.organisations.find((o) => o.id === id)).filter((o): o is OrganisationConfig => o !== undefined);
}

/** The members an organisation's figures are made of: an ICS's members, or itself. */
export function memberIds(config: Config, id: string): string[] {
  const org = config.organisations.find((o) => o.id === id);
  return org && org.members.length > 0 ? [...org.members] : [id];
}

function warningOf(w: AggregateWarning | { code: string; message: string }): FootprintWarning {
  return { code: w.code, message: w.message };
}

/** The financial years (first years) the lines and the query span. */
function financialYears(lines: readonly EmissionLine[], q: FootprintQuery): number[] {
  let first = q.from === undefined ? Infinity : financialYearOf(q.from);
  let last = q.to === undefined ? -Infinity : financialYearOf(q.to);
  if ((q.from === undefined || q.to === undefined) && lines.length > 0) {
    // ISO dates sort as text: only the first start and the last end are read as dates.
    let start = lines[0]!.periodStart;
    let end = lines[0]!.periodEnd;
    for (const l of lines) {
      if (l.periodStart < start) start = l.periodStart;
      if (l.periodEnd > end) end = l.periodEnd;
    }
    if (q.from === undefined) first = financialYearOf(start);
    if (q.to === undefined) last = financialYearOf(end);
  }
  const years: number[] = [];
  for (let y = first; y <= last && Number.isFinite(y); y++) years.push(y);
  return years;
}

/** How far back a survey wave is carried forward to years with none (surveys run every 2–3 years). */
export const COMMUTING_CARRY_YEARS = 5;

function shiftYears(iso: string, years: number): string {
  const y = Number(iso.slice(0, 4)) + years;
  const md = iso.slice(4);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${y}${md === '-02-29' && !leap ? '-02-28' : md}`;
}

/**
 * Commuting for each financial year: from a survey wave dated in that year, else carried forward
 * from the latest earlier wave (up to COMMUTING_CARRY_YEARS back) and said so, line by line and in
 * a warning: staff travel surveys run every two or three years, and a year with no survey still
 * had commuting. A year with no wave in reach is never back-filled from a later survey: the
 * config chooses to estimate it by the default method (staff WTE × miles a year by average car,
 * `travel/default-commuting.ts`) or to leave it out, and a warning says which.
 */
function commutingLines(ctx: AnalysisContext, org: OrganisationConfig, years: readonly number[], q: FootprintQuery): { lines: EmissionLine[]; warnings: FootprintWarning[] } {
  const options = q.policy === undefined ? {} : { policy: q.policy };
  type YearCommuting = { lines: readonly EmissionLine[]; warnings: readonly FootprintWarning[]; surveyed: boolean };
  const cache = new Map<number, YearCommuting>();
  const ofYear = (y: number): YearCommuting => {
    let r = cache.get(y);
    if (!r) {
      const c = commutingEmissions(ctx.ledger, ctx.library, org, financialYearPeriod(y), options);
      r = { lines: c.result.lines, warnings: c.warnings.map(warningOf), surveyed: c.result.waves.length > 0 };
      cache.set(y, r);
    }
    return r;
  };
  const out: EmissionLine[] = [];
  const warnings: FootprintWarning[] = [];
  const carried = new Map<number, number[]>();
  const unsurveyed: number[] = [];
  const clipToQuery = (line: EmissionLine, y: number): void => {
    const period = financialYearPeriod(y);
    const start = q.from !== undefined && q.from > period.start ? q.from : period.start;
    const end = q.to !== undefined && q.to < period.end ? q.to : period.end;
    const clipped = clipLine(line, start, end);
    if (clipped) out.push(clipped);
  };
  for (const y of years) {
    let own = ofYear(y);
    let from = y;
    let surveyed = own.surveyed;
    for (let d = y - 1; own.lines.length === 0 && d >= y - COMMUTING_CARRY_YEARS; d--) {
      const donor = ofYear(d);
      surveyed ||= donor.surveyed;
      if (donor.lines.length > 0) {
        own = donor;
        from = d;
      }
    }
    // A survey in reach whose respondents all walk, cycle or work from home has no lines, and
    // that is its answer: only a year with no survey at all is estimated by the default method.
    if (own.lines.length === 0 && !surveyed) unsurveyed.push(y);
    if (own.lines.length === 0) continue;
    warnings.push(...own.warnings);
    for (const line of own.lines) {
      const shifted: EmissionLine = from === y ? line : {
        ...line,
        periodStart: shiftYears(line.periodStart, y - from),
        periodEnd: shiftYears(line.periodEnd, y - from),
        estimated: true,
        trace: { ...line.trace, note: `${line.trace.note ?? ''}${line.trace.note ? '; ' : ''}carried forward from the ${financialYearLabel(from)} survey wave (its factors)` },
      };
      clipToQuery(shifted, y);
    }
    if (from !== y) carried.set(from, [...(carried.get(from) ?? []), y]);
  }
  // An ICS's commuting is its members': it has no staff of its own to estimate.
  if (org.members.length === 0) {
    const byDefault = defaultCommuting(ctx.library, org, unsurveyed, q.policy ?? DEFAULT_POLICY, COMMUTING_CARRY_YEARS);
    for (const line of byDefault.lines) clipToQuery(line, financialYearOf(line.periodStart));
    warnings.push(...byDefault.warnings.map(warningOf));
  }
  for (const [from, to] of carried) {
    warnings.push({ code: 'commuting_carried_forward', message: `${org.id}: no staff travel survey in ${to.map(financialYearLabel).join(', ')}; commuting there is carried forward from the ${financialYearLabel(from)} wave and counted as estimated.` });
  }
  return { lines: out, warnings };
}

/** Patient and visitor travel for each financial year, clipped to the query (see travel/patient-travel.ts). */
function patientTravelLines(ctx: AnalysisContext, org: OrganisationConfig, years: readonly number[], q: FootprintQuery): { lines: EmissionLine[]; warnings: FootprintWarning[] } {
  if (org.members.length > 0) return { lines: [], warnings: [] }; // an ICS's patients are its members'
  const tally = new Tally();
  const r = patientTravelYears(ctx.library, org, readVisitorWaves(ctx.ledger, org.id), years, q.policy ?? DEFAULT_POLICY, tally, { start: q.from ?? '0000-01-01', end: q.to ?? '9999-12-31' });
  return { lines: r.lines, warnings: [...r.warnings, ...tally.warnings()].map(warningOf) };
}

/** Survey-estimated travel: staff commuting and patients' and visitors' journeys, as the query asks. */
function estimatedTravel(ctx: AnalysisContext, org: OrganisationConfig, years: readonly number[], q: FootprintQuery): { lines: EmissionLine[]; warnings: FootprintWarning[] } {
  const c = q.commuting === false ? { lines: [], warnings: [] } : commutingLines(ctx, org, years, q);
  const p = (q.patientTravel ?? q.commuting) === false ? { lines: [], warnings: [] } : patientTravelLines(ctx, org, years, q);
  return { lines: [...c.lines, ...p.lines], warnings: [...c.warnings, ...p.warnings] };
}

export function footprint(ctx: AnalysisContext, q: FootprintQuery): Footprint {
  const warnings: FootprintWarning[] = [];
  const grain = grainFor(ctx, q);
  const read = linesFrom(readOnce(ctx, q, grain), {
    orgs: q.orgs,
    ...(q.from === undefined ? {} : { from: q.from }),
    ...(q.to === undefined ? {} : { to: q.to }),
    ...(q.policy === undefined ? {} : { recompute: { policy: q.policy, library: ctx.library } }),
  });
  warnings.push(...read.warnings.map(warningOf));
  warnings.push(...standInSets(read.lines));
  const lines = [...read.lines];

  for (const org of organisationsById(ctx.config, q.orgs)) {
    const c = estimatedTravel(ctx, org, financialYears(read.lines, q), q);
    lines.push(...c.lines);
    for (const w of c.warnings) if (!warnings.some((x) => x.message === w.message)) warnings.push(w);
  }

  // Coverage and sites need the ledger's lines that name their site, at the factors they were
  // stored with (coverage describes the data, whatever policy the figures are recomputed under):
  // the lines read, or a per-site read; commuting (from surveys) is left out either way.
  const dates = { orgs: q.orgs, ...(q.from === undefined ? {} : { from: q.from }), ...(q.to === undefined ? {} : { to: q.to }) };
  const siteLines = grain === 'line' || grain === 'summed-site'
    ? (q.policy === undefined ? read.lines : linesFrom(readOnce(ctx, q, grain), dates).lines).filter((l) => l.kind === 'main')
    : linesFrom(readOnce(ctx, q, 'site-main'), dates).lines;
  const sites = new Map(organisationsById(ctx.config, q.orgs).flatMap((o) => o.sites.map((x) => [x.name, { opened: x.opened, closed: x.closed }] as const)));
  const asOf = { ...(q.asOf === undefined ? {} : { asOf: q.asOf }), sites };
  const rows = coverage(siteLines, asOf);
  const fill = q.fill ?? 'none';
  let filledRows = rows;
  if (fill !== 'none') {
    // Donor months come from the year before as well, so a period asked for on its own can still
    // be filled from the same month of the previous year.
    const donorFrom = q.from === undefined ? undefined : shiftYears(q.from, -1);
    const donors = donorFrom === undefined ? siteLines : linesFrom(readOnce(ctx, { ...q, from: donorFrom }, grain === 'summed' ? 'site-main' : grain), { orgs: q.orgs, from: donorFrom, ...(q.to === undefined ? {} : { to: q.to }) }).lines.filter((l) => l.kind === 'main');
    const filled = fillGaps(donors, rows, fill);
    lines.push(...filled.lines);
    warnings.push(...filled.warnings.map(warningOf));
    filledRows = coverage([...siteLines, ...filled.lines], asOf);
  }
  const market = marketBasedLines(lines, organisationsById(ctx.config, q.orgs));
  warnings.push(...market.warnings.map(warningOf));
  return { lines, marketLines: market.lines, marketCoverage: market.coverage, coverage: filledRows, fill, batches: read.batches, warnings, siteLines };
}

/**
 * The lines of a footprint (no fill, no recomputation) for a reader that hands them on as it
 * goes: `footprint(ctx, q).lines` then its `marketLines`, the same lines in the same order, but
 * read from the ledger a page at a time (see `streamStored`), so only a page is ever held. What
 * the warnings say depends on every line, so they are complete once the lines have all been taken.
 */
export interface FootprintStream {
  readonly lines: Iterable<EmissionLine>;
  /** How many lines have been taken so far, location-based (with commuting) and market-based. */
  readonly taken: { readonly location: number; readonly market: number };
  warnings(): FootprintWarning[];
  /** Lets go of the ledger's snapshot; call it when done, whether or not every line was taken. */
  close(): void;
}

export function footprintStream(ctx: AnalysisContext, q: Pick<FootprintQuery, 'orgs' | 'from' | 'to'>): FootprintStream {
  const stored = streamStored(ctx.ledger, q);
  const from = q.from ?? '0000-01-01';
  const to = q.to ?? '9999-12-31';
  const clip = q.from !== undefined || q.to !== undefined;
  const taken = { location: 0, market: 0 };
  const warnings: FootprintWarning[] = [];
  const orgs = organisationsById(ctx.config, q.orgs);
  function* lines(): Generator<EmissionLine> {
    const standIn = new StandInCounter();
    // The financial years the lines span, for commuting (as `financialYears` works them out).
    let start: string | undefined;
    let end: string | undefined;
    for (const { line } of stored.all()) {
      const l = clip ? clipLine(line, from, to) : line;
      if (l === undefined) continue;
      standIn.add(l);
      if (start === undefined || l.periodStart < start) start = l.periodStart;
      if (end === undefined || l.periodEnd > end) end = l.periodEnd;
      taken.location++;
      yield l;
    }
    warnings.push(...standIn.warnings());
    let first = q.from === undefined ? Infinity : financialYearOf(q.from);
    let last = q.to === undefined ? -Infinity : financialYearOf(q.to);
    if (q.from === undefined && start !== undefined) first = financialYearOf(start);
    if (q.to === undefined && end !== undefined) last = financialYearOf(end);
    const years: number[] = [];
    for (let y = first; y <= last && Number.isFinite(y); y++) years.push(y);
    const commuting: EmissionLine[] = [];
    for (const org of orgs) {
      const c = estimatedTravel(ctx, org, years, q);
      commuting.push(...c.lines);
      for (const w of c.warnings) if (!warnings.some((x) => x.message === w.message)) warnings.push(w);
    }
    for (const l of commuting) {
      taken.location++;
      yield l;
    }
    // Market-based lines come from the Scope 2 main lines, read again from the same snapshot.
    const pricer = new MarketPricer(orgs);
    for (const { line } of stored.scope2Main()) {
      const l = clip ? clipLine(line, from, to) : line;
      if (l === undefined) continue;
      for (const m of pricer.price(l)) {
        taken.market++;
        yield m;
      }
    }
    for (const l of commuting) {
      for (const m of pricer.price(l)) {
        taken.market++;
        yield m;
      }
    }
    warnings.push(...pricer.warnings().map(warningOf));
  }
  return {
    lines: { [Symbol.iterator]: lines }, taken, warnings: () => [...warnings],
    close: () => {
      stored.close();
    },
  };
}

/** The part of a footprint that belongs to some organisations: one read of the ledger serves many. */
export function footprintSubset(fp: Footprint, orgs: readonly string[]): Footprint {
  const keep = new Set(orgs);
  return {
    ...fp,
    lines: fp.lines.filter((l) => keep.has(l.org)),
    marketLines: fp.marketLines.filter((l) => keep.has(l.org)),
    marketCoverage: fp.marketCoverage.filter((c) => keep.has(c.org)),
    coverage: fp.coverage.filter((c) => keep.has(c.org)),
    batches: fp.batches.filter((b) => keep.has(b.org)),
    siteLines: fp.siteLines.filter((l) => keep.has(l.org)),
  };
}
