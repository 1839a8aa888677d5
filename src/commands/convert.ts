import { basename } from 'node:path';
import { Flags } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { factorsFlag, policyFlag } from '../cli/flags.js';
import { convert, type ConversionResult } from '../convert/convert.js';
import { convertMany } from '../convert/convert-many.js';
import { DEFAULT_POLICY, isIsoDate, policyName } from '../convert/policy.js';
import { totalsByScope, type Totals } from '../convert/summarise.js';
import { UserError } from '../kernel/errors.js';
import type { Problem } from '../kernel/problem.js';
import { formatProblems } from '../factors/custom-file.js';
import { checkInput, factorLibrary, INPUT } from '../cli/input-files.js';
import { msg } from '../messages.js';
import { readActivitiesCsv } from '../convert/activities-csv.js';
import { readSmallCsvFile } from '../read/csv/small-file.js';
import { formatNumber, renderTable } from '../kernel/format.js';
import { renderResultsTable, renderTrace } from '../cli/views/trace-view.js';
import { parseUnit, type UnitId } from '../units/units.js';

const unitFlag = Flags.custom<UnitId>({
  parse: async (input) => parseUnit(input) ?? Promise.reject(new UserError('unknown_unit', msg.unknownUnit(input), msg.unknownUnitHint)),
});
const dateFlag = Flags.custom({
  parse: async (input) => (isIsoDate(input) ? input : Promise.reject(new UserError('bad_date', msg.badDate(input), 'Write the date as YYYY-MM-DD, e.g. 2024-06-01.'))),
});

type Output = ConversionResult | { results: ConversionResult[]; problems: Problem[]; totals: Totals };

export default class Convert extends BaseCommand {
  static override summary = 'Convert activity to kg CO2e with the published factor, showing the full trace.';
  static override description = 'One calculation (--activity, --quantity, --unit, --date), or every row of an activity CSV (--file, columns key,quantity,unit,date[,use]). The factor year follows --policy: financial-year (default; April–March uses the set of the year it starts), calendar-year, or fixed:YYYY.';
  static override examples = [
    '<%= config.bin %> convert --activity electricity.grid --quantity 1000 --unit kWh --date 2023-06-01',
    '<%= config.bin %> convert --activity natural_gas --quantity 10000 --unit kWh --date 2019-07-01 --policy fixed:2019',
    '<%= config.bin %> convert --activity car.medium.petrol --quantity 120 --unit miles --date 2024-05-14 --use business_travel',
    '<%= config.bin %> convert --file data/samples/activities.csv --json',
  ];

  static override flags = {
    activity: Flags.string({ description: 'Factor key, e.g. electricity.grid (see `factors list`).', exclusive: ['file'] }),
    quantity: Flags.string({ description: 'How much, in --unit.', dependsOn: ['activity'] }),
    unit: unitFlag({ description: 'Unit of the quantity: kWh, MWh, litres, m3, km, miles, passenger.km, …', dependsOn: ['activity'] }),
    date: dateFlag({ description: 'Date of the activity, YYYY-MM-DD.', dependsOn: ['activity'] }),
    use: Flags.option({ options: ['owned', 'business_travel', 'commuting'] as const, description: 'For travel keys: owned vehicle (Scope 1/2), business travel (Scope 3 cat. 6) or commuting (cat. 7).' })(),
    file: Flags.string({ description: 'Convert every row of an activity CSV instead.', exclusive: ['activity'] }),
    policy: policyFlag(),
    factors: factorsFlag(),
  };

  async run(): Promise<Output> {
    const { flags } = await this.parse(Convert);
    const policy = flags.policy ?? DEFAULT_POLICY;
    if (flags.file !== undefined) checkInput(flags.file, INPUT.activities);
    const library = factorLibrary(flags.factors);
    if (flags.file !== undefined) {
      const text = readSmallCsvFile(flags.file, basename(flags.file));
      const read = readActivitiesCsv(text, basename(flags.file));
      const converted = convertMany(library, read.activities, { policy });
      const problems = [...read.problems, ...converted.problems].sort((a, b) => a.line - b.line);
      const totals = totalsByScope(converted.results);
      this.log(renderResultsTable(converted.results));
      this.log(`\n${renderTable(totals.byScope, [
        { header: 'scope', value: (t) => t.label },
        { header: 'lines', value: (t) => String(t.lines), align: 'right' },
        { header: 't CO2e', value: (t) => formatNumber(t.kgCo2e / 1000, 3), align: 'right' },
      ])}`);
      this.log(`\n${msg.convertTotal(formatNumber(totals.kgCo2e / 1000, 3), converted.results.length, read.rows, policyName(policy))}`);
      if (totals.outsideScopesKgCo2 > 0) this.log(`Outside of scopes (biogenic CO2, not in the total): ${formatNumber(totals.outsideScopesKgCo2 / 1000, 3)} t CO2.`);
      const warned = converted.results.filter((r) => r.warnings.length > 0);
      for (const r of warned) this.log(`* line ${r.trace.activitySource?.line ?? '?'}: ${r.warnings.map((w) => w.message).join(' ')}`);
      if (problems.length > 0) this.logToStderr(`\n${problems.length} row(s) not converted:\n${formatProblems(problems)}`);
      const first = converted.results[0];
      if (first !== undefined && !this.jsonEnabled()) this.log(`\nTrace of line ${first.trace.activitySource?.line ?? ''}:\n${renderTrace(first)}`);
      return { results: converted.results, problems, totals };
    }
    if (flags.activity === undefined || flags.quantity === undefined || flags.unit === undefined || flags.date === undefined) {
      throw new UserError('missing_flags', 'Give --activity, --quantity, --unit and --date (or --file).', 'Example: tco2e convert --activity electricity.grid --quantity 1000 --unit kWh --date 2023-06-01');
    }
    const quantity = Number(flags.quantity.replace(/,/g, ''));
    if (flags.quantity.trim() === '' || !Number.isFinite(quantity)) throw new UserError('bad_quantity', msg.badQuantity(flags.quantity), 'Give a plain number, e.g. 1234.5.');
    const result = convert(library, { key: flags.activity, quantity, unit: flags.unit, date: flags.date, ...(flags.use ? { use: flags.use } : {}) }, { policy });
    this.log(renderTrace(result));
    for (const w of result.warnings) this.logToStderr(`Warning: ${w.message}`);
    return result;
  }
}
