/**
 * ERIC's waste tonnes by route. Each era names its routes differently (rows of each are in
 * tests/fixtures/eric/, the 2013/14–2014/15 names in tests/map/eric/classify.test.ts):
 *
 * - 2013/14–2014/15: `High temperature disposal waste weight` (2014/15 adds `… involving combustion
 *   with energy recovery`), `Non burn treatment (alternative treatment plant) disposal waste
 *   weight`, `Landfill disposal waste weight`, `Waste electrical and electronic equipment (WEEE)
 *   weight`, `Preparing for re-use volume`, `Other recovery volume`, `Waste recycling volume`;
 * - 2015/16 (trust): only `Clinical waste volume` and `Special waste volume`;
 * - 2016/17: `Landfill disposal`, `Incineration disposal`, `Waste reycling`, `Other recovery`;
 * - 2023/24 site: clinical `Incineration`, `Alternative Treatment`, `Offensive waste`, clinical and
 *   domestic `… processed on site`, clinical `… at municipal waste plants`, `Domestic waste
 *   (landfill / recycling / incineration / food)`, `Confidential waste`; trust: `WEEE waste`.
 *
 * Every route comes as a cost (£) and a tonnage column; only the tonnage reaches here.
 */

import type { EricQuantity, EricWasteRoute } from './types.js';
import { has } from './words.js';

/**
 * The 2023/24 food-waste columns ("Total food waste (all destinations and EWC codes)", "Food waste
 * generated from production / plate waste / unserved meals / spoilage") say where food waste
 * arose, not where it went: their tonnes are in "Domestic waste (food)" already.
 */
export function isFoodWasteBreakdown(words: string): boolean {
  return has(words, 'food') && has(words, 'total', 'generated', 'production', 'plate', 'unserved', 'spoilage', 'ewc', 'destinations');
}

function route(words: string): EricWasteRoute | undefined {
  const clinical = has(words, 'clinical');
  const energyRecovery = has(words, 'energy recovery');
  if (has(words, 'weee', 'electrical and electronic')) return 'weee';
  // "… (excluding incineration) processed on site" names incineration only to rule it out.
  if (has(words, 'on site')) return clinical ? 'clinical_on_site' : has(words, 'domestic') ? 'domestic_on_site' : undefined;
  if (clinical && has(words, 'municipal')) return 'clinical_municipal';
  if (has(words, 'alternative treatment', 'non burn')) return 'clinical_alternative_treatment';
  if (has(words, 'high temperature')) return energyRecovery ? 'clinical_high_temperature_energy_recovery' : 'clinical_high_temperature';
  // Clinical waste that is incinerated goes to high-temperature incineration: 2023/24
  // "Incineration (clinical waste)" is the route 2013/14 called "High temperature disposal".
  if (clinical && has(words, 'incineration')) return energyRecovery ? 'clinical_high_temperature_energy_recovery' : 'clinical_high_temperature';
  if (has(words, 'offensive')) return 'offensive';
  if (has(words, 'special')) return 'special';
  if (has(words, 'confidential')) return 'confidential';
  if (has(words, 'food')) return 'food';
  if (has(words, 'landfill')) return 'landfill';
  if (has(words, 'recycling', 'recycled')) return 'recycling';
  if (has(words, 'incineration')) return energyRecovery ? 'incineration_energy_recovery' : 'incineration';
  if (has(words, 're use')) return 'reuse';
  if (has(words, 'recovery')) return 'other_recovery';
  // 2015/16 "Clinical waste volume": clinical waste whatever its treatment.
  if (clinical) return 'clinical_unspecified';
  return undefined;
}

/** The route of a tonnes column's name, or undefined when no known ERIC route fits. */
export function wasteQuantity(words: string): EricQuantity | undefined {
  const r = route(words);
  return r === undefined ? undefined : { kind: 'waste', route: r };
}
