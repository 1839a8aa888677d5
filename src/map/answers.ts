/**
 * Numbers as people type them into survey answers and claim forms: `5`, `3.5`, `5 days`,
 * `12 miles`, `8km`, `about 10`, `2-3`, `less than 1`, `10+`, `five`. Each comes back with how it
 * was read, so a range or a bound is never passed off as an exact answer. Anything else (`return`,
 * `it varies`, `5 or 6 miles return`) is not guessed at: the caller rejects it.
 */

import { parseNumber } from '../read/values/number.js';
import { normaliseHeader } from './columns.js';

export type DistanceUnit = 'miles' | 'km';

/**
 * - `exact`: a number, possibly with its unit (`12`, `12 miles`);
 * - `approximate`: with "about", "approx", "~", "roughly" (the value as given);
 * - `range_midpoint`: `2-3`, `5 to 10`, `between 5 and 10` (the midpoint);
 * - `below`: `less than 1`, `under 2`, `up to 5` (half the bound: the middle of 0…N);
 * - `at_least`: `more than 30`, `over 30`, `30+` (the bound itself, so never an overstatement).
 */
export type AnswerReading = 'exact' | 'approximate' | 'range_midpoint' | 'below' | 'at_least';

export interface AnswerNumber {
  readonly value: number;
  readonly reading: AnswerReading;
  /** A distance unit written in the answer itself (`12 miles`, `8km`). */
  readonly unit?: DistanceUnit;
}

const WORDS: Readonly<Record<string, number>> = {
  zero: 0, none: 0, half: 0.5, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
};

const MILES = /(?<![a-z])(miles?|mi|mls)(?![a-z])/g;
const KM = /(?<![a-z])(km|kms|k\.m\.|kilomet(?:re|er)s?)(?![a-z])/g;
/** Words around the number that say nothing about its size. */
const FILLER = /(?<![a-z])(one way|each way|a week|per week|each week|every week|a wk|per wk|\/ ?week|\/ ?wk|pw|p\/w|weekly|days?|on site|in total|approx\.?|approximately|about|around|roughly|circa|ca\.|c\.|~)(?![a-z])/g;
const APPROX = /(?<![a-z])(approx\.?|approximately|about|around|roughly|circa|ca\.|c\.)(?![a-z])|~/;

const NUM = String.raw`(\d[\d,.\u00a0 ]*\d|\d|[.,]\d+|zero|none|half|one|two|three|four|five|six|seven|eight|nine|ten)`;
const PATTERNS: readonly [RegExp, (a: number, b: number) => { value: number; reading: AnswerReading } | undefined][] = [
  [new RegExp(`^${NUM}$`), (a) => ({ value: a, reading: 'exact' })],
  [new RegExp(`^(?:between\\s+)?${NUM}\\s*(?:-|to|and|or)\\s*${NUM}$`), (a, b) => (a <= b ? { value: (a + b) / 2, reading: 'range_midpoint' } : undefined)],
  [new RegExp(`^(?:less than|fewer than|under|below|up to|<|<=|≤)\\s*${NUM}$`), (a) => ({ value: a / 2, reading: 'below' })],
  [new RegExp(`^(?:more than|over|above|at least|>|>=|≥)\\s*${NUM}$`), (a) => ({ value: a, reading: 'at_least' })],
  [new RegExp(`^${NUM}\\s*(?:\\+|or more|plus)$`), (a) => ({ value: a, reading: 'at_least' })],
];

function numberToken(token: string | undefined, decimal: '.' | ','): number | undefined {
  if (token === undefined) return undefined;
  const word = WORDS[token];
  if (word !== undefined) return word;
  const r = parseNumber(token, { decimal });
  return r.ok && r.value !== null && !r.percent && r.currency === null ? r.value : undefined;
}

/**
 * Reads a typed answer. `null` for a blank cell, `undefined` for something that is not a number
 * in any of the accepted shapes (or names both miles and km).
 */
export function parseAnswerNumber(text: string, decimal: '.' | ','): AnswerNumber | null | undefined {
  const raw = text.trim();
  if (raw === '') return null;
  const plain = parseNumber(raw, { decimal });
  if (plain.ok && plain.value !== null && !plain.percent && plain.currency === null) return { value: plain.value, reading: 'exact' };

  let t = raw.toLowerCase().replace(/[\u2013\u2014]/g, '-').replace(/[()]/g, ' ');
  const miles = t.match(MILES) !== null;
  const km = t.match(KM) !== null;
  if (miles && km) return undefined;
  const approximate = APPROX.test(t);
  t = t.replace(MILES, ' ').replace(KM, ' ').replace(FILLER, ' ').replace(/\s+/g, ' ').trim();
  for (const [re, read] of PATTERNS) {
    const m = re.exec(t);
    if (!m) continue;
    const a = numberToken(m[1]?.trim(), decimal);
    const b = m[2] === undefined ? 0 : numberToken(m[2].trim(), decimal);
    if (a === undefined || b === undefined) return undefined;
    const r = read(a, b);
    if (r === undefined) return undefined;
    const reading = r.reading === 'exact' && approximate ? 'approximate' : r.reading;
    return { value: r.value, reading, ...(miles ? { unit: 'miles' as const } : km ? { unit: 'km' as const } : {}) };
  }
  return undefined;
}

/**
 * A share of the week as typed (`60%`, `about 60 %`, `60 percent`): the percentage, 0–100, or
 * undefined for anything else. Some surveys ask what part of the week is spent on site.
 */
export function parseShareOfWeek(text: string): number | undefined {
  const m = /^(?:(?:about|around|roughly|approx\.?|approximately|~)\s*)?(\d{1,3}(?:\.\d+)?)\s*(?:%|per ?cent)(?: of (?:the|my) (?:working )?week)?$/.exec(text.trim().toLowerCase());
  if (!m) return undefined;
  const pct = Number(m[1]);
  return pct <= 100 ? pct : undefined;
}

/** The distance unit a column header names (`Distance (km)`, `…one way, in miles?`), if exactly one. */
export function headerDistanceUnit(header: string | undefined): DistanceUnit | undefined {
  if (header === undefined) return undefined;
  const words = new Set(normaliseHeader(header).split(' '));
  const km = ['km', 'kms', 'kilometres', 'kilometers', 'kilometre', 'kilometer'].some((w) => words.has(w));
  const miles = ['miles', 'mile', 'mi'].some((w) => words.has(w));
  return km === miles ? undefined : km ? 'km' : 'miles';
}

/** Text reduced to lower-case words for matching answers: `Car (on my own)` → `car on my own`. */
export function answerWords(text: string): string {
  return text.toLowerCase().replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ').trim();
}

/**
 * A count of people as typed: the leading whole number of the answer (`3`, `3 including me`,
 * `two`); `null` for a blank, `undefined` when it does not start with one or names another number.
 */
export function parseCount(text: string): number | null | undefined {
  const w = answerWords(text);
  if (w === '') return null;
  if (/^(just me|only me|me|myself|me only)$/.test(w)) return 1;
  const m = /^(\d+|one|two|three|four|five|six|seven|eight|nine|ten)\b([^0-9]*)$/.exec(w);
  if (!m) return undefined;
  return WORDS[m[1]!] ?? Number(m[1]);
}
