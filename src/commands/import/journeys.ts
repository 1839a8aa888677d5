import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { openWorkspace, workspaceFlags } from '../../cli/workspace-flags.js';
import { writeOutputFile } from '../../cli/output-file.js';
import { parsePolicy } from '../../convert/policy.js';
import { loadFactorsWithCustomFile } from '../../factors/custom-file.js';
import { importJourneys, type JourneysSummary } from '../../import/import-journeys.js';
import { rejectsCsv } from '../../import/rejects.js';
import { allProfiles } from '../../map/profiles.js';
import { formatNumber } from '../../render/format.js';
import { renderImportSummary } from '../../render/import-summary.js';
import { organisation } from '../../workspace/config.js';

export default class ImportJourneys extends BaseCommand {
  static override summary = 'Import staff journeys (a travel survey, or business journeys and mileage claims) into the ledger.';
  static override description = 'A travel survey is stored response by response under a wave label (--wave, or the profile\'s), its mode answers normalised; commuting emissions are worked out from the responses later. Business journeys and grey-fleet mileage claims are converted now, as Scope 3 business travel; a claim that gives only money is turned into miles at the profile\'s mileage rate and flagged. The file lands whole or not at all, and importing the same file again changes nothing.';
  static override examples = [
    '<%= config.bin %> import journeys staff-travel-survey-2024.csv --org north-acute --wave "2024 autumn"',
    '<%= config.bin %> import journeys expenses-q1.csv --org north-acute --rejects rejects.csv',
    '<%= config.bin %> import journeys mileage.csv --org north-acute --profile business-travel --dry-run --json',
  ];

  static override args = { file: Args.string({ description: 'The CSV file as exported.', required: true }) };
  static override flags = {
    ...workspaceFlags,
    org: Flags.string({ description: 'Organisation id from the workspace config.', required: true }),
    profile: Flags.string({ description: 'Profile id (see `tco2e profiles list`); detected from the header when omitted.' }),
    wave: Flags.string({ description: 'Survey wave label stored with every response, e.g. "2024 autumn" (required for a survey unless its profile sets one).' }),
    'dry-run': Flags.boolean({ description: 'Check and convert everything, store nothing.' }),
    strict: Flags.boolean({ description: 'Refuse the whole file if any row is rejected.' }),
    rejects: Flags.string({ description: 'Write the rejected rows, with line numbers and reasons, to this CSV.' }),
    policy: Flags.string({ description: 'Factor-year policy: financial-year, calendar-year or fixed:YYYY.', default: 'financial-year' }),
    factors: Flags.string({ description: 'A custom factor CSV to add or override keys.' }),
  };

  async run(): Promise<JourneysSummary> {
    const { args, flags } = await this.parse(ImportJourneys);
    const { workspace, ledger } = openWorkspace(flags);
    try {
      const summary = await importJourneys(ledger, {
        path: args.file,
        org: organisation(workspace, flags.org),
        profiles: allProfiles(workspace.config.profiles, workspace.configPath),
        ...(flags.profile === undefined ? {} : { profileId: flags.profile }),
        ...(flags.wave === undefined ? {} : { wave: flags.wave }),
        library: loadFactorsWithCustomFile(flags.factors),
        policy: parsePolicy(flags.policy),
        dryRun: flags['dry-run'],
        strict: flags.strict,
        now: new Date(),
        toolVersion: this.config.version,
      });
      if (flags.rejects !== undefined) writeOutputFile(flags.rejects, rejectsCsv(summary), [args.file, workspace.ledgerPath]);
      this.log(renderImportSummary(summary));
      if (summary.wave !== null && summary.status !== 'already-imported') {
        const verb = summary.status === 'stored' ? 'stored' : 'read';
        this.log(`Survey responses: ${formatNumber(summary.surveyResponses)} ${verb}, wave "${summary.wave}" (no emissions yet: commuting emissions are worked out from the responses later)`);
      }
      if (summary.status === 'refused-overlap' || summary.status === 'refused-strict') this.exit(1);
      return summary;
    } finally {
      ledger.close();
    }
  }
}
