import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTables, type EditionsFile } from '../../src/factors/build/build-tables.js';
import { serialiseYearFile } from '../../src/factors/build/serialise.js';
import { readYearFiles } from '../../src/factors/library.js';
import { USED_FILES, usedLines } from '../../src/factors/build/reduce-published.js';
import { publishedRows, publishedText, ROOT } from '../helpers.js';
import { morePublishedRows, morePublishedText } from './more-published.js';

const files = readYearFiles();
/** Every published row the tables may draw on: the main sheets, then the waste disposal sheet. */
const allRows = () => [...publishedRows(), ...morePublishedRows()];

describe('shipped factor tables', () => {
  it('ship every year from 2013 to 2025', () => {
    expect(files.map((f) => f.year)).toEqual([2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
  });

  it('carry publisher, edition and the published labels on every factor', () => {
    for (const f of files) {
      expect(f.publisher).toMatch(/^(DEFRA|BEIS|DESNZ)$/);
      expect(f.edition).not.toBe('');
      for (const variants of Object.values(f.factors)) {
        for (const v of variants) {
          expect(v.labels.scope).toMatch(/^(Scope [123]|Outside of Scopes)$/);
          expect(v.labels.level1).not.toBe('');
          expect(v.labels.uom).not.toBe('');
        }
      }
    }
  });

  it('per gas, CO2 + CH4 + N2O = CO2e for every factor that publishes the split (no GWP applied again)', () => {
    let checked = 0;
    for (const f of files) {
      for (const [key, variants] of Object.entries(f.factors)) {
        for (const v of variants) {
          const { co2e, co2, ch4, n2o } = v.values;
          if (co2e === undefined || (co2 === undefined && ch4 === undefined && n2o === undefined)) continue;
          const sum = (co2?.kg ?? 0) + (ch4?.kg ?? 0) + (n2o?.kg ?? 0);
          // Each published figure is rounded for display (mostly to 5 decimals), so the parts
          // may miss the total by a few units in the last place.
          const tolerance = 1.5e-5 + 1e-5 * Math.abs(co2e.kg);
          expect(Math.abs(sum - co2e.kg), `${f.year} ${key} per ${v.unit}`).toBeLessThanOrEqual(tolerance);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(2400);
  });
});

describe('shipped factors against the publication', () => {
  it('every shipped figure is a published figure with exactly those labels', () => {
    const published = new Map<string, number | null>();
    for (const r of allRows()) {
      published.set([r.year, r.scope, r.level1, r.level2, r.level3, r.level4, r.column_text, r.uom, r.ghg_unit].join('|'), r.value);
    }
    let checked = 0;
    for (const f of files) {
      for (const [key, variants] of Object.entries(f.factors)) {
        for (const v of variants) {
          for (const value of Object.values(v.values)) {
            const l = v.labels;
            const id = [f.year, l.scope, l.level1, l.level2, l.level3, l.level4, value.columnText ?? l.columnText, l.uom, value.ghgUnit].join('|');
            expect(published.get(id), `${f.year} ${key}: ${id}`).toBe(value.kg);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(13_600);
  });

  it('rebuilding from the publication reproduces the shipped files byte for byte', () => {
    const editions = JSON.parse(readFileSync(join(ROOT, 'data/factors/editions.json'), 'utf8')) as EditionsFile;
    const result = buildTables(allRows(), editions);
    expect(result.problems).toEqual([]);
    for (const f of result.files) {
      expect(serialiseYearFile(f), `uk-gov-${f.year}.json`).toBe(readFileSync(join(ROOT, `data/factors/uk-gov-${f.year}.json`), 'utf8'));
    }
  });

  it('ships exactly the published rows the tables are built from, copied line for line', () => {
    // With the shipped extracts this checks they hold no row the tables do not use; with
    // TCO2E_PUBLISHED_FACTORS and TCO2E_PUBLISHED_FACTORS_MORE naming the whole files, that the
    // extracts are their reduction.
    const extracts = usedLines([publishedText(), morePublishedText()], files);
    expect(extracts).toHaveLength(USED_FILES.length);
    extracts.forEach(({ lines }, i) => {
      expect(lines.join('\n') + '\n', USED_FILES[i]).toBe(readFileSync(join(ROOT, USED_FILES[i]!), 'utf8'));
    });
  });

  it('matches the headline values in the reference README', () => {
    const headline: Record<number, [number, number, number, number]> = {
      2019: [0.2556, 0.18385, 2.59411, 0.1771],
      2020: [0.23314, 0.18387, 2.54603, 0.1714],
      2021: [0.21233, 0.18316, 2.51233, 0.17148],
      2022: [0.19338, 0.18254, 2.55784, 0.17067],
      2023: [0.20707, 0.18293, 2.51206, 0.16664],
      2024: [0.20705, 0.1829, 2.51279, 0.16691],
      2025: [0.177, 0.18296, 2.57082, 0.16725],
    };
    for (const [year, [elec, gas, diesel, car]] of Object.entries(headline)) {
      const f = files.find((x) => x.year === Number(year))!;
      const value = (key: string, unit: string) => f.factors[key]!.find((v) => v.unit === unit)!.values.co2e!.kg;
      expect(value('electricity.grid', 'kWh')).toBe(elec);
      expect(value('natural_gas', 'kWh')).toBe(gas);
      expect(value('diesel.average_biofuel_blend', 'litres')).toBe(diesel);
      expect(value('car.average.unknown', 'km')).toBe(car);
    }
  });
});
