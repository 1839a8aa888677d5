import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ericLayout, ericMessages, ericValue, isEricHeadingRow, type EricLayout, type EricQuantity } from '../../../src/map/eric/index.js';
import {
  chp,
  el,
  FIXTURES,
  floorArea,
  fuel,
  generatedRenewables,
  generatedSolar,
  readEricFixture,
  waste,
  water,
  type EricFixture,
} from './eric-test-kit.js';

function layoutOf(f: EricFixture): EricLayout {
  const l = ericLayout(f.header);
  if ('problem' in l) throw new Error(l.problem);
  return l;
}

const pairs = (l: EricLayout): [string, EricQuantity][] => l.columns.map((c) => [c.header, c.quantity]);

/** The sum of the figures of one trust's rows in the columns `pick` chooses; missing cells add nothing. */
function total(f: EricFixture, l: EricLayout, trust: string, pick: (q: EricQuantity) => boolean): number {
  let sum = 0;
  for (const row of f.rows) {
    if (row[l.ids.trustCode] !== trust) continue;
    for (const c of l.columns) {
      if (!pick(c.quantity)) continue;
      const v = ericValue(row[c.index] ?? '');
      if (v.kind === 'invalid') throw new Error(`${c.header}: ${v.text}`);
      if (v.kind === 'number') sum += v.value;
    }
  }
  return Math.round(sum * 1000) / 1000;
}

const isElectricity = (q: EricQuantity): boolean => q.kind === 'electricity';
const isFuel = (which: string) => (q: EricQuantity): boolean => q.kind === 'fuel' && q.fuel === which;
const is = (kind: EricQuantity['kind']) => (q: EricQuantity): boolean => q.kind === kind;
const isChp = (flow: string) => (q: EricQuantity): boolean => q.kind === 'chp' && q.flow === flow;

describe('ERIC fixtures: every file', () => {
  const names = readdirSync(FIXTURES).filter((n) => n.endsWith('.csv')).sort();

  it('are the five fixtures the tests below expect', () => {
    expect(names).toEqual([
      'eric-2015-16-trust-part1.csv',
      'eric-2015-16-trust-part2.csv',
      'eric-2016-17-site.csv',
      'eric-2023-24-site.csv',
      'eric-2023-24-trust.csv',
    ]);
  });

  it('parse as comma CSV with every row as wide as the header, the heading row found only where there is one', () => {
    const widths = names.map((n) => {
      const f = readEricFixture(n);
      return { n, heading: f.heading?.length, header: f.header.length, rows: f.rows.map((r) => r.length) };
    });
    expect(widths).toEqual([
      { n: 'eric-2015-16-trust-part1.csv', heading: 42, header: 42, rows: [42, 42, 42, 42, 42] },
      { n: 'eric-2015-16-trust-part2.csv', heading: 90, header: 90, rows: [90, 90, 90, 90, 90] },
      { n: 'eric-2016-17-site.csv', heading: 126, header: 126, rows: [126, 126, 126, 126, 126, 126, 126, 126] },
      { n: 'eric-2023-24-site.csv', heading: undefined, header: 215, rows: Array.from({ length: 12 }, () => 215) },
      { n: 'eric-2023-24-trust.csv', heading: undefined, header: 56, rows: [56, 56, 56, 56, 56, 56] },
    ]);
  });

  it('never takes a header or data row for a heading row', () => {
    for (const n of names) {
      const f = readEricFixture(n);
      expect(isEricHeadingRow(f.header), n).toBe(false);
      for (const row of f.rows) expect(isEricHeadingRow(row), `${n} ${row[0]}`).toBe(false);
    }
  });

  it('puts every non-id column either among the figures or among the ignored, never both', () => {
    for (const n of names.filter((x) => !x.includes('part1'))) {
      const f = readEricFixture(n);
      const l = layoutOf(f);
      const ids = (['trustCode', 'trustName', 'siteCode', 'siteName', 'siteType'] as const).flatMap((k) => l.ids[k] ?? []);
      const seen = [...ids, ...l.columns.map((c) => c.index), ...l.skipped.map((s) => s.index)].sort((a, b) => a - b);
      expect(seen, n).toEqual(f.header.map((_, i) => i));
      expect(l.ignored, n).toEqual(l.skipped.map((s) => f.header[s.index]));
      for (const c of l.columns) expect(c.header, n).toBe(f.header[c.index]);
    }
  });

  it('reads every figure of every classified column as a number or as missing', () => {
    for (const n of names.filter((x) => !x.includes('part1'))) {
      const f = readEricFixture(n);
      const l = layoutOf(f);
      for (const row of f.rows) {
        for (const c of l.columns) expect(ericValue(row[c.index]!).kind, `${n} ${row[0]} ${c.header}: ${row[c.index]}`).not.toBe('invalid');
      }
    }
  });
});

