/**
 * The acute trust's patient and visitor travel survey, autumn 2025, as SmartSurvey exports it:
 * clinic and ward volunteers asked patients, visitors and carers as they arrived. Question texts
 * as headers, the answer options as chosen, distances typed ("about 6", "12 miles", "3-4") and
 * how many one-way journeys the visit meant (4 where someone was dropped off and the driver went
 * home and came back). Car use is higher than staff's, as at most district general hospitals:
 * about seven in ten journeys are by private car, most of them driving.
 */

import { ACUTE, site } from './orgs.js';
import { prngFor, type Prng } from './prng.js';
import { csvRow, lines, utf8 } from './text.js';
import type { SampleFile } from './types.js';

type Mode = 'driver' | 'passenger' | 'bus' | 'taxi' | 'walk' | 'train' | 'cycle' | 'motorbike' | 'other';
type Mix = readonly (readonly [Mode, number])[];

/**
 * Mode shares by site (each adds up to 1). The Royal Infirmary is in town, on bus routes and a
 * walk from the station; Saltmarsh and Ridgeway are reached mostly by car.
 */
const MIXES: Readonly<Record<string, Mix>> = {
  'royal-infirmary': [['driver', 0.52], ['passenger', 0.15], ['bus', 0.14], ['taxi', 0.05], ['walk', 0.07], ['train', 0.04], ['cycle', 0.02], ['motorbike', 0.005], ['other', 0.005]],
  saltmarsh: [['driver', 0.6], ['passenger', 0.15], ['bus', 0.1], ['taxi', 0.05], ['walk', 0.05], ['train', 0.01], ['cycle', 0.02], ['motorbike', 0.01], ['other', 0.01]],
  ridgeway: [['driver', 0.64], ['passenger', 0.17], ['bus', 0.08], ['taxi', 0.05], ['walk', 0.03], ['cycle', 0.02], ['other', 0.01]],
};

/** The survey's answer options for the mode question. */
const MODE_TEXT: Readonly<Record<Mode, readonly string[]>> = {
  driver: ['Car - driver'],
  passenger: ['Car - passenger', 'Dropped off by car'],
  bus: ['Bus', 'Bus', 'Bus', 'Park and ride'],
  taxi: ['Taxi'],
  walk: ['Walked'],
  train: ['Train'],
  cycle: ['Bicycle'],
  motorbike: ['Motorbike/moped'],
  other: ['Other'],
};

/** One-way miles by mode: [shortest, longest]. Patients come further than staff: the trust serves a wide area. */
const MILES: Readonly<Record<Mode, readonly [number, number]>> = {
  driver: [1.5, 32], passenger: [1.5, 28], bus: [1, 14], taxi: [1, 9], walk: [0.3, 2], train: [8, 40], cycle: [1, 6], motorbike: [3, 20], other: [2, 15],
};

type Who = 'patient' | 'visitor' | 'carer';

/** Who answered, by the survey's three options: about 60% patients, 30% visitors, 10% carers. */
const WHO: readonly (readonly [Who, number])[] = [['patient', 0.6], ['visitor', 0.3], ['carer', 0.1]];
const WHO_TEXT: Readonly<Record<Who, string>> = { patient: 'Patient', visitor: 'Visitor', carer: 'Carer' };

const COMMENTS = [
  'Parking was full, drove round for 20 minutes',
  'Car park machines do not take cards',
  'The bus stop is a long way from outpatients',
  'More disabled spaces near the main entrance please',
  'Would have come by bus if it ran later',
  'A video appointment would have saved me the trip',
] as const;

/** Respondents by site: the Royal Infirmary has most patients, and most volunteers asking. */
const RESPONDENTS: readonly (readonly [string, number])[] = [['royal-infirmary', 158], ['saltmarsh', 58], ['ridgeway', 26]];

interface Answer {
  readonly site: string;
  readonly who: Who;
  readonly modeText: string;
  readonly distance: string;
  readonly journeys: string;
  readonly fuel: string;
  readonly comment: string;
}

