/**
 * The three organisations' energy bills, April 2013 to March 2026, each in its own supplier's
 * shape:
 * - the acute trust's: Windows-1252 with `£` in the cost column, three lines of preamble above
 *   the header, gas read from the 15th to the 14th (so each bill straddles a month end);
 * - the community trust's: semicolon-delimited with Excel's `sep=;` line, one row per meter and
 *   month ("Apr 2013"), no site column (sites come from the config's meter ids), heating oil in
 *   litres at the clinic off the gas grid, and one month missing at one site;
 * - the council's: UTF-8 with a byte-order mark, ISO dates, quarterly bills at the depot, wood
 *   pellets in tonnes at the leisure centre.
 * Each holds one deliberately bad row, rejected on import with its reason.
 */

import { daysInMonth, dayFrom, dayNumber, fyOf, isoDate, MONTH_NAMES, sampleMonths, ukDate, type Month } from './calendar.js';
import { costGbp, monthlyUse } from './model.js';
import { ACUTE, COMMUNITY, COUNCIL, site, type MeterDef, type OrgDef, type SiteDef } from './orgs.js';
import { prngFor } from './prng.js';
import { csvRow, fixed, grouped, lines, utf8, utf8Bom, windows1252 } from './text.js';
import type { SampleFile } from './types.js';

/** The one month one meter has no bill for (the gap the coverage grid should show). */
export const MISSING_MONTH = { meter: '1900000200035', year: 2019, month: 11 } as const;

/** The Royal Infirmary's electricity comes as half-hourly data from April 2025, not bills. */
export const HH_FROM = { year: 2025, month: 4 } as const;

interface MonthUse {
  readonly m: Month;
  readonly quantity: number;
}

/** A meter's use month by month (unrounded), from its own generator so meters do not disturb each other. */
export function meterMonths(org: OrgDef, s: SiteDef, meter: MeterDef): MonthUse[] {
  const rng = prngFor(`use:${meter.id}`);
  return sampleMonths().map((m) => ({ m, quantity: monthlyUse(org, s, meter, m, rng) }));
}

interface Bill {
  readonly site: SiteDef;
  readonly meter: MeterDef;
  readonly start: readonly [number, number, number];
  readonly end: readonly [number, number, number];
  readonly quantity: number;
  readonly estimated: boolean;
}

/** Calendar-month bills, the use rounded to whole units (tenths of a tonne for pellets). */
function monthlyBills(org: OrgDef, s: SiteDef, meter: MeterDef, estimatedShare: (m: Month) => number, keep: (m: Month) => boolean = () => true): Bill[] {
  const est = prngFor(`estimated:${meter.id}`);
  const out: Bill[] = [];
  for (const { m, quantity } of meterMonths(org, s, meter)) {
    const estimated = est.chance(estimatedShare(m));
    if (quantity <= 0 || !keep(m)) continue;
    const q = meter.fuel === 'pellets' ? Math.round(quantity * 10) / 10 : Math.round(quantity);
    out.push({ site: s, meter, start: [m.year, m.month, 1], end: [m.year, m.month, daysInMonth(m.year, m.month)], quantity: q, estimated });
  }
  return out;
}

/** Bills read on the 15th: each the sum of the days it covers, at each month's daily rate. */
function straddlingBills(org: OrgDef, s: SiteDef, meter: MeterDef): Bill[] {
  const est = prngFor(`estimated:${meter.id}`);
  const use = new Map(meterMonths(org, s, meter).map((u) => [u.m.year * 12 + u.m.month, u.quantity]));
  const perDay = (n: number): number => {
    const d = dayFrom(n);
    return use.get(d.year * 12 + d.month)! / daysInMonth(d.year, d.month);
  };
  // The first bill runs from 1 April 2013 to the first read; the last closes at 31 March 2026.
  const reads: number[] = [dayNumber(2013, 4, 1)];
  for (const m of sampleMonths()) reads.push(dayNumber(m.year, m.month, 15));
  reads.push(dayNumber(2026, 4, 1));
  const out: Bill[] = [];
  for (let i = 0; i + 1 < reads.length; i++) {
    const from = reads[i]!;
    const to = reads[i + 1]! - 1;
    if (to < from) continue;
    let q = 0;
    for (let n = from; n <= to; n++) q += perDay(n);
    const a = dayFrom(from);
    const b = dayFrom(to);
    out.push({ site: s, meter, start: [a.year, a.month, a.day], end: [b.year, b.month, b.day], quantity: Math.round(q), estimated: est.chance(0.08) });
  }
  return out;
}

const byStart = (a: Bill, b: Bill): number => dayNumber(...a.start) - dayNumber(...b.start);

const FUEL_LABEL: Readonly<Record<MeterDef['fuel'], string>> = { electricity: 'Electricity', gas: 'Gas', oil: 'Heating Oil', pellets: 'Wood Pellets' };

function orderBills(org: OrgDef, bills: Bill[]): Bill[] {
  const siteOrder = (b: Bill): number => org.sites.indexOf(b.site) * 10 + b.site.meters.indexOf(b.meter);
  return bills.sort((a, b) => byStart(a, b) || siteOrder(a) - siteOrder(b));
}

