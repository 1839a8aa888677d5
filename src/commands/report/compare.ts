import { join, resolve } from 'node:path';
import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { baselineFlag, orgsFlag, outFlag, periodFlag, workspaceFlags } from '../../cli/flags.js';
import { analysisContext, openWorkspace } from '../../cli/workspace-flags.js';
import { compareHtml } from '../../report/compare/index.js';
import { assertOutputTarget, workspaceFiles, writeOutputFile } from '../../render/output-file.js';

export default class ReportCompare extends BaseCommand {
  static override summary = 'Write the comparison report: organisations\' trajectories side by side, fairly, in one self-contained HTML file.';
  static override examples = [
    '<%= config.bin %> report compare --orgs north-acute,riverside-council --period 2024/25',
    '<%= config.bin %> report compare --orgs north-acute,riverside-council,north-ics --baseline 2019/20 --out board-pack/compare.html',
  ];
  static override flags = {
    ...workspaceFlags,
    orgs: orgsFlag(),
    period: periodFlag({ is: 'last-financial-year', fallback: 'all held' }),
    baseline: baselineFlag(),
    out: outFlag({ htmlDefault: 'reports/compare.html' }),
    partial: Flags.boolean({ description: 'Compare up to a year that is not over, or that no organisation has data for, as a partial view that says so (refused otherwise).' }),
  };

  async run(): Promise<{ file: string }> {
    const { flags } = await this.parse(ReportCompare);
    const { workspace, ledger } = openWorkspace(flags);
    try {
      const orgs = flags.orgs ?? workspace.config.organisations.map((o) => o.id);
      const file = resolve(flags.out ?? join('reports', 'compare.html'));
      // A typed path must be in a folder that exists; the default's folder is made. Checked before the report is built.
      const target = { makeFolders: flags.out === undefined };
      assertOutputTarget(file, workspaceFiles(workspace), target);
      const r = await compareHtml(analysisContext(workspace, ledger), { orgs, ...(flags.period === undefined ? {} : { period: flags.period }), ...(flags.baseline === undefined ? {} : { baselineYear: flags.baseline }), now: new Date(), toolVersion: this.config.version, partial: flags.partial });
      await writeOutputFile(file, r.html, workspaceFiles(workspace), '--out', target);
      if (!this.jsonEnabled()) this.log(`Wrote ${file}`);
      return { file };
    } finally {
      ledger.close();
    }
  }
}
