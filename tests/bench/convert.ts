import { convert, type Activity } from '../../dist/convert/convert.js';
import { loadFactors } from '../../dist/factors/library.js';

/** One million conversions of a realistic mix of keys, units and dates. */
export function benchConvert(n = 1_000_000): string {
  const library = loadFactors();
  const mix: Activity[] = [
    { key: 'electricity.grid', quantity: 12.5, unit: 'kWh', date: '2023-06-01' },
    { key: 'natural_gas', quantity: 3.2, unit: 'kWh', date: '2019-11-30' },
    { key: 'diesel.average_biofuel_blend', quantity: 45.1, unit: 'litres', date: '2022-02-14' },
    { key: 'car.medium.petrol', quantity: 18, unit: 'miles', date: '2024-07-09' },
    { key: 'electricity.grid', quantity: 0.4, unit: 'MWh', date: '2025-01-31' },
    { key: 'rail.national', quantity: 120, unit: 'passenger_km', date: '2021-09-01' },
  ];
  const activities = Array.from({ length: n }, (_, i) => mix[i % mix.length]!);
  // Warm up so the figure is steady-state, not JIT compilation.
  for (let i = 0; i < 50_000; i++) convert(library, activities[i]!);
  const runs: number[] = [];
  let sink = 0;
  for (let run = 0; run < 5; run++) {
    const t0 = process.hrtime.bigint();
    for (const a of activities) sink += convert(library, a).kgCo2e;
    runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  runs.sort((a, b) => a - b);
  const median = runs[2]!;
  if (!(sink > 0)) throw new Error('benchmark produced no emissions');
  return [
    '## Conversion engine: 1,000,000 activities',
    '',
    '| measure | value |',
    '|---|---|',
    `| median of 5 runs | ${median.toFixed(0)} ms |`,
    `| fastest / slowest | ${runs[0]!.toFixed(0)} / ${runs[4]!.toFixed(0)} ms |`,
    `| conversions per second | ${((n / median) * 1000).toFixed(0)} |`,
    `| target (issue: "well under a second") | < 1000 ms |`,
  ].join('\n');
}