function acuteBills(): SampleFile {
  const bills: Bill[] = [];
  for (const s of ACUTE.sites) {
    for (const meter of s.meters) {
      if (meter.fuel === 'gas') bills.push(...straddlingBills(ACUTE, s, meter));
      else {
        const hh = s.id === 'royal-infirmary';
        bills.push(...monthlyBills(ACUTE, s, meter, () => 0.06, (m) => !hh || m.year * 12 + m.month < HH_FROM.year * 12 + HH_FROM.month));
      }
    }
  }
  const rows = [
    'Northmere Hospitals NHS Trust - consumption and cost report',
    'Supplier: Fenwick Utilities (a fictional supplier) - Generated: 14/04/2026',
    'SAMPLE DATA: every figure in this file is invented for the tco2e demonstration',
    '',
    csvRow(['Site Name', 'MPAN', 'Fuel', 'Start Date', 'End Date', 'Consumption', 'Unit', 'Read Type', 'Cost (£)']),
  ];
  for (const b of orderBills(ACUTE, bills)) {
    const fy = fyOf(b.start[0], b.start[1]);
    rows.push(csvRow([b.site.name, b.meter.id, FUEL_LABEL[b.meter.fuel], ukDate(...b.start), ukDate(...b.end), grouped(b.quantity, 0), 'kWh', b.estimated ? 'E' : 'A', `£${grouped(costGbp(b.meter.fuel, fy, b.quantity), 2)}`]));
    // A rebill keyed with a date that does not exist: rejected as an invalid date.
    if (b.site.id === 'saltmarsh' && b.meter.fuel === 'electricity' && b.start[0] === 2019 && b.start[1] === 6) {
      rows.push(csvRow([b.site.name, b.meter.id, 'Electricity', '31/06/2019', '30/07/2019', grouped(b.quantity, 0), 'kWh', 'A', `£${grouped(costGbp('electricity', 2019, b.quantity), 2)}`]));
    }
  }
  return { path: 'energy/acute-bills-2013-2026.csv', bytes: windows1252(lines(rows, '\r\n')) };
}

function communityBills(): SampleFile {
  const bills: Bill[] = [];
  // Early years were read less often: about one bill in six estimated, then one in twenty.
  const estimatedShare = (m: Month): number => (m.fy < 2017 ? 0.17 : 0.05);
  for (const s of COMMUNITY.sites) {
    for (const meter of s.meters) {
      bills.push(...monthlyBills(COMMUNITY, s, meter, estimatedShare, (m) => !(meter.id === MISSING_MONTH.meter && m.year === MISSING_MONTH.year && m.month === MISSING_MONTH.month)));
    }
  }
  const rows = [
    'sep=;',
    csvRow(['Meter Point', 'Fuel', 'Consumption Month', 'Quantity', 'Unit', 'Actual/Estimated', 'Cost'], ';'),
  ];
  const orchard = site(COMMUNITY, 'orchard-house');
  for (const b of orderBills(COMMUNITY, bills)) {
    const [year, month] = b.start;
    const fy = fyOf(year, month);
    const oil = b.meter.fuel === 'oil';
    // Oil arrives by the tanker load: the delivery is rounded to 10 litres.
    const quantity = oil ? Math.round(b.quantity / 10) * 10 : b.quantity;
    rows.push(csvRow([b.meter.id, FUEL_LABEL[b.meter.fuel], `${MONTH_NAMES[month - 1]!.slice(0, 3)} ${year}`, fixed(quantity, 0), oil ? 'litres' : 'kWh', b.estimated ? 'Estimated' : 'Actual', fixed(costGbp(b.meter.fuel, fy, quantity), 2)], ';'));
    // The supplier's export carries the water company's sewerage charge too: not a fuel, rejected.
    if (b.site === orchard && b.meter.fuel === 'gas' && year === 2018 && month === 9) {
      rows.push(csvRow([orchard.meters[0]!.id, 'Sewerage', 'Sep 2018', '312', 'm3', 'Actual', '402.48'], ';'));
    }
  }
  return { path: 'energy/community-energy-2013-2026.csv', bytes: utf8(lines(rows, '\r\n')) };
}

function councilBills(): SampleFile {
  const bills: Bill[] = [];
  for (const s of COUNCIL.sites) {
    for (const meter of s.meters) {
      const monthly = monthlyBills(COUNCIL, s, meter, () => 0.07);
      if (s.id === 'quarry-road-depot' && meter.fuel === 'electricity') {
        // The depot's electricity is billed quarterly: April–June, July–September…
        for (let i = 0; i + 2 < monthly.length; i += 3) {
          const [a, , c] = [monthly[i]!, monthly[i + 1]!, monthly[i + 2]!];
          bills.push({ ...a, end: c.end, quantity: a.quantity + monthly[i + 1]!.quantity + c.quantity, estimated: a.estimated });
        }
      } else bills.push(...monthly);
    }
  }
  const rows = [csvRow(['Property', 'Meter Point Reference', 'Utility Type', 'Bill From', 'Bill To', 'Units Consumed', 'UOM', 'Actual/Estimated', 'Net Amount'])];
  for (const b of orderBills(COUNCIL, bills)) {
    const fy = fyOf(b.start[0], b.start[1]);
    const pellets = b.meter.fuel === 'pellets';
    // A provisional line the billing system printed before the read came in: "TBC" is not a number.
    if (b.site.id === 'tidewater-leisure' && b.meter.fuel === 'gas' && b.start[0] === 2026 && b.start[1] === 3) {
      rows.push(csvRow([b.site.name, b.meter.id, 'Gas', isoDate(...b.start), isoDate(...b.end), 'TBC', 'kWh', 'Est', '']));
    }
    rows.push(csvRow([b.site.name, b.meter.id, FUEL_LABEL[b.meter.fuel], isoDate(...b.start), isoDate(...b.end), pellets ? fixed(b.quantity, 1) : fixed(b.quantity, 0), pellets ? 'tonnes' : 'kWh', b.estimated ? 'Est' : 'Act', fixed(costGbp(b.meter.fuel, fy, b.quantity), 2)]));
  }
  return { path: 'energy/council-bills-2013-2026.csv', bytes: utf8Bom(lines(rows, '\n')) };
}

export function energyBillFiles(): SampleFile[] {
  return [acuteBills(), communityBills(), councilBills()];
}
