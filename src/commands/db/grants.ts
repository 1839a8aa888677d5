import { BaseCommand } from '../../cli/base-command.js';
import { workspaceFlags } from '../../cli/flags.js';
import { ledgerToCheck } from '../../cli/workspace-flags.js';
import { renderTable } from '../../kernel/format.js';
import { listGrants, openServerLedger, type GrantRow } from '../../store/pg/grants.js';

export default class DbGrants extends BaseCommand {
  static override summary = 'List which database roles may read or write which organisations in a ledger on a PostgreSQL server.';
  static override description = 'One line per grant, by organisation (* is every organisation). A role dropped from the server since it was granted is marked: its grant gives nobody anything.';
  static override examples = ['<%= config.bin %> db grants', '<%= config.bin %> db grants --json --db postgres://owner@db.example.nhs.uk/tco2e'];
  static override flags = { ...workspaceFlags };

  async run(): Promise<{ location: string; grants: GrantRow[] }> {
    const { flags } = await this.parse(DbGrants);
    const ledger = openServerLedger(ledgerToCheck(flags));
    try {
      const grants = listGrants(ledger);
      if (grants.length === 0) this.log(`No role is granted anything in the ledger at ${ledger.path}; only its owner can use it. Grant one with \`tco2e db grant --org ORG --role ROLE\`.`);
      else {
        this.log(renderTable(grants, [
          { header: 'org', value: (g) => g.org, fixed: true },
          { header: 'role', value: (g) => g.role, fixed: true },
          { header: 'access', value: (g) => (g.readOnly ? 'read' : 'read and write'), fixed: true },
          { header: 'note', value: (g) => (g.roleExists ? '' : 'role no longer exists') },
        ]));
      }
      return { location: ledger.path, grants };
    } finally {
      ledger.close();
    }
  }
}
