import { Flags } from '@oclif/core';
import { loadWorkspace, type Workspace } from '../workspace/config.js';
import { Ledger } from '../store/ledger.js';

/** Flags of every command that works on a workspace. */
export const workspaceFlags = {
  config: Flags.string({ description: 'Workspace config file (default ./tco2e.config.json, or $TCO2E_CONFIG).', helpGroup: 'WORKSPACE' }),
  db: Flags.string({ description: 'Ledger file (default: the config\'s "ledger", or $TCO2E_DB).', helpGroup: 'WORKSPACE' }),
};

export function openWorkspace(flags: { config?: string | undefined; db?: string | undefined }): { workspace: Workspace; ledger: Ledger } {
  const workspace = loadWorkspace({ cwd: process.cwd(), env: process.env, configFlag: flags.config, dbFlag: flags.db });
  return { workspace, ledger: Ledger.open(workspace.ledgerPath) };
}
