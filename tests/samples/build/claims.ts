/**
 * Business travel and mileage claims, April 2013 to March 2026, for all three organisations, each
 * from its own expenses system. Some mileage claims give only the money (their miles are worked
 * out at 45p a mile on import, so the amounts here are whole miles at 45p); hotels, parking and
 * passenger supplements are in the files and left out on import. Travel falls sharply in 2020/21
 * and settles lower than before, as meetings moved online; community nursing mileage does not.
 *
 * Rail, bus and taxi journeys start in April 2016: tco2e's factor tables for 2013 to 2015 do not
 * carry those keys, so earlier public-transport claims would be rejected on import.
 */

import { dayFrom, dayNumber, sampleMonths, daysInMonth, isoDate, ukDate, type Month } from './calendar.js';
import { prngFor, type Prng } from './prng.js';
import { csvRow, fixed, lines, utf8, utf8Bom } from './text.js';
import type { SampleFile } from './types.js';

/** HMRC approved mileage allowance payment for cars and vans, first 10,000 business miles a year. */
const PENCE_PER_MILE = 45;

/** Business travel against before the pandemic: online meetings kept much of the fall. */
function travelShare(m: Month): number {
  if (m.fy < 2020) return 1;
  if (m.fy === 2020) return 0.45;
  if (m.fy === 2021) return 0.65;
  return 0.72;
}

function dayIn(m: Month, rng: Prng): { iso: string; uk: string } {
  // Weekdays only: claims are for working days.
  for (;;) {
    const day = rng.int(1, daysInMonth(m.year, m.month));
    const d = dayFrom(dayNumber(m.year, m.month, day));
    if (d.weekday !== 0 && d.weekday !== 6) return { iso: isoDate(m.year, m.month, day), uk: ukDate(m.year, m.month, day) };
  }
}

/** From 2016/17: the first financial year whose factor set tco2e has rail, bus and taxi for. */
const PUBLIC_TRANSPORT_FROM_FY = 2016;

/** Whole pounds and pence for `miles` at 45p. */
const mileagePounds = (miles: number): string => fixed((miles * PENCE_PER_MILE) / 100, 2);

function acuteClaims(): SampleFile {
  const rng = prngFor('claims:acute');
  const rows = [csvRow(['Claim ID', 'Employee Number', 'Cost Centre', 'Expense Date', 'Expense Type', 'Description', 'Miles', 'Amount (£)', 'Fuel Type', 'Engine Size', 'Class'])];
  let id = 10_000;
  for (const m of sampleMonths()) {
    const n = Math.round(24 * travelShare(m) * rng.noise(0.1));
    const publicTransport = m.fy >= PUBLIC_TRANSPORT_FROM_FY ? 1 : 0;
    for (let i = 0; i < n; i++) {
      const when = dayIn(m, rng).uk;
      const who = String(10_230_000 + rng.int(0, 180));
      const cc = rng.pick(['CC100', 'CC120', 'CC210', 'CC340', 'CC410']);
      const kind = rng.weighted([['mileage', 0.52], ['money', 0.1], ['rail', 0.15 * publicTransport], ['taxi', 0.07 * publicTransport], ['hotel', 0.06], ['parking', 0.06], ['passenger', 0.03], ['flight', 0.01]] as const);
      id += 1;
      const claim = `C${id}`;
      if (kind === 'mileage') {
        const miles = rng.int(12, 420);
        const fuel = m.fy >= 2019 ? rng.pick(['Diesel', 'Petrol', 'Petrol', 'Hybrid', 'Electric']) : rng.pick(['Diesel', 'Diesel', 'Petrol']);
        const size = fuel === 'Electric' ? '' : rng.pick(['1200cc', '1400cc', '1600cc', '1998cc', '2200cc', '1.6']);
        rows.push(csvRow([claim, who, cc, when, 'Business Mileage', rng.pick(['Meeting at Saltmarsh', 'Training day', 'Home visit', 'Regional network meeting']), miles, mileagePounds(miles), fuel, size, '']));
      } else if (kind === 'money') {
        rows.push(csvRow([claim, who, cc, when, 'Mileage', 'Mileage claim (miles not recorded)', '', `£${mileagePounds(rng.int(10, 260))}`, '', '', '']));
      } else if (kind === 'rail') {
        const miles = rng.pick([38, 62, 118.5, 185.5, 232]);
        rows.push(csvRow([claim, who, cc, when, 'Rail', rng.pick(['Northmere to Leeds', 'Northmere to London Kings Cross', 'Northmere to Manchester']), miles, fixed(miles * 0.28, 2), '', '', 'Standard']));
      } else if (kind === 'taxi') {
        const miles = rng.int(2, 9);
        rows.push(csvRow([claim, who, cc, when, 'Taxi', 'Station to venue', miles, fixed(4 + miles * 2.1, 2), '', '', '']));
      } else if (kind === 'hotel') {
        rows.push(csvRow([claim, who, cc, when, 'Hotel', 'Conference accommodation', '', fixed(rng.int(85, 160), 2), '', '', '']));
      } else if (kind === 'parking') {
        rows.push(csvRow([claim, who, cc, when, 'Parking', 'Car park', '', fixed(rng.int(3, 18), 2), '', '', '']));
      } else if (kind === 'passenger') {
        const miles = rng.int(10, 60);
        rows.push(csvRow([claim, who, cc, when, 'Passenger Mileage', 'Colleague carried', miles, fixed(miles * 0.05, 2), '', '', '']));
      } else {
        rows.push(csvRow([claim, who, cc, when, 'Flight', 'Northmere to Belfast', 270, fixed(rng.int(90, 180), 2), '', '', 'Domestic']));
      }
    }
  }
  return { path: 'travel/acute-expense-claims-2013-2026.csv', bytes: utf8(lines(rows, '\r\n')) };
}

