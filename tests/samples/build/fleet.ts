/**
 * Fleet files for the acute trust and the council: a vehicle register (every vehicle the sample
 * years saw, disposed ones included, so old fuel lines still find their vehicle), fuel-card
 * transactions with AdBlue and washes mixed in (and, at the acute trust, one refunded duplicate),
 * and charging sessions for the battery-electric vehicles that replaced some diesels.
 */

import { dayFrom, dayNumber, fyOf, isoDate, ukDate } from './calendar.js';
import { ACUTE, COUNCIL, site, type OrgDef } from './orgs.js';
import { prngFor, type Prng } from './prng.js';
import { csvRow, fixed, lines, utf8 } from './text.js';
import type { SampleFile } from './types.js';

interface Vehicle {
  readonly reg: string;
  readonly model: string;
  /** As the register writes it. */
  readonly type: string;
  readonly size: string;
  readonly fuel: 'Diesel' | 'Petrol' | 'Hybrid' | 'Battery Electric';
  readonly site: string;
  /** In service from and to (inclusive), as day numbers. */
  readonly from: number;
  readonly to: number;
  /** Litres a year at the rate it uses fuel on the road (fuel vehicles), or kWh a charging session (electric ones). */
  readonly use: number;
  /** Days between fill-ups or charging sessions, on average. */
  readonly every: number;
  /** Uses AdBlue (Euro 6 diesels and the refuse trucks). */
  readonly adblue?: boolean;
  /** Only on the road from November to March (gritters). */
  readonly winterOnly?: boolean;
  /** Only charges on weekdays (the electric refuse truck). */
  readonly weekdays?: boolean;
}

const START = dayNumber(2013, 4, 1);
const END = dayNumber(2026, 3, 31);
const d = (y: number, m: number, day: number): number => dayNumber(y, m, day);

const RI = site(ACUTE, 'royal-infirmary').name;
const DEPOT = site(COUNCIL, 'quarry-road-depot').name;

const ACUTE_FLEET: readonly Vehicle[] = [
  { reg: 'NM12 KVA', model: 'Ford Transit 350 2.2 TDCi', type: 'Panel van', size: 'Class III', fuel: 'Diesel', site: RI, from: START, to: d(2019, 3, 31), use: 1850, every: 14 },
  { reg: 'NM19 HXE', model: 'Ford Transit 350 2.0 EcoBlue', type: 'Panel van', size: 'Class III', fuel: 'Diesel', site: RI, from: d(2019, 4, 1), to: END, use: 1750, every: 14, adblue: true },
  { reg: 'NM12 KVB', model: 'Ford Transit 350 2.2 TDCi', type: 'Panel van', size: 'Class III', fuel: 'Diesel', site: RI, from: START, to: d(2022, 6, 30), use: 1850, every: 14 },
  { reg: 'NM22 EVA', model: 'Vauxhall Vivaro-e', type: 'Panel van', size: 'Class II', fuel: 'Battery Electric', site: RI, from: d(2022, 7, 1), to: END, use: 28, every: 3 },
  { reg: 'NM63 LTC', model: 'Ford Transit Connect 1.6 TDCi', type: 'Panel van', size: 'Class II', fuel: 'Diesel', site: site(ACUTE, 'saltmarsh').name, from: START, to: d(2022, 8, 31), use: 1300, every: 18 },
  { reg: 'NM72 EVB', model: 'Peugeot e-Partner', type: 'Panel van', size: 'Class II', fuel: 'Battery Electric', site: site(ACUTE, 'saltmarsh').name, from: d(2022, 9, 1), to: END, use: 22, every: 4 },
  { reg: 'NM13 PTH', model: 'Citroen Berlingo 1.6 HDi', type: 'Van', size: 'Class II', fuel: 'Diesel', site: RI, from: START, to: d(2018, 5, 31), use: 2400, every: 10 },
  { reg: 'NM18 PTH', model: 'Citroen Berlingo 1.5 BlueHDi', type: 'Van', size: 'Class II', fuel: 'Diesel', site: RI, from: d(2018, 6, 1), to: END, use: 2300, every: 10, adblue: true },
  { reg: 'NM12 CAR', model: 'Ford Focus 1.6 TDCi', type: 'Car', size: 'Medium', fuel: 'Diesel', site: RI, from: START, to: d(2018, 2, 28), use: 720, every: 24 },
  { reg: 'NM68 HYA', model: 'Toyota Corolla 1.8 Hybrid', type: 'Car', size: 'Medium', fuel: 'Hybrid', site: RI, from: d(2018, 3, 1), to: END, use: 460, every: 30 },
  { reg: 'NM62 SMC', model: 'Vauxhall Corsa 1.2', type: 'Car', size: 'Small', fuel: 'Petrol', site: site(ACUTE, 'ridgeway').name, from: START, to: d(2018, 2, 28), use: 640, every: 26 },
  { reg: 'NM68 HYB', model: 'Toyota Yaris 1.5 Hybrid', type: 'Car', size: 'Small', fuel: 'Hybrid', site: site(ACUTE, 'ridgeway').name, from: d(2018, 3, 1), to: END, use: 430, every: 32 },
  { reg: 'NM14 MBA', model: 'Peugeot Boxer 17 seat', type: 'Minibus', size: '', fuel: 'Diesel', site: RI, from: START, to: END, use: 2600, every: 12, adblue: false },
  { reg: 'NM64 MBB', model: 'Peugeot Boxer 17 seat', type: 'Minibus', size: '', fuel: 'Diesel', site: site(ACUTE, 'saltmarsh').name, from: START, to: END, use: 2300, every: 13 },
];

