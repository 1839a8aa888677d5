import { statSync } from 'node:fs';
import { isUserError, UserError } from '../kernel/errors.js';
import { msg } from '../messages.js';
import { allProfiles, loadBuiltinProfiles, type Profile } from '../map/profiles.js';
import { configPathFor, ENV_CONFIG, ENV_DB, ledgerLocation, loadWorkspace, type LocateOptions, type Workspace } from '../workspace/config.js';
import { Ledger } from '../store/ledger.js';
import type { AnalysisContext } from '../aggregate/footprint.js';
import { loadFactors } from '../factors/library.js';
import { inputFileFailure } from '../import/file-identity.js';
import { INPUT } from './input-files.js';

interface WorkspaceFlagValues {
  config?: string | undefined;
  db?: string | undefined;
}

function locate(flags: WorkspaceFlagValues): LocateOptions {
  return { cwd: process.cwd(), env: process.env, configFlag: flags.config, dbFlag: flags.db };
}

/** The workspace the flags name (its ledger not opened); a config that cannot be read is the person's to fix. */
export function findWorkspace(flags: WorkspaceFlagValues): Workspace {
  const path = configPathFor(locate(flags));
  // A folder named as the config is a slip of the path, not a missing workspace: said as such.
  if (isFolder(path)) throw new UserError('input_is_folder', msg.inputIsFolder(INPUT.config, path), msg.configIsFolderHint, { file: path });
  try {
    return loadWorkspace(locate(flags));
  } catch (e) {
    throw inputFileFailure(e, path, INPUT.config);
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // not there, or not to be looked at: `loadWorkspace` says which
  }
}

export interface OpenLedgerOptions {
  /** The command writes (import, undo): the ledger is checked for damage first, and refused if damaged. */
  readonly forWrite?: boolean;
}

/**
 * The workspace's ledger, which must exist and be a ledger: only `tco2e init` makes one, so no
 * command turns another file (an empty one included) into a ledger.
 */
export function openLedger(workspace: Workspace, options: OpenLedgerOptions = {}): Ledger {
  const ledger = Ledger.open(workspace.ledgerPath, { forWrite: options.forWrite === true });
  if (ledger.backupPath !== null) {
    // On stderr, so that `--json` output stays one document; said once, on the run that upgrades.
    process.stderr.write(`Upgraded the ledger ${workspace.ledgerPath} from schema ${ledger.migratedFrom ?? '?'} to ${ledger.schemaVersion} for this version of tco2e; a copy of it as it was is at ${ledger.backupPath}.
`);
  }
  return ledger;
}

export function openWorkspace(flags: WorkspaceFlagValues, options: OpenLedgerOptions = {}): { workspace: Workspace; ledger: Ledger } {
  const workspace = findWorkspace(flags);
  return { workspace, ledger: openLedger(workspace, options) };
}

/** The ledger `tco2e check` looks at: the workspace's, or, outside a workspace, the file --db (or $TCO2E_DB) names. */
export function ledgerToCheck(flags: WorkspaceFlagValues): string {
  try {
    return findWorkspace(flags).ledgerPath;
  } catch (e) {
    const db = flags.db ?? (process.env[ENV_DB]?.trim() || undefined);
    if (isUserError(e) && e.code === 'no_workspace' && db !== undefined) return ledgerLocation(process.cwd(), db);
    throw e;
  }
}

/** What the query and report commands work on: the workspace, its ledger, the factors, one read of each query. */
export function analysisContext(workspace: Workspace, ledger: Ledger): AnalysisContext {
  return { ledger, library: loadFactors(), config: workspace.config, reads: new Map() };
}

/**
 * The workspace's profiles; outside a workspace, the built-in ones. A broken config is still an
 * error, and so is a config named by --config or $TCO2E_CONFIG that is not there: the person
 * meant that one, and its profiles would silently be missing.
 */
export function profilesFor(flags: { config?: string | undefined }): Profile[] {
  try {
    const ws = findWorkspace({ config: flags.config });
    return allProfiles(ws.config.profiles, ws.configPath);
  } catch (e) {
    const named = flags.config !== undefined || (process.env[ENV_CONFIG]?.trim() ?? '') !== '';
    if (isUserError(e) && e.code === 'no_workspace' && !named) return loadBuiltinProfiles();
    throw e;
  }
}
