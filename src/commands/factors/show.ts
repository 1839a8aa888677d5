import { Args } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { factorsFlag } from '../../cli/flags.js';
import { showKey, type KeyHistory } from '../../convert/browse-factors.js';
import { factorLibrary } from '../../cli/input-files.js';
import { formatFactor, renderTable } from '../../kernel/format.js';
import { unitLabel } from '../../units/units.js';

export default class FactorsShow extends BaseCommand {
  static override summary = 'Show one factor key across every year, side by side, with editions.';
  static override description = 'Every shipped year\'s figure for the key, in each published unit, with the per-gas split and the publication\'s own labels (with --json). Years whose edition does not publish the key say so.';
  static override examples = [
    '<%= config.bin %> factors show electricity.grid',
    '<%= config.bin %> factors show natural_gas --json',
  ];

  static override args = {
    key: Args.string({ description: 'Factor key, e.g. electricity.grid', required: true }),
  };

  static override flags = {
    factors: factorsFlag(),
  };

  async run(): Promise<KeyHistory> {
    const { args, flags } = await this.parse(FactorsShow);
    const h = showKey(factorLibrary(flags.factors), args.key);
    const units = [...new Set(h.years.flatMap((y) => y.variants.map((v) => `${v.unit}${v.basis ? `/${v.basis}` : ''}`)))];
    this.log(`${h.key}: ${h.description}\n${h.scope}\n`);
    this.log(renderTable(h.years, [
      { header: 'year', value: (y) => String(y.year) },
      { header: 'edition', value: (y) => `${y.publisher} ${y.edition}` },
      ...units.map((u) => ({
        header: `kg CO2e per ${unitLabel(u.split('/')[0] as never)}${u.includes('/') ? ` (${u.split('/')[1]!} CV)` : ''}`,
        align: 'right' as const,
        value: (y: KeyHistory['years'][number]) => {
          if (!y.published) return '—';
          const v = y.variants.find((x) => `${x.unit}${x.basis ? `/${x.basis}` : ''}` === u);
          if (v === undefined) return '';
          return v.kgCo2e === null ? `${formatFactor(v.kgCo2 ?? 0)} (CO2)` : formatFactor(v.kgCo2e) + (y.custom ? ' (custom)' : '');
        },
      })),
    ]));
    const missing = h.years.filter((y) => !y.published).map((y) => y.year);
    if (missing.length > 0) this.log(`\n— not published in that year's edition: ${missing.join(', ')}`);
    return h;
  }
}
