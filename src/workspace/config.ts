/**
 * The workspace config (`tco2e.config.json`): the organisations, their sites and size
 * denominators by year, and user profiles. Validated with zod at the boundary; every problem
 * names the file, the path inside it and what is allowed.
 */

import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { UserError } from '../errors.js';

export const CONFIG_FILE = 'tco2e.config.json';
export const DEFAULT_LEDGER = 'tco2e-ledger.sqlite';
/** Environment variables that override the config and ledger locations. */
export const ENV_CONFIG = 'TCO2E_CONFIG';
export const ENV_DB = 'TCO2E_DB';

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes, e.g. "north-acute"');
const financialYear = z.string().regex(/^\d{4}\/\d{2}$/, 'must be a financial year written like 2024/25');
const positive = z.number().positive('must be greater than zero');

const Denominators = z.strictObject({
  year: financialYear,
  floorAreaM2: positive.optional(),
  staffWte: positive.optional(),
  headcount: positive.optional(),
  beds: positive.optional(),
  residents: positive.optional(),
  spendGbpM: positive.optional(),
});

const Site = z.strictObject({
  id: slug,
  name: z.string().min(1),
  /** MPANs, MPRNs and other meter ids that belong to the site, so imports can name the site. */
  meters: z.array(z.string().min(1)).default([]),
  opened: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').optional(),
  closed: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').optional(),
});

const Organisation = z.strictObject({
  id: slug,
  name: z.string().min(1),
  kind: z.enum(['nhs-trust', 'council', 'ics', 'other']),
  sites: z.array(Site).default([]),
  denominators: z.array(Denominators).default([]),
});

export const ConfigSchema = z.strictObject({
  version: z.literal(1),
  /** Ledger path, relative to the config file; TCO2E_DB and --db override it. */
  ledger: z.string().min(1).default(DEFAULT_LEDGER),
  organisations: z.array(Organisation).min(1, 'must list at least one organisation'),
  /** User-defined import profiles (validated by the import stage). */
  profiles: z.array(z.record(z.string(), z.unknown())).default([]),
}).superRefine((c, ctx) => {
  const seen = new Set<string>();
  c.organisations.forEach((o, i) => {
    if (seen.has(o.id)) ctx.addIssue({ code: 'custom', path: ['organisations', i, 'id'], message: `"${o.id}" is used by another organisation` });
    seen.add(o.id);
  });
});

export type Config = z.infer<typeof ConfigSchema>;
export type OrganisationConfig = Config['organisations'][number];

export interface Workspace {
  readonly configPath: string;
  readonly config: Config;
  readonly ledgerPath: string;
}

/** Formats zod issues as `file: path: message` lines. */
export function configProblems(file: string, error: z.ZodError): string[] {
  return error.issues.map((i) => `${file}: ${i.path.length > 0 ? i.path.map(String).join('.') : '(top level)'}: ${i.message}`);
}

export function parseConfig(text: string, file: string): Config {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UserError('config_not_json', `${file} is not valid JSON: ${(e as Error).message}`, 'Fix the JSON syntax (a missing comma or quote is the usual cause).');
  }
  const r = ConfigSchema.safeParse(json);
  if (!r.success) {
    throw new UserError('config_invalid', `${file} has ${r.error.issues.length} problem(s):\n  ${configProblems(file, r.error).join('\n  ')}`, 'Fix the entries named above; see the README for the config format.');
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

/** Reads the workspace; the ledger path is --db, then TCO2E_DB, then the config's `ledger`. */
export function loadWorkspace(o: LocateOptions): Workspace {
  const configPath = configPathFor(o);
  if (!existsSync(configPath) || !statSync(configPath).isFile()) {
    throw new UserError('no_workspace', `No workspace config at ${configPath}.`, 'Run `tco2e init` in the folder you want to work in, or pass --config.');
  }
  const config = parseConfig(readFileSync(configPath, 'utf8'), configPath);
  const fromConfig = isAbsolute(config.ledger) ? config.ledger : join(dirname(configPath), config.ledger);
  const ledgerPath = resolve(o.cwd, o.dbFlag ?? env(o, ENV_DB) ?? fromConfig);
  return { configPath, config, ledgerPath };
}

export function organisation(ws: Workspace, id: string): OrganisationConfig {
  const org = ws.config.organisations.find((o) => o.id === id);
  if (org === undefined) {
    throw new UserError('unknown_org', `No organisation "${id}" in ${ws.configPath}.`, `Use one of: ${ws.config.organisations.map((o) => o.id).join(', ')}.`);
  }
  return org;
}
