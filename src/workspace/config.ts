/**
 * The workspace config (`tco2e.config.json`): the organisations, their sites and size
 * denominators by year, and user profiles. Validated with zod at the boundary; every problem
 * names the file, the path inside it and what is allowed.
 */

import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { isServerUrl } from '../store/pg/engine.js';
import { UserError } from '../kernel/errors.js';
import { profileProblems } from '../map/profiles.js';
import { nearestKeys } from '../kernel/nearest.js';
import { issueLines, parseOptions } from '../kernel/zod-messages.js';

export const CONFIG_FILE = 'tco2e.config.json';
export const DEFAULT_LEDGER = 'tco2e-ledger.sqlite';
/** Environment variables that override the config and ledger locations. */
export const ENV_CONFIG = 'TCO2E_CONFIG';
export const ENV_DB = 'TCO2E_DB';

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes, e.g. "north-acute"');
const gssCode = z.string().regex(/^[EWSN]\d{8}$/, 'must be a local authority GSS code: a letter E, W, S or N and eight digits, e.g. E06000058');
const financialYear = z.string().regex(/^\d{4}\/\d{2}$/, 'must be a financial year written like 2024/25');
const positive = z.number().positive('must be greater than zero');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written like 2024-03-31 (YYYY-MM-DD)');

const Denominators = z.strictObject({
  year: financialYear,
  floorAreaM2: positive.optional(),
  staffWte: positive.optional(),
  headcount: positive.optional(),
  beds: positive.optional(),
  residents: positive.optional(),
  spendGbpM: positive.optional(),
  /**
   * Patient contacts in the year (every attendance, admission and community contact), the volume
   * patient and visitor travel is scaled to where no site-level activity is given.
   */
  patientContacts: positive.optional(),
});

const Site = z.strictObject({
  id: slug,
  name: z.string().min(1),
  /** MPANs, MPRNs and other meter ids that belong to the site, so imports can name the site. */
  meters: z.array(z.string().min(1)).default([]),
  opened: isoDate.optional(),
  closed: isoDate.optional(),
});

/**
 * Staff headcount for scaling survey respondents up to the whole workforce, by year and
 * optionally by site and/or staff group (the most specific match wins).
 */
const Headcount = z.strictObject({
  year: financialYear,
  site: slug.optional(),
  staffGroup: z.string().min(1).optional(),
  headcount: positive,
});

/** Commuting modes a mode mix may name (the survey vocabulary). */
export const MIX_MODES = ['drive_alone', 'car_share', 'motorbike', 'bus', 'train', 'tram', 'cycle', 'e_bike', 'walk', 'other'] as const;

/** Digital appointments that replaced face-to-face visits: reported as avoided, never netted off. */
const AvoidedJourneys = z.strictObject({
  year: financialYear,
  site: slug.optional(),
  description: z.string().min(1).default('Digital appointments replacing face-to-face visits'),
  appointments: z.number().int('must be a whole number').nonnegative('must be zero or more'),
  roundTripKm: positive,
  /** Share of the replaced journeys by each mode; the shares must add up to 1. */
  modeMix: z.partialRecord(z.enum(MIX_MODES), z.number().min(0).max(1)),
  source: z.string().min(1, 'must say where the figures come from'),
}).refine((a) => Math.abs(Object.values(a.modeMix).reduce((s, v) => s + v, 0) - 1) < 1e-6, { message: 'modeMix shares must add up to 1', path: ['modeMix'] });

const count = z.number().int('must be a whole number').nonnegative('must be zero or more');

/**
 * Patient activity a year, for the organisation or one site: what patient and visitor journeys
 * are scaled to. Each entry says where its figures come from (e.g. the trust's SUS or HES
 * extract, or its annual report).
 */
const PatientActivity = z.strictObject({
  year: financialYear,
  site: slug.optional(),
  patientContacts: count.optional(),
  outpatientAttendances: count.optional(),
  inpatientAdmissions: count.optional(),
  aeAttendances: count.optional(),
  source: z.string().min(1, 'must say where the figures come from (e.g. the trust\'s SUS extract for the year)'),
}).refine((a) => [a.patientContacts, a.outpatientAttendances, a.inpatientAdmissions, a.aeAttendances].some((v) => v !== undefined), {
  message: 'must give at least one of patientContacts, outpatientAttendances, inpatientAdmissions, aeAttendances',
});

