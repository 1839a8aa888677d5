import { describe, expect, it } from 'vitest';
import { classifyEricHeader, ericLayout, ericMessages, type EricQuantity, type EricSkipReason, type EricUnit } from '../../../src/map/eric/index.js';
import { businessMiles, chp, el, floorArea, fuel, generatedRenewables, generatedSolar, patientMiles, sewage, waste, water } from './eric-test-kit.js';

const unitOf = (q: EricQuantity): EricUnit =>
  q.kind === 'water' || q.kind === 'sewage' ? 'm3' : q.kind === 'waste' ? 'tonnes' : q.kind === 'mileage' ? 'miles' : q.kind === 'floor_area' ? 'm2' : 'kWh';

function expectQuantities(cases: readonly (readonly [string, EricQuantity])[]): void {
  for (const [header, quantity] of cases) expect(classifyEricHeader(header), header).toEqual({ quantity, unit: unitOf(quantity) });
}

function expectSkipped(cases: readonly (readonly [string, EricSkipReason])[]): void {
  for (const [header, reason] of cases) expect(classifyEricHeader(header), header).toEqual({ reason });
}

describe('ERIC electricity headers by era', () => {
  it('2013/14–2014/15: utility, local and renewable parts', () => {
    expectQuantities([
      ['Electricity consumed - utility (kWh)', el('grid')],
      ['Electricity consumed - local (kWh)', el('local')],
      ['Electricity consumed - renewable (kWh)', el('renewable')],
    ]);
  });

  it('2015/16–2019/20: consumed, green energy tariff, third party owned renewable', () => {
    expectQuantities([
      ['Electricity consumed (kWh)', el('grid')],
      ['Electricity consumed - green energy tariff (kWh)', el('green_tariff')],
      ['Electricity consumed - third party owned renewable (kWh)', el('third_party_renewable')],
      ['Electricity consumed - third-party owned renewable (kWh)', el('third_party_renewable')],
    ]);
  });

  it('recent site files: five parts', () => {
    expectQuantities([
      ['Electricity - green electricity consumed (kWh)', el('green_tariff')],
      ['Electricity - trust owned solar consumed (kWh)', el('own_solar')],
      ['Electricity - third party owned solar consumed (kWh)', el('third_party_solar')],
      ['Electricity - other renewables consumed (kWh)', el('other_renewables')],
      ['Electricity - other consumed (kWh)', el('grid')],
      ['Electricity – other consumed (kWh)', el('grid')],
    ]);
  });

  it('leaves an electricity header with an unknown qualifier unrecognised rather than calling it grid', () => {
    expectSkipped([
      ['Electricity consumed - private wire (kWh)', 'unrecognised'],
      ['Electricity - solar consumed (kWh)', 'unrecognised'],
      ['Electricity consumed - of which night rate (kWh)', 'unrecognised'],
    ]);
  });
});

describe('ERIC fuel headers', () => {
  it('reads each fuel with and without the supply label, whatever the spacing and case', () => {
    expectQuantities([
      ['Gas consumed (kWh)', fuel('gas')],
      ['Gas consumed - utility (kWh)', fuel('gas')],
      ['Oil consumed (kWh)', fuel('oil')],
      ['Oil consumed - utility (kWh)', fuel('oil')],
      ['Oil  consumed - utility (kWh)', fuel('oil')],
      ['Coal consumed (kWh)', fuel('coal')],
      ['Coal consumed - utility (kWh)', fuel('coal')],
      ['Steam consumed (kWh)', fuel('steam')],
      ['Steam consumed - local (kWh)', fuel('steam')],
      ['Hot water consumed (kWh)', fuel('hot_water')],
      ['Hot water consumed - local (kWh)', fuel('hot_water')],
      ['Non-fossil fuel consumed - renewable (kWh)', fuel('renewable_heat')],
      ['Non-fossil fuel - renewable consumed (kWh)', fuel('renewable_heat')],
      ['Non fossil fuel consumed - renewable (KWh)', fuel('renewable_heat')],
      ['GAS CONSUMED (KWH)', fuel('gas')],
      ['Gas consumed kWh', fuel('gas')],
      ['LPG consumed (kWh)', fuel('lpg')],
      ['Liquefied petroleum gas consumed (kWh)', fuel('lpg')],
      ['Gas oil consumed (kWh)', fuel('oil')],
    ]);
  });

  it('leaves a fuel header with an unknown qualifier unrecognised', () => {
    expectSkipped([
      ['Gas consumed by CHP (kWh)', 'unrecognised'],
      ['Oil-led heating sources (No.)', 'count'],
      ['Gas costs (£)', 'cost'],
    ]);
  });
});