describe('ERIC 2015/16 trust, part 1 (profile, finance, safety)', () => {
  const f = readEricFixture('eric-2015-16-trust-part1.csv');

  it('is ERIC but has no figure to import', () => {
    expect(f.heading?.slice(0, 6)).toEqual(['', '', '', '', 'Trust Profile', '']);
    expect(ericLayout(f.header)).toEqual({ code: 'eric_no_figures', problem: ericMessages.noFigures('trust') });
  });
});

describe('ERIC 2015/16 trust, part 2 (re-delimited from the $ copy)', () => {
  const f = readEricFixture('eric-2015-16-trust-part2.csv');
  const l = layoutOf(f);

  it('is a trust layout with Organisation ids', () => {
    expect(l.level).toBe('trust');
    expect(l.ids).toEqual({ trustCode: 0, trustName: 1 });
  });

  it('classifies exactly these columns', () => {
    expect(pairs(l)).toEqual([
      ['Gross internal floor area (m²)', floorArea],
      ['Electricity consumed (kWh)', el('grid')],
      ['Gas consumed (kWh)', fuel('gas')],
      ['Oil consumed (kWh)', fuel('oil')],
      ['Coal consumed (kWh)', fuel('coal')],
      ['Steam consumed (kWh)', fuel('steam')],
      ['Hot water consumed (kWh)', fuel('hot_water')],
      ['Electricity consumed - renewable (kWh)', el('renewable')],
      ['Non-fossil fuel consumed - renewable (kWh)', fuel('renewable_heat')],
      ['Fossil energy input to CHP system/s (kWh)', chp('fuel_input')],
      ['Thermal energy output of CHP system/s (kWh)', chp('heat_output')],
      ['Electrical energy output of CHP system/s (kWh)', chp('electricity_output')],
      ['Exported electricity (kWh)', chp('electricity_exported')],
      ['Exported thermal energy (kWh)', chp('heat_exported')],
      ['Water volume (including borehole) (m³)', water],
      ['Clinical waste volume (Tonnes)', waste('clinical_unspecified')],
      ['Special waste volume (Tonnes)', waste('special')],
    ]);
  });

  it('ignores the costs, including the one whose header holds a comma', () => {
    expect(l.skipped.filter((s) => s.header.startsWith('Waste recycling') || s.header.startsWith('Water') || s.header.startsWith('Sewage'))).toEqual([
      { index: 54, header: 'Water cost (£)', reason: 'cost' },
      { index: 55, header: 'Sewage cost (£)', reason: 'cost' },
      { index: 62, header: 'Waste recycling, recovery cost (£)', reason: 'cost' },
    ]);
  });

  it('gives the hand-worked RA7 figures', () => {
    expect(total(f, l, 'RA7', isElectricity)).toBe(27_233_690);
    expect(total(f, l, 'RA7', isFuel('gas'))).toBe(44_175_463);
    expect(total(f, l, 'RA7', isFuel('oil'))).toBe(723_553);
    expect(total(f, l, 'RA7', is('water'))).toBe(226_143);
    expect(total(f, l, 'RA7', is('waste'))).toBe(591.36);
    expect(total(f, l, 'RA7', is('floor_area'))).toBe(206_310);
    expect(total(f, l, 'RA7', isChp('fuel_input'))).toBe(20_115_913);
    expect(total(f, l, 'RA2', isElectricity)).toBe(13_307_969);
  });
});