/**
 * The national reporting portal's default for staff commuting where a trust had no survey: staff
 * WTE × 961 miles a year by average car (the Sustainable Development Unit's carbon reporting
 * method for NHS organisations, as its portal applied it).
 */
export const DEFAULT_COMMUTE = {
  milesPerWte: 961,
  source: 'the NHS Sustainable Development Unit\'s carbon reporting default',
} as const;

/**
 * The same method's default for patient and visitor travel: 3.7 patient and visitor journeys a
 * patient contact, 9.4 miles (15 km) each, average car.
 */
export const DEFAULT_PATIENT_TRAVEL = {
  journeysPerContact: 3.7,
  milesPerJourney: 9.4,
  source: 'the NHS Sustainable Development Unit\'s carbon reporting default',
} as const;

/**
 * A target for the share of journeys to one or more sites made by private car (car driver alone,
 * car passenger, car share, taxi where the survey separates it).
 */
const PrivateCarShareTarget = z.strictObject({
  id: slug,
  name: z.string().min(1).optional(),
  sites: z.array(slug).min(1, 'must name at least one site'),
  /** Whose journeys: everyone's weighted by their volumes (default), staff's, or patients' and visitors'. */
  who: z.enum(['all', 'staff', 'patients-visitors']).default('all'),
  baselineYear: financialYear,
  /** The baseline share, where the ledger holds no survey for the baseline year. */
  baselineSharePct: z.number().min(0).max(100).optional(),
  targetYear: financialYear,
  targetSharePct: z.number().min(0).max(100, 'must be at most 100'),
  interim: z.array(z.strictObject({ year: financialYear, sharePct: z.number().min(0).max(100) })).default([]),
});

const Travel = z.strictObject({
  /**
   * Weeks a year a full-time member of staff travels to work. 46 is 52 weeks less about 6 weeks
   * of leave and bank holidays (NHS Agenda for Change: 27 days' leave rising to 33, plus 8 bank
   * holidays); set your own figure if you know it.
   */
  workingWeeks: z.number().positive().max(52, 'must be at most 52').default(46),
  headcount: z.array(Headcount).default([]),
  avoided: z.array(AvoidedJourneys).default([]),
  /**
   * A year with no staff survey (none within the carry-forward window): estimate commuting from
   * staff WTE by the default method, or leave it out. When not given, what national reporting
   * did: an NHS trust's is estimated (the NHS reporting portal's default); a council's or another
   * organisation's is left out (the local authority reporting tools make commuting optional and
   * estimate none).
   */
  commutingWithoutSurvey: z.enum(['estimate', 'leave-out']).optional(),
  defaultCommute: z.strictObject({ milesPerWte: positive, source: z.string().min(1, 'must say where the distance comes from') }).default({ ...DEFAULT_COMMUTE }),
  patientActivity: z.array(PatientActivity).default([]),
  defaultPatientTravel: z.strictObject({ journeysPerContact: positive, milesPerJourney: positive, source: z.string().min(1, 'must say where the figures come from') }).default({ ...DEFAULT_PATIENT_TRAVEL }),
  privateCarShare: z.array(PrivateCarShareTarget).default([]),
});

/** The travel settings an organisation has when its config gives none. */
export const TRAVEL_DEFAULTS = {
  workingWeeks: 46, headcount: [], avoided: [], defaultCommute: { ...DEFAULT_COMMUTE },
  patientActivity: [], defaultPatientTravel: { ...DEFAULT_PATIENT_TRAVEL }, privateCarShare: [],
} as const;

/**
 * A supplier-specific electricity factor for market-based Scope 2 (e.g. from a supplier's fuel
 * mix disclosure or a REGO-backed tariff), for a date range and optionally some meters or sites.
 */
const MarketFactor = z.strictObject({
  supplier: z.string().min(1),
  from: isoDate,
  to: isoDate,
  meters: z.array(z.string().min(1)).optional(),
  sites: z.array(slug).optional(),
  kgCo2ePerKwh: z.number().nonnegative('must be zero or more'),
  source: z.string().min(1, 'must say where the factor comes from (e.g. the supplier\'s fuel mix disclosure)'),
}).refine((m) => m.from <= m.to, { message: 'from must not be after to', path: ['to'] });

