/**
 * ERIC's kWh columns by meaning. Three eras of names (rows of each are in tests/fixtures/eric/):
 *
 * - 2013/14–2014/15: `Electricity consumed - utility / - local / - renewable`, `Gas (Oil, Coal)
 *   consumed - utility`, `Steam (Hot water) consumed - local`, CHP as `(Total) … of the CHP system/s`;
 * - 2015/16–2019/20: `Electricity consumed`, `- renewable` (2015/16), `- green energy tariff` and
 *   `- third party owned renewable` (2016/17 on), `Gas consumed` and so on, CHP `… of CHP system/s`;
 * - recent site files (2023/24 seen): `Electricity - green electricity / trust owned solar / third
 *   party owned solar / other renewables / other consumed`, `Non-fossil fuel - renewable consumed`,
 *   and CHP output as `Thermal (Electrical) energy consumption (KWh)`.
 *
 * A name with a qualifier no rule knows ("Electricity consumed - private wire") is left
 * unrecognised rather than read as grid electricity or as a whole fuel: a subset read as a part
 * would be counted twice.
 */

import type { EricElectricityPart, EricFuel, EricQuantity } from './types.js';
import { has, without } from './words.js';

const CONSUMED = new Set(['consumed', 'consumption', 'used', 'supplied', 'purchased']);

/** Words that may stand beside "Electricity consumed" in a grid-supply header: nothing, or a plain supply word. */
const GRID_WORDS = new Set(['electricity', 'utility', 'grid', 'other', 'mains']);

function isConsumed(words: string): boolean {
  return words.split(' ').some((w) => CONSUMED.has(w));
}

/**
 * CHP plant flows. The fossil input is already inside the gas (or oil) consumed, and the outputs
 * are made from it, so none of these may be added to consumption (2016/17 site RA701: 17.6 GWh
 * fossil input inside 58.2 GWh gas).
 */
function chp(words: string): EricQuantity | undefined {
  if (has(words, 'exported', 'export')) {
    if (has(words, 'electricity', 'electrical')) return { kind: 'chp', flow: 'electricity_exported' };
    if (has(words, 'thermal', 'heat')) return { kind: 'chp', flow: 'heat_exported' };
    return undefined;
  }
  // 2023/24 puts these two under "Fossil-fuel led CHP units operated on site (No.)" and leaves
  // them `N/A` where a site has no CHP; RA701's 25,771 kWh beside the 4.2 GWh it bought shows
  // they are the CHP's output, not the site's use (fixture eric-2023-24-site.csv).
  if (words === 'electrical energy consumption') return { kind: 'chp', flow: 'electricity_output' };
  if (words === 'thermal energy consumption') return { kind: 'chp', flow: 'heat_output' };
  if (!has(words, 'chp', 'combined heat and power')) return undefined;
  if (has(words, 'input')) return { kind: 'chp', flow: 'fuel_input' };
  if (!has(words, 'output')) return undefined;
  if (has(words, 'thermal', 'heat')) return { kind: 'chp', flow: 'heat_output' };
  if (has(words, 'electrical', 'electricity')) return { kind: 'chp', flow: 'electricity_output' };
  return undefined;
}

/**
 * What the estate's own plant generated. 2023/24 RA7C2 reports 180,700 kWh both as "trust owned
 * solar consumed" and as "Solar electricity generated", so the generation is already in a part.
 */
function generated(words: string): EricQuantity | undefined {
  const generation = has(words, 'generated', 'generation', 'output');
  if (!generation) return undefined;
  if (has(words, 'solar')) return { kind: 'generated', what: 'solar' };
  if (has(words, 'renewable', 'renewables')) return { kind: 'generated', what: 'onsite_renewables' };
  return undefined;
}

function electricityPart(words: string): EricElectricityPart | undefined {
  if (has(words, 'green')) return 'green_tariff';
  if (has(words, 'solar')) {
    if (has(words, 'third party')) return 'third_party_solar';
    return has(words, 'owned', 'own') ? 'own_solar' : undefined;
  }
  if (has(words, 'third party') && has(words, 'renewable', 'renewables')) return 'third_party_renewable';
  if (has(words, 'other renewables', 'other renewable')) return 'other_renewables';
  // 2013/14–2015/16 "Electricity consumed - renewable" does not say whether the renewable supply
  // was on site or bought on a tariff (RA2 reports all its 13.3 GWh this way in 2015/16).
  if (has(words, 'renewable', 'renewables')) return 'renewable';
  // 2013/14–2014/15 "local": bought from an energy centre on or next to the estate (RA7 bought
  // 5.9 GWh this way in 2013/14 beside 31 GWh of steam), not from the grid supplier.
  if (has(words, 'local')) return 'local';
  return without(words, new Set([...GRID_WORDS, ...CONSUMED])) === '' ? 'grid' : undefined;
}

function electricity(words: string): EricQuantity | undefined {
  if (!words.startsWith('electricity ') || !isConsumed(words)) return undefined;
  const part = electricityPart(words);
  return part === undefined ? undefined : { kind: 'electricity', part };
}

/** The fuels by the words a header starts with, the more specific first ("gas oil" is oil, LPG is not gas). */
const FUELS: readonly (readonly [RegExp, EricFuel])[] = [
  [/^non fossil fuel\b/, 'renewable_heat'],
  [/^(lpg|liquefied petroleum gas|propane)\b/, 'lpg'],
  [/^gas oil\b/, 'oil'],
  [/^hot water\b/, 'hot_water'],
  [/^steam\b/, 'steam'],
  [/^coal\b/, 'coal'],
  [/^oil\b/, 'oil'],
  [/^(natural )?gas\b/, 'gas'],
];

/** Words that may follow a fuel's name: how it was consumed and the era's supply label. */
const FUEL_WORDS = new Set([...CONSUMED, 'utility', 'local', 'renewable', 'fuel']);

function fuel(words: string): EricQuantity | undefined {
  for (const [start, which] of FUELS) {
    const m = start.exec(words);
    if (m === null) continue;
    const rest = words.slice(m[0].length).trim();
    return isConsumed(rest) && without(rest, FUEL_WORDS) === '' ? { kind: 'fuel', fuel: which } : undefined;
  }
  return undefined;
}

/** The meaning of a kWh column's name, or undefined when no known ERIC meaning fits. */
export function energyQuantity(words: string): EricQuantity | undefined {
  return chp(words) ?? generated(words) ?? electricity(words) ?? fuel(words);
}