const rcv = (n: number, reg: string, from: number, to: number): Vehicle => ({ reg, model: `Dennis Eagle Elite 6x2 (round ${n})`, type: 'Refuse collection vehicle', size: '26t', fuel: 'Diesel', site: DEPOT, from, to, use: 16_000, every: 7, adblue: true });

const COUNCIL_FLEET: readonly Vehicle[] = [
  rcv(1, 'NM12 RCA', START, d(2019, 3, 31)), rcv(1, 'NM19 RCA', d(2019, 4, 1), END),
  rcv(2, 'NM12 RCB', START, d(2019, 3, 31)), rcv(2, 'NM19 RCB', d(2019, 4, 1), END),
  rcv(3, 'NM62 RCC', START, d(2019, 9, 30)), rcv(3, 'NM69 RCC', d(2019, 10, 1), END),
  rcv(4, 'NM62 RCD', START, d(2019, 9, 30)), rcv(4, 'NM69 RCD', d(2019, 10, 1), END),
  rcv(5, 'NM13 RCE', START, d(2020, 3, 31)), rcv(5, 'NM20 RCE', d(2020, 4, 1), END),
  rcv(6, 'NM13 RCF', START, d(2024, 9, 30)),
  { reg: 'NM74 ERC', model: 'Dennis Eagle eCollect', type: 'Refuse collection vehicle', size: '26t', fuel: 'Battery Electric', site: DEPOT, from: d(2024, 10, 1), to: END, use: 185, every: 1, weekdays: true },
  ...(['A', 'B', 'C'] as const).flatMap((x) => [
    { reg: `NM13 VN${x}`, model: 'Ford Transit 350 2.2 TDCi', type: 'Panel van', size: 'Class III', fuel: 'Diesel', site: DEPOT, from: START, to: d(2021, 3, 31), use: 2000, every: 14 } as const,
    { reg: `NM21 EV${x}`, model: 'Ford E-Transit Custom', type: 'Panel van', size: 'Class II', fuel: 'Battery Electric', site: DEPOT, from: d(2021, 4, 1), to: END, use: 30, every: 3 } as const,
  ]),
  { reg: 'NM15 VND', model: 'Ford Transit 350 2.2 TDCi', type: 'Panel van', size: 'Class III', fuel: 'Diesel', site: DEPOT, from: START, to: END, use: 2100, every: 14 },
  { reg: 'NM15 VNE', model: 'Ford Transit Custom 2.0 EcoBlue', type: 'Panel van', size: 'Class III', fuel: 'Diesel', site: DEPOT, from: START, to: END, use: 1900, every: 15, adblue: true },
  { reg: 'NM11 GRA', model: 'Econ gritter 18t', type: 'Gritter', size: '18t', fuel: 'Diesel', site: DEPOT, from: START, to: END, use: 8500, every: 7, winterOnly: true },
  { reg: 'NM11 GRB', model: 'Econ gritter 18t', type: 'Gritter', size: '18t', fuel: 'Diesel', site: DEPOT, from: START, to: END, use: 8500, every: 7, winterOnly: true },
  { reg: 'NM13 CRA', model: 'Vauxhall Corsa 1.2', type: 'Car', size: 'Small', fuel: 'Petrol', site: site(COUNCIL, 'civic-centre').name, from: START, to: d(2020, 5, 31), use: 600, every: 28 },
  { reg: 'NM20 EVC', model: 'Renault Zoe', type: 'Car', size: 'Small', fuel: 'Battery Electric', site: site(COUNCIL, 'civic-centre').name, from: d(2020, 6, 1), to: END, use: 18, every: 7 },
  { reg: 'NM13 CRB', model: 'Vauxhall Corsa 1.2', type: 'Car', size: 'Small', fuel: 'Petrol', site: site(COUNCIL, 'civic-centre').name, from: START, to: END, use: 580, every: 28 },
];

