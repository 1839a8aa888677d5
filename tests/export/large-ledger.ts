/**
 * A workspace with a large ledger for the tests that run commands on one: the benchmark's board
 * workspace (tests/bench/board.ts), 150 sites with an electricity and a gas meter each and ten
 * years of monthly bills, 36,000 bill rows, imported into its ledger as 97,200 ledger rows.
 */

import { parsePolicy } from '../../src/convert/policy.js';
import { loadFactors } from '../../src/factors/library.js';
import { importEnergy } from '../../src/import/import-energy.js';
import { loadBuiltinProfiles } from '../../src/map/profiles.js';
import { Ledger } from '../../src/store/ledger.js';
import { loadWorkspace } from '../../src/workspace/config.js';
import { writeBoardWorkspace } from '../bench/board.js';

export const LARGE_ORG = 'bench-trust';

/** Writes the workspace, imports its bills and returns its folder and how many ledger rows it holds. */
export async function largeWorkspace(): Promise<{ dir: string; ledgerRows: number }> {
  const { dir, bills } = writeBoardWorkspace();
  const ws = loadWorkspace({ cwd: dir, env: {} });
  const ledger = Ledger.open(ws.ledgerPath, { create: true });
  try {
    const r = await importEnergy(ledger, {
      path: bills, profileId: 'energy-bill', profiles: loadBuiltinProfiles(), library: loadFactors(), policy: parsePolicy('financial-year'),
      org: ws.config.organisations[0]!, now: new Date('2025-05-01T09:00:00Z'), toolVersion: '0.1.0',
    });
    if (r.status !== 'stored') throw new Error(`the large workspace's bills did not store: ${r.status}`);
    return { dir, ledgerRows: ledger.select<{ n: number }>('SELECT count(*) AS n FROM activities')[0]!.n };
  } finally {
    ledger.close();
  }
}
