import { join, resolve } from 'node:path';
import { BaseCommand } from '../../cli/base-command.js';
import { Flags } from '@oclif/core';
import { orgFlag, outFlag, periodFlag, workspaceFlags } from '../../cli/flags.js';
import { analysisContext, openWorkspace } from '../../cli/workspace-flags.js';
import { assertOutputTarget, workspaceFiles, writeOutputFile } from '../../render/output-file.js';
import { boardReport } from '../../report/board/index.js';
import { financialYearLabel } from '../../convert/policy.js';
import { parseFinancialYear } from '../../travel/period.js';

export default class ReportBoard extends BaseCommand {
  static override summary = 'Write the board report: one self-contained HTML file that reads offline and prints on A4.';
  static override examples = ['<%= config.bin %> report board --org north-acute --period 2024/25', '<%= config.bin %> report board --org north-acute --period 2024/25 --out board.html'];
  static override flags = {
    ...workspaceFlags,
    org: orgFlag({ ics: 'sums' }),
    period: periodFlag({ is: 'financial-year' }),
    out: outFlag({ htmlDefault: 'reports/board-ORG-YYYY-YY.html' }),
    partial: Flags.boolean({ description: 'Report a year that is not over, or has no metered data, as a partial view that says so on every headline (refused otherwise).' }),
    'print-tables': Flags.boolean({ description: 'Print the table of numbers under every chart (on paper they are left out; the screen always has them).' }),
  };

  async run(): Promise<{ file: string }> {
    const { flags } = await this.parse(ReportBoard);
    const { workspace, ledger } = openWorkspace(flags);
    try {
      const fy = parseFinancialYear(flags.period);
      const file = resolve(flags.out ?? join('reports', `board-${flags.org}-${fy === undefined ? flags.period.replace(/[^A-Za-z0-9-]/g, '-') : financialYearLabel(fy).replace('/', '-')}.html`));
      // A typed path must be in a folder that exists; the default's folder is made. Checked before the report is built.
      const target = { makeFolders: flags.out === undefined };
      assertOutputTarget(file, workspaceFiles(workspace), target);
      const r = await boardReport(analysisContext(workspace, ledger), { org: flags.org, period: flags.period, now: new Date(), toolVersion: this.config.version, partial: flags.partial, printTables: flags['print-tables'] });
      await writeOutputFile(file, r.html, workspaceFiles(workspace), '--out', target);
      if (!this.jsonEnabled()) this.log(`Wrote ${file}`);
      return { file };
    } finally {
      ledger.close();
    }
  }
}
