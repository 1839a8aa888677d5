import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { orgFlag, outFlag, periodFlag, workspaceFlags } from '../../cli/flags.js';
import { analysisContext, openWorkspace } from '../../cli/workspace-flags.js';
import type { LinesFormat } from '../../export/lines/serialise.js';
import { exportLines, type LinesSummary } from '../../export/lines/write.js';
import { assertOutputTarget, workspaceFiles } from '../../render/output-file.js';

export default class ExportLines extends BaseCommand {
  static override summary = 'Every emission line with its full trace (factor, file, line, import), as CSV or JSON for BI tools.';
  static override description = 'Location-based lines with their T&D, well-to-tank and biogenic companions, commuting from surveys, and the market-based counterparts of Scope 2 (basis "market"): filter on basis, kind and scope to rebuild any total `tco2e emissions` gives. Lines are written as they are read from the ledger. With --json: to a file, a summary of what was written; to stdout, one JSON document with the records in it.';
  static override examples = [
    '<%= config.bin %> export lines --period 2024/25 --org north-acute --out lines-2024-25.csv',
    '<%= config.bin %> export lines --period 2024/25 --format json --out lines.json --json',
  ];
  static override flags = {
    ...workspaceFlags,
    org: orgFlag({ ics: 'members-lines', fallback: 'every' }),
    period: periodFlag({ is: 'year', fallback: 'everything held' }),
    format: Flags.string({ char: 'f', options: ['csv', 'json'], default: 'csv', description: 'csv: formula-safe, for Excel and BI tools; json: an array of records.' }),
    out: outFlag(),
  };

  async run(): Promise<LinesSummary | undefined> {
    const { flags } = await this.parse(ExportLines);
    const { workspace, ledger } = openWorkspace(flags);
    try {
      if (flags.out !== undefined) assertOutputTarget(flags.out, workspaceFiles(workspace)); // before the work, not after it
      const query = { ...(flags.org === undefined ? {} : { org: flags.org }), ...(flags.period === undefined ? {} : { period: flags.period }) };
      const json = this.jsonEnabled();
      const summary = await exportLines(analysisContext(workspace, ledger), query, flags.format as LinesFormat,
        flags.out === undefined ? { stream: process.stdout, document: json } : { file: flags.out, protect: workspaceFiles(workspace) });
      // On stderr, so a piped export stays clean; under --json they are in the document.
      for (const w of summary.warnings) this.logToStderr(`Warning: ${w.message}`);
      // The document on stdout has been written already; a file's summary is the answer to print.
      return flags.out === undefined ? undefined : summary;
    } finally {
      ledger.close();
    }
  }
}