describe('ERIC 2016/17 site (re-delimited from the $ copy)', () => {
  const f = readEricFixture('eric-2016-17-site.csv');
  const l = layoutOf(f);

  it('is a site layout with Organisation and site ids, Site Type in column 7', () => {
    expect(f.heading?.slice(0, 8)).toEqual(['', '', '', '', '', '', '', 'Facilities Management (FM) Services']);
    expect(l.level).toBe('site');
    expect(l.ids).toEqual({ trustCode: 0, trustName: 1, siteCode: 4, siteName: 5, siteType: 6 });
  });

  it('classifies exactly these columns', () => {
    expect(pairs(l)).toEqual([
      ['Gross internal floor area (m²)', floorArea],
      ['Fossil energy input to CHP system/s (kWh)', chp('fuel_input')],
      ['Thermal energy output of CHP system/s (kWh)', chp('heat_output')],
      ['Electrical energy output of CHP system/s (kWh)', chp('electricity_output')],
      ['Exported electricity (kWh)', chp('electricity_exported')],
      ['Exported thermal energy (kWh)', chp('heat_exported')],
      ['Electricity consumed (kWh)', el('grid')],
      ['Gas consumed (kWh)', fuel('gas')],
      ['Oil consumed (kWh)', fuel('oil')],
      ['Coal consumed (kWh)', fuel('coal')],
      ['Steam consumed (kWh)', fuel('steam')],
      ['Hot water consumed (kWh)', fuel('hot_water')],
      ['Electricity consumed - green energy tariff (kWh)', el('green_tariff')],
      ['Electricity consumed - third party owned renewable (kWh)', el('third_party_renewable')],
      ['Non-fossil fuel consumed - renewable (kWh)', fuel('renewable_heat')],
      ['Electrical energy output of owned onsite renewables (kWh)', generatedRenewables],
      ['Water volume (including borehole) (m³)', water],
      ['Landfill disposal volume (Tonnes)', waste('landfill')],
      ['Incineration disposal volume (Tonnes)', waste('incineration')],
      ['Waste reycling volume (Tonnes)', waste('recycling')],
      ['Other recovery volume (Tonnes)', waste('other_recovery')],
    ]);
    expect(l.columns.map((c) => c.unit)).toEqual(['m2', ...Array<string>(15).fill('kWh'), 'm3', 'tonnes', 'tonnes', 'tonnes', 'tonnes']);
  });

  it('ignores costs, percentages, counts, CHP size and efficiency, loads and building measures', () => {
    const reasons = new Map(l.skipped.map((s) => [s.header, s.reason]));
    expect(Object.fromEntries(
      [
        'Energy costs (all energy supplies) (£)',
        'Waste reycling cost (£)',
        'Landfill disposal cost (£)',
        'NHS estate occupied floor area (%)',
        'Age profile - total (must equal 100%) (%)',
        'CHP units operated on the site (No.)',
        'CHP unit/s size (Watts)',
        'CHP unit/s efficiency (%)',
        'Peak electrical load (MW)',
        'Occupied floor area (m²)',
        'Site heated volume (m³)',
        'Commissioning Region',
      ].map((h) => [h, reasons.get(h)]),
    )).toEqual({
      'Energy costs (all energy supplies) (£)': 'cost',
      'Waste reycling cost (£)': 'cost',
      'Landfill disposal cost (£)': 'cost',
      'NHS estate occupied floor area (%)': 'percentage',
      'Age profile - total (must equal 100%) (%)': 'percentage',
      'CHP units operated on the site (No.)': 'count',
      'CHP unit/s size (Watts)': 'other_unit',
      'CHP unit/s efficiency (%)': 'percentage',
      'Peak electrical load (MW)': 'other_unit',
      'Occupied floor area (m²)': 'estate_measure',
      'Site heated volume (m³)': 'estate_measure',
      'Commissioning Region': 'no_unit',
    });
    expect(l.skipped.filter((s) => s.reason === 'unrecognised')).toEqual([]);
  });

  it('gives the hand-worked RA7 figures (AGGRE + RA701 + RA773), equal to the 2016/17 trust file', () => {
    expect(total(f, l, 'RA7', isElectricity)).toBe(27_721_528);
    expect(total(f, l, 'RA7', isFuel('gas'))).toBe(60_701_598);
    expect(total(f, l, 'RA7', isFuel('oil'))).toBe(890_969);
    expect(total(f, l, 'RA7', is('water'))).toBe(250_457);
    expect(total(f, l, 'RA7', is('waste'))).toBe(2_458.88);
    expect(total(f, l, 'RA7', is('floor_area'))).toBe(195_044);
    expect(total(f, l, 'RA7', is('generated'))).toBe(161_314);
    expect(total(f, l, 'RA7', isChp('fuel_input'))).toBe(18_307_696);
    expect(total(f, l, 'RA2', isElectricity)).toBe(13_412_609);
    expect(total(f, l, 'RA2', is('waste'))).toBe(1_601.99);
    expect(total(f, l, 'RA3', isElectricity)).toBe(4_432_832);
  });

  it('reads a site whose energy block is all Not Applicable as missing, not zero', () => {
    const r1k23 = f.rows.find((r) => r[4] === 'R1K23')!;
    const energy = l.columns.filter((c) => c.unit === 'kWh').map((c) => ericValue(r1k23[c.index]!));
    expect(energy.map((v) => v.kind)).toEqual(Array<string>(15).fill('missing'));
  });
});

