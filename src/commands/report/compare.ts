import { join, resolve } from 'node:path';
import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { analysisContext, openWorkspace, workspaceFlags } from '../../cli/workspace-flags.js';
import { compareHtml } from '../../report/compare/index.js';
import { workspaceFiles, writeOutputFile } from '../../render/output-file.js';

export default class ReportCompare extends BaseCommand {
  static override summary = 'Write the comparison report: organisations\' trajectories side by side, fairly, in one self-contained HTML file.';
  static override examples = ['<%= config.bin %> report compare --orgs north-acute,riverside-council --period 2024/25'];
  static override flags = {
    ...workspaceFlags,
    orgs: Flags.string({ description: 'Organisation ids, comma-separated (default: all).' }),
    period: Flags.string({ description: 'Last financial year shown, e.g. 2024/25 (default: all held).' }),
    out: Flags.string({ description: 'The HTML file to write (default reports/compare.html).' }),
  };

  async run(): Promise<{ file: string }> {
    const { flags } = await this.parse(ReportCompare);
    const { workspace, ledger } = openWorkspace(flags);
    try {
      const orgs = flags.orgs === undefined ? workspace.config.organisations.map((o) => o.id) : flags.orgs.split(',').map((s) => s.trim()).filter((s) => s !== '');
      const r = await compareHtml(analysisContext(workspace, ledger), { orgs, ...(flags.period === undefined ? {} : { period: flags.period }), now: new Date(), toolVersion: this.config.version });
      const file = resolve(flags.out ?? join('reports', 'compare.html'));
      await writeOutputFile(file, r.html, workspaceFiles(workspace));
      if (!this.jsonEnabled()) this.log(`Wrote ${file}`);
      return { file };
    } finally {
      ledger.close();
    }
  }
}
