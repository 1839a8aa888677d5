/**
 * Staff travel surveys, two waves (autumn 2022 and autumn 2025) for the acute trust and the
 * community trust, as survey tools export them: the question texts as headers (cut to 64
 * characters by one tool), answers typed by people ("about 4", "8 miles", "2-3", "Lift from
 * someone"), car-share occupants, people who work from home, and a comment column. At the Royal
 * Infirmary, the major hospital, the share of staff driving alone falls from 62% to 52%.
 */

import { ACUTE, COMMUNITY, site } from './orgs.js';
import { prngFor, type Prng } from './prng.js';
import { csvRow, lines, utf8, utf8Bom } from './text.js';
import type { SampleFile } from './types.js';

type Mode = 'drive_alone' | 'car_share' | 'bus' | 'train' | 'cycle' | 'e_bike' | 'walk' | 'motorbike' | 'wfh' | 'taxi';
type Mix = readonly (readonly [Mode, number])[];

/** Mode shares by site and wave (each adds up to 1). */
const MIXES: Readonly<Record<string, readonly [Mix, Mix]>> = {
  'royal-infirmary': [
    [['drive_alone', 0.62], ['car_share', 0.08], ['bus', 0.11], ['train', 0.03], ['cycle', 0.05], ['e_bike', 0.005], ['walk', 0.06], ['motorbike', 0.015], ['wfh', 0.02], ['taxi', 0.01]],
    [['drive_alone', 0.52], ['car_share', 0.1], ['bus', 0.14], ['train', 0.04], ['cycle', 0.07], ['e_bike', 0.02], ['walk', 0.065], ['motorbike', 0.01], ['wfh', 0.025], ['taxi', 0.01]],
  ],
  saltmarsh: [
    [['drive_alone', 0.78], ['car_share', 0.07], ['bus', 0.04], ['cycle', 0.02], ['walk', 0.05], ['motorbike', 0.02], ['wfh', 0.01], ['taxi', 0.01]],
    [['drive_alone', 0.76], ['car_share', 0.08], ['bus', 0.05], ['cycle', 0.02], ['walk', 0.05], ['motorbike', 0.02], ['wfh', 0.01], ['taxi', 0.01]],
  ],
  ridgeway: [
    [['drive_alone', 0.7], ['car_share', 0.08], ['bus', 0.08], ['cycle', 0.04], ['walk', 0.05], ['wfh', 0.04], ['motorbike', 0.01]],
    [['drive_alone', 0.66], ['car_share', 0.09], ['bus', 0.1], ['cycle', 0.05], ['walk', 0.05], ['wfh', 0.04], ['motorbike', 0.01]],
  ],
  community: [
    [['drive_alone', 0.74], ['car_share', 0.06], ['bus', 0.05], ['cycle', 0.03], ['walk', 0.05], ['wfh', 0.06], ['motorbike', 0.01]],
    [['drive_alone', 0.7], ['car_share', 0.07], ['bus', 0.06], ['cycle', 0.04], ['e_bike', 0.01], ['walk', 0.05], ['wfh', 0.06], ['motorbike', 0.01]],
  ],
};

/** How people answered the mode question, in each tool's option wording (and some typed "Other" answers). */
const MODE_TEXT: Readonly<Record<Mode, readonly string[]>> = {
  drive_alone: ['Car (on my own)', 'Car (on my own)', 'Car (on my own)', 'Drive alone', 'Car - just me'],
  car_share: ['Car share (driver)', 'Car share (passenger)', 'Car share - passenger', 'Lift from someone', 'Car share (driver)'],
  bus: ['Bus', 'Bus', 'Park and ride', 'Bus (Citylink)'],
  train: ['Train', 'Train'],
  cycle: ['Bicycle', 'Cycle'],
  e_bike: ['E-bike', 'Electric bike'],
  walk: ['Walk', 'On foot'],
  motorbike: ['Motorbike/moped', 'Motorbike'],
  wfh: ['I work from home', 'Work from home'],
  taxi: ['Taxi'],
};

/** One-way miles by mode: [shortest, longest]. */
const MILES: Readonly<Record<Mode, readonly [number, number]>> = {
  drive_alone: [2, 28], car_share: [3, 24], bus: [1.5, 12], train: [6, 35], cycle: [1, 7], e_bike: [2, 11], walk: [0.3, 2], motorbike: [3, 20], wfh: [0, 0], taxi: [1.5, 6],
};

