import { Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { orgFlag, workspaceFlags } from '../cli/flags.js';
import { formatFlag, formatOutput } from '../cli/format-flag.js';
import { areaCsv, areaTable } from '../cli/views/area-view.js';
import { openWorkspace } from '../cli/workspace-flags.js';
import type { AreaBreakdown } from '../area/area-series.js';
import { areaReportWithTargets, type AreaReportWithTargets } from '../area/area-targets.js';
import { loadPresets } from '../targets/presets.js';
import { UserError } from '../kernel/errors.js';
import { organisation } from '../workspace/config.js';

export default class Area extends BaseCommand {
  static override summary = "An area's emissions from the local authority statistics: per authority and year, territorial and within influence, by sector, per resident, per km² and indexed to a base year.";
  static override description = 'Area targets in the workspace config (a "targets" entry with "area": the authority\'s code) are shown with each authority: pathway, status, budget and trend, on calendar years.';
  static override examples = [
    '<%= config.bin %> area --la E06000058',
    '<%= config.bin %> area --la E06000058 --la E06000059 --base 2019 --by sector --format csv',
    '<%= config.bin %> area --org bcp-council --influence --format json',
  ];

  static override flags = {
    ...workspaceFlags,
    ...formatFlag,
    la: Flags.string({ description: 'A local authority GSS code (e.g. E06000058); give it once per authority.', multiple: true }),
    // Its "laCode" names the authority; without --la or --org, the first organisation's.
    org: orgFlag({ fallback: 'first' }),
    base: Flags.integer({ description: 'The calendar year indexed to 100; default each authority\'s earliest year.', min: 1990, max: 2100 }),
    by: Flags.string({ description: 'Break each year down by sector or sub-sector.', options: ['sector', 'subsector'] }),
    influence: Flags.boolean({ description: 'Per resident, per km², index and breakdown on the emissions within the scope of influence of local authorities.' }),
  };

  async run(): Promise<AreaReportWithTargets> {
    const { flags } = await this.parse(Area);
    const { workspace, ledger } = openWorkspace(flags);
    try {
      const orgId = flags.org ?? (flags.la === undefined ? workspace.config.organisations[0]?.id : undefined);
      const org = orgId === undefined ? undefined : organisation(workspace, orgId);
      if (org !== undefined && org.laCode === undefined) throw new UserError('org_no_la_code', `The organisation "${org.id}" names no local authority ("laCode").`, 'Add "laCode": "E06000058" to the organisation in tco2e.config.json, or give the code with --la.');
      const codes = [...(org?.laCode === undefined ? [] : [org.laCode]), ...(flags.la ?? [])];
      if (codes.length === 0) throw new UserError('area_no_la', 'Which authority? Give --la CODE (e.g. --la E06000058), or --org for an organisation with "laCode".', 'Run `tco2e area --la E06000058`.');
      const r = areaReportWithTargets(ledger, {
        codes, ...(flags.base === undefined ? {} : { baseYear: flags.base }), ...(flags.by === undefined ? {} : { by: flags.by as AreaBreakdown }), influence: flags.influence,
      }, workspace.config.targets, loadPresets());
      if (!this.jsonEnabled()) this.log(formatOutput(flags.format, r, () => areaTable(r), () => areaCsv(r)));
      return r;
    } finally {
      ledger.close();
    }
  }
}
