/**
 * Loads the sample dataset into a fresh workspace: the config copied beside a new ledger, then
 * every file of the manifest imported in order through the same pipeline as `tco2e import`.
 */

import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicy } from '../convert/policy.js';
import type { FactorLibrary } from '../factors/library.js';
import { importEnergy } from '../import/import-energy.js';
import { importFleet } from '../import/import-fleet.js';
import { importJourneys } from '../import/import-journeys.js';
import type { ImportRequest } from '../import/request.js';
import type { ImportSummary } from '../import/summary.js';
import { allProfiles } from '../map/profiles.js';
import { Ledger } from '../store/ledger.js';
import { CONFIG_FILE, DEFAULT_LEDGER, organisation, parseConfig, type Workspace } from '../workspace/config.js';
import { readManifest, type ManifestEntry } from './manifest.js';

export interface LoadedImport {
  readonly entry: ManifestEntry;
  readonly summary: ImportSummary;
}

export interface LoadedDemo {
  readonly workspace: Workspace;
  readonly imports: readonly LoadedImport[];
}

export interface LoadOptions {
  readonly samplesDir: string;
  /** Where the workspace (config and ledger) is created; its ledger is replaced. */
  readonly workspaceDir: string;
  /** A ledger to load into instead of a new file in the workspace: an empty one on a server (`postgres://…`). */
  readonly ledger?: string;
  readonly library: FactorLibrary;
  readonly now: Date;
  readonly toolVersion: string;
  readonly onImport?: (done: LoadedImport, index: number, count: number) => void;
}

export async function loadSampleWorkspace(o: LoadOptions): Promise<LoadedDemo> {
  const manifest = readManifest(o.samplesDir);
  mkdirSync(o.workspaceDir, { recursive: true });
  const configPath = join(o.workspaceDir, CONFIG_FILE);
  copyFileSync(join(o.samplesDir, manifest.config), configPath);
  const config = parseConfig(readFileSync(configPath, 'utf8'), configPath);
  const ledgerPath = o.ledger ?? join(o.workspaceDir, config.ledger === '' ? DEFAULT_LEDGER : config.ledger);
  // The demo always starts from an empty ledger, so running it twice gives the same reports
  // (a server's is given empty: nothing there is removed).
  if (o.ledger === undefined) for (const suffix of ['', '-wal', '-shm', '-journal']) if (existsSync(ledgerPath + suffix)) rmSync(ledgerPath + suffix);
  const workspace: Workspace = { configPath, config, ledgerPath };
  const profiles = allProfiles(config.profiles, configPath);
  const policy = parsePolicy(manifest.policy);
  const ledger = Ledger.open(ledgerPath, { create: true });
  const imports: LoadedImport[] = [];
  try {
    for (const [i, entry] of manifest.imports.entries()) {
      const req: ImportRequest = {
        path: join(o.samplesDir, entry.file), org: organisation(workspace, entry.org), profiles,
        ...(entry.profile === undefined ? {} : { profileId: entry.profile }),
        library: o.library, policy, now: o.now, toolVersion: o.toolVersion,
      };
      const summary = entry.kind === 'energy' ? await importEnergy(ledger, req) : entry.kind === 'fleet' ? await importFleet(ledger, req) : await importJourneys(ledger, { ...req, ...(entry.wave === undefined ? {} : { wave: entry.wave }) });
      const done = { entry, summary };
      imports.push(done);
      o.onImport?.(done, i, manifest.imports.length);
    }
  } finally {
    ledger.close();
  }
  writeFileSync(join(o.workspaceDir, 'README.txt'), 'A workspace made by `npm run demo` from the sample dataset (fictional organisations, invented figures).\nRun tco2e commands here, e.g. `tco2e emissions --org northmere-acute --by source`. It is replaced on the next demo run.\n');
  return { workspace, imports };
}
