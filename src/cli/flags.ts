/**
 * The flags (and the one argument) several commands share, each declared once: its name, what it
 * accepts and what `--help` says of it. Where commands differ (required or not, what naming an ICS
 * does there, what happens without it), a command says which case it is with a few options; it
 * never writes the description again. tests/cli/flags.test.ts keeps it that way.
 */

import { Args, Flags, type Interfaces } from '@oclif/core';
import { DEFAULT_POLICY, parsePolicy, policyName, type FactorPolicy } from '../convert/policy.js';
import { ENV_CONFIG, ENV_DB } from '../workspace/config.js';

/** `--config` and `--db`: the workspace a command works on, or (`init`) the one it creates. */
export function workspaceFlagsFor(use: 'open' | 'create') {
  const open = use === 'open';
  return {
    config: Flags.string({
      description: `${open ? 'Workspace config file' : 'Where to write the workspace config'} (default ./tco2e.config.json, or $${ENV_CONFIG}).`,
      helpGroup: 'WORKSPACE',
    }),
    db: Flags.string({
      description: open ? `Ledger: a file's path, or a PostgreSQL server's postgres:// URL (default: the config's "ledger", or $${ENV_DB}).` : `Where to create the ledger: a file's path (default beside the config, or $${ENV_DB}), or a postgres:// URL of a database on a server.`,
      helpGroup: 'WORKSPACE',
    }),
  };
}

/** Flags of every command that works on an existing workspace. */
export const workspaceFlags = workspaceFlagsFor('open');

/** What naming an ICS (an organisation made of members) does where `--org` is used. */
const ICS = {
  sums: 'an ICS sums its members',
  'members-lines': 'an ICS gives its members\' lines',
  refused: 'not an ICS: surveys belong to its members',
} as const;

/** Without `--org`: the first organisation in the config, or every one. */
const ORG_FALLBACK = {
  first: 'the first in the config',
  every: 'every organisation',
} as const;

export interface OrgFlagOptions {
  /** What an ICS id does here, when it is worth saying. */
  readonly ics?: keyof typeof ICS;
}

/** The description `--org` has with these options; exported for the test that holds commands to it. */
export function orgDescription(o: OrgFlagOptions & { readonly fallback?: keyof typeof ORG_FALLBACK | undefined }): string {
  const ics = o.ics === undefined ? '' : ` (${ICS[o.ics]})`;
  return `Organisation id from the workspace config${ics}.${o.fallback === undefined ? '' : ` Default: ${ORG_FALLBACK[o.fallback]}.`}`;
}

/** `--org`, an organisation of the workspace; required unless `fallback` says what happens without it. */
export function orgFlag(o: OrgFlagOptions & { readonly fallback: keyof typeof ORG_FALLBACK }): Interfaces.OptionFlag<string | undefined>;
export function orgFlag(o?: OrgFlagOptions): Interfaces.OptionFlag<string>;
export function orgFlag(o: OrgFlagOptions & { readonly fallback?: keyof typeof ORG_FALLBACK } = {}): Interfaces.OptionFlag<string> | Interfaces.OptionFlag<string | undefined> {
  return o.fallback === undefined ? Flags.string({ description: orgDescription(o), required: true }) : Flags.string({ description: orgDescription(o) });
}

/** `db grant|revoke --org`: an organisation of a server ledger, or every one (`*`), whether or not a config names it. */
export function grantOrgFlag() {
  return Flags.string({ description: "Organisation id whose rows the role may touch, or '*' for every organisation (an ICS's analysts).", required: true });
}

/** `init --org`: the id of the organisation the new workspace is for. */
export function newOrgFlag() {
  return Flags.string({ description: 'Id of the new organisation: lower-case letters, digits and dashes.', required: true });
}

const orgList = Flags.custom<string[]>({
  parse: (input) => Promise.resolve(input.split(',').map((s) => s.trim()).filter((s) => s !== '')),
});

/** `--orgs`: organisations side by side, as a list of ids; without it, every organisation (the command's to fill in). */
export function orgsFlag() {
  return orgList({ description: 'Organisation ids from the workspace config, comma-separated (an ICS id adds the sum of its members). Default: every organisation.' });
}

/** What `--period` is, where it is used. */
const PERIOD = {
  year: 'A financial year (2024/25) or a calendar year (2024)',
  'financial-year': 'The financial year, e.g. 2024/25',
  'last-financial-year': 'The last financial year shown, e.g. 2024/25',
} as const;

/** `--period`: required unless `fallback` says what happens without it. Read by the core, which refuses a period it does not understand. */
export function periodFlag(o: { readonly is: keyof typeof PERIOD; readonly fallback: string }): Interfaces.OptionFlag<string | undefined>;
export function periodFlag(o: { readonly is: keyof typeof PERIOD }): Interfaces.OptionFlag<string>;
export function periodFlag(o: { readonly is: keyof typeof PERIOD; readonly fallback?: string }): Interfaces.OptionFlag<string> | Interfaces.OptionFlag<string | undefined> {
  return o.fallback === undefined
    ? Flags.string({ description: `${PERIOD[o.is]}.`, required: true })
    : Flags.string({ description: `${PERIOD[o.is]}; default: ${o.fallback}.` });
}

/** A factor-year policy, parsed where the command line is read: a bad one is refused with parsePolicy's message (exit code 2). */
const policyValue = Flags.custom<FactorPolicy>({
  parse: (input) => Promise.resolve().then(() => parsePolicy(input)),
});

const POLICIES = 'financial-year, calendar-year or fixed:YYYY';

/**
 * `--policy`, the factor-year policy a conversion uses (`appliesTo` names what for); without it,
 * DEFAULT_POLICY, which the command fills in (`flags.policy ?? DEFAULT_POLICY`). Not an oclif
 * default: an object default shows in help only through a defaultHelp function, and that makes
 * `--help` load the whole command (half a second more).
 */
export function policyFlag(appliesTo?: string) {
  return policyValue({ description: `Factor-year policy${appliesTo === undefined ? '' : ` for ${appliesTo}`}: ${POLICIES}; default: ${policyName(DEFAULT_POLICY)}.` });
}

/** `--policy` for figures already stored: given, they are recomputed under it; without it, as imported. */
export function recomputePolicyFlag() {
  return policyValue({ description: `Recompute with another factor-year policy: ${POLICIES} (default: as imported).` });
}

/** `--factors`, a custom factor CSV; its path, read by loadFactorsWithCustomFile. */
export function factorsFlag() {
  return Flags.string({ description: 'A custom factor CSV to add or override keys (its rows are marked custom).' });
}

/** `--calendar`: calendar years (`what`: years, or years and quarters) instead of financial ones. */
export function calendarFlag(what: 'years' | 'years and quarters' = 'years') {
  return Flags.boolean({ description: `Calendar ${what} instead of financial ones (April–March).` });
}

/** `--baseline`: one baseline year for every organisation compared (the index's 100), as `compare` and `report compare` take it. */
export function baselineFlag() {
  return Flags.string({ description: 'One baseline year for all (e.g. 2019/20, or 2019 with --calendar); default: each organisation\'s first year with data.' });
}

/** `--out`: the file to write; for an HTML report, its default path, else the terminal. */
export function outFlag(o: { readonly htmlDefault?: string } = {}) {
  return Flags.string({ description: o.htmlDefault === undefined ? 'Write to this file instead of the terminal.' : `The HTML file to write (default ${o.htmlDefault}).` });
}

/** The import id argument of `imports show` and `imports undo`. */
export function importIdArg() {
  return Args.integer({ description: 'Import id (see `imports list`).', required: true });
}
