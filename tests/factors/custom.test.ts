import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert/convert.js';
import { keyDef } from '../../src/factors/catalogue.js';
import { parseCustomFactors } from '../../src/factors/custom.js';
import { loadFactorsWithCustomFile } from '../../src/factors/custom-file.js';
import { loadFactors } from '../../src/factors/library.js';

const known = (k: string) => keyDef(k) !== undefined;

describe('custom factors', () => {
  const csv = [
    'key,year,unit,kg_co2e,kg_co2,kg_ch4,kg_n2o,scope,category,source,description',
    'electricity.supplier.green_tariff,2024,kWh,0.012,,,,2,,Supplier fuel mix disclosure 2024,Green tariff',
    'electricity.grid,2023,kWh,0.3,,,,,,Local study 2023,',
  ].join('\n');

  it('adds a new key and overrides a published one, each marked custom with its provenance', () => {
    const { factors, problems } = parseCustomFactors(csv, 'custom.csv', known);
    expect(problems).toEqual([]);
    const library = loadFactors({ custom: factors });
    const added = convert(library, { key: 'electricity.supplier.green_tariff', quantity: 1000, unit: 'kWh', date: '2024-06-01' });
    expect(added.kgCo2e).toBeCloseTo(12, 10);
    expect(added.scope.scope).toBe(2);
    expect(added.trace.custom).toBe(true);
    expect(added.trace.source).toEqual({ kind: 'custom', file: 'custom.csv', line: 2, source: 'Supplier fuel mix disclosure 2024', year: 2024 });

    const overridden = convert(library, { key: 'electricity.grid', quantity: 1000, unit: 'kWh', date: '2023-06-01' });
    expect(overridden.kgCo2e).toBeCloseTo(300, 10);
    expect(overridden.trace.custom).toBe(true);
    // Other years keep the published figure.
    const published = convert(library, { key: 'electricity.grid', quantity: 1000, unit: 'kWh', date: '2022-06-01' });
    expect(published.trace.custom).toBe(false);
    expect(published.kgCo2e).toBeCloseTo(193.38, 10);
  });

  it('reports every bad row with its line, column and value, and uses none of the file', () => {
    const bad = [
      'key,year,unit,kg_co2e,source,scope',
      'electricity.supplier.x,2024,litres of joy,0.1,Supplier,2',
      'Bad Key,2024,kWh,0.1,Supplier,2',
      'electricity.supplier.y,24,kWh,abc,Supplier,2',
      'electricity.supplier.z,2024,kWh,0.1,,2',
      'electricity.supplier.w,2024,kWh,0.1,Supplier,',
    ].join('\n');
    const { problems } = parseCustomFactors(bad, 'bad.csv', known);
    const brief = problems.map((p) => `${p.line}:${p.column}:${p.value}`);
    expect(brief).toEqual([
      '2:unit:litres of joy',
      '3:key:Bad Key',
      '4:year:24',
      '4:kg_co2e:abc',
      '5:source:',
      '6:scope:',
    ]);
    expect(problems.every((p) => p.file === 'bad.csv' && p.message.length > 10)).toBe(true);
  });

  it('refuses per-gas figures that do not add up to the CO2e', () => {
    const text = 'key,unit,kg_co2e,kg_co2,kg_ch4,kg_n2o,source,scope\na.b,kWh,1,0.9,0.01,0.01,S,1\na.c,kWh,1,0.98,0.01,0.01,S,1\n';
    const { problems, factors } = parseCustomFactors(text, 'g.csv', known);
    expect(problems.map((p) => [p.line, p.code])).toEqual([[2, 'gas_sum']]);
    expect(factors.map((f) => f.key)).toEqual(['a.c']);
  });

  it('names missing columns', () => {
    const { problems } = parseCustomFactors('key,unit\nx,kWh\n', 'c.csv', known);
    expect(problems.map((p) => p.column)).toEqual(['kg_co2e', 'source']);
  });

  it('refuses the same key, year and unit twice', () => {
    const dup = 'key,year,unit,kg_co2e,source,scope\na.b,2024,kWh,1,S,2\na.b,2024,kWh,2,S,2\n';
    const { problems } = parseCustomFactors(dup, 'd.csv', known);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 3, code: 'duplicate' });
    expect(problems[0]!.message).toContain('line 2');
  });

  it('refuses a column it does not read, naming the nearest: a misspelt optional column would be dropped silently', () => {
    const misspelt = ['key,year,unit,kg_co2e,scope,categroy,source', 'travel.custom.shuttle,2024,km,0.1,3,6,Operator figures 2024'].join('\n');
    const { factors, problems } = parseCustomFactors(misspelt, 'custom.csv', known);
    expect(factors).toEqual([]);
    expect(problems.map((p) => [p.line, p.column, p.code])).toEqual([[1, 'categroy', 'unknown_column']]);
    expect(problems[0]!.message).toBe('the header has a column "categroy" that tco2e does not read (did you mean "category"?); the columns are key, year, unit, kg_co2e, kg_co2, kg_ch4, kg_n2o, scope, category, source, description');
  });
});

describe('a custom factor file read from disk', () => {
  it('overrides a key priced by a GWP without a scope, which keeps its own (anaesthetic gases: Scope 1)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tco2e-custom-gwp-'));
    const path = join(dir, 'factors.csv');
    // A later assessment's GWP for desflurane, say: 2,590 kg CO2e per kg.
    writeFileSync(path, 'key,year,unit,kg_co2e,kg_co2,kg_ch4,kg_n2o,scope,category,source,description\nanaesthetic.desflurane,,kg,2590,,,,,,Local choice of GWP,Desflurane\n');
    const library = loadFactorsWithCustomFile(path);
    const r = convert(library, { key: 'anaesthetic.desflurane', quantity: 2, unit: 'kg', date: '2024-06-01' });
    expect(r.kgCo2e).toBeCloseTo(5180, 9);
    expect(r.scope.scope).toBe(1);
    expect(r.trace.custom).toBe(true);
  });
});