const isWinter = (n: number): boolean => {
  const m = dayFrom(n).month;
  return m >= 11 || m <= 3;
};

/** Net pence a litre by financial year from 2013/14 (diesel; petrol a few pence less). */
const DIESEL_PENCE = [117, 110, 93, 97, 102, 108, 105, 98, 117, 150, 130, 120, 115];

/** The days a vehicle is filled up or charged, with the share of a year's use each stands for. */
function visits(v: Vehicle, rng: Prng): { day: number; share: number }[] {
  const out: { day: number; share: number }[] = [];
  const from = Math.max(v.from, START);
  const to = Math.min(v.to, END);
  let day = from + rng.int(0, Math.max(0, Math.floor(v.every) - 1));
  let last = from;
  while (day <= to) {
    const weekday = dayFrom(day).weekday;
    const onRoad = (!v.winterOnly || isWinter(day)) && (!v.weekdays || (weekday !== 0 && weekday !== 6));
    if (onRoad) out.push({ day, share: (day - last) / 365 });
    last = day;
    day += Math.max(1, Math.round(v.every * rng.between(0.7, 1.3)));
  }
  return out;
}

/** Route changes at the council from April 2018 cut the refuse trucks' diesel by a tenth. */
function routeFactor(org: OrgDef, v: Vehicle, day: number): number {
  return org === COUNCIL && v.type === 'Refuse collection vehicle' && day >= d(2018, 4, 1) ? 0.9 : 1;
}

interface CardLine {
  readonly day: number;
  readonly reg: string;
  readonly product: string;
  readonly litres: number;
  readonly pounds: number;
  readonly odometer: number | '';
  readonly order: number;
}