const Organisation = z.strictObject({
  id: slug,
  name: z.string().min(1),
  kind: z.enum(['nhs-trust', 'council', 'ics', 'other']),
  /** An NHS trust's ODS code (e.g. RWV): which rows of an ERIC return are its own. */
  ods: z.string().regex(/^[A-Za-z0-9]{3,5}$/, 'must be an ODS code: three to five letters and digits, e.g. RWV').optional(),
  /** A council's local authority GSS code (e.g. E06000058): its area in the DESNZ local authority greenhouse gas statistics. */
  laCode: gssCode.optional(),
  /** For an ICS: the organisations it joins (their ids in this config). */
  members: z.array(slug).default([]),
  sites: z.array(Site).default([]),
  denominators: z.array(Denominators).default([]),
  travel: Travel.default({ ...TRAVEL_DEFAULTS, headcount: [], avoided: [], patientActivity: [], privateCarShare: [] }),
  marketFactors: z.array(MarketFactor).default([]),
});

const yearNumber = z.number().int().min(1990, 'must be 1990 or later').max(2100, 'must be 2100 or earlier');

/**
 * A reduction target. Either names a preset from data/targets (its fields fill in what the entry
 * leaves out) or spells everything out. Years are the first year of a financial year (2013 means
 * 2013/14) when `basis` is financial, else calendar years.
 *
 * A target is an organisation's (`org`: its own operations, from the ledger) or an area's (`area`:
 * a local authority's GSS code, judged on the DESNZ local authority statistics, calendar years,
 * the territorial total unless `measure` says "influence"). An area target covers the whole area,
 * so scopes, sources, Scope 2 method and sites do not apply to it.
 */
export const TargetConfigSchema = z.strictObject({
  id: slug,
  org: slug.optional(),
  area: gssCode.optional(),
  /** An area target's figure: the territorial total (default) or the total within the scope of influence of local authorities. */
  measure: z.enum(['territorial', 'influence']).optional(),
  preset: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
  basis: z.enum(['financial', 'calendar']).optional(),
  baselineYear: yearNumber.optional(),
  /** Declared baseline, for a baseline year the ledger does not hold (e.g. 1990). */
  baseline: z.strictObject({ tco2e: z.number().positive(), source: z.string().min(1, 'must say where the baseline comes from') }).optional(),
  targetYear: yearNumber.optional(),
  reductionPct: z.number().min(0).max(100, 'must be at most 100 (100 is net zero)').optional(),
  interim: z.array(z.strictObject({ year: yearNumber, reductionPct: z.number().min(0).max(100) })).optional(),
  scopes: z.array(z.union([z.literal(1), z.literal(2), z.literal(3)])).min(1).optional(),
  /** Source prefixes covered (`electricity`, `gas`, `fleet`, `travel`…); all when left out. */
  sources: z.array(z.string().min(1)).optional(),
  scope2: z.enum(['location', 'market']).optional(),
  pathway: z.enum(['linear', 'compound']).optional(),
  /** Years of actuals the trend projection is fitted to. */
  trendYears: z.number().int().min(2).max(20).optional(),
  /** Sites left out of both the baseline and the actuals, for a like-for-like boundary. */
  excludeSites: z.array(slug).optional(),
});
export type TargetConfig = z.infer<typeof TargetConfigSchema>;

