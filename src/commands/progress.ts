import { Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { orgFlag, workspaceFlags } from '../cli/flags.js';
import { formatFlag, formatOutput } from '../cli/format-flag.js';
import { analysisContext, openWorkspace } from '../cli/workspace-flags.js';
import { progressCsv, progressText } from '../cli/views/progress-view.js';
import { progressFromLedger, type OrgProgress } from '../targets/from-ledger.js';

export default class Progress extends BaseCommand {
  static override summary = 'Where an organisation stands against each of its reduction targets: pathway, gap, status, budget and trend.';
  static override description = 'Targets are set in the workspace config ("targets"), from the shipped presets (data/targets/presets.json) or spelled out.';
  static override examples = ['<%= config.bin %> progress --org north-acute', '<%= config.bin %> progress --org north-acute --target nhs-2040 --format csv'];
  static override flags = {
    ...workspaceFlags,
    ...formatFlag,
    org: orgFlag({ fallback: 'first' }),
    target: Flags.string({ description: 'Only this target (repeatable).', multiple: true }),
    'fixed-year': Flags.integer({ description: 'Factor year for the like-for-like line (default: the first year with data).' }),
  };

  async run(): Promise<OrgProgress> {
    const { flags } = await this.parse(Progress);
    const { workspace, ledger } = openWorkspace(flags);
    try {
      const r = progressFromLedger(analysisContext(workspace, ledger), {
        org: flags.org ?? workspace.config.organisations[0]!.id,
        ...(flags.target === undefined ? {} : { targetIds: flags.target }),
        ...(flags['fixed-year'] === undefined ? {} : { fixedYear: flags['fixed-year'] }),
      });
      if (!this.jsonEnabled()) this.log(formatOutput(flags.format, r, () => progressText(r), () => progressCsv(r)));
      return r;
    } finally {
      ledger.close();
    }
  }
}