const GROUPS = ['Nursing and midwifery', 'Medical and dental', 'Allied health professionals', 'Administrative and clerical', 'Estates and ancillary', 'Healthcare scientists', 'Additional clinical services'] as const;
const GROUP_WEIGHTS = [0.3, 0.1, 0.12, 0.22, 0.08, 0.05, 0.13] as const;

const COMMENTS = ['Parking is hard to find after 8am', 'More secure bike storage please', 'A shuttle bus from the station would help, especially on late shifts', 'Bus times do not fit shift patterns', 'Would car share if there was a scheme', 'Showers for cyclists are often out of order', 'Happy with current arrangements'] as const;

interface Answer {
  readonly site: string;
  readonly group: string;
  readonly mode: Mode;
  readonly modeText: string;
  readonly occupants: string;
  readonly distance: string;
  readonly days: string;
  readonly second: string;
  readonly fuel: string;
  readonly comment: string;
}

/** A distance as people type it: mostly a number, sometimes with words around it. */
function distanceText(mode: Mode, rng: Prng): string {
  if (mode === 'wfh') return '';
  const [lo, hi] = MILES[mode];
  // Skewed towards the short end: most people live near work.
  const u = rng.next();
  const miles = lo + (hi - lo) * u * u;
  const whole = Math.max(1, Math.round(miles));
  const style = rng.next();
  if (miles < 1 && style < 0.5) return 'less than 1';
  if (miles < 1) return miles.toFixed(1);
  if (style < 0.6) return String(whole);
  if (style < 0.72) return `${whole} miles`;
  if (style < 0.82) return `about ${whole}`;
  if (style < 0.9) return `${whole}-${whole + 2}`;
  if (style < 0.95) return miles.toFixed(1);
  return whole >= 20 ? '20+' : `${whole} mi`;
}

function daysText(group: string, mode: Mode, rng: Prng): string {
  if (mode === 'wfh') return rng.chance(0.5) ? '0' : '';
  const office = group === 'Administrative and clerical';
  const days = office ? rng.pick([2, 3, 3, 4, 5]) : rng.pick([3, 4, 4, 5, 5, 5]);
  const style = rng.next();
  if (style < 0.75) return String(days);
  if (style < 0.9) return `${days} days`;
  if (style < 0.95) return office ? '2-3' : '3.5';
  return days === 5 ? 'five' : `${days} days a week`;
}

function answer(siteName: string, mix: Mix, rng: Prng): Answer {
  const group = rng.weighted(GROUPS.map((g, i) => [g, GROUP_WEIGHTS[i]!] as const));
  // Office staff work from home more often than the mix says.
  const mode = group === 'Administrative and clerical' && rng.chance(0.06) ? 'wfh' : rng.weighted(mix);
  const modeText = rng.pick(MODE_TEXT[mode]);
  const occupants = mode === 'car_share' ? rng.pick(['2', '2', '3', '2 including me', '', 'two', '4']) : mode === 'drive_alone' && rng.chance(0.05) ? '1' : '';
  const second = mode === 'train' ? rng.pick(['Walk', 'Bus', 'Cycle']) : mode === 'bus' && rng.chance(0.3) ? 'Walk' : rng.chance(0.1) ? 'None' : '';
  const fuel = mode === 'drive_alone' || mode === 'car_share' ? rng.pick(['Petrol', 'Petrol', 'Diesel', 'Hybrid', 'Electric', "Don't know"]) : '';
  return {
    site: siteName, group, mode, modeText, occupants, distance: distanceText(mode, rng), days: daysText(group, mode, rng), second, fuel,
    comment: rng.chance(0.12) ? rng.pick(COMMENTS) : '',
  };
}

/** Respondents by site: [site id, 2022 count, 2025 count]. */
const ACUTE_RESPONDENTS: readonly (readonly [string, number, number])[] = [['royal-infirmary', 450, 560], ['saltmarsh', 130, 170], ['ridgeway', 60, 80]];
const COMMUNITY_RESPONDENTS: readonly (readonly [string, number, number])[] = [['orchard-house', 40, 46], ['harbour-lane', 38, 44], ['millbrook', 32, 40], ['brackenfield', 14, 18], ['eastgate', 56, 70], ['fellside', 10, 12]];

