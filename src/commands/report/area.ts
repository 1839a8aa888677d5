import { join, resolve } from 'node:path';
import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { outFlag, workspaceFlags } from '../../cli/flags.js';
import { openWorkspace } from '../../cli/workspace-flags.js';
import { UserError } from '../../kernel/errors.js';
import { areaHtml } from '../../report/area/index.js';
import { assertOutputTarget, workspaceFiles, writeOutputFile } from '../../render/output-file.js';
import { loadPresets } from '../../targets/presets.js';

export default class ReportArea extends BaseCommand {
  static override summary = 'Write the area report: local authorities\' area-wide emissions from the government statistics, side by side, in one self-contained HTML file.';
  static override examples = [
    '<%= config.bin %> report area --la E06000058',
    '<%= config.bin %> report area --la E06000058 --la E06000059 --la E07000207 --base 2019 --out committee/area.html',
  ];
  static override flags = {
    ...workspaceFlags,
    la: Flags.string({ description: 'A local authority GSS code (e.g. E06000058); give it once per authority.', multiple: true }),
    base: Flags.integer({ description: 'The calendar year every index and cut is measured from; default the first year every authority holds.', min: 1990, max: 2100 }),
    out: outFlag({ htmlDefault: 'reports/area.html' }),
  };

  async run(): Promise<{ file: string }> {
    const { flags } = await this.parse(ReportArea);
    if (flags.la === undefined || flags.la.length === 0) throw new UserError('area_no_la', 'Which authority? Give --la CODE once per authority (e.g. --la E06000058).', 'Run `tco2e report area --la E06000058 --la E06000059`.');
    const { workspace, ledger } = openWorkspace(flags);
    try {
      const file = resolve(flags.out ?? join('reports', 'area.html'));
      // A typed path must be in a folder that exists; the default's folder is made. Checked before the report is built.
      const target = { makeFolders: flags.out === undefined };
      assertOutputTarget(file, workspaceFiles(workspace), target);
      const r = await areaHtml(ledger, { codes: flags.la, ...(flags.base === undefined ? {} : { baseYear: flags.base }), now: new Date(), toolVersion: this.config.version, targets: { entries: workspace.config.targets, presets: loadPresets() } });
      await writeOutputFile(file, r.html, workspaceFiles(workspace), '--out', target);
      if (!this.jsonEnabled()) this.log(`Wrote ${file}`);
      return { file };
    } finally {
      ledger.close();
    }
  }
}