describe('ERIC 2023/24 site', () => {
  const f = readEricFixture('eric-2023-24-site.csv');
  const l = layoutOf(f);

  it('is a site layout with Trust and site ids, Site Type in column 11', () => {
    expect(f.heading).toBeUndefined();
    expect(l.level).toBe('site');
    expect(l.ids).toEqual({ trustCode: 0, trustName: 1, siteCode: 5, siteName: 6, siteType: 10 });
  });

  it('classifies exactly these columns', () => {
    expect(pairs(l)).toEqual([
      ['Gross internal floor area (m²)', floorArea],
      ['Thermal energy consumption (KWh)', chp('heat_output')],
      ['Electrical energy consumption (KWh)', chp('electricity_output')],
      ['Electricity - green electricity consumed (kWh)', el('green_tariff')],
      ['Electricity - trust owned solar consumed (kWh)', el('own_solar')],
      ['Electricity - third party owned solar consumed (kWh)', el('third_party_solar')],
      ['Electricity - other renewables consumed (kWh)', el('other_renewables')],
      ['Electricity - other consumed (kWh)', el('grid')],
      ['Gas consumed (kWh)', fuel('gas')],
      ['Oil consumed (kWh)', fuel('oil')],
      ['Non-fossil fuel - renewable consumed (kWh)', fuel('renewable_heat')],
      ['Steam consumed (kWh)', fuel('steam')],
      ['Hot water consumed (kWh)', fuel('hot_water')],
      ['Solar electricity generated (kWh)', generatedSolar],
      ['Water volume (including borehole) (m³)', water],
      ['Incineration (clinical waste) volume (Tonnes)', waste('clinical_high_temperature')],
      ['Alternative Treatment (clinical waste) volume (Tonnes)', waste('clinical_alternative_treatment')],
      ['Offensive waste volume (Tonnes)', waste('offensive')],
      ['Clinical waste (excluding incineration) processed on site volume (Tonnes)', waste('clinical_on_site')],
      ['Clinical waste processed at municipal waste plants volume (Tonnes)', waste('clinical_municipal')],
      ['Domestic waste (landfill) volume (Tonnes)', waste('landfill')],
      ['Domestic waste (recycling) volume (Tonnes)', waste('recycling')],
      ['Domestic waste (incineration) volume (Tonnes)', waste('incineration')],
      ['Domestic waste (food) volume (Tonnes)', waste('food')],
      ['Domestic waste (excluding incineration) processed on site volume (Tonnes)', waste('domestic_on_site')],
      ['Confidential waste volume (Tonnes)', waste('confidential')],
    ]);
    expect(l.columns.map((c) => c.index)).toEqual([29, 91, 92, 94, 96, 98, 100, 102, 104, 106, 108, 110, 111, 112, 124, 127, 129, 131, 133, 135, 137, 139, 141, 143, 145, 147]);
  });

  it('ignores the cost beside every figure, percentages, counts, and the food waste breakdown', () => {
    const reasons = new Map(l.skipped.map((s) => [s.header, s.reason]));
    const expected = {
      'Electricity - green electricity tariff costs (£)': 'cost',
      'Electricity - trust owned solar costs (£)': 'cost',
      'Electricity - other costs (£)': 'cost',
      'Gas costs (£)': 'cost',
      'Non-fossil fuel - renewable costs (£)': 'cost',
      'Other energy costs (£)': 'cost',
      'Water and sewerage cost (£)': 'cost',
      'Incineration (clinical waste) cost (£)': 'cost',
      'Domestic waste (food) cost (£)': 'cost',
      'Other waste costs (£)': 'cost',
      'LED lighting coverage (%)': 'percentage',
      'Inpatient meals ordered with a digital or electronic meal ordering system (%)': 'percentage',
      'Fossil-fuel led CHP units operated on site (No.)': 'count',
      'Heat pumps installed on site (No.)': 'count',
      'Clinical service incidents caused by estates and infrastructure failure - other (No)': 'count',
      'Maximum electrical demand (kW)': 'other_unit',
      'Available electrical capacity (kVA)': 'other_unit',
      'Total food waste (all destinations and EWC codes) (Tonnes)': 'food_waste_breakdown',
      'Food waste generated from production (Tonnes)': 'food_waste_breakdown',
      'Food waste generated from plate waste (Tonnes)': 'food_waste_breakdown',
      'Food waste generated from unserved meals (Tonnes)': 'food_waste_breakdown',
      'Food waste generated from spoilage (Tonnes)': 'food_waste_breakdown',
      'Internal floor area - unoccupied site (m²)': 'estate_measure',
      'Restaurants and cafés\' (m²)': 'estate_measure',
      'Site heated volume (m³)': 'estate_measure',
    };
    expect(Object.fromEntries(Object.keys(expected).map((h) => [h, reasons.get(h)]))).toEqual(expected);
    for (const h of Object.keys(expected)) expect(l.ignored).toContain(h);
    expect(l.skipped.filter((s) => s.reason === 'unrecognised')).toEqual([]);
  });

  it('gives the hand-worked RA7 figures over its five sites', () => {
    expect(total(f, l, 'RA7', isElectricity)).toBe(7_756_282);
    expect(total(f, l, 'RA7', isFuel('gas'))).toBe(101_825_465);
    expect(total(f, l, 'RA7', isFuel('oil'))).toBe(478_028);
    expect(total(f, l, 'RA7', is('water'))).toBe(350_454);
    expect(total(f, l, 'RA7', is('waste'))).toBe(3_629.82);
    expect(total(f, l, 'RA7', is('floor_area'))).toBe(226_670);
    expect(total(f, l, 'RA7', is('generated'))).toBe(180_700);
    expect(total(f, l, 'RA7', isChp('electricity_output'))).toBe(94_785);
    expect(total(f, l, 'RA7', isChp('heat_output'))).toBe(2_897_508);
    expect(total(f, l, 'RA2', isElectricity)).toBe(14_147_633);
    expect(total(f, l, 'RA2', is('waste'))).toBe(1_226.46);
  });
});

describe('ERIC 2023/24 trust', () => {
  const f = readEricFixture('eric-2023-24-trust.csv');
  const l = layoutOf(f);

  it('has only WEEE tonnes to import; carbon savings and costs are ignored', () => {
    expect(l.level).toBe('trust');
    expect(l.ids).toEqual({ trustCode: 0, trustName: 1 });
    expect(l.columns).toEqual([{ index: 26, header: 'WEEE waste volume (Tonnes)', quantity: waste('weee'), unit: 'tonnes' }]);
    expect(l.skipped.filter((s) => s.reason === 'carbon_saving').map((s) => s.header)).toEqual([
      'Waste re-use scheme - Carbon savings (CO2e (tonnes))',
      'Carbon savings from investment in energy efficient schemes (CO2e (tonnes))',
    ]);
    expect(total(f, l, 'RA7', is('waste'))).toBe(53.7);
  });
});
