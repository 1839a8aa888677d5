/**
 * How much each meter uses each month: a 2013/14 base, a trend per organisation, the season,
 * the winter's weather, one-off events, and a little noise. Invented, but shaped like the real
 * thing: hospitals use energy all year round and fall slowly, a community trust stays roughly
 * flat, and a council falls faster (an office closed, a biomass boiler, a pandemic).
 */

import type { Month } from './calendar.js';
import { FIRST_FY } from './calendar.js';
import type { MeterDef, OrgDef, SiteDef } from './orgs.js';
import { ACUTE, COMMUNITY, COUNCIL } from './orgs.js';
import type { Prng } from './prng.js';

/** Monthly weights, January first. */
type Season = readonly [number, number, number, number, number, number, number, number, number, number, number, number];

/** Hospitals: some summer cooling, more lighting in winter. */
const HOSPITAL_ELECTRICITY: Season = [1.07, 1.05, 1.02, 0.97, 0.95, 0.95, 0.98, 0.97, 0.96, 0.99, 1.03, 1.06];
/** Hospitals' gas: hot water and sterilising all year under the heating. */
const HOSPITAL_GAS: Season = [1.45, 1.35, 1.2, 1.0, 0.8, 0.65, 0.6, 0.62, 0.72, 0.95, 1.2, 1.4];
const BUILDING_ELECTRICITY: Season = [1.1, 1.07, 1.03, 0.96, 0.93, 0.91, 0.92, 0.92, 0.96, 1.01, 1.07, 1.1];
/** Offices and clinics: heating, little else. */
const BUILDING_GAS: Season = [1.9, 1.7, 1.45, 1.0, 0.6, 0.3, 0.25, 0.25, 0.45, 0.95, 1.45, 1.8];
/** A pool: heated all year. */
const POOL_HEAT: Season = [1.35, 1.3, 1.15, 1.0, 0.85, 0.75, 0.7, 0.7, 0.8, 0.95, 1.15, 1.3];

function share(season: Season, month: number): number {
  const total = season.reduce((s, w) => s + w, 0);
  return season[month - 1]! / total;
}

/** How cold each winter was against the average, by financial year from 2013/14 (2014/15 mild, 2017/18 the "Beast from the East"). */
const WINTER: readonly number[] = [1.0, 0.94, 0.98, 0.97, 1.04, 1.0, 0.97, 1.01, 0.96, 0.97, 0.99, 1.0, 0.98];

function winter(fy: number): number {
  return WINTER[fy - FIRST_FY] ?? 1;
}

/** factor ** years, by repeated multiplication (exact and the same everywhere). */
function compound(factor: number, years: number): number {
  let f = 1;
  for (let i = 0; i < years; i++) f *= factor;
  return f;
}

const at = (m: Month, year: number, month: number): boolean => m.year * 12 + m.month >= year * 12 + month;
const between = (m: Month, from: readonly [number, number], to: readonly [number, number]): boolean => at(m, from[0], from[1]) && !at(m, to[0], to[1] + 1);

/**
 * Council buildings in 2020/21: the leisure centre shut in the lockdowns and half-opened between
 * them; the offices ran light with most staff at home.
 */
function pandemic(site: SiteDef, m: Month): number {
  if (m.fy !== 2020) return 1;
  if (site.id === 'tidewater-leisure') {
    if (between(m, [2020, 4], [2020, 6]) || m.month === 11 || between(m, [2021, 1], [2021, 3])) return 0.25;
    return 0.8;
  }
  return 0.8;
}

/** The acute trust's LED and heat-pump project at the Royal Infirmary, in use from October 2021. */
const PROJECT: readonly [number, number] = [2021, 10];

/** Use in the meter's unit for one month, unrounded; 0 when the meter has nothing that month. */
export function monthlyUse(org: OrgDef, site: SiteDef, meter: MeterDef, m: Month, rng: Prng): number {
  const n = m.fy - FIRST_FY;
  if (org === ACUTE) {
    const project = site.id === 'royal-infirmary' && at(m, ...PROJECT);
    if (meter.fuel === 'electricity') {
      // About 2% a year from housekeeping and equipment; the project's LEDs save more than its heat pumps add.
      return meter.base * compound(0.98, n) * (project ? 0.95 : 1) * share(HOSPITAL_ELECTRICITY, m.month) * rng.noise(0.02);
    }
    return meter.base * compound(0.98, n) * (project ? 0.82 : 1) * winter(m.fy) * share(HOSPITAL_GAS, m.month) * rng.noise(0.03);
  }
  if (org === COMMUNITY) {
    if (meter.fuel === 'electricity') return meter.base * (1 + 0.006 * n) * share(BUILDING_ELECTRICITY, m.month) * rng.noise(0.03);
    if (meter.fuel === 'gas') return meter.base * (1 - 0.004 * n) * winter(m.fy) * share(BUILDING_GAS, m.month) * rng.noise(0.04);
    // Heating oil, delivered by the tanker load in October, December and February.
    const delivery = m.month === 10 ? 0.3 : m.month === 12 ? 0.4 : m.month === 2 ? 0.3 : 0;
    return meter.base * (1 - 0.004 * n) * winter(m.fy) * delivery * rng.noise(0.05);
  }
  if (org === COUNCIL) {
    if (site.closed !== undefined && `${m.year}-${String(m.month).padStart(2, '0')}-01` > site.closed) return 0;
    const covid = pandemic(site, m);
    if (meter.fuel === 'electricity') return meter.base * compound(0.96, n) * covid * share(BUILDING_ELECTRICITY, m.month) * rng.noise(0.03);
    const pool = site.id === 'tidewater-leisure';
    const biomass = pool && at(m, 2016, 4);
    if (meter.fuel === 'pellets') {
      if (!biomass) return 0;
      return meter.base * compound(0.955, n) * winter(m.fy) * covid * share(POOL_HEAT, m.month) * rng.noise(0.05);
    }
    return meter.base * compound(0.955, n) * winter(m.fy) * covid * (biomass ? 0.6 : 1) * share(pool ? POOL_HEAT : BUILDING_GAS, m.month) * rng.noise(0.04);
  }
  throw new Error(`no model for ${org.id}`);
}

/** Pence per kWh (per litre for oil, pounds per tonne for pellets) by financial year from 2013/14: the 2022 price spike included. */
const PRICES: Readonly<Record<MeterDef['fuel'], readonly number[]>> = {
  electricity: [9.8, 10.4, 10.9, 11.2, 12.0, 13.1, 14.2, 15.0, 17.5, 29.8, 31.2, 25.6, 23.9],
  gas: [2.6, 2.8, 2.7, 2.3, 2.4, 2.7, 2.9, 2.6, 4.1, 8.9, 7.4, 5.9, 5.6],
  oil: [62, 55, 41, 44, 50, 56, 52, 40, 68, 95, 72, 66, 63],
  pellets: [230, 230, 232, 235, 238, 240, 242, 245, 260, 330, 310, 290, 285],
};

/** The cost in pounds of `quantity` of the fuel in a financial year. */
export function costGbp(fuel: MeterDef['fuel'], fy: number, quantity: number): number {
  const price = PRICES[fuel][fy - FIRST_FY]!;
  return fuel === 'pellets' ? quantity * price : (quantity * price) / 100;
}
