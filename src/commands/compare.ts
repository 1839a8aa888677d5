import { Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { baselineFlag, calendarFlag, orgsFlag, workspaceFlags } from '../cli/flags.js';
import { formatFlag, formatOutput } from '../cli/format-flag.js';
import { analysisContext, openWorkspace } from '../cli/workspace-flags.js';
import { compareCsv, compareText } from '../cli/views/compare-view.js';
import { compareWithAreas, type CompareWithAreas } from '../area/compare-areas.js';
import { memberSiteShares, type MemberSiteShare } from '../travel/member-shares.js';

export default class Compare extends BaseCommand {
  static override summary = 'Organisations side by side: trajectories indexed to each one\'s baseline, absolute and per denominator, the ICS sum, a ranking within each target, commuting where surveyed, and the private-car share of journeys to each member\'s sites.';
  static override examples = [
    '<%= config.bin %> compare --orgs north-acute,riverside-council',
    '<%= config.bin %> compare --orgs a,b,my-ics --baseline 2019/20 --format csv',
    '<%= config.bin %> compare --orgs bcp-council --la E06000058 --calendar',
  ];
  static override flags = {
    ...workspaceFlags,
    ...formatFlag,
    orgs: orgsFlag(),
    baseline: baselineFlag(),
    calendar: calendarFlag(),
    la: Flags.string({ description: 'A local authority GSS code (e.g. E06000058) whose area trajectory, from the imported local authority statistics, sits beside the organisations; give it once per authority.', multiple: true }),
  };

  async run(): Promise<CompareWithAreas & { readonly privateCar: readonly MemberSiteShare[] }> {
    const { flags } = await this.parse(Compare);
    const { workspace, ledger } = openWorkspace(flags);
    try {
      const orgs = flags.orgs ?? workspace.config.organisations.map((o) => o.id);
      const r = {
        ...compareWithAreas(analysisContext(workspace, ledger), { orgs, ...(flags.baseline === undefined ? {} : { baselineYear: flags.baseline }), calendar: flags.calendar, ...(flags.la === undefined ? {} : { laCodes: flags.la }) }),
        privateCar: memberSiteShares(ledger, workspace.config, orgs),
      };
      if (!this.jsonEnabled()) this.log(formatOutput(flags.format, r, () => compareText(r), () => compareCsv(r)));
      return r;
    } finally {
      ledger.close();
    }
  }
}
