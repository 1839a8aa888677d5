import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { importArgs, importFlags, replaceFlag, runImport } from '../../cli/import-command.js';
import { importEnergy } from '../../import/import-energy.js';
import type { ImportSummary } from '../../import/summary.js';

export default class ImportEnergy extends BaseCommand {
  static override summary = 'Import an energy file (bills, monthly consumption, half-hourly data) into the ledger.';
  static override description = 'Reads the file as the supplier sent it, maps it with a profile (detected from the header, or --profile), converts every activity with the factor for its year and stores it as one import that lands whole or not at all. Importing the same file again changes nothing.';
  static override examples = [
    '<%= config.bin %> import energy bills-2024-05.csv --org north-acute',
    '<%= config.bin %> import energy hh-export.csv --org north-acute --profile half-hourly-end --rejects rejects.csv',
    '<%= config.bin %> import energy corrected-may.csv --org north-acute --replace',
    '<%= config.bin %> import energy bills.csv --org north-acute --dry-run --json',
    '<%= config.bin %> import energy octopus-download.csv --org north-acute --meter 1200023456781',
  ];

  static override args = importArgs;
  static override flags = {
    ...importFlags,
    ...replaceFlag,
    meter: Flags.string({ description: 'The meter (MPAN or MPRN) of a file without a meter column, such as a single meter\'s consumption download.' }),
  };

  async run(): Promise<ImportSummary> {
    const { args, flags } = await this.parse(ImportEnergy);
    const meter = flags.meter?.trim();
    return runImport(this, args.file, flags, (ledger, req) => importEnergy(ledger, req, meter === undefined || meter === '' ? {} : { meter }));
  }
}
