import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { orgFlag, outFlag, periodFlag, workspaceFlags } from '../../cli/flags.js';
import { analysisContext, openWorkspace } from '../../cli/workspace-flags.js';
import { allLines, selectLines } from '../../export/lines/select.js';
import { linesChunks, type LinesFormat } from '../../export/lines/serialise.js';
import { blocks, writeChunksToStream } from '../../export/output-stream.js';
import { workspaceFiles, writeOutputFile } from '../../render/output-file.js';

export default class ExportLines extends BaseCommand {
  static override summary = 'Every emission line with its full trace (factor, file, line, import), as CSV or JSON for BI tools.';
  static override description = 'Location-based lines with their T&D, well-to-tank and biogenic companions, commuting from surveys, and the market-based counterparts of Scope 2 (basis "market"): filter on basis, kind and scope to rebuild any total `tco2e emissions` gives.';
  static override examples = [
    '<%= config.bin %> export lines --period 2024/25 --org north-acute --out lines-2024-25.csv',
    '<%= config.bin %> export lines --period 2024/25 --format json --out lines.json',
  ];
  // --format json is the JSON form; the global --json would hold every line in memory twice.
  static override enableJsonFlag = false;
  static override flags = {
    ...workspaceFlags,
    org: orgFlag({ ics: 'members-lines', fallback: 'every' }),
    period: periodFlag({ is: 'year', fallback: 'everything held' }),
    format: Flags.string({ char: 'f', options: ['csv', 'json'], default: 'csv', description: 'csv: formula-safe, for Excel and BI tools; json: an array of records.' }),
    out: outFlag(),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(ExportLines);
    const { workspace, ledger } = openWorkspace(flags);
    try {
      const selection = selectLines(analysisContext(workspace, ledger), {
        ...(flags.org === undefined ? {} : { org: flags.org }),
        ...(flags.period === undefined ? {} : { period: flags.period }),
      });
      const chunks = linesChunks(flags.format as LinesFormat, allLines(selection));
      if (flags.out === undefined) await writeChunksToStream(process.stdout, chunks);
      else await writeOutputFile(flags.out, blocks(chunks), workspaceFiles(workspace));
      // On stderr, so a piped export stays clean.
      for (const w of selection.warnings) this.logToStderr(`Warning: ${w.message}`);
    } finally {
      ledger.close();
    }
  }
}