/** Community nurses' mileage: a monthly claim each, about the same every year. */
function communityClaims(): SampleFile {
  const rng = prngFor('claims:community');
  const rows = [csvRow(['Assignment Number', 'Claim Date', 'Claim Type', 'Miles Claimed', 'Claim Amount', 'Engine Type', 'Engine Size (cc)'])];
  // Each claimant's car, changed now and then (to a hybrid or electric car in later years).
  const claimants = Array.from({ length: 40 }, (_, i) => ({ id: `${28_450_100 + i * 7}-1`, fuel: rng.pick<string>(['Diesel', 'Petrol']), cc: rng.pick(['1199', '1398', '1560', '1598', '1995']), monthly: rng.int(280, 900) }));
  for (const m of sampleMonths()) {
    if (m.month === 4 && m.fy >= 2019) {
      for (const c of claimants) {
        if (rng.chance(0.12)) {
          c.fuel = rng.pick(['Hybrid', 'Electric', 'Petrol']);
          c.cc = c.fuel === 'Electric' ? '' : rng.pick(['1332', '1490', '1798']);
        }
      }
    }
    const last = ukDate(m.year, m.month, daysInMonth(m.year, m.month));
    for (const c of claimants) {
      if (rng.chance(0.06)) continue; // on leave that month
      const miles = Math.max(20, Math.round(c.monthly * rng.noise(0.15)));
      const type = rng.pick(['Business Mileage', 'Essential User Mileage']);
      // About one claim in twelve comes through with only the money.
      if (rng.chance(0.08)) rows.push(csvRow([c.id, last, type, '', mileagePounds(miles), '', '']));
      else rows.push(csvRow([c.id, last, type, miles, mileagePounds(miles), c.fuel, c.cc]));
      if (rng.chance(0.04)) rows.push(csvRow([c.id, last, 'Passenger Allowance', rng.int(10, 40), '1.25', '', '']));
    }
  }
  return { path: 'travel/community-mileage-claims-2013-2026.csv', bytes: utf8(lines(rows, '\r\n')) };
}

function councilClaims(): SampleFile {
  const rng = prngFor('claims:council');
  const rows = [csvRow(['Employee', 'Date of Journey', 'Travel Mode', 'Distance (miles)', 'Amount', 'Fuel', 'Car Size'])];
  for (const m of sampleMonths()) {
    // The council's travel falls faster: fewer staff, and the pandemic's habits kept.
    const n = Math.round(20 * travelShare(m) * (1 - 0.02 * (m.fy - 2013)) * rng.noise(0.1));
    for (let i = 0; i < n; i++) {
      const d = dayIn(m, rng).iso;
      const who = `E${String(rng.int(1001, 1240))}`;
      const publicTransport = m.fy >= PUBLIC_TRANSPORT_FROM_FY ? 1 : 0;
      const kind = rng.weighted([['car', 0.6], ['money', 0.1], ['train', 0.12 * publicTransport], ['bus', 0.08 * publicTransport], ['bicycle', 0.05], ['taxi', 0.05 * publicTransport]] as const);
      if (kind === 'car') {
        const miles = rng.int(5, 160);
        rows.push(csvRow([who, d, 'Car', miles, mileagePounds(miles), rng.pick(['Petrol', 'Diesel', m.fy >= 2020 ? 'Electric' : 'Petrol']), rng.pick(['Small', 'Medium', 'Medium', 'Large'])]));
      } else if (kind === 'money') {
        rows.push(csvRow([who, d, 'Car', '', mileagePounds(rng.int(4, 50)), '', '']));
      } else if (kind === 'train') {
        const miles = rng.pick([24, 62, 118.5]);
        rows.push(csvRow([who, d, 'Train', miles, fixed(miles * 0.3, 2), '', '']));
      } else if (kind === 'bus') {
        rows.push(csvRow([who, d, 'Bus', rng.int(2, 12), '2.00', '', '']));
      } else if (kind === 'bicycle') {
        rows.push(csvRow([who, d, 'Bicycle', rng.int(1, 6), fixed(0.2 * rng.int(1, 6), 2), '', '']));
      } else {
        rows.push(csvRow([who, d, 'Taxi', rng.int(2, 7), fixed(rng.int(8, 20), 2), '', '']));
      }
    }
  }
  return { path: 'travel/council-travel-claims-2013-2026.csv', bytes: utf8Bom(lines(rows, '\n')) };
}

export function claimFiles(): SampleFile[] {
  return [acuteClaims(), communityClaims(), councilClaims()];
}
