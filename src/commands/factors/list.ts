import { Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { factorsFlag } from '../../cli/flags.js';
import { listFactors, type FactorList } from '../../convert/browse-factors.js';
import { factorLibrary } from '../../cli/input-files.js';
import { formatFactor, renderTable } from '../../kernel/format.js';
import { unitLabel } from '../../units/units.js';

export default class FactorsList extends BaseCommand {
  static override summary = 'List the factor keys for one year, with their units and values.';
  static override description = 'Shows each key tco2e understands that the chosen year\'s UK Government set publishes: kg CO2e per unit, for every unit published. Keys the year does not publish are counted at the end.';
  static override examples = [
    '<%= config.bin %> factors list --year 2024',
    '<%= config.bin %> factors list --year 2019 --search "natural gas"',
    '<%= config.bin %> factors list --search car.medium --json',
  ];

  static override flags = {
    year: Flags.integer({ description: 'Factor set year (default: the latest shipped).' }),
    search: Flags.string({ description: 'Only keys whose name or description contains every word.' }),
    factors: factorsFlag(),
  };

  async run(): Promise<FactorList> {
    const { flags } = await this.parse(FactorsList);
    const list = listFactors(factorLibrary(flags.factors), {
      ...(flags.year === undefined ? {} : { year: flags.year }),
      ...(flags.search === undefined ? {} : { search: flags.search }),
    });
    const rows = list.factors.flatMap((f) => f.variants.map((v, i) => ({ f, v, first: i === 0 })));
    this.log(`UK Government GHG conversion factors ${list.year} (${list.publisher}, ${list.edition}): ${list.factors.length} keys\n`);
    this.log(renderTable(rows, [
      { header: 'key', value: (r) => (r.first ? r.f.key + (r.f.custom ? ' (custom)' : '') : '') },
      { header: 'kg CO2e', value: (r) => (r.v.kgCo2e === null ? (r.v.kgCo2 === null ? '' : `${formatFactor(r.v.kgCo2)} (CO2)`) : formatFactor(r.v.kgCo2e)), align: 'right' },
      { header: 'per', value: (r) => unitLabel(r.v.unit) + (r.v.basis ? ` (${r.v.basis} CV)` : '') },
      { header: 'description', value: (r) => (r.first ? r.f.description : '') },
    ]));
    if (list.notPublished.length > 0) this.log(`\n${list.notPublished.length} matching key(s) are not published in the ${list.year} set.`);
    return list;
  }
}