describe('ERIC CHP and generation headers', () => {
  it('reads CHP inputs and outputs in every spelling, never as consumption', () => {
    expectQuantities([
      ['Fossil energy input to CHP system/s (kWh)', chp('fuel_input')],
      ['Fossil energy input to the CHP system/s (kWh)', chp('fuel_input')],
      ['Total fossil energy input to the CHP system/s (kWh)', chp('fuel_input')],
      ['Thermal energy output of CHP system/s (kWh)', chp('heat_output')],
      ['Thermal energy output of the CHP system/s (kWh)', chp('heat_output')],
      ['Total thermal energy output of the CHP system/s (kWh)', chp('heat_output')],
      ['Electrical energy output of CHP system/s (kWh)', chp('electricity_output')],
      ['Electrical energy output of the CHP system/s (kWh)', chp('electricity_output')],
      ['Total electrical energy output of the CHP system/s (kWh)', chp('electricity_output')],
      ['Exported electricity (kWh)', chp('electricity_exported')],
      ['Total exported electricity for the site (kWh)', chp('electricity_exported')],
      ['Exported thermal energy (kWh)', chp('heat_exported')],
      ['Total exported thermal energy for the site (kWh)', chp('heat_exported')],
      // 2023/24: CHP output despite the word "consumption".
      ['Electrical energy consumption (KWh)', chp('electricity_output')],
      ['Thermal energy consumption (KWh)', chp('heat_output')],
      ['Electrical energy consumption (kWh)', chp('electricity_output')],
    ]);
  });

  it('ignores CHP counts, sizes, ratings and efficiencies', () => {
    expectSkipped([
      ['CHP units operated on the site (No.)', 'count'],
      ['Number of CHP units operated on the site (No.)', 'count'],
      ['Fossil-fuel led CHP units operated on site (No.)', 'count'],
      ['CHP unit/s size (Watts)', 'other_unit'],
      ['CHP unit/s efficiency (%)', 'percentage'],
      ['Full load rating of the electrical generator plant (kW)', 'other_unit'],
      ['Total full load rating of the electrical generator plant (kW)', 'other_unit'],
    ]);
  });

  it('reads generation apart from consumption', () => {
    expectQuantities([
      ['Electrical energy output of owned onsite renewables (kWh)', generatedRenewables],
      ['Electrical energy output of owned on-site renewables (kWh)', generatedRenewables],
      ['Solar electricity generated (kWh)', generatedSolar],
    ]);
  });
});

describe('ERIC water, floor area and mileage headers', () => {
  it('reads water supplied, and a sewage volume were one published', () => {
    expectQuantities([
      ['Water volume (including borehole) (m³)', water],
      ['Water volume (including borehole) (m3)', water],
      ['Water volume (including borehole) (m^3)', water],
      ['Sewage volume (m³)', sewage],
      ['Waste water volume (m³)', sewage],
    ]);
    expectSkipped([
      ['Water cost (£)', 'cost'],
      ['Sewage cost (£)', 'cost'],
      ['Water and sewage cost (£)', 'cost'],
      ['Water and sewerage cost (£)', 'cost'],
      ['Buildings with a water meter (No.)', 'count'],
      ['Site heated volume (m³)', 'estate_measure'],
      ['Water and sewage volume (m³)', 'unrecognised'],
    ]);
  });

  it('reads the gross internal floor area in both spellings and no other area', () => {
    expectQuantities([
      ['Gross internal floor area (m²)', floorArea],
      ['Gross internal site floor area (m²)', floorArea],
      ['Gross internal floor area (m2)', floorArea],
      ['Gross internal floor area (m^2)', floorArea],
      ['Gross Internal Floor Area (M²)', floorArea],
    ]);
    expectSkipped([
      ['Occupied floor area (m²)', 'estate_measure'],
      ['Internal floor area - unoccupied site (m²)', 'estate_measure'],
      ['Floor area - empty (m²)', 'estate_measure'],
      ['Not functionally suitable - occupied floor area (%)', 'percentage'],
      ['Percentage of GIA surveyed using risk adjusted backlog guidance (Select)', 'other_unit'],
      ['Patient Transport Sevices (m²)', 'estate_measure'],
    ]);
  });

  it('reads business and patient transport mileage', () => {
    expectQuantities([
      ['Business mileage (Miles)', businessMiles],
      ['Patient transport mileage (Miles)', patientMiles],
      ['Business mileage (miles)', businessMiles],
    ]);
    expectSkipped([
      ['Non-emergency patient transport (£)', 'cost'],
      ['Number of claims paid through the Healthcare Travel Costs Scheme (No.)', 'count'],
    ]);
  });
});

