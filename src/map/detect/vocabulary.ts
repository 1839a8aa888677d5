/**
 * What a column means, by the words its header uses rather than by whole names: per concept, the
 * words and phrases that point to it, each with a weight (1 names the concept outright, 0.5 is a
 * hint), the words that point away from it, and the units that belong to it. A profile's field
 * takes its concept by name (`meter`, `date`, `quantity`…); fields with no concept here (cost,
 * odometer, respondent…) are found by their profile's spellings only.
 *
 * Phrases are written as `headerText` normalises headers: lower case, `No.` as `number`.
 */

import type { HeaderUnitKind } from './units-in-header.js';

export interface Concept {
  /** Phrase → weight; the best phrase found in a header gives its score. */
  readonly words: Readonly<Record<string, number>>;
  /** Phrases that point away: any one found subtracts its weight. */
  readonly against?: Readonly<Record<string, number>>;
  /** Units a header may state for this concept; a stated unit of another kind rules it out. */
  readonly units?: readonly HeaderUnitKind[];
  /** Added when the header states one of `units`. */
  readonly unitWeight?: number;
}

const NOT_AN_ID = { date: 1, time: 1, reading: 1, read: 0.6, type: 1, status: 1, flag: 1, consumption: 1, total: 1, name: 0.6, address: 1 };
const NOT_A_PERIOD_BOUND = { start: 0.5, end: 0.5, from: 0.5, to: 0.5, birth: 1 };

