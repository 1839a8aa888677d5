import { isUserError } from '../kernel/errors.js';
import { allProfiles, loadBuiltinProfiles, type Profile } from '../map/profiles.js';
import { loadWorkspace, type Workspace } from '../workspace/config.js';
import { Ledger } from '../store/ledger.js';
import type { AnalysisContext } from '../aggregate/footprint.js';
import { loadFactors } from '../factors/library.js';

export function openWorkspace(flags: { config?: string | undefined; db?: string | undefined }): { workspace: Workspace; ledger: Ledger } {
  const workspace = loadWorkspace({ cwd: process.cwd(), env: process.env, configFlag: flags.config, dbFlag: flags.db });
  const ledger = Ledger.open(workspace.ledgerPath);
  if (ledger.backupPath !== null) {
    // On stderr, so that `--json` output stays one document; said once, on the run that upgrades.
    process.stderr.write(`Upgraded the ledger ${workspace.ledgerPath} from schema ${ledger.migratedFrom ?? '?'} to ${ledger.schemaVersion} for this version of tco2e; a copy of it as it was is at ${ledger.backupPath}.
`);
  }
  return { workspace, ledger };
}

/** What the query and report commands work on: the workspace, its ledger, the factors, one read of each query. */
export function analysisContext(workspace: Workspace, ledger: Ledger): AnalysisContext {
  return { ledger, library: loadFactors(), config: workspace.config, reads: new Map() };
}

/** The workspace's profiles; outside a workspace, the built-in ones. A broken config is still an error. */
export function profilesFor(flags: { config?: string | undefined }): Profile[] {
  try {
    const ws = loadWorkspace({ cwd: process.cwd(), env: process.env, configFlag: flags.config });
    return allProfiles(ws.config.profiles, ws.configPath);
  } catch (e) {
    if (isUserError(e) && e.code === 'no_workspace') return loadBuiltinProfiles();
    throw e;
  }
}
