/**
 * How each ERIC figure is counted: the source and factor key it becomes, the reading taken where
 * the return's column leaves a choice, or why it is not counted at all. One table, so every
 * choice is stated once and can be cited.
 *
 * Electricity follows the GHG Protocol Scope 2 Guidance (WRI/WBCSD, 2015): the location-based
 * figure applies the grid's average factor to all electricity taken from the grid, green tariffs
 * included (section 6.3); a green tariff can lower only the market-based figure, and only
 * through the supplier's declared factor. Electricity generated and used on site, by the trust's
 * own plant or a third party's on a private wire, is not taken from the grid and carries no
 * grid factor (section 6.2: no Scope 2 emissions arise from consuming one's own or directly
 * connected zero-carbon generation). CHP: the gas it burns is already in the gas consumed, so
 * the electricity and heat it makes are not counted again.
 *
 * Waste: the UK Government's "Waste disposal" factors (per tonne, by material and route) give
 * clinical routes no factor of their own. Each ERIC route is mapped to the published route it
 * is carried out as, and the trace says it is a mapping. In every year published, combustion
 * (energy from waste, incineration) and recycling carry only the emissions of taking the waste
 * to the plant (the publication's "Waste disposal" methodology: the process emissions are
 * counted by the plant's operator), so the route, not the material, sets the figure.
 */

import type { UnitId } from '../units/units.js';
import type { EricQuantity } from './eric/index.js';

export type EricTreatment =
  | {
      readonly counted: true;
      readonly source: string;
      readonly factorKey: string;
      readonly unit: UnitId;
      /** What was read into a column that could be read two ways. */
      readonly reading?: string;
      /** A route the publication has no factor for, and the published route it is counted as. */
      readonly mapping?: string;
      readonly use?: 'owned' | 'business_travel';
    }
  | { readonly counted: false; readonly why: string };

const NOT_AGAIN_CHP = 'made by the CHP plant, whose gas is counted in the gas consumed: not counted again';

const WASTE_COMBUSTION = 'waste.commercial_industrial.combustion';
const WASTE_LANDFILL = 'waste.commercial_industrial.landfill';
const WASTE_RECYCLING = 'waste.paper_board_mixed.recycling_closed_loop';

function waste(route: Extract<EricQuantity, { kind: 'waste' }>['route']): EricTreatment {
  const counted = (source: string, factorKey: string, mapping?: string): EricTreatment => ({ counted: true, source, factorKey, unit: 'tonnes', ...(mapping === undefined ? {} : { mapping }) });
  switch (route) {
    case 'clinical_high_temperature':
    case 'clinical_high_temperature_energy_recovery':
      return counted('waste:clinical_incineration', WASTE_COMBUSTION, 'high-temperature incineration of clinical waste, counted as the published "commercial and industrial waste: combustion" route (the publication has no clinical-waste factor)');
    case 'clinical_alternative_treatment':
    case 'clinical_on_site':
    case 'clinical_municipal':
    case 'clinical_unspecified':
    case 'special':
      return counted('waste:clinical_treatment', WASTE_COMBUSTION, 'clinical waste treated (alternative treatment, then recovered as fuel), counted as the published "commercial and industrial waste: combustion" route (the publication has no clinical-waste factor)');
    case 'offensive':
      return counted('waste:offensive', WASTE_LANDFILL, 'offensive waste, counted as the published "commercial and industrial waste: landfill" route, where HTM 07-01 allows it to go (the publication has no offensive-waste factor)');
    case 'landfill':
      return counted('waste:landfill', WASTE_LANDFILL);
    case 'incineration':
    case 'incineration_energy_recovery':
    case 'other_recovery':
    case 'domestic_on_site':
      return counted('waste:incineration', WASTE_COMBUSTION);
    case 'recycling':
      return counted('waste:recycling', WASTE_RECYCLING, 'mixed recycling, counted as the published "paper and board: mixed, closed-loop" recycling route, whose figure (transport to the plant) is that of every recycling route');
    case 'confidential':
      return counted('waste:recycling', WASTE_RECYCLING, 'confidential waste, shredded and recycled, counted as the published "paper and board: mixed, closed-loop" recycling route');
    case 'food':
      return counted('waste:food', 'waste.organic_food_drink.anaerobic_digestion', 'food waste, counted as the published "organic: food and drink waste, anaerobic digestion" route');
    case 'weee':
      return counted('waste:weee', 'waste.weee_mixed.recycling_open_loop');
    case 'reuse':
      return { counted: false, why: 'waste prepared for re-use: the publication has no re-use route from 2020, and re-use is not disposal' };
  }
}

