/**
 * Where each emission line goes in a SECR disclosure: which energy row its kWh join, which
 * emissions row its kg CO2e join, or that it lies outside the disclosure's boundary.
 *
 * The boundary follows the Environmental Reporting Guidelines (HM Government, March 2019),
 * chapter 2 and annex I: Scope 1 is the combustion of gas and other fuels and the organisation's
 * own transport; Scope 2 is purchased electricity (and heat or steam); Scope 3 is optional, and
 * here covers business travel in employee-owned or hired vehicles (the "grey fleet", for which the
 * organisation pays the fuel by way of mileage claims) and, if the organisation chooses, the
 * transmission and distribution losses of its electricity and the well-to-tank emissions of all
 * of the above. Other Scope 3 (rail, flights, taxis, commuting, water) is not part of SECR: it is
 * counted, so the disclosure can say how much was left out, but never added.
 */

import type { EmissionLine } from '../../kernel/emission-line.js';
import { sourceGroup } from '../../aggregate/group.js';

/** What the Scope 3 rows hold: grey fleet only (default), grey fleet plus T&D and WTT, or nothing. */
export type Scope3Choice = 'grey-fleet' | 'all' | 'none';
export const SCOPE3_CHOICES: readonly Scope3Choice[] = ['grey-fleet', 'all', 'none'];

export const ENERGY_ROWS = ['electricity', 'gas', 'transport', 'otherFuels'] as const;
export type EnergyRow = (typeof ENERGY_ROWS)[number];

export const EMISSION_ROWS = [
  'scope1.gas', 'scope1.otherFuels', 'scope1.transport', 'scope1.other',
  'scope2.electricity', 'scope2.heat',
  'scope3.greyFleet', 'scope3.td', 'scope3.wtt',
] as const;
export type EmissionRow = (typeof EMISSION_ROWS)[number];

export type LinePlace =
  /** Inside the disclosure: its emissions row, and for a main line its energy row. */
  | { readonly kind: 'in'; readonly emission: EmissionRow; readonly energy: EnergyRow | null }
  /** Biogenic CO2 of a fuel inside the boundary: reported beside the total, never in it. */
  | { readonly kind: 'biogenic' }
  /** Scope 3 outside SECR (or T&D/WTT not chosen), or a market-based counterpart. */
  | { readonly kind: 'out' };

/** Fuels burnt on site other than mains gas (source names as the energy import writes them). */
const OTHER_FUEL_GROUPS: ReadonlySet<string> = new Set(['oil', 'gas_oil', 'lpg', 'biomass_pellets', 'biomass_chips']);
/** Sources whose activity is energy the organisation buys for its buildings. */
const BUILDING_ENERGY_GROUPS: ReadonlySet<string> = new Set(['electricity', 'gas', 'heat', ...OTHER_FUEL_GROUPS]);

/** Business travel by car, van or motorbike: a private or hired vehicle whose fuel is reimbursed. */
export function isGreyFleet(source: string): boolean {
  const [group, mode] = source.split(':');
  return group === 'travel' && (mode === 'car' || mode === 'van' || mode === 'motorbike');
}

/** Whether a source belongs to the SECR boundary at all (its companions follow it). */
export function inSecrBoundary(source: string, scope3: Scope3Choice): boolean {
  const group = sourceGroup(source);
  if (BUILDING_ENERGY_GROUPS.has(group) || group === 'fleet') return true;
  return isGreyFleet(source) && scope3 !== 'none';
}

function energyRow(source: string): EnergyRow {
  const group = sourceGroup(source);
  if (group === 'electricity') return 'electricity';
  if (group === 'gas') return 'gas';
  if (group === 'fleet' || group === 'travel') return 'transport';
  return 'otherFuels';
}

export function placeOf(line: EmissionLine, scope3: Scope3Choice): LinePlace {
  if (line.basis !== 'location' || !inSecrBoundary(line.source, scope3)) return { kind: 'out' };
  if (line.kind === 'outside_scopes' || line.scope === null) return { kind: 'biogenic' };
  if (line.kind === 'td') return scope3 === 'all' ? { kind: 'in', emission: 'scope3.td', energy: null } : { kind: 'out' };
  if (line.kind === 'wtt') return scope3 === 'all' ? { kind: 'in', emission: 'scope3.wtt', energy: null } : { kind: 'out' };
  const group = sourceGroup(line.source);
  const energy = energyRow(line.source);
  if (line.scope === 1) {
    const emission: EmissionRow = group === 'gas' ? 'scope1.gas' : group === 'fleet' ? 'scope1.transport' : OTHER_FUEL_GROUPS.has(group) ? 'scope1.otherFuels' : 'scope1.other';
    return { kind: 'in', emission, energy };
  }
  if (line.scope === 2) return { kind: 'in', emission: group === 'heat' ? 'scope2.heat' : 'scope2.electricity', energy };
  // Scope 3 main lines: only the grey fleet is in SECR (and only when chosen: see inSecrBoundary).
  return isGreyFleet(line.source) ? { kind: 'in', emission: 'scope3.greyFleet', energy } : { kind: 'out' };
}

