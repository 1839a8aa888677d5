import { Flags } from '@oclif/core';
import { emissionsReport, type EmissionsBy, type EmissionsReport } from '../aggregate/emissions-query.js';
import type { FillMethod } from '../aggregate/fill.js';
import { BaseCommand } from '../cli/base-command.js';
import { calendarFlag, orgFlag, periodFlag, recomputePolicyFlag, workspaceFlags } from '../cli/flags.js';
import { formatFlag, formatOutput } from '../cli/format-flag.js';
import { analysisContext, openWorkspace } from '../cli/workspace-flags.js';
import { emissionsCsv, emissionsTable } from '../cli/views/emissions-view.js';
import { ericComparisonCsv, ericComparisonTable } from '../cli/views/eric-view.js';
import { ericComparison, type EricComparison } from '../aggregate/eric-choice.js';

export default class Emissions extends BaseCommand {
  static override summary = 'How much an organisation emitted, from what and in which scope, with the quality of every figure.';
  static override examples = [
    '<%= config.bin %> emissions --org north-acute --period 2024/25 --by source',
    '<%= config.bin %> emissions --org north-acute --by year --scope2 market --wtt',
    '<%= config.bin %> emissions --org northmere-ics --by year --format csv > ics.csv',
  ];
  static override flags = {
    ...workspaceFlags,
    ...formatFlag,
    org: orgFlag({ ics: 'sums', fallback: 'first' }),
    period: periodFlag({ is: 'year', fallback: 'everything held' }),
    by: Flags.string({ options: ['year', 'quarter', 'month', 'source', 'scope', 'site', 'org', 'quality'], default: 'year', description: 'How to break the total down (org: the members of an ICS; quality: measured, estimated, filled).' }),
    calendar: calendarFlag('years and quarters'),
    scope2: Flags.string({ options: ['location', 'market'], default: 'location', description: 'Which Scope 2 figure leads; the other is shown beside it where both exist.' }),
    wtt: Flags.boolean({ description: 'Include well-to-tank and T&D losses (Scope 3 category 3).' }),
    fill: Flags.string({ options: ['none', 'previous-year', 'average-of-year'], default: 'none', description: 'Fill months with no data (the method is named in the output).' }),
    policy: recomputePolicyFlag(),
    'compare-eric': Flags.boolean({ description: "Show each year and source an ERIC return holds beside the metered data for it, the difference, and which counts (they are never added)." }),
  };

  async run(): Promise<EmissionsReport | { compareEric: EricComparison[] }> {
    const { flags } = await this.parse(Emissions);
    const { workspace, ledger } = openWorkspace(flags);
    try {
      if (flags['compare-eric']) {
        const id = flags.org ?? workspace.config.organisations[0]!.id;
        const org = workspace.config.organisations.find((o) => o.id === id);
        const rows = ericComparison(ledger, org === undefined || org.members.length === 0 ? [id] : org.members);
        if (!this.jsonEnabled()) this.log(formatOutput(flags.format, rows, () => ericComparisonTable(rows), () => ericComparisonCsv(rows)));
        return { compareEric: rows };
      }
      const report = emissionsReport(analysisContext(workspace, ledger), {
        org: flags.org ?? workspace.config.organisations[0]!.id,
        ...(flags.period === undefined ? {} : { period: flags.period }),
        by: flags.by as EmissionsBy,
        yearBasis: flags.calendar ? 'calendar' : 'financial',
        scope2: flags.scope2 === 'market' ? 'market' : 'location',
        wtt: flags.wtt,
        fill: flags.fill as FillMethod,
        ...(flags.policy === undefined ? {} : { policy: flags.policy }),
      });
      if (!this.jsonEnabled()) this.log(formatOutput(flags.format, report, () => emissionsTable(report), () => emissionsCsv(report)));
      return report;
    } finally {
      ledger.close();
    }
  }
}
