import { BaseCommand } from '../../cli/base-command.js';
import { importArgs, importFlags, runImport } from '../../cli/import-command.js';
import { importFleet, type FleetImportSummary } from '../../import/import-fleet.js';

export default class ImportFleet extends BaseCommand {
  static override summary = 'Import a fleet file (fuel-card transactions, vehicle register, mileage or telematics, EV charging) into the ledger.';
  static override description = 'Reads the file as the card provider, telematics system or charge-point operator sent it, maps it with a profile (detected from the header, or --profile), joins registrations to the vehicle register, converts every activity with the factor for its year and stores it as one import that lands whole or not at all. Import the vehicle register before mileage files that give only registrations. Importing the same file again changes nothing.';
  static override examples = [
    '<%= config.bin %> import fleet vehicle-register.csv --org north-acute',
    '<%= config.bin %> import fleet allstar-2024-05.csv --org north-acute --rejects rejects.csv',
    '<%= config.bin %> import fleet telematics-q1.csv --org north-acute --profile fleet-mileage-km',
    '<%= config.bin %> import fleet chargepoints.csv --org north-acute --dry-run --json',
  ];

  static override args = importArgs;
  static override flags = importFlags;

  async run(): Promise<FleetImportSummary> {
    const { args, flags } = await this.parse(ImportFleet);
    return runImport(this, args.file, flags, importFleet);
  }
}
