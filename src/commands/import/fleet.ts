import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { openWorkspace, workspaceFlags } from '../../cli/workspace-flags.js';
import { writeOutputFile } from '../../cli/output-file.js';
import { parsePolicy } from '../../convert/policy.js';
import { loadFactorsWithCustomFile } from '../../factors/custom-file.js';
import { importFleet, type FleetImportSummary } from '../../import/import-fleet.js';
import { rejectsCsv } from '../../import/rejects.js';
import { allProfiles } from '../../map/profiles.js';
import { renderImportSummary } from '../../render/import-summary.js';
import { organisation } from '../../workspace/config.js';

export default class ImportFleet extends BaseCommand {
  static override summary = 'Import a fleet file (fuel-card transactions, vehicle register, mileage or telematics, EV charging) into the ledger.';
  static override description = 'Reads the file as the card provider, telematics system or charge-point operator sent it, maps it with a profile (detected from the header, or --profile), joins registrations to the vehicle register, converts every activity with the factor for its year and stores it as one import that lands whole or not at all. Import the vehicle register before mileage files that give only registrations. Importing the same file again changes nothing.';
  static override examples = [
    '<%= config.bin %> import fleet vehicle-register.csv --org north-acute',
    '<%= config.bin %> import fleet allstar-2024-05.csv --org north-acute --rejects rejects.csv',
    '<%= config.bin %> import fleet telematics-q1.csv --org north-acute --profile fleet-mileage-km',
    '<%= config.bin %> import fleet chargepoints.csv --org north-acute --dry-run --json',
  ];

  static override args = { file: Args.string({ description: 'The CSV file as received.', required: true }) };
  static override flags = {
    ...workspaceFlags,
    org: Flags.string({ description: 'Organisation id from the workspace config.', required: true }),
    profile: Flags.string({ description: 'Profile id (see `tco2e profiles list`); detected from the header when omitted.' }),
    'dry-run': Flags.boolean({ description: 'Check and convert everything, store nothing.' }),
    strict: Flags.boolean({ description: 'Refuse the whole file if any row is rejected.' }),
    replace: Flags.boolean({ description: 'Supersede stored imports this file overlaps (kept in the history).' }),
    rejects: Flags.string({ description: 'Write the rejected rows, with line numbers and reasons, to this CSV.' }),
    policy: Flags.string({ description: 'Factor-year policy: financial-year, calendar-year or fixed:YYYY.', default: 'financial-year' }),
    factors: Flags.string({ description: 'A custom factor CSV to add or override keys.' }),
  };

  async run(): Promise<FleetImportSummary> {
    const { args, flags } = await this.parse(ImportFleet);
    const { workspace, ledger } = openWorkspace(flags);
    try {
      const summary = await importFleet(ledger, {
        path: args.file,
        org: organisation(workspace, flags.org),
        profiles: allProfiles(workspace.config.profiles, workspace.configPath),
        ...(flags.profile === undefined ? {} : { profileId: flags.profile }),
        library: loadFactorsWithCustomFile(flags.factors),
        policy: parsePolicy(flags.policy),
        dryRun: flags['dry-run'],
        strict: flags.strict,
        replace: flags.replace,
        now: new Date(),
        toolVersion: this.config.version,
      });
      if (flags.rejects !== undefined) writeOutputFile(flags.rejects, rejectsCsv(summary), [args.file, workspace.ledgerPath]);
      this.log(renderImportSummary(summary));
      if (summary.status === 'refused-overlap' || summary.status === 'refused-strict') this.exit(1);
      return summary;
    } finally {
      ledger.close();
    }
  }
}
