import { describe, expect, it } from 'vitest';
import { buildTables, type EditionsFile } from '../../src/factors/build/build-tables.js';
import { readPublishedRows } from '../../src/factors/build/read-published.js';
import { CATALOGUE } from '../../src/factors/catalogue.js';
import { loadFactors, readYearFiles } from '../../src/factors/library.js';
import { convert } from '../../src/convert/convert.js';
import { listFactors, showKey } from '../../src/convert/browse-factors.js';
import { morePublishedRows } from './more-published.js';

const files = readYearFiles();
const library = loadFactors();
const id = (year: number, level2: string, level3: string, columnText: string) => [year, level2, level3, columnText].join('|');

describe('waste disposal factors against the publication', () => {
  it('ship every published waste figure of every year once, under one key, equal to the published figure', () => {
    const published = new Map<string, number | null>();
    for (const r of morePublishedRows()) {
      if (r.level1 === 'Waste disposal') published.set(id(r.year, r.level2, r.level3, r.column_text), r.value);
    }
    const shipped = new Map<string, string>();
    const perYear: Record<number, number> = {};
    for (const f of files) {
      for (const [key, variants] of Object.entries(f.factors)) {
        if (!key.startsWith('waste.')) continue;
        expect(variants, `${f.year} ${key}`).toHaveLength(1);
        const v = variants[0]!;
        expect(v.unit).toBe('tonnes');
        expect(v.labels).toMatchObject({ scope: 'Scope 3', level1: 'Waste disposal', level4: '', uom: 'tonnes' });
        // The sheet publishes the total only.
        expect(Object.keys(v.values), `${f.year} ${key}`).toEqual(['co2e']);
        expect(v.values.co2e!.ghgUnit).toBe('kg CO2e');
        const rowId = id(f.year, v.labels.level2, v.labels.level3, v.labels.columnText);
        expect(shipped.get(rowId), `${rowId} shipped twice`).toBeUndefined();
        shipped.set(rowId, key);
        expect(v.values.co2e!.kg, `${f.year} ${key}: ${rowId}`).toBe(published.get(rowId));
        perYear[f.year] = (perYear[f.year] ?? 0) + 1;
      }
    }
    expect([...shipped.keys()].sort()).toEqual([...published.keys()].sort());
    // Rows per year of the waste sheet, as the reference README counts them.
    expect(perYear).toEqual({
      2013: 101, 2014: 101, 2015: 101, 2016: 142, 2017: 142, 2018: 142, 2019: 142,
      2020: 130, 2021: 139, 2022: 133, 2023: 134, 2024: 134, 2025: 134,
    });
  });

  it('matches the waste headline values in the reference README', () => {
    const headline: Record<number, [number, number, number]> = {
      2013: [199, 21, 570],
      2015: [93, 21, 723],
      2016: [199, 21, 680],
      2019: [99.7592, 21.3538, 626.9592],
      2020: [458.1763, 21.3167, 626.9073],
      2022: [467.00838, 21.28019, 626.85615],
      2023: [520.33474, 21.28081, 700.20988],
      2024: [520.3342, 6.41061, 700.20961],
      2025: [520.5327, 4.68568, 700.30886],
    };
    const kg = (key: string, year: number) => library.lookup(key, year)!.variants[0]!.values.co2e!.kg;
    for (const [year, [ciLandfill, paperClosedLoop, foodLandfill]] of Object.entries(headline)) {
      expect(kg('waste.commercial_industrial.landfill', Number(year)), year).toBe(ciLandfill);
      expect(kg('waste.paper_board_mixed.recycling_closed_loop', Number(year)), year).toBe(paperClosedLoop);
      expect(kg('waste.organic_food_drink.landfill', Number(year)), year).toBe(foodLandfill);
    }
  });

  it.each([
    ['waste.household_residual.landfill', 2019, 'Municipal waste', 'Landfill'],
    ['waste.household_residual.landfill', 2020, 'Household residual waste', 'Landfill'],
    ['waste.commercial_industrial.combustion', 2024, 'Commercial and industrial waste', 'Combustion'],
    ['waste.commercial_industrial.combustion', 2025, 'Commercial and industrial waste', 'Incineration with Energy Recovery'],
    ['waste.clothing.reuse', 2015, 'Clothing', 'Reuse'],
    ['waste.clothing.reuse', 2016, 'Clothing', 'Re-use'],
    ['waste.glass.recycling_open_loop', 2016, 'Glass', 'Open loop'],
    ['waste.glass.recycling_open_loop', 2018, 'Glass', 'Open-loop'],
    ['waste.glass.recycling_closed_loop', 2016, 'Glass', 'Closed loop'],
    ['waste.glass.recycling_closed_loop', 2017, 'Glass', 'Closed-loop'],
  ])('absorbs label drift: %s in %i carries the labels published that year', (key, year, level3, columnText) => {
    expect(library.lookup(key, year)!.variants[0]!.labels).toMatchObject({ level3, columnText });
  });

  it('has each route only in the years the publication gives it', () => {
    const all = [2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];
    expect(library.yearsOf('waste.paper_board_mixed.landfill')).toEqual(all);
    expect(library.yearsOf('waste.clothing.reuse')).toEqual([2013, 2014, 2015, 2016, 2017, 2018, 2019]);
    expect(library.yearsOf('waste.books.landfill')).toEqual(all.filter((y) => y !== 2020));
    expect(library.yearsOf('waste.books.composting')).toEqual(all.filter((y) => y < 2020 || y > 2022));
    expect(library.yearsOf('waste.household_residual.anaerobic_digestion')).toEqual(all.filter((y) => y <= 2021));
    expect(library.yearsOf('waste.household_residual.composting')).toEqual([2021]);
    expect(library.yearsOf('waste.construction_wood.combustion')).toEqual(all.filter((y) => y >= 2016));
    expect(library.yearsOf('waste.construction_average.combustion')).toEqual([2022, 2023, 2024, 2025]);
    expect(library.yearsOf('waste.weee_mixed.landfill')).toEqual(all.filter((y) => y >= 2016));
    expect(library.yearsOf('waste.metal_cans_mixed.recycling_open_loop')).toEqual(all.filter((y) => y >= 2021));
    const keys = CATALOGUE.filter((d) => d.family === 'waste').map((d) => d.key);
    expect(keys).toHaveLength(149);
    for (const key of keys) expect(key).toMatch(/^waste\.[a-z0-9_]+\.(landfill|combustion|recycling_open_loop|recycling_closed_loop|composting|anaerobic_digestion|reuse)$/);
  });

  it('names the edition each year\'s waste figures were read from, where it is not the year\'s own', () => {
    const edition = (key: string, year: number) => {
      const s = library.lookup(key, year)!.source;
      return s.kind === 'published' ? s.edition : 'custom';
    };
    expect(edition('waste.glass.landfill', 2024)).toBe('flat file v1.1');
    expect(edition('electricity.grid', 2024)).toBe('condensed set v1.1');
    expect(edition('waste.glass.landfill', 2019)).toBe('flat file v1.02');
    expect(edition('waste.glass.landfill', 2017)).toBe('standard set v1.0');
    expect(edition('waste.glass.landfill', 2025)).toBe('flat file v1');
    expect(edition('waste.glass.landfill', 2013)).toBe('standard set');
  });
});

