/**
 * One ERIC header cell classified: a figure tco2e can use, with its meaning and unit, or the
 * reason it is not used. The stated unit decides first (a cost, a percentage or a count is never a
 * quantity, whatever its name), then the name's words decide the meaning.
 */

import { energyQuantity } from './energy.js';
import { ericHeaderText } from './header-text.js';
import type { EricQuantity, EricSkipReason, EricUnit } from './types.js';
import { isFoodWasteBreakdown, wasteQuantity } from './waste.js';
import { has } from './words.js';

export type EricHeaderMeaning =
  | { readonly quantity: EricQuantity; readonly unit: EricUnit }
  | { readonly reason: EricSkipReason };

/**
 * "Water volume (including borehole)" is the water supplied. No ERIC file seen has a sewage
 * volume (sewage is given as a cost), but one named so is read as sewage, and a name that mixes
 * the two is left unrecognised rather than guessed.
 */
function volume(words: string): EricQuantity | EricSkipReason {
  const sewage = has(words, 'sewage', 'sewerage', 'waste water', 'foul water', 'effluent');
  const water = has(words.replace(/\bwaste water\b|\bfoul water\b/g, ''), 'water');
  if (sewage && !water) return { kind: 'sewage', what: 'volume' };
  if (water && !sewage && !has(words, 'hot water')) return { kind: 'water', what: 'volume' };
  // "Site heated volume (m³)": the air the estate heats, a building measure.
  if (!water && !sewage && has(words, 'heated', 'building', 'site')) return 'estate_measure';
  return 'unrecognised';
}

/**
 * Only the gross internal floor area, the estate's size that intensity figures are per. The
 * 2013/14–2014/15 spelling is "Gross internal site floor area"; every other m² column (occupied,
 * clinical, retail, empty space, …) is a part of it.
 */
function area(words: string): EricQuantity | EricSkipReason {
  return (has(words, 'gross internal') && has(words, 'area')) || has(words, 'gia') ? { kind: 'floor_area' } : 'estate_measure';
}

/** "Business mileage (Miles)" and "Patient transport mileage (Miles)", seen in 2013/14 only. */
function distance(words: string): EricQuantity | EricSkipReason {
  if (has(words, 'business')) return { kind: 'mileage', what: 'business' };
  if (has(words, 'patient transport')) return { kind: 'mileage', what: 'patient_transport' };
  return 'unrecognised';
}

function meaning(words: string, unit: EricUnit): EricQuantity | EricSkipReason {
  switch (unit) {
    case 'kWh':
      return energyQuantity(words) ?? 'unrecognised';
    case 'tonnes':
      return isFoodWasteBreakdown(words) ? 'food_waste_breakdown' : (wasteQuantity(words) ?? 'unrecognised');
    case 'm3':
      return volume(words);
    case 'm2':
      return area(words);
    case 'miles':
      return distance(words);
  }
}

/** What one header cell holds. */
export function classifyEricHeader(header: string): EricHeaderMeaning {
  const { words, unit } = ericHeaderText(header);
  if (unit === undefined) return { reason: 'no_unit' };
  if (unit.kind === 'skip') return { reason: unit.reason };
  const m = meaning(words, unit.unit);
  return typeof m === 'string' ? { reason: m } : { quantity: m, unit: unit.unit };
}
