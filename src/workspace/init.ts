import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UserError } from '../kernel/errors.js';
import { Ledger } from '../store/ledger.js';
import { isServerUrl, redactUrl, withoutPassword } from '../store/pg/engine.js';
import { ConfigSchema, DEFAULT_LEDGER, type Config } from './config.js';

export interface InitOptions {
  readonly configPath: string;
  /** Ledger path; defaults to `tco2e-ledger.sqlite` beside the config. */
  readonly ledgerPath?: string;
  readonly org: { readonly id: string; readonly name: string; readonly kind: Config['organisations'][number]['kind'] };
}

export interface InitResult {
  readonly configPath: string;
  readonly ledgerPath: string;
  readonly createdConfig: boolean;
  readonly config: Config;
}

/**
 * Creates a workspace: a config with one organisation (more are added by editing it) and an
 * empty ledger. Never overwrites an existing config or ledger.
 */
export function initWorkspace(o: InitOptions): InitResult {
  if (existsSync(o.configPath)) {
    throw new UserError('workspace_exists', `${o.configPath} already exists; it was left as it is.`, 'Edit it to add organisations, or run init in another folder.');
  }
  // A server's ledger is written into the config so that later commands find it without --db,
  // but never with a password: that stays in PGPASSWORD, ~/.pgpass or the --db given each time.
  const server = o.ledgerPath !== undefined && isServerUrl(o.ledgerPath);
  const config = ConfigSchema.parse({
    version: 1,
    ledger: server ? withoutPassword(o.ledgerPath) : DEFAULT_LEDGER,
    organisations: [{ id: o.org.id, name: o.org.name, kind: o.org.kind, sites: [], denominators: [] }],
    profiles: [],
  });
  const ledgerPath = o.ledgerPath ?? join(dirname(o.configPath), DEFAULT_LEDGER);
  Ledger.open(ledgerPath, { create: true }).close();
  writeFileSync(o.configPath, JSON.stringify(config, null, 2) + '\n', { flag: 'wx' });
  return { configPath: o.configPath, ledgerPath: server ? redactUrl(ledgerPath) : ledgerPath, createdConfig: true, config };
}