describe('converting and browsing a factor published as a total only', () => {
  it('converts kilograms of waste per tonne, with no per-gas split, in Scope 3 category 5', () => {
    const r = convert(library, { key: 'waste.paper_board_mixed.recycling_closed_loop', quantity: 2500, unit: 'kg', date: '2024-06-01' });
    expect(r.kgCo2e).toBeCloseTo(2.5 * 6.41061, 10);
    expect(r.gases).toBeNull();
    expect(r.scope).toEqual({ scope: 3, category: 5, label: 'Scope 3 category 5 (waste generated in operations)' });
    expect(r.trace).toMatchObject({
      factorYear: 2024, factorUnit: 'tonnes', kgCo2ePerUnit: 6.41061, gasesPerUnit: null,
      unitConversion: { from: 'kg', to: 'tonnes', multiplier: 0.001 },
      source: { kind: 'published', year: 2024, edition: 'flat file v1.1' },
      labels: { level1: 'Waste disposal', level2: 'Paper', level3: 'Paper and board: mixed', columnText: 'Closed-loop' },
    });
  });

  it('lists and shows waste keys with the total and no gases', () => {
    const list = listFactors(library, { year: 2025, search: 'waste household' });
    expect(list.factors.map((f) => f.key)).toEqual(['waste.household_residual.landfill', 'waste.household_residual.combustion']);
    for (const f of list.factors) {
      expect(f.scope).toBe('Scope 3 category 5 (waste generated in operations)');
      expect(f.variants[0]).toMatchObject({ unit: 'tonnes', kgCo2: null, kgCh4: null, kgN2o: null });
      expect(f.variants[0]!.kgCo2e).toBeGreaterThan(0);
    }
    const h = showKey(library, 'waste.household_residual.landfill');
    expect(h.years.every((y) => y.published)).toBe(true);
    expect(h.years.map((y) => y.variants[0]!.kgCo2e)).toContain(586.5138);
  });
});

describe('build rules the waste sheet relies on', () => {
  const editions: EditionsFile = {
    title: 't', licence: 'l',
    years: { 2025: { publisher: 'DESNZ', edition: 'flat file v1', excludes: [], readFrom: { wastes: 'standard set' } } },
  };

  it('reads a figure published as a bound (`< 1`) with no value, and refuses other text', () => {
    const head = 'year,scope,level1,level2,level3,level4,column_text,uom,ghg_unit,value\n';
    expect(readPublishedRows(`${head}2016,Scope 1,Refrigerant & other,Other refrigerants,R1234yf,,,kg,kg CO2e,< 1\n`)[0]!.value).toBeNull();
    expect(() => readPublishedRows(`${head}2016,Scope 3,Waste disposal,Other,Glass,,Landfill,tonnes,kg CO2e,n/a\n`)).toThrow(/not a number/);
  });

  it('reports a key whose row has no figure, and a readFrom that names no family', () => {
    const head = 'year,scope,level1,level2,level3,level4,column_text,uom,ghg_unit,value\n';
    const rows = readPublishedRows(`${head}2025,Scope 3,Waste disposal,Other,Glass,,Landfill,tonnes,kg CO2e,< 1\n`, 'more.csv');
    const { problems } = buildTables(rows, editions);
    expect(problems).toContain('waste.glass.landfill 2025: more.csv:2: published as text, not a figure');
    expect(problems).toContain('2025: readFrom names "wastes", which is not a family of any key');
  });
});