export const ConfigSchema = z.strictObject({
  version: z.literal(1),
  /** Ledger path, relative to the config file; TCO2E_DB and --db override it. */
  ledger: z.string().min(1).default(DEFAULT_LEDGER),
  organisations: z.array(Organisation).min(1, 'must list at least one organisation'),
  /** User-defined import profiles (validated by the import stage). */
  profiles: z.array(z.record(z.string(), z.unknown())).default([]),
  targets: z.array(TargetConfigSchema).default([]),
}).superRefine((c, ctx) => {
  const seen = new Set<string>();
  c.organisations.forEach((o, i) => {
    if (seen.has(o.id)) ctx.addIssue({ code: 'custom', path: ['organisations', i, 'id'], message: `"${o.id}" is used by another organisation` });
    seen.add(o.id);
  });
  c.organisations.forEach((o, i) => {
    const siteIds = new Set<string>();
    o.sites.forEach((s, j) => {
      if (siteIds.has(s.id)) ctx.addIssue({ code: 'custom', path: ['organisations', i, 'sites', j, 'id'], message: `"${s.id}" is used by another site of ${o.id}; site ids must be unique within an organisation` });
      siteIds.add(s.id);
    });
    // A site named where it does not exist would silently match nothing: a headcount that scales
    // no one, a supplier factor that prices no meter.
    const site = (id: string, path: (string | number)[]): void => {
      if (!siteIds.has(id)) ctx.addIssue({ code: 'custom', path: ['organisations', i, ...path], message: notASite(id, o.id, [...siteIds]) });
    };
    o.travel.headcount.forEach((h, k) => {
      if (h.site !== undefined) site(h.site, ['travel', 'headcount', k, 'site']);
    });
    o.travel.avoided.forEach((a, k) => {
      if (a.site !== undefined) site(a.site, ['travel', 'avoided', k, 'site']);
    });
    o.travel.patientActivity.forEach((a, k) => {
      if (a.site !== undefined) site(a.site, ['travel', 'patientActivity', k, 'site']);
    });
    o.travel.privateCarShare.forEach((t, k) => {
      t.sites.forEach((s, n) => {
        site(s, ['travel', 'privateCarShare', k, 'sites', n]);
      });
      if (t.targetYear <= t.baselineYear) ctx.addIssue({ code: 'custom', path: ['organisations', i, 'travel', 'privateCarShare', k, 'targetYear'], message: 'must be after baselineYear' });
    });
    o.marketFactors.forEach((m, k) => {
      (m.sites ?? []).forEach((s, n) => {
        site(s, ['marketFactors', k, 'sites', n]);
      });
    });
    o.members.forEach((m, j) => {
      if (!seen.has(m)) ctx.addIssue({ code: 'custom', path: ['organisations', i, 'members', j], message: `"${m}" is not an organisation in this config` });
      if (m === o.id) ctx.addIssue({ code: 'custom', path: ['organisations', i, 'members', j], message: 'an organisation cannot be its own member' });
    });
  });
  const targetIds = new Set<string>();
  c.targets.forEach((t, i) => {
    const owner = t.org ?? t.area;
    if (t.org === undefined && t.area === undefined) ctx.addIssue({ code: 'custom', path: ['targets', i], message: 'must name an organisation ("org") or a local authority area ("area", its GSS code)' });
    if (t.org !== undefined && t.area !== undefined) ctx.addIssue({ code: 'custom', path: ['targets', i, 'area'], message: 'must name an organisation ("org") or an area ("area"), not both: give the council\'s own target and its area\'s as two entries' });
    if (t.area === undefined && t.measure !== undefined) ctx.addIssue({ code: 'custom', path: ['targets', i, 'measure'], message: 'applies to an area target only (one with "area")' });
    if (t.area !== undefined) {
      for (const key of ['scopes', 'sources', 'scope2', 'excludeSites'] as const) {
        if (t[key] !== undefined) ctx.addIssue({ code: 'custom', path: ['targets', i, key], message: 'does not apply to an area target: it covers the whole area\'s total from the local authority statistics' });
      }
      if (t.basis === 'financial') ctx.addIssue({ code: 'custom', path: ['targets', i, 'basis'], message: 'must be "calendar" for an area target: the local authority statistics are by calendar year' });
    }
    if (owner === undefined) return;
    if (t.org !== undefined && !seen.has(t.org)) ctx.addIssue({ code: 'custom', path: ['targets', i, 'org'], message: `"${t.org}" is not an organisation in this config` });
    if (targetIds.has(`${owner}/${t.id}`)) ctx.addIssue({ code: 'custom', path: ['targets', i, 'id'], message: `"${t.id}" is used by another target of ${owner}` });
    targetIds.add(`${owner}/${t.id}`);
    // A like-for-like boundary that names a site the organisation (or, for an ICS, its members)
    // does not have would leave nothing out and say nothing.
    const org = c.organisations.find((o) => o.id === t.org);
    if (org === undefined) return;
    const sites = [org, ...c.organisations.filter((o) => org.members.includes(o.id))].flatMap((o) => o.sites.map((s) => s.id));
    (t.excludeSites ?? []).forEach((s, j) => {
      if (!sites.includes(s)) ctx.addIssue({ code: 'custom', path: ['targets', i, 'excludeSites', j], message: notASite(s, org.id, sites) });
    });
  });
});

