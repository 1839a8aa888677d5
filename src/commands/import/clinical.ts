import { BaseCommand } from '../../cli/base-command.js';
import { importArgs, importFlags, runImport } from '../../cli/import-command.js';
import { clinicalSummaryLines } from '../../cli/views/clinical-view.js';
import { importClinical, type ClinicalImportSummary } from '../../import/import-clinical.js';

// Read by its own layout, by the meaning of its headers: no profile to name, none to explain.
const clinicalFlags = Object.fromEntries(Object.entries(importFlags).filter(([name]) => name !== 'profile' && name !== 'explain')) as Omit<typeof importFlags, 'profile' | 'explain'>;

export default class ImportClinical extends BaseCommand {
  static override summary = 'Import pharmacy issues of anaesthetic gases and inhalers: desflurane, sevoflurane, isoflurane, nitrous oxide, Entonox, metered-dose and dry-powder inhalers.';
  static override description =
    'Reads a pharmacy or theatre issue export (product, quantity, pack size, date or month, ward) and stores what each row releases: kg of anaesthetic agent or inhaler propellant, priced with IPCC AR5 100-year global warming potentials, each figure traced to its line, density and GWP. Metered-dose inhalers need the grams of propellant per inhaler in a "Propellant (g)" column; dry-powder inhalers need a custom factor inhaler.dry_powder (per inhaler, unit items) given with --factors.';
  static override examples = [
    '<%= config.bin %> import clinical pharmacy-issues-2024-05.csv --org north-acute',
    '<%= config.bin %> import clinical theatre-gases-q1.csv --org north-acute --dry-run --json',
    '<%= config.bin %> import clinical inhaler-issues.csv --org north-acute --factors dpi-factor.csv --rejects rejected.csv',
  ];

  static override args = importArgs;
  static override flags = clinicalFlags;

  async run(): Promise<ClinicalImportSummary> {
    const { args, flags } = await this.parse(ImportClinical);
    return runImport(this, args.file, flags, (ledger, req) => importClinical(ledger, req), clinicalSummaryLines);
  }
}