function cardLines(org: OrgDef, fleet: readonly Vehicle[], products: { diesel: readonly string[]; petrol: readonly string[]; adblue: string; wash: string }): CardLine[] {
  const out: CardLine[] = [];
  fleet.forEach((v, order) => {
    if (v.fuel === 'Battery Electric') return;
    const rng = prngFor(`card:${org.id}:${v.reg}`);
    // Miles a litre, for the odometer.
    const mpl = v.type === 'Car' ? (v.fuel === 'Hybrid' ? 13.5 : 10.5) : v.type === 'Refuse collection vehicle' || v.type === 'Gritter' ? 1.0 : 6.8;
    let odometer = rng.int(18_000, 46_000);
    let lastWash = 0;
    let lastAdblue = 0;
    for (const { day, share } of visits(v, rng)) {
      const litres = Math.round(v.use * share * routeFactor(org, v, day) * rng.noise(0.08) * 100) / 100;
      if (litres < 5) continue;
      odometer += Math.round(litres * mpl);
      const petrol = v.fuel === 'Petrol' || v.fuel === 'Hybrid';
      const pence = DIESEL_PENCE[fyOf(dayFrom(day).year, dayFrom(day).month) - 2013]! - (petrol ? 4 : 0);
      const product = rng.pick(petrol ? products.petrol : products.diesel);
      out.push({ day, reg: v.reg, product, litres, pounds: (litres * pence) / 100, odometer, order });
      const rcv = v.type === 'Refuse collection vehicle';
      if (v.adblue === true && day - lastAdblue >= (rcv ? 56 : 42)) {
        lastAdblue = day;
        const l = rcv ? 40 : 10;
        out.push({ day, reg: v.reg, product: products.adblue, litres: l, pounds: l * 0.62, odometer, order });
      }
      if ((v.type === 'Car' || v.type === 'Minibus') && day - lastWash >= 120 && rng.chance(0.3)) {
        lastWash = day;
        out.push({ day, reg: v.reg, product: products.wash, litres: 1, pounds: 8, odometer: '', order });
      }
    }
  });
  return out.sort((a, b) => a.day - b.day || a.order - b.order);
}

/** A transaction time, so the acute trust's card file has the date-and-time cells card systems print. */
function clock(rng: Prng): string {
  return `${String(rng.int(6, 19)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`;
}

function acuteFuelCard(): SampleFile {
  const list = cardLines(ACUTE, ACUTE_FLEET, { diesel: ['DIESEL', 'DIESEL', 'DIESEL', 'ULSD'], petrol: ['UNLEADED'], adblue: 'ADBLUE', wash: 'CAR WASH' });
  const rng = prngFor('card-file:acute');
  let refunded = false;
  const rows = [csvRow(['Card Number', 'Transaction Date/Time', 'Registration', 'Product Description', 'Quantity (Litres)', 'Net Amount', 'Odometer Reading', 'Site'])];
  for (const l of list) {
    const day = dayFrom(l.day);
    const card = `7077 ${String(1000 + ACUTE_FLEET.findIndex((v) => v.reg === l.reg)).padStart(4, '0')}`;
    // Some terminals drop the space in the registration.
    const reg = rng.chance(0.3) ? l.reg.replace(' ', '') : l.reg;
    const row = [card, `${ukDate(day.year, day.month, day.day)} ${clock(rng)}`, reg, l.product, fixed(l.litres, 2), fixed(l.pounds, 2), l.odometer, ''];
    rows.push(csvRow(row));
    // November 2023: the courier van's fill-up went through twice and the second was refunded.
    if (!refunded && l.reg === 'NM18 PTH' && l.product !== 'ADBLUE' && day.year === 2023 && day.month === 11) {
      refunded = true;
      const later = dayFrom(l.day + 2);
      rows.push(csvRow(row));
      rows.push(csvRow([card, `${ukDate(later.year, later.month, later.day)} 09:15`, reg, l.product, `-${fixed(l.litres, 2)}`, `-${fixed(l.pounds, 2)}`, '', '']));
    }
  }
  return { path: 'fleet/acute-fuel-card-2013-2026.csv', bytes: utf8(lines(rows, '\r\n')) };
}

function councilFuelCard(): SampleFile {
  const list = cardLines(COUNCIL, COUNCIL_FLEET, { diesel: ['Diesel', 'Diesel', 'DERV'], petrol: ['Unleaded'], adblue: 'AD BLUE', wash: 'JET WASH' });
  const rows = [csvRow(['Trans Date', 'Vehicle Reg', 'Product', 'Volume', 'Net Value', 'Mileage Reading', 'Depot'])];
  for (const l of list) {
    const day = dayFrom(l.day);
    rows.push(csvRow([ukDate(day.year, day.month, day.day), l.reg, l.product, fixed(l.litres, 2), fixed(l.pounds, 2), l.odometer, '']));
  }
  return { path: 'fleet/council-fuel-card-2013-2026.csv', bytes: utf8(lines(rows, '\n')) };
}

