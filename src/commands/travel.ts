import { Flags } from '@oclif/core';
import { periodRange } from '../aggregate/emissions-query.js';
import { BaseCommand } from '../cli/base-command.js';
import { orgFlag, periodFlag, policyFlag, workspaceFlags } from '../cli/flags.js';
import { formatFlag, formatOutput } from '../cli/format-flag.js';
import { openWorkspace } from '../cli/workspace-flags.js';
import { DEFAULT_POLICY } from '../convert/policy.js';
import { UserError } from '../kernel/errors.js';
import { loadFactors } from '../factors/library.js';
import { travelCsv, travelText } from '../cli/views/travel-view.js';
import { modeShares } from '../travel/mode-share.js';
import { financialYearPeriod } from '../travel/period.js';
import { travelReport } from '../travel/report.js';
import { withCarShareTargets, type TravelWithTargets } from '../targets/car-share-targets.js';
import { readVisitorWaves, readWaves } from '../travel/waves.js';
import { organisation } from '../workspace/config.js';

export default class Travel extends BaseCommand {
  static override summary = 'Staff commuting from travel surveys, mode shares and the private-car headline, business travel and grey fleet, journeys avoided, patient and visitor travel, and the private-car share of journeys to each site against its targets.';
  static override description = 'Commuting is worked out from the survey waves, scaled to the headcount in the config; avoided journeys are reported beside the footprint, never subtracted from it. Without --period, the financial year of the latest dated survey wave.';
  static override examples = [
    '<%= config.bin %> travel --org north-acute --period 2024/25',
    '<%= config.bin %> travel --org north-acute --survey "2022 autumn" --survey "2025 autumn"',
    '<%= config.bin %> travel --org north-acute --period 2024/25 --format csv > travel.csv',
  ];
  static override flags = {
    ...workspaceFlags,
    ...formatFlag,
    org: orgFlag({ ics: 'refused', fallback: 'first' }),
    period: periodFlag({ is: 'year', fallback: 'the financial year of the latest dated survey wave' }),
    survey: Flags.string({ description: 'Only these survey waves in the mode-share comparison (repeatable); commuting always uses each year\'s own wave.', multiple: true }),
    policy: policyFlag('commuting and avoided journeys'),
  };

  async run(): Promise<TravelWithTargets> {
    const { flags } = await this.parse(Travel);
    const { workspace, ledger } = openWorkspace(flags);
    try {
      const org = organisation(workspace, flags.org ?? workspace.config.organisations[0]!.id);
      if (org.members.length > 0) throw new UserError('travel_of_ics', `${org.id} is made of other organisations; their surveys and claims are their own.`, `Run it for each member: ${org.members.join(', ')}.`);
      const waves = readWaves(ledger, org.id);
      // The latest dated wave of either survey, staff or patients' and visitors'.
      const latest = [...waves, ...readVisitorWaves(ledger, org.id)].flatMap((w) => (w.dating === undefined ? [] : [w.dating])).sort((a, b) => a.date.localeCompare(b.date)).at(-1);
      if (flags.period === undefined && latest === undefined) throw new UserError('no_period', `${org.id} has no dated survey wave to take the period from.`, 'Give the period with --period, e.g. --period 2024/25.');
      const range = flags.period === undefined ? undefined : periodRange(flags.period);
      const period = range === undefined ? financialYearPeriod(latest!.startYear) : { start: range.from, end: range.to };
      const report = withCarShareTargets(org, travelReport(ledger, loadFactors(), org, period, { policy: flags.policy ?? DEFAULT_POLICY }));
      const unknown = (flags.survey ?? []).filter((s) => !waves.some((w) => w.label === s));
      if (unknown.length > 0) throw new UserError('unknown_wave', `${org.id} has no survey wave ${unknown.map((u) => `"${u}"`).join(', ')}.`, `Its waves: ${waves.map((w) => `"${w.label}"`).join(', ') || 'none (import one with `tco2e import journeys FILE --wave LABEL`)'}.`);
      const r = flags.survey === undefined ? report : { ...report, modeShare: modeShares(waves.filter((w) => flags.survey!.includes(w.label))).result };
      if (!this.jsonEnabled()) this.log(formatOutput(flags.format, r, () => travelText(r), () => travelCsv(r)));
      return r;
    } finally {
      ledger.close();
    }
  }
}
