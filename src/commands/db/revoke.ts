import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { grantOrgFlag, workspaceFlags } from '../../cli/flags.js';
import { ledgerToCheck } from '../../cli/workspace-flags.js';
import { describeOrg, openServerLedger, revokeOrganisation, type RevokeResult } from '../../store/pg/grants.js';

const REMAINING: Readonly<Record<RevokeResult['remaining'], string>> = {
  write: 'It keeps its other grants.',
  read: 'It keeps its other grants, which are read-only: it may no longer write to the ledger.',
  none: 'It has no other grant: it may no longer read the ledger\'s tables at all.',
};

export default class DbRevoke extends BaseCommand {
  static override summary = 'Take an organisation away from a database role in a ledger on a PostgreSQL server.';
  static override description = 'From the next statement the role sends, the server shows it none of that organisation\'s rows and refuses its writes to them. The role itself is left on the server (dropping it is the database administrator\'s step). Run it as the role that owns the ledger.';
  static override examples = [
    '<%= config.bin %> db revoke --org northmere-acute --role trust_northmere',
    '<%= config.bin %> db revoke --org \'*\' --role ics_analyst --db postgres://owner@db.example.nhs.uk/tco2e',
  ];
  static override flags = {
    ...workspaceFlags,
    org: grantOrgFlag(),
    role: Flags.string({ description: 'The database role whose grant is taken away.', required: true }),
  };

  async run(): Promise<RevokeResult> {
    const { flags } = await this.parse(DbRevoke);
    const ledger = openServerLedger(ledgerToCheck(flags));
    try {
      const r = revokeOrganisation(ledger, { org: flags.org, role: flags.role });
      this.log(`Revoked ${describeOrg(r.org)} from role ${r.role} in the ledger at ${r.location}. ${REMAINING[r.remaining]}`);
      return r;
    } finally {
      ledger.close();
    }
  }
}