function register(fleet: readonly Vehicle[], header: readonly string[], status: (v: Vehicle) => string): string[] {
  return [csvRow(header), ...fleet.map((v) => csvRow([v.reg, v.model, v.type, v.size, v.fuel, v.site, status(v)]))];
}

function registers(): SampleFile[] {
  const disposed = (v: Vehicle): string => {
    if (v.to >= END) return 'Active';
    const day = dayFrom(v.to);
    return `Disposed ${ukDate(day.year, day.month, day.day)}`;
  };
  return [
    { path: 'fleet/acute-vehicle-register.csv', bytes: utf8(lines(register(ACUTE_FLEET, ['Registration', 'Make/Model', 'Vehicle Type', 'Size', 'Fuel Type', 'Base Site', 'Status'], disposed), '\r\n')) },
    { path: 'fleet/council-vehicle-register.csv', bytes: utf8(lines(register(COUNCIL_FLEET, ['VRN', 'Description', 'Category', 'Weight Class', 'Propulsion', 'Depot', 'Status'], disposed), '\n')) },
  ];
}

function chargingSessions(org: OrgDef, fleet: readonly Vehicle[], charger: (v: Vehicle, rng: Prng) => string): { day: number; reg: string; charger: string; kwh: number; site: string; rng: Prng }[] {
  const out: { day: number; reg: string; charger: string; kwh: number; site: string; rng: Prng }[] = [];
  const files = prngFor(`charging:${org.id}`);
  for (const v of fleet) {
    if (v.fuel !== 'Battery Electric') continue;
    const rng = prngFor(`charging:${org.id}:${v.reg}`);
    for (const { day } of visits(v, rng)) out.push({ day, reg: v.reg, charger: charger(v, rng), kwh: Math.round(v.use * rng.noise(0.15) * 10) / 10, site: v.site, rng: files });
  }
  return out.sort((a, b) => a.day - b.day || a.reg.localeCompare(b.reg));
}

function acuteCharging(): SampleFile {
  const sessions = chargingSessions(ACUTE, ACUTE_FLEET, (v) => (v.site === RI ? 'RI-CP01' : 'SGH-CP01'));
  const rows = [csvRow(['Date', 'Chargepoint ID', 'Registration', 'kWh', 'Site'])];
  for (const s of sessions) {
    const day = dayFrom(s.day);
    rows.push(csvRow([`${ukDate(day.year, day.month, day.day)} ${clock(s.rng)}`, s.charger, s.reg, fixed(s.kwh, 1), s.site]));
  }
  return { path: 'fleet/acute-ev-charging-2022-2026.csv', bytes: utf8(lines(rows, '\r\n')) };
}

function councilCharging(): SampleFile {
  const sessions = chargingSessions(COUNCIL, COUNCIL_FLEET, (v, rng) => (v.type === 'Refuse collection vehicle' ? 'QRD-HPC1' : `QRD-AC${rng.int(1, 4)}`));
  const rows = [csvRow(['Start Time', 'Charger ID', 'VRN', 'Energy (kWh)', 'Site'])];
  let zeroDone = false;
  for (const s of sessions) {
    const day = dayFrom(s.day);
    const when = `${isoDate(day.year, day.month, day.day)} ${clock(s.rng)}`;
    rows.push(csvRow([when, s.charger, s.reg, fixed(s.kwh, 1), s.site]));
    // A plug-in that never started charging: delivered nothing, left out with its reason.
    if (!zeroDone && day.year === 2023 && day.month === 6 && s.charger !== 'QRD-HPC1') {
      zeroDone = true;
      rows.push(csvRow([when, s.charger, s.reg, '0.0', s.site]));
    }
  }
  return { path: 'fleet/council-ev-charging-2020-2026.csv', bytes: utf8(lines(rows, '\n')) };
}

export function fleetFiles(): SampleFile[] {
  const [acuteRegister, councilRegister] = registers();
  return [acuteRegister!, acuteFuelCard(), acuteCharging(), councilRegister!, councilFuelCard(), councilCharging()];
}
