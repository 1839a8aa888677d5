import { BaseCommand } from '../cli/base-command.js';
import { workspaceFlags } from '../cli/flags.js';
import { ledgerToCheck } from '../cli/workspace-flags.js';
import { msg } from '../messages.js';
import { checkLedger, type LedgerCheck } from '../store/ledger.js';
import { damagedLedger } from '../store/sqlite-errors.js';

/** How many of the problems found are printed (all of them are in the JSON). */
const SHOWN = 10;

export default class Check extends BaseCommand {
  static override summary = 'Check the ledger for damage with SQLite\'s full integrity check; nothing is changed.';
  static override description = 'Reads every page of the ledger and checks every index against its table (about a second for 100 MB). Exit code 0 when the ledger is sound; 2, with what to do, when it is damaged or is not a ledger. Imports and undo look for damage themselves (a quicker check) and never write to a damaged ledger; run this after a crash or a disk problem, on a schedule, or on a copy before restoring it (--db works outside a workspace too).';
  static override examples = [
    '<%= config.bin %> check',
    '<%= config.bin %> check --json',
    '<%= config.bin %> check --db tco2e-ledger.sqlite.v2-2025-04-01T09-00-00-000Z.bak',
  ];
  static override flags = { ...workspaceFlags };

  async run(): Promise<LedgerCheck> {
    const { flags } = await this.parse(Check);
    const result = checkLedger(ledgerToCheck(flags));
    if (!result.sound) {
      if (!this.jsonEnabled()) for (const p of result.problems.slice(0, SHOWN)) this.logToStderr(`  ${p}`);
      throw damagedLedger(result.ledger, result.problems);
    }
    this.log(result.engine === 'postgres' ? msg.serverLedgerSound(result.ledger, result.schemaVersion) : msg.ledgerSound(result.ledger, result.schemaVersion, result.pages ?? 0, result.freePages ?? 0));
    if (result.schemaVersion !== null && result.schemaVersion < result.currentSchemaVersion) this.log(msg.ledgerOlderSchema(result.schemaVersion, result.currentSchemaVersion));
    return result;
  }
}
