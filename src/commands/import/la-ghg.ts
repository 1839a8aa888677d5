import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { workspaceFlags } from '../../cli/flags.js';
import { checkInput, INPUT } from '../../cli/input-files.js';
import { progress } from '../../cli/progress-bar.js';
import { laGhgSummaryText } from '../../cli/views/area-view.js';
import { findWorkspace, openLedger } from '../../cli/workspace-flags.js';
import { importLaGhg, type LaGhgImportSummary } from '../../import/import-la-ghg.js';

export default class ImportLaGhg extends BaseCommand {
  static override summary = 'Import the UK local authority greenhouse gas statistics (DESNZ): every authority\'s emissions by year, sector and gas, with the edition.';
  static override description = 'Reads the long CSV of the "UK local authority and regional greenhouse gas emissions" statistics as published (any edition; the older CO2-only ones are read and labelled CO2 only). A new edition replaces the series it covers; the earlier import stays in the history. Rows that are not an authority (Unallocated consumption…) are kept apart. The statistics belong to no one organisation: no --org is needed.';
  static override examples = [
    '<%= config.bin %> import la-ghg 2005-22-uk-local-authority-ghg-emissions-CSV-dataset.csv',
    '<%= config.bin %> import la-ghg 2005-22-uk-local-authority-ghg-emissions-CSV-dataset.csv --dry-run --json',
    '<%= config.bin %> import la-ghg la-ghg.csv --edition 2005-2022',
  ];

  static override args = { file: Args.string({ description: 'The CSV file as published.', required: true }) };
  static override flags = {
    ...workspaceFlags,
    'dry-run': Flags.boolean({ description: 'Check everything, store nothing.' }),
    edition: Flags.string({ description: "The edition's name (e.g. 2005-2022); default: the years the file covers." }),
  };

  async run(): Promise<LaGhgImportSummary> {
    const { args, flags } = await this.parse(ImportLaGhg);
    const workspace = findWorkspace(flags);
    checkInput(args.file, INPUT.import);
    const ledger = openLedger(workspace, { forWrite: true });
    const bar = progress(process.stderr, !this.jsonEnabled(), `Importing ${args.file}`);
    try {
      const summary = await importLaGhg(ledger, {
        path: args.file, dryRun: flags['dry-run'], now: new Date(), toolVersion: this.config.version,
        ...(flags.edition === undefined ? {} : { edition: flags.edition }),
        onProgress: (n, bytes) => {
          bar.update(n, bytes);
        },
      });
      bar.done();
      this.log(laGhgSummaryText(summary));
      return summary;
    } finally {
      bar.done();
      ledger.close();
    }
  }
}