/** A distance as people type it: mostly a number, sometimes with words around it. */
function distanceText(mode: Mode, rng: Prng): string {
  const [lo, hi] = MILES[mode];
  // Skewed towards the short end: most patients live near their hospital.
  const u = rng.next();
  const miles = lo + (hi - lo) * u * u;
  const whole = Math.max(1, Math.round(miles));
  const style = rng.next();
  if (miles < 1) return style < 0.4 ? 'less than 1' : miles.toFixed(1);
  if (style < 0.65) return String(whole);
  if (style < 0.78) return whole === 1 ? '1 mile' : `${whole} miles`;
  if (style < 0.88) return `about ${whole}`;
  if (style < 0.93) return `${whole}-${whole + 1}`;
  return miles.toFixed(1);
}

/**
 * One-way journeys the visit meant: there and back (2), or 4 where the driver dropped the
 * respondent off, went home and came back for them; a few left the question blank.
 */
function journeysText(mode: Mode, rng: Prng): string {
  if (rng.chance(0.04)) return '';
  if (mode === 'passenger' && rng.chance(0.45)) return '4';
  return rng.chance(0.04) ? '4' : '2';
}

/**
 * The modes of a site's `n` respondents, in proportion to its mix (largest remainders), so a
 * sample this small still shows the mix the site is meant to have.
 */
function modesFor(mix: Mix, n: number): Mode[] {
  const exact = mix.map(([mode, share]) => ({ mode, count: Math.floor(share * n), rest: share * n - Math.floor(share * n) }));
  let left = n - exact.reduce((s, e) => s + e.count, 0);
  for (const e of [...exact].sort((a, b) => b.rest - a.rest)) {
    if (left === 0) break;
    e.count += 1;
    left -= 1;
  }
  return exact.flatMap((e) => Array<Mode>(e.count).fill(e.mode));
}

function answer(siteName: string, mode: Mode, rng: Prng): Answer {
  const who = rng.weighted(WHO);
  const car = mode === 'driver' || mode === 'passenger';
  return {
    site: siteName, who, modeText: rng.pick(MODE_TEXT[mode]), distance: distanceText(mode, rng), journeys: journeysText(mode, rng),
    fuel: car ? rng.pick(['Petrol', 'Petrol', 'Petrol', 'Diesel', 'Diesel', 'Hybrid', 'Electric', "Don't know"]) : '',
    comment: rng.chance(0.1) ? rng.pick(COMMENTS) : '',
  };
}

function answers(): Answer[] {
  const rng = prngFor('survey:acute:patients-visitors:2025');
  const out: Answer[] = [];
  for (const [id, n] of RESPONDENTS) for (const mode of modesFor(MIXES[id]!, n)) out.push(answer(site(ACUTE, id).name, mode, rng));
  // Shuffled, as responses arrive.
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The file, with the row rejected on purpose; its line number is in the manifest note and the README. */
export const VISITOR_SURVEY_FILE = 'travel/acute-patient-visitor-survey-2025.csv';
/** Line of the row whose mode names two modes, neither the main one. */
export const VISITOR_SURVEY_REJECTED_LINE = 88;

export function visitorSurveyFile(): SampleFile {
  const list = answers();
  const header = [
    'Response ID', 'Started', 'Ended', 'Which site are you visiting?', 'Are you a patient, visitor or carer?', 'How did you travel to the hospital today?',
    'How far did you travel (one way, in miles)?', 'How many one-way journeys did this visit involve?', 'What fuel does your car use?', 'Any other comments?',
  ];
  const rows = [csvRow(header)];
  list.forEach((a, i) => {
    // Three weeks of clinics from 13 October 2025, about a dozen responses a day.
    const day = 13 + Math.floor(i / 12);
    const stamp = (minute: number) => `2025-${day > 31 ? '11' : '10'}-${String(day > 31 ? day - 31 : day).padStart(2, '0')} ${String(9 + (i % 8)).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
    const minute = (i * 13) % 55;
    // Two modes, neither said to be the main one: rejected as ambiguous.
    const rejected = i + 2 === VISITOR_SURVEY_REJECTED_LINE;
    rows.push(csvRow([`P${String(71_000 + i)}`, stamp(minute), stamp(minute + 3), a.site, WHO_TEXT[a.who], rejected ? 'Bus and train' : a.modeText, a.distance, a.journeys, rejected ? '' : a.fuel, a.comment]));
  });
  return { path: VISITOR_SURVEY_FILE, bytes: utf8(lines(rows, '\r\n')) };
}