describe('ERIC waste headers: only tonnes, by route', () => {
  it('2013/14–2014/15 routes', () => {
    expectQuantities([
      ['High temperature disposal waste weight (Tonnes)', waste('clinical_high_temperature')],
      ['High temperature disposal waste weight involving combustion with energy recovery (Tonnes)', waste('clinical_high_temperature_energy_recovery')],
      ['Non burn treatment (alternative treatment plant) disposal waste weight (Tonnes)', waste('clinical_alternative_treatment')],
      ['Landfill disposal waste weight (Tonnes)', waste('landfill')],
      ['Waste electrical and electronic equipment (WEEE) weight (Tonnes)', waste('weee')],
      ['Preparing for re-use volume (Tonnes)', waste('reuse')],
      ['Other recovery volume (Tonnes)', waste('other_recovery')],
      ['Waste recycling volume (Tonnes)', waste('recycling')],
    ]);
  });

  it('2015/16 and 2016/17 routes, the typo included', () => {
    expectQuantities([
      ['Clinical waste volume (Tonnes)', waste('clinical_unspecified')],
      ['Special waste volume (Tonnes)', waste('special')],
      ['Landfill disposal volume (Tonnes)', waste('landfill')],
      ['Incineration disposal volume (Tonnes)', waste('incineration')],
      ['Waste reycling volume (Tonnes)', waste('recycling')],
    ]);
  });

  it('2023/24 routes', () => {
    expectQuantities([
      ['Incineration (clinical waste) volume (Tonnes)', waste('clinical_high_temperature')],
      ['Alternative Treatment (clinical waste) volume (Tonnes)', waste('clinical_alternative_treatment')],
      ['Offensive waste volume (Tonnes)', waste('offensive')],
      ['Clinical waste (excluding incineration) processed on site volume (Tonnes)', waste('clinical_on_site')],
      ['Clinical waste processed at municipal waste plants volume (Tonnes)', waste('clinical_municipal')],
      ['Domestic waste (landfill) volume (Tonnes)', waste('landfill')],
      ['Domestic waste (recycling) volume (Tonnes)', waste('recycling')],
      ['Domestic waste (incineration) volume (Tonnes)', waste('incineration')],
      ['Domestic waste (incineration with energy recovery) volume (Tonnes)', waste('incineration_energy_recovery')],
      ['Domestic waste (food) volume (Tonnes)', waste('food')],
      ['Domestic waste (excluding incineration) processed on site volume (Tonnes)', waste('domestic_on_site')],
      ['Confidential waste volume (Tonnes)', waste('confidential')],
      ['WEEE waste volume (Tonnes)', waste('weee')],
    ]);
  });

  it('never reads a waste cost, a food-waste breakdown or a carbon saving as tonnes of waste', () => {
    expectSkipped([
      ['Waste reycling cost (£)', 'cost'],
      ['Waste recycling, recovery cost (£)', 'cost'],
      ['Domestic waste (food) cost (£)', 'cost'],
      ['Incineration (clinical waste) cost (£)', 'cost'],
      ['Total waste cost (£)', 'cost'],
      ['Total food waste (all destinations and EWC codes) (Tonnes)', 'food_waste_breakdown'],
      ['Food waste generated from production (Tonnes)', 'food_waste_breakdown'],
      ['Food waste generated from plate waste (Tonnes)', 'food_waste_breakdown'],
      ['Food waste generated from unserved meals (Tonnes)', 'food_waste_breakdown'],
      ['Food waste generated from spoilage (Tonnes)', 'food_waste_breakdown'],
      ['Ward food waste - unserved meals (%)', 'percentage'],
      ['Waste re-use scheme - Carbon savings (CO2e (tonnes))', 'carbon_saving'],
      ['Carbon savings from investment in energy efficient schemes (CO2e (tonnes))', 'carbon_saving'],
      ['Total waste (Tonnes)', 'unrecognised'],
      // 2013/14 splits "Waste recycling, recovery and preparing for re-use cost (£)" at its comma.
      ['Waste recycling', 'no_unit'],
      [' recovery and preparing for re-use cost (£)', 'cost'],
    ]);
  });
});

