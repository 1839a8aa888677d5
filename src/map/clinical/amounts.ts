/**
 * From what a pharmacy issues (bottles of a volatile agent, cylinders or litres of nitrous oxide
 * or Entonox) to the kilograms of the gas that are released, which is what a GWP prices.
 * Everything issued is taken as released: the agent is not metabolised to any extent that
 * matters, and none is captured unless the trust says so (it can then import what was destroyed
 * separately: nothing here nets it off).
 *
 * Liquid densities are the manufacturers' stated specific gravities, read as g/ml (the specific
 * gravity against water at 4 °C, 1.000 g/ml, is the density; against water at 25 °C, 0.997 g/ml,
 * it is 0.3% above it, well inside the spread of a bottle's fill):
 * - desflurane 1.465 at 20 °C/4 °C (Suprane prescribing information, Baxter);
 * - sevoflurane 1.520–1.525 at 20 °C (sevoflurane USP prescribing information, Baxter): 1.52 taken;
 * - isoflurane 1.496 at 25 °C/25 °C (Forane prescribing information; the same in generic isoflurane
 *   USP labels).
 *
 * Nitrous oxide gas: medical gas cylinders and returns state gas volumes at 15 °C and
 * atmospheric pressure. The supplier's specific volume is 0.54 m³/kg at 15 °C (Airgas, nitrous
 * oxide USP product data), so 540 litres of gas are 1 kg. The ideal gas law agrees within 0.5%
 * (44.013 g/mol ÷ 23.645 l/mol at 288.15 K and 101.325 kPa = 1.861 g/l, i.e. 537 litres per kg).
 *
 * Entonox is 50% nitrous oxide and 50% oxygen by volume, so half its litres are N2O. By mass the
 * N2O share of the mixture is 44.013 ÷ (44.013 + 31.998) = 0.5790 (molar masses of N2O and O2;
 * for gases, volume fractions are mole fractions).
 */

export type VolatileAgent = 'desflurane' | 'sevoflurane' | 'isoflurane';

export interface Density {
  readonly gPerMl: number;
  readonly source: string;
}

export const LIQUID_DENSITY: Readonly<Record<VolatileAgent, Density>> = {
  desflurane: { gPerMl: 1.465, source: 'specific gravity 1.465 at 20 °C (Suprane prescribing information)' },
  sevoflurane: { gPerMl: 1.52, source: 'specific gravity 1.520–1.525 at 20 °C (sevoflurane USP prescribing information)' },
  isoflurane: { gPerMl: 1.496, source: 'specific gravity 1.496 at 25 °C (Forane prescribing information)' },
};

/** Litres of nitrous oxide gas at 15 °C and atmospheric pressure in one kg (0.54 m³/kg). */
export const N2O_LITRES_PER_KG = 540;
export const N2O_GAS_DENSITY_SOURCE = 'nitrous oxide gas 0.54 m³/kg at 15 °C and atmospheric pressure (supplier product data), 540 litres per kg';

/** Entonox: the N2O share by volume, and by mass. */
export const ENTONOX_N2O_BY_VOLUME = 0.5;
export const ENTONOX_N2O_BY_MASS = 44.013 / (44.013 + 31.998);

/** kg of a volatile agent in `ml` of its liquid. */
export function volatileKg(agent: VolatileAgent, ml: number): number {
  return (ml * LIQUID_DENSITY[agent].gPerMl) / 1000;
}

/** kg of N2O in an amount of nitrous oxide or Entonox, given as litres of gas or kg of the product. */
export function nitrousKg(mix: 'n2o' | 'entonox', amount: { readonly litres: number } | { readonly kg: number }): number {
  if ('litres' in amount) return (amount.litres * (mix === 'entonox' ? ENTONOX_N2O_BY_VOLUME : 1)) / N2O_LITRES_PER_KG;
  return amount.kg * (mix === 'entonox' ? ENTONOX_N2O_BY_MASS : 1);
}
