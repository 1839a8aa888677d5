/**
 * The fictional integrated care system the sample files describe: its organisations, their sites
 * and meters. One list, read by every file's generator and by the config, so a meter id in a bill
 * is always a meter of a site in the config. Every name is invented; no real body is meant.
 */

export type EnergyFuel = 'electricity' | 'gas' | 'oil' | 'pellets';

export interface MeterDef {
  readonly id: string;
  readonly fuel: EnergyFuel;
  /**
   * Use in 2013/14 before any trend: kWh for electricity and gas, litres for heating oil,
   * tonnes for wood pellets (the year the meter's data starts, if later).
   */
  readonly base: number;
}

export interface SiteDef {
  readonly id: string;
  readonly name: string;
  readonly meters: readonly MeterDef[];
  readonly closed?: string;
}

export interface OrgDef {
  readonly id: string;
  readonly name: string;
  readonly kind: 'nhs-trust' | 'council' | 'ics';
  readonly sites: readonly SiteDef[];
}

/** Marks every organisation's name, so no report made from these files can pass for a real one. */
export const SAMPLE = '(sample data)';

export const ACUTE: OrgDef = {
  id: 'northmere-acute',
  name: `Northmere Hospitals NHS Trust ${SAMPLE}`,
  kind: 'nhs-trust',
  sites: [
    {
      id: 'royal-infirmary', name: 'Northmere Royal Infirmary', meters: [
        { id: '1900000100012', fuel: 'electricity', base: 19_800_000 },
        { id: '7510000101', fuel: 'gas', base: 49_500_000 },
      ],
    },
    {
      id: 'saltmarsh', name: 'Saltmarsh General Hospital', meters: [
        { id: '1900000100021', fuel: 'electricity', base: 3_700_000 },
        { id: '7510000202', fuel: 'gas', base: 8_000_000 },
      ],
    },
    {
      id: 'ridgeway', name: 'Ridgeway Treatment Centre', meters: [
        { id: '1900000100030', fuel: 'electricity', base: 1_500_000 },
        { id: '7510000303', fuel: 'gas', base: 2_500_000 },
      ],
    },
  ],
};

export const COMMUNITY: OrgDef = {
  id: 'northmere-community',
  name: `Northmere Community Health NHS Trust ${SAMPLE}`,
  kind: 'nhs-trust',
  sites: [
    { id: 'orchard-house', name: 'Orchard House', meters: [{ id: '1900000200017', fuel: 'electricity', base: 520_000 }, { id: '7520000111', fuel: 'gas', base: 640_000 }] },
    { id: 'harbour-lane', name: 'Harbour Lane Health Centre', meters: [{ id: '1900000200026', fuel: 'electricity', base: 410_000 }, { id: '7520000222', fuel: 'gas', base: 700_000 }] },
    { id: 'millbrook', name: 'Millbrook Health Centre', meters: [{ id: '1900000200035', fuel: 'electricity', base: 360_000 }, { id: '7520000333', fuel: 'gas', base: 590_000 }] },
    { id: 'brackenfield', name: 'Brackenfield Clinic', meters: [{ id: '1900000200044', fuel: 'electricity', base: 190_000 }, { id: '7520000444', fuel: 'gas', base: 310_000 }] },
    { id: 'eastgate', name: 'Eastgate Community Base', meters: [{ id: '1900000200053', fuel: 'electricity', base: 280_000 }, { id: '7520000555', fuel: 'gas', base: 450_000 }] },
    // Off the gas grid: heated by oil, bought by the tanker load.
    { id: 'fellside', name: 'Fellside Clinic', meters: [{ id: '1900000200062', fuel: 'electricity', base: 120_000 }, { id: 'OIL-FELLSIDE-1', fuel: 'oil', base: 16_500 }] },
  ],
};

export const COUNCIL: OrgDef = {
  id: 'northmere-council',
  name: `Northmere Borough Council ${SAMPLE}`,
  kind: 'council',
  sites: [
    { id: 'civic-centre', name: 'Northmere Civic Centre', meters: [{ id: '1900000300014', fuel: 'electricity', base: 1_650_000 }, { id: '7530000111', fuel: 'gas', base: 2_300_000 }] },
    // Closed at the end of September 2020 when its staff moved into the civic centre.
    { id: 'market-street', name: 'Market Street Offices', closed: '2020-09-30', meters: [{ id: '1900000300023', fuel: 'electricity', base: 460_000 }, { id: '7530000222', fuel: 'gas', base: 820_000 }] },
    { id: 'quarry-road-depot', name: 'Quarry Road Depot', meters: [{ id: '1900000300032', fuel: 'electricity', base: 520_000 }, { id: '7530000333', fuel: 'gas', base: 940_000 }] },
    {
      id: 'tidewater-leisure', name: 'Tidewater Leisure Centre', meters: [
        { id: '1900000300041', fuel: 'electricity', base: 1_450_000 },
        { id: '7530000444', fuel: 'gas', base: 4_600_000 },
        // A biomass boiler from April 2016 takes about 40% of the pool's heat: 4.8 MWh a tonne.
        { id: 'PELLET-STORE-1', fuel: 'pellets', base: 380 },
      ],
    },
  ],
};

export const ICS: OrgDef = {
  id: 'northmere-ics',
  name: `Northmere Health and Care Partnership ${SAMPLE}`,
  kind: 'ics',
  sites: [],
};

export const MEMBERS: readonly OrgDef[] = [ACUTE, COMMUNITY, COUNCIL];

export function site(org: OrgDef, id: string): SiteDef {
  const s = org.sites.find((x) => x.id === id);
  if (s === undefined) throw new Error(`no site ${id} in ${org.id}`);
  return s;
}

export function meter(s: SiteDef, fuel: EnergyFuel): MeterDef {
  const m = s.meters.find((x) => x.fuel === fuel);
  if (m === undefined) throw new Error(`no ${fuel} meter at ${s.id}`);
  return m;
}