describe('ERIC header spellings: units, encodings, punctuation', () => {
  it('reads a pound sign however a wrong decoding left it', () => {
    expectSkipped([
      ['Value of contracted out services (�)', 'cost'],
      ['Energy costs (all energy supplies) (Â£)', 'cost'],
      ['Energy costs (all energy supplies) (£)', 'cost'],
      ['"Total energy cost (all energy supplies utility local and renewable) (£)"', 'cost'],
    ]);
  });

  it('reads a square or cubic metre whose superscript was lost by the name', () => {
    expectQuantities([
      ['Gross internal floor area (m�)', floorArea],
      ['Water volume (including borehole) (m�)', water],
      ['Gross internal floor area (mÂ²)', floorArea],
      ['Water volume (including borehole) (mÂ³)', water],
    ]);
  });

  it('reads counts with and without the full stop, and other units as not quantities', () => {
    expectSkipped([
      ['Estates and facilities RIDDOR incidents (No)', 'count'],
      ['Fires recorded (No.)', 'count'],
      ['Number of energy efficient schemes (No)', 'count'],
      ['Cleaning staff (WTE)', 'other_unit'],
      ['Estates Development Strategy (Yes/No)', 'other_unit'],
      ['Carbon reduction target ()', 'other_unit'],
      ['Site land area (Hectare)', 'other_unit'],
      ['Peak electrical load (MW)', 'other_unit'],
      ['Trust Type', 'no_unit'],
      ['Post Code', 'no_unit'],
    ]);
  });

  it('flags energy in a unit ERIC does not use, rather than dropping it', () => {
    expectSkipped([
      ['Gas consumed (MWh)', 'unrecognised'],
      ['Oil consumed (litres)', 'unrecognised'],
    ]);
  });
});

describe('ericLayout', () => {
  it('finds the ids under either name, a byte order mark and odd case included', () => {
    const l = ericLayout(['\uFEFFTrust Code', 'Trust Name', 'Site Code', 'SITE NAME', 'Site type', 'Gas consumed (kWh)']);
    expect(l).toEqual({
      level: 'site',
      ids: { trustCode: 0, trustName: 1, siteCode: 2, siteName: 3, siteType: 4 },
      columns: [{ index: 5, header: 'Gas consumed (kWh)', quantity: fuel('gas'), unit: 'kWh' }],
      ignored: [],
      skipped: [],
    });
    const o = ericLayout(['Organisation Code', 'Organisation Name', 'Commissioning Region', 'Electricity consumed (kWh)', 'Energy costs (all energy supplies) (£)', '', '']);
    expect(o).toEqual({
      level: 'trust',
      ids: { trustCode: 0, trustName: 1 },
      columns: [{ index: 3, header: 'Electricity consumed (kWh)', quantity: el('grid'), unit: 'kWh' }],
      ignored: ['Commissioning Region', 'Energy costs (all energy supplies) (£)'],
      skipped: [
        { index: 2, header: 'Commissioning Region', reason: 'no_unit' },
        { index: 4, header: 'Energy costs (all energy supplies) (£)', reason: 'cost' },
      ],
    });
  });

  it('returns a problem, not a throw, for a header with no code column or no figure', () => {
    expect(ericLayout(['MPAN', 'Date', 'kWh'])).toEqual({ code: 'eric_no_code_column', problem: ericMessages.noCodeColumn });
    expect(ericLayout(['Site Code', 'Gas consumed (kWh)'])).toEqual({ code: 'eric_no_code_column', problem: ericMessages.noCodeColumn });
    expect(ericLayout([])).toEqual({ code: 'eric_no_code_column', problem: ericMessages.noCodeColumn });
    expect(ericLayout(['Trust Code', 'Trust Name', 'Site Code', 'Gas costs (£)', 'LED lighting coverage (%)'])).toEqual({
      code: 'eric_no_figures',
      problem: ericMessages.noFigures('site'),
    });
  });
});
