import { describe, expect, it } from 'vitest';
import { readActivitiesCsv } from '../../src/read/activities-csv.js';

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
});
