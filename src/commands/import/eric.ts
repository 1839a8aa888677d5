import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { importArgs, importFlags, replaceFlag, runImport } from '../../cli/import-command.js';
import { ericSummaryLines } from '../../cli/views/eric-view.js';
import { UserError } from '../../kernel/errors.js';
import { importEric, type EricImportSummary } from '../../import/import-eric.js';

// A return is read by its own layout: no profile to name, none to explain.
const ericFlags = Object.fromEntries(Object.entries(importFlags).filter(([name]) => name !== 'profile' && name !== 'explain')) as Omit<typeof importFlags, 'profile' | 'explain'>;

export default class ImportEric extends BaseCommand {
  static override summary = "Import an NHS trust's ERIC return (Estates Returns Information Collection) for a year: energy, water, waste and mileage as the trust reported them.";
  static override description = "Reads a trust-level or site-level ERIC CSV as NHS England publishes it, keeps the trust's own rows (by ODS code) and stores each figure as that financial year's activity, converted with that year's factors and traced to its column and line. Where the ledger also holds metered data for a year and fuel, the two are never added: see `tco2e emissions --compare-eric`.";
  static override examples = [
    '<%= config.bin %> import eric "ERIC - 201920 - Site data.csv" --org north-acute --ods RWV',
    '<%= config.bin %> import eric eric-trust.csv --org north-acute --year 2013/14',
    '<%= config.bin %> import eric "ERIC - 202223 - Site data.csv" --org north-acute --dry-run --json',
  ];

  static override args = importArgs;
  static override flags = {
    ...ericFlags,
    ...replaceFlag,
    ods: Flags.string({ description: "The trust's ODS code (e.g. RWV); defaults to the organisation's \"ods\" in the config." }),
    year: Flags.string({ description: "The return's financial year, e.g. 2019/20; read from the file's name when omitted." }),
  };

  async run(): Promise<EricImportSummary> {
    const { args, flags } = await this.parse(ImportEric);
    return runImport(this, args.file, flags, (ledger, req) => {
      const ods = flags.ods ?? req.org.ods;
      if (ods === undefined) throw new UserError('eric_no_ods', `Which trust's rows? Neither --ods nor the organisation "${req.org.id}" in the config gives an ODS code.`, `Give it with --ods (e.g. --ods RWV), or add "ods": "RWV" to the organisation in tco2e.config.json.`);
      return importEric(ledger, { ...req, ods, ...(flags.year === undefined ? {} : { year: flags.year }) });
    }, ericSummaryLines);
  }
}