export const VOCABULARY: Readonly<Record<string, Concept>> = {
  meter: {
    words: {
      mpan: 1, 'mpan core': 1, mprn: 1, mpr: 0.9, 'meter point': 1, 'meter point reference': 1, 'supply number': 0.9, 'supply point': 0.8,
      'meter serial': 0.9, 'meter serial number': 0.9, msn: 0.8, 'meter number': 0.9, 'meter id': 0.9, 'meter ref': 0.9, 'meter reference': 0.9,
      meter: 0.7, 'site ref': 0.6, 'site reference': 0.6, 'site id': 0.5, 'supply ref': 0.7,
    },
    against: NOT_AN_ID,
    units: [],
  },
  timestamp: {
    words: {
      timestamp: 1, 'date time': 1, datetime: 1, 'date and time': 1, 'reading date time': 1, 'read date time': 1, 'interval start': 0.9, 'interval end': 0.9,
      'reading time': 0.9, 'read time': 0.9, 'interval': 0.6, 'period start': 0.5, 'start time': 0.6, 'end time': 0.6,
    },
    against: { birth: 1, created: 0.6, submitted: 0.6, 'completion': 0.6 },
    units: [],
  },
  date: {
    words: {
      date: 0.8, day: 0.6, 'reading date': 1, 'read date': 1, 'consumption date': 1, 'settlement date': 1, 'transaction date': 1, 'trans date': 1,
      'purchase date': 1, 'journey date': 1, 'travel date': 1, 'date of transaction': 1, 'date of journey': 1, 'claim date': 0.9, 'session date': 1,
    },
    against: { ...NOT_A_PERIOD_BOUND, time: 0.3, month: 0.6 },
    units: [],
  },
  time: {
    words: { time: 0.8, 'interval time': 1, 'period time': 1, 'start time': 0.9, 'half hour': 0.7, 'settlement period': 0.5 },
    against: { date: 1, response: 1, completion: 1, 'time taken': 1, minutes: 0.6 },
    units: [],
  },
  quantity: {
    words: {
      consumption: 1, quantity: 1, qty: 1, volume: 0.9, usage: 0.9, 'units consumed': 1, units: 0.6, litres: 1, energy: 0.8, 'energy delivered': 1,
      delivered: 0.5, demand: 0.6, reading: 0.4, value: 0.4, 'fuel volume': 1, amount: 0.2,
    },
    against: { cost: 1, price: 1, pence: 1, ppl: 1, rate: 0.8, vat: 1, odometer: 1, flag: 1, status: 1, type: 1, date: 1, time: 1, meter: 0.6, id: 0.6, unit: 0.3, net: 0.5, gross: 0.5 },
    units: ['energy', 'power', 'volume'],
    unitWeight: 0.7,
  },
  product: {
    words: { product: 1, 'product description': 1, 'product name': 1, 'fuel product': 1, grade: 0.6, 'fuel grade': 0.9, 'fuel type': 0.7, fuel: 0.6, description: 0.4, 'product code': 0.5 },
    against: { price: 1, quantity: 1, litres: 1, cost: 1, volume: 1, vat: 1 },
    units: [],
  },
  registration: {
    words: {
      registration: 1, 'registration number': 1, reg: 0.9, 'reg number': 1, 'vehicle reg': 1, 'vehicle registration': 1, vrn: 1, 'vehicle reg number': 1,
      'number plate': 1, plate: 0.8, vehicle: 0.5, 'vehicle id': 0.6, 'car reg': 1,
      // The plate is a licence plate in US-built systems (Shell's API calls the registration LicenseNumber).
      'licence plate': 1, 'license plate': 1, 'licence number': 0.8, 'license number': 0.8, 'plate number': 1,
    },
    against: { date: 1, type: 1, make: 1, model: 1, fuel: 1, size: 1, class: 1, category: 1, odometer: 1 },
    units: [],
  },
  mainMode: {
    words: {
      'main mode': 1, 'mode of travel': 0.9, 'mode of transport': 0.9, 'travel to work': 0.8, 'how do you travel': 1, 'usually travel': 0.9, 'normally travel': 0.9,
      'get to work': 0.8, 'journey to work': 0.6, 'commute': 0.7, 'travel mode': 0.9, mode: 0.7, transport: 0.5,
      // "…the one you use for the longest part of your journey" names the main mode; "for part of" points to a second one.
      'longest part of': 0.9,
      // Patient and visitor surveys ask about the journey just made ("How did you travel to the hospital today?").
      'how did you travel': 1, 'how did you get': 0.9, 'travel to the hospital': 0.8, 'get to the hospital': 0.8, 'travel here': 0.8, 'get here': 0.8,
    },
    against: { second: 1, secondary: 1, other: 0.8, another: 1, 'for part of': 0.8, 'as part of': 0.8, 'how far': 1, distance: 1, miles: 1, 'how many': 1, 'days a week': 1, 'days per week': 1, cost: 1 },
    units: [],
  },
  distance: {
    words: { distance: 1, 'how far': 1, miles: 0.8, km: 0.8, 'one way': 0.6, mileage: 0.7, kilometres: 0.8, 'how many miles': 1, 'how many km': 1, 'how many kilometres': 1 },
    against: { days: 1, mode: 1, 'how many': 0.6, claim: 0.3, rate: 1, cost: 1 },
    units: ['distance'],
    unitWeight: 0.3,
  },
  daysPerWeek: {
    // Some surveys ask for a share of the week instead ("What percentage of your working week are you on site?").
    words: { days: 0.8, 'days a week': 1, 'days per week': 1, 'how many days': 1, 'days on site': 1, 'days do you travel': 1, 'days in work': 1, 'working week': 0.8, 'of your week': 0.7 },
    against: { home: 1, leave: 1, holiday: 1, sick: 1, mode: 1, distance: 1 },
    units: [],
  },
  occupants: {
    words: { occupants: 1, 'how many people': 1, 'people in the car': 1, 'car share': 0.6, passengers: 0.8, 'number of people': 0.9, 'including you': 0.7 },
    against: { days: 1, distance: 1 },
    units: [],
  },
  site: {
    words: {
      site: 0.8, 'place of work': 0.9, workplace: 0.9, 'work site': 1, base: 0.6, 'base site': 0.9, location: 0.6, depot: 0.8, premises: 0.7,
      building: 0.6, 'work at': 0.6, 'where do you work': 0.9, 'site name': 1, hospital: 0.5, 'work base': 0.9, 'main base': 0.9, 'based at': 0.8,
    },
    // A form tool's respondent location (Qualtrics' LocationLatitude, an IP address) is not where they work.
    // How people travel to their "main place of work" is the mode question, not the site one.
    against: {
      ref: 1, reference: 1, id: 1, code: 0.6, number: 1, days: 1, address: 0.5, postcode: 1, 'on site': 1, latitude: 1, longitude: 1, ip: 1,
      'usually travel': 1, 'normally travel': 1, 'how do you travel': 1, 'get to work': 1, mode: 1, transport: 1, 'how far': 1,
    },
    units: [],
  },
  staffGroup: {
    words: { 'staff group': 1, 'job family': 0.9, role: 0.7, 'staff category': 0.9, occupation: 0.8, 'job role': 0.9, 'job title': 0.6, 'staff type': 0.8 },
    against: { days: 1, site: 0.6 },
    units: [],
  },
  respondentType: {
    // Who answered a patient and visitor travel survey: "Are you a patient, visitor or carer?",
    // "Respondent type", "Visitor type", "Reason for visit", "I am a…". Its answers confirm it
    // (see src/map/visitor-survey.ts): only answers read as patient, visitor or carer make a
    // file a patient and visitor survey.
    words: {
      'respondent type': 1, 'type of respondent': 1, 'visitor type': 1, 'type of visitor': 1, 'are you a patient': 1, 'patient or visitor': 1, 'patient visitor': 0.9,
      'reason for visit': 0.9, 'reason for your visit': 0.9, 'purpose of visit': 0.9, 'purpose of your visit': 0.9, 'i am a': 0.8, 'are you a': 0.5,
      patient: 0.6, visitor: 0.6, carer: 0.6,
    },
    against: {
      site: 1, hospital: 0.3, 'how far': 1, distance: 1, miles: 1, mode: 1, travel: 0.8, 'how many': 1, journeys: 1, days: 1, staff: 1, park: 0.6, parking: 1, ward: 0.6, date: 1, time: 1,
    },
    units: [],
  },
  journeysPerVisit: {
    // How many one-way journeys the visit meant: 2 for there and back, more for a drop-off and pick-up.
    words: {
      'journeys per visit': 1, 'trips per visit': 1, 'how many journeys': 1, 'how many one way journeys': 1, 'number of journeys': 1, 'one way journeys': 0.9,
      'journeys': 0.7, 'trips': 0.6,
    },
    against: { distance: 1, 'how far': 1, miles: 1, km: 1, mode: 1, days: 1, site: 1, cost: 1 },
    units: [],
  },
  readType: {
    words: { 'read type': 1, 'reading type': 1, 'actual estimated': 1, 'actual or estimated': 1, estimated: 0.8, status: 0.6, flag: 0.6, quality: 0.6, 'data type': 0.7, 'read flag': 1, 'estimate flag': 1 },
    against: { date: 1, time: 1, kwh: 1 },
    units: [],
  },
};

/** The weakest total score a header may have and still be taken for a concept by its words. */
export const MIN_SCORE = 0.6;
