/**
 * The sentences this module returns to be shown to a person, in one place so tests assert against
 * them (src/messages.ts, the project's catalogue, can take them over whole). Each is a clause
 * without a full stop, to follow a caller's "FILE is not an ERIC return tco2e can read: ".
 */

export const ericMessages = {
  noCodeColumn: 'no column holds the trust code ("Trust Code", or "Organisation Code" in files up to 2016/17)',
  noFigures: (level: 'trust' | 'site') =>
    `this ERIC ${level} file has no energy, water, waste, mileage or gross internal floor area column ` +
    '(ERIC publishes energy, water and waste in the site data file, and for 2015/16 in part 2 of the trust data)',
} as const;