/** The treatment of one ERIC quantity. */
export function ericTreatment(q: EricQuantity): EricTreatment {
  switch (q.kind) {
    case 'electricity':
      switch (q.part) {
        case 'grid':
          return { counted: true, source: 'electricity', factorKey: 'electricity.grid', unit: 'kWh' };
        case 'green_tariff':
          return { counted: true, source: 'electricity', factorKey: 'electricity.grid', unit: 'kWh', reading: 'a green tariff is grid electricity: the grid factor in the location-based figure (GHG Protocol Scope 2 Guidance, 6.3)' };
        case 'renewable':
          return { counted: true, source: 'electricity', factorKey: 'electricity.grid', unit: 'kWh', reading: 'the column does not say whether the renewable electricity was bought or made on site; it was read as bought from the grid (a renewable tariff), at the grid factor' };
        case 'other_renewables':
          return { counted: true, source: 'electricity', factorKey: 'electricity.grid', unit: 'kWh', reading: 'the column does not say whether these renewables are on site; they were read as supplied through the grid, at the grid factor' };
        case 'local':
          return { counted: false, why: 'electricity made locally (on site): no grid factor (GHG Protocol Scope 2 Guidance, 6.2); the fuel that made it is counted where it was burnt' };
        case 'own_solar':
          return { counted: false, why: "the trust's own solar, used on site: no grid factor (GHG Protocol Scope 2 Guidance, 6.2)" };
        case 'third_party_solar':
        case 'third_party_renewable':
          return { counted: false, why: "a third party's renewable plant on site, on a private wire: no grid factor (GHG Protocol Scope 2 Guidance, 6.2); read as on site, as the column's name has it" };
      }
      break;
    case 'fuel':
      switch (q.fuel) {
        case 'gas':
          return { counted: true, source: 'gas', factorKey: 'natural_gas', unit: 'kWh' };
        case 'oil':
          return { counted: true, source: 'gas_oil', factorKey: 'gas_oil', unit: 'kWh', reading: 'oil read as gas oil (35-second oil, for boilers and standby generators), the oil NHS sites mostly hold; ERIC does not say which' };
        case 'lpg':
          return { counted: true, source: 'lpg', factorKey: 'lpg', unit: 'kWh' };
        case 'steam':
        case 'hot_water':
          return { counted: true, source: 'heat', factorKey: 'heat_steam.district', unit: 'kWh', reading: 'bought-in steam or hot water, read as district heat and steam' };
        case 'renewable_heat':
          return { counted: true, source: 'biomass_chips', factorKey: 'wood_chips', unit: 'kWh', reading: 'non-fossil (renewable) fuel read as wood chips, the biomass NHS boilers mostly burn; ERIC does not say which' };
        case 'coal':
          // Published as "Coal (industrial)" from 2016; the 2013–2015 sets have no such row.
          return { counted: true, source: 'coal', factorKey: 'coal_industrial', unit: 'kWh', reading: 'coal read as industrial coal, the publication\'s coal for boilers' };
      }
      break;
    case 'chp':
      return q.flow === 'fuel_input' ? { counted: false, why: 'fuel burnt in the CHP plant: already in the gas (or other fuel) consumed, so not added' } : { counted: false, why: NOT_AGAIN_CHP };
    case 'generated':
      return { counted: false, why: 'electricity generated on site: a generation figure, not a use (what is used is in the consumed columns)' };
    case 'water':
      return { counted: true, source: 'water', factorKey: 'water.supply', unit: 'm3' };
    case 'sewage':
      return { counted: false, why: 'waste water volume: the return does not measure it for most sites; water treatment is not counted from ERIC' };
    case 'waste':
      return waste(q.route);
    case 'mileage':
      return q.what === 'business'
        ? { counted: true, source: 'travel:car', factorKey: 'car.average.unknown', unit: 'miles', use: 'business_travel', reading: 'business mileage read as average cars of unknown fuel' }
        : { counted: true, source: 'fleet:patient-transport', factorKey: 'van.average.unknown', unit: 'miles', use: 'owned', reading: 'patient transport mileage read as average vans of unknown fuel' };
    case 'floor_area':
      return { counted: false, why: 'floor area: a denominator, not an emission' };
  }
  return { counted: false, why: 'not a figure tco2e counts' };
}
