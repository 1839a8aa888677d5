import { describe, expect, it } from 'vitest';
import { readActivitiesCsv } from '../../src/convert/activities-csv.js';

describe('activity list CSV', () => {
  it('reads rows with their source lines, BOM and spacing tolerated', () => {
    const r = readActivitiesCsv('\uFEFFKey, Quantity ,Unit,Date,use\nelectricity.grid,"1,000",kWh,2023-06-01,\ncar.medium.petrol,12,miles,2023-06-02,commuting\n', 'a.csv');
    expect(r.problems).toEqual([]);
    expect(r.activities).toEqual([
      { key: 'electricity.grid', quantity: 1000, unit: 'kWh', date: '2023-06-01', source: { file: 'a.csv', line: 2 } },
      { key: 'car.medium.petrol', quantity: 12, unit: 'miles', date: '2023-06-02', use: 'commuting', source: { file: 'a.csv', line: 3 } },
    ]);
  });

  it('rejects impossible dates and non-numbers, naming line, column and value', () => {
    const r = readActivitiesCsv('key,quantity,unit,date\nelectricity.grid,ten,kWh,2023-02-31\n', 'a.csv');
    expect(r.activities).toEqual([]);
    expect(r.problems.map((p) => [p.line, p.column, p.value])).toEqual([
      [2, 'quantity', 'ten'],
      [2, 'date', '2023-02-31'],
    ]);
  });

  it('refuses a column it does not read (a misspelt "use" would drop every row\'s use), naming the nearest; an empty unnamed column passes', () => {
    const r = readActivitiesCsv('key,quantity,unit,date,usage\nelectricity.grid,1,kWh,2023-06-01,commuting\n', 'a.csv');
    expect(r.activities).toEqual([]);
    expect(r.problems).toEqual([{ file: 'a.csv', line: 1, column: 'usage', value: 'usage', code: 'unknown_column', message: 'the header has a column "usage" that tco2e does not read (did you mean "use"?); the columns are key, quantity, unit, date, use' }]);
    // The trailing comma a spreadsheet leaves: a nameless column with nothing in it.
    expect(readActivitiesCsv('key,quantity,unit,date,\nelectricity.grid,1,kWh,2023-06-01,\n', 'a.csv').problems).toEqual([]);
    const named = readActivitiesCsv('key,quantity,unit,date,\nelectricity.grid,1,kWh,2023-06-01,commuting\n', 'a.csv');
    expect(named.problems.map((p) => [p.code, p.message])).toEqual([['unknown_column', 'a column with no name holds values; the columns are key, quantity, unit, date, use']]);
  });
});
