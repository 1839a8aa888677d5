import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { grantOrgFlag, workspaceFlags } from '../../cli/flags.js';
import { ledgerToCheck } from '../../cli/workspace-flags.js';
import { describeOrg, grantOrganisation, openServerLedger, type GrantResult } from '../../store/pg/grants.js';

export default class DbGrant extends BaseCommand {
  static override summary = 'Let a database role read, or read and write, one organisation\'s rows in a ledger on a PostgreSQL server.';
  static override description = 'The server itself keeps every other organisation\'s rows from the role, whatever SQL it sends (row-level security). The role must exist: creating it, with its password, is the database administrator\'s step (CREATE ROLE name LOGIN PASSWORD \'…\'). --org \'*\' grants every organisation, as an ICS analyst reads all members; give it with --read-only. Granting again replaces the grant. Run it as the role that owns the ledger (the one that ran `tco2e init --db`). Works outside a workspace with --db postgres://….';
  static override examples = [
    '<%= config.bin %> db grant --org northmere-acute --role trust_northmere',
    '<%= config.bin %> db grant --org \'*\' --role ics_analyst --read-only --db postgres://owner@db.example.nhs.uk/tco2e',
  ];
  static override flags = {
    ...workspaceFlags,
    org: grantOrgFlag(),
    role: Flags.string({ description: 'The database role (a login, or a group role its members inherit) to grant.', required: true }),
    'read-only': Flags.boolean({ description: 'Read the organisation\'s rows only: no imports, no undo.' }),
  };

  async run(): Promise<GrantResult> {
    const { flags } = await this.parse(DbGrant);
    const ledger = openServerLedger(ledgerToCheck(flags));
    try {
      const g = grantOrganisation(ledger, { org: flags.org, role: flags.role, readOnly: flags['read-only'] });
      this.log(`Granted role ${g.role} ${g.readOnly ? 'read-only access' : 'read and write'} on ${describeOrg(g.org)} in the ledger at ${g.location}.`);
      return g;
    } finally {
      ledger.close();
    }
  }
}