function answers(org: typeof ACUTE, counts: readonly (readonly [string, number, number])[], wave: 0 | 1, seed: string): Answer[] {
  const rng = prngFor(seed);
  const out: Answer[] = [];
  for (const [id, n2022, n2025] of counts) {
    const mix = MIXES[org === ACUTE ? id : 'community']![wave];
    const n = wave === 0 ? n2022 : n2025;
    for (let i = 0; i < n; i++) out.push(answer(site(org, id).name, mix, rng));
  }
  // Shuffled, as responses arrive: by site in the file would look made up.
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Microsoft Forms cuts a question used as a header to 64 characters. */
const cut = (q: string): string => q.slice(0, 64);

/** The acute trust's 2022 wave: a Microsoft Forms export (UTF-8 with BOM, cut headers, timestamps). */
function acute2022(): SampleFile {
  const list = answers(ACUTE, ACUTE_RESPONDENTS, 0, 'survey:acute:2022');
  const header = [
    'ID', 'Start time', 'Completion time', 'Email', 'Name', 'Which site do you usually work at?', 'Which staff group do you belong to?',
    cut('How do you usually travel to work? (main mode for the longest part of your journey)'),
    cut('If you car share, how many people (including you) are usually in the car?'),
    cut('Approximately how far is your journey to work, one way, in miles?'),
    cut('On average, how many days a week do you travel to your work site?'),
    cut('Do you use another mode of transport for part of your journey? If so, which?'),
    'Any other comments?',
  ];
  const rows = [csvRow(header)];
  list.forEach((a, i) => {
    const day = 12 + Math.floor(i / 40);
    const minute = (i * 7) % 60;
    const started = `${day}/09/2022 ${String(8 + (i % 10)).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
    const ended = `${day}/09/2022 ${String(8 + (i % 10)).padStart(2, '0')}:${String(Math.min(59, minute + 4)).padStart(2, '0')}`;
    // Line 101: a return distance with words around it, which tco2e will not guess at.
    const distance = i === 99 ? '5 or 6 miles return' : a.distance;
    rows.push(csvRow([1000 + i, started, ended, 'anonymous', '', a.site, a.group, a.modeText, a.occupants, distance, a.days, a.second, a.comment]));
  });
  return { path: 'travel/acute-staff-travel-survey-2022.csv', bytes: utf8Bom(lines(rows, '\r\n')) };
}

/** The acute trust's 2025 wave: a SmartSurvey export with the full question texts and a car fuel question. */
function acute2025(): SampleFile {
  const list = answers(ACUTE, ACUTE_RESPONDENTS, 1, 'survey:acute:2025');
  const header = [
    'Response ID', 'Started', 'Ended', 'Where is your main place of work?', 'Which of these best describes your role?', 'How do you normally travel to work?',
    'How many people, including you, usually travel in the car?', 'How far do you travel to work (one way, in miles)?', 'How many days a week do you usually travel to work?',
    'What other mode of transport do you use for part of your journey?', 'What fuel does your car use?', 'Anything else you would like to tell us?',
  ];
  const rows = [csvRow(header)];
  list.forEach((a, i) => {
    const stamp = `2025-10-${String(6 + Math.floor(i / 60)).padStart(2, '0')} ${String(7 + (i % 12)).padStart(2, '0')}:${String((i * 11) % 60).padStart(2, '0')}`;
    // Line 201: two modes, neither said to be the main one: rejected as ambiguous.
    const modeText = i === 199 ? 'Bus and train' : a.modeText;
    rows.push(csvRow([`R${String(52_000 + i)}`, stamp, stamp, a.site, a.group, modeText, a.occupants, a.distance, a.days, a.second, a.fuel, a.comment]));
  });
  return { path: 'travel/acute-staff-travel-survey-2025.csv', bytes: utf8(lines(rows, '\r\n')) };
}

/** The community trust's waves: a plain export with short headers, the same in both years. */
function community(wave: 0 | 1): SampleFile {
  const year = wave === 0 ? 2022 : 2025;
  const list = answers(COMMUNITY, COMMUNITY_RESPONDENTS, wave, `survey:community:${year}`);
  const rows = [csvRow(['Respondent', 'Base site', 'Staff group', 'Main mode of travel', 'Car occupants', 'Distance to work (miles)', 'Days on site per week', 'Second mode', 'Comments'])];
  list.forEach((a, i) => {
    // 2025, line 51: "it varies" is not a number of days.
    const days = wave === 1 && i === 49 ? 'it varies' : a.days;
    rows.push(csvRow([`C${year}-${String(i + 1).padStart(3, '0')}`, a.site, a.group, a.modeText, a.occupants, a.distance, days, a.second, a.comment]));
  });
  return { path: `travel/community-staff-travel-survey-${year}.csv`, bytes: utf8(lines(rows, '\n')) };
}

export function surveyFiles(): SampleFile[] {
  return [acute2022(), acute2025(), community(0), community(1)];
}