function notASite(id: string, org: string, sites: readonly string[]): string {
  return `"${id}" is not a site of ${org} (sites are named by their id); ${sites.length === 0 ? `${org} lists no sites` : `its sites are ${sites.join(', ')}`}`;
}

export type Config = z.infer<typeof ConfigSchema>;
export type OrganisationConfig = Config['organisations'][number];

export interface Workspace {
  readonly configPath: string;
  readonly config: Config;
  readonly ledgerPath: string;
}

/** Formats zod issues as `file: path: what is allowed (got X)` lines. */
export function configProblems(file: string, error: z.ZodError): string[] {
  return issueLines(file, error.issues);
}

export function parseConfig(text: string, file: string): Config {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UserError('config_not_json', `${file} is not valid JSON: ${(e as Error).message}`, 'Fix the JSON syntax (a missing comma or quote is the usual cause).');
  }
  const r = ConfigSchema.safeParse(json, parseOptions);
  // User profiles are checked with the rest, so a mistake in one is found when the config is
  // read, not at the first import that happens to use it.
  const problems = r.success ? r.data.profiles.flatMap((p, i) => profileProblems(p, file, ['profiles', i])) : configProblems(file, r.error);
  if (!r.success || problems.length > 0) {
    throw new UserError('config_invalid', `${file} has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`, 'Fix the entries named above; see the README for the config format.');
  }
  return r.data;
}

export interface LocateOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly configFlag?: string | undefined;
  readonly dbFlag?: string | undefined;
}

/** An environment variable set to the empty string counts as unset. */
function env(o: LocateOptions, name: string): string | undefined {
  const v = o.env[name];
  return v === undefined || v.trim() === '' ? undefined : v;
}

/** Where the config is: --config, then TCO2E_CONFIG, then ./tco2e.config.json. */
export function configPathFor(o: LocateOptions): string {
  return resolve(o.cwd, o.configFlag ?? env(o, ENV_CONFIG) ?? CONFIG_FILE);
}

/** A ledger given as a file path (resolved from `cwd`) or as a server's `postgres://` URL (kept as it is). */
export function ledgerLocation(cwd: string, value: string): string {
  return isServerUrl(value) ? value.trim() : resolve(cwd, value);
}

/** Reads the workspace; the ledger is --db, then TCO2E_DB, then the config's `ledger` (a file path or a server URL). */
export function loadWorkspace(o: LocateOptions): Workspace {
  const configPath = configPathFor(o);
  if (!existsSync(configPath) || !statSync(configPath).isFile()) {
    throw new UserError('no_workspace', `No workspace config at ${configPath}.`, 'Run `tco2e init` in the folder you want to work in, or pass --config.');
  }
  const config = parseConfig(readFileSync(configPath, 'utf8'), configPath);
  // A server's URL is taken as it is; a file's path from the config is the config's folder's.
  const fromConfig = isServerUrl(config.ledger) || isAbsolute(config.ledger) ? config.ledger : join(dirname(configPath), config.ledger);
  const ledgerPath = ledgerLocation(o.cwd, o.dbFlag ?? env(o, ENV_DB) ?? fromConfig);
  return { configPath, config, ledgerPath };
}

/**
 * The error for organisation ids the config does not have: the nearest known id for each
 * ("did you mean"), then every id. `where` names the config (its path, where known).
 */
export function unknownOrg(ids: readonly string[], config: Pick<Config, 'organisations'>, where = 'the workspace config'): UserError {
  const known = config.organisations.map((o) => o.id);
  const near = ids.map((id) => nearestKeys(id, known, 1)[0]).filter((n): n is string => n !== undefined);
  const guess = near.length > 0 ? `Did you mean ${near.map((n) => `"${n}"`).join(', ')}? ` : '';
  return new UserError('unknown_org', `No organisation ${ids.map((u) => `"${u}"`).join(', ')} in ${where}.`, `${guess}The organisations are: ${known.join(', ')}.`);
}

export function organisation(ws: Workspace, id: string): OrganisationConfig {
  const org = ws.config.organisations.find((o) => o.id === id);
  if (org === undefined) {
    throw unknownOrg([id], ws.config, ws.configPath);
  }
  return org;
}
