/**
 * Scoring header cells against concepts, and deciding which column is which. A profile's own
 * spellings are tried first, exactly as before (a whole name, or a survey question cut short);
 * a field they do not find is then looked for by meaning among the columns no spelling claimed:
 * each column is scored for the field's concept by its words and stated unit, a sample of its
 * values confirms or rules it out (an MPAN has 13 digits, an MPRN 6–10; a registration looks
 * like one), and the best pairs are taken, strongest first, so no column serves two fields.
 */

import { hasPhrase, headerText, headerWords } from './header-words.js';
import { unitInHeader, type HeaderUnit } from './units-in-header.js';
import { MIN_SCORE, VOCABULARY, type Concept } from './vocabulary.js';

export interface ConceptScore {
  readonly score: number;
  /** The phrases of the header that counted for (and against) the concept, for the trace. */
  readonly words: readonly string[];
  readonly unit?: HeaderUnit;
}

/**
 * How a header cell scores for a concept: its best phrase, less what points away, plus a stated
 * unit. Worked out once per header and concept: a layout is chosen by
 * scoring every column for every concept of every profile, and a 99-column half-hourly header
 * repeats the same few dozen names over and over.
 */
const scoreMemo = new WeakMap<Concept, Map<string, ConceptScore>>();
const SCORE_MEMO_LIMIT = 20_000;

export function scoreHeader(name: string, concept: Concept): ConceptScore {
  let byName = scoreMemo.get(concept);
  if (byName === undefined) scoreMemo.set(concept, (byName = new Map<string, ConceptScore>()));
  let score = byName.get(name);
  if (score === undefined) {
    if (byName.size >= SCORE_MEMO_LIMIT) byName.clear();
    byName.set(name, (score = scoreOnce(name, concept)));
  }
  return score;
}

function scoreOnce(name: string, concept: Concept): ConceptScore {
  const words = headerWords(name);
  const unit = unitInHeader(name);
  if (unit !== undefined && concept.units !== undefined && !concept.units.includes(unit.kind)) {
    // A column in kWh is not a meter, a date or a registration, whatever else it says.
    return { score: 0, words: [], unit };
  }
  let best = 0;
  let bestPhrase = '';
  for (const [phrase, weight] of Object.entries(concept.words)) {
    if (weight > best && hasPhrase(words, phrase.split(' '))) {
      best = weight;
      bestPhrase = phrase;
    }
  }
  const why = bestPhrase === '' ? [] : [bestPhrase];
  let score = best;
  for (const [phrase, weight] of Object.entries(concept.against ?? {})) {
    // A phrase that is part of the best one ("reading" in "reading date") does not count against it.
    if (bestPhrase.includes(phrase) || !hasPhrase(words, phrase.split(' '))) continue;
    score -= weight;
    why.push(`not ${phrase}`);
  }
  if (unit !== undefined && concept.units?.includes(unit.kind) === true && (concept.unitWeight ?? 0) > 0) {
    score += concept.unitWeight!;
    why.push(unit.word);
  }
  return unit === undefined ? { score, words: why } : { score, words: why, unit };
}

/** Values that settle what a header leaves open. */
const MPAN = /^\d{13}$/;
const MPRN = /^\d{6,10}$/;
/** Current (AB12 CDE), prefix (A123 BCD) and suffix (ABC 123D) UK registrations, and dateless ones. */
const REGISTRATION = /^(?:[a-z]{2}\d{2}\s?[a-z]{3}|[a-z]\d{1,3}\s?[a-z]{3}|[a-z]{3}\s?\d{1,3}[a-z]|[a-z]{1,3}\s?\d{1,4}|\d{1,4}\s?[a-z]{1,3})$/i;
const NUMBER = /^[-+(]?£?\s?[\d,]*\.?\d+\)?$/;
const HAS_TIME = /\d{1,2}:\d{2}/;
const DATE_LIKE = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|^\d{1,2}[ -][a-z]{3}/i;

type ValueCheck = (v: string) => boolean;
const VALUE_CHECKS: Readonly<Record<string, ValueCheck>> = {
  meter: (v) => MPAN.test(v.replace(/\s/g, '')) || MPRN.test(v.replace(/\s/g, '')) || /\d/.test(v),
  registration: (v) => REGISTRATION.test(v),
  quantity: (v) => NUMBER.test(v),
  distance: (v) => NUMBER.test(v) || /\d/.test(v),
  timestamp: (v) => HAS_TIME.test(v),
  date: (v) => DATE_LIKE.test(v) || /^\d{5}$/.test(v),
  time: (v) => /^\d{1,2}:\d{2}(:\d{2})?$/.test(v),
};

/** +0.2 when (nearly) every sampled value fits the concept, −0.5 when few do; 0 with no sample or check. */
function valueEvidence(field: string, values: readonly string[]): number {
  const check = VALUE_CHECKS[field];
  const seen = values.map((v) => v.trim()).filter((v) => v !== '');
  if (check === undefined || seen.length === 0) return 0;
  const share = seen.filter(check).length / seen.length;
  return share >= 0.8 ? 0.2 : share < 0.2 ? -0.5 : 0;
}

/** How a field was found. */
export type FoundBy =
  | { readonly by: 'spelling'; readonly spelling: string }
  | { readonly by: 'words'; readonly score: number; readonly words: readonly string[]; readonly unit?: HeaderUnit };

export interface ColumnMatch {
  readonly index: number;
  readonly found: FoundBy;
}

export type ColumnSpellings = Readonly<Record<string, readonly string[] | undefined>>;

/** The index of the first header matching a spelling, whole names before truncations; and which spelling. */
export function matchSpelling(names: readonly string[], spellings: readonly string[]): { index: number; spelling: string; longer: boolean } | undefined {
  const wanted = spellings.map((s) => [s, headerText(s)] as const).filter(([, n]) => n !== '');
  for (const [s, w] of wanted) {
    const i = names.indexOf(w);
    if (i >= 0) return { index: i, spelling: s, longer: false };
  }
  // "Datetime" for "DateTime", "ResponseID" for "responseid": the same words, spaced otherwise.
  const unspaced = names.map((n) => n.replaceAll(' ', ''));
  for (const [s, w] of wanted) {
    const i = unspaced.indexOf(w.replaceAll(' ', ''));
    if (i >= 0) return { index: i, spelling: s, longer: false };
  }
  for (const [s, w] of wanted) {
    // A truncated header is at least 12 characters, so "site" does not match "site manager phone".
    const i = names.findIndex((n) => (n.length >= 12 && w.startsWith(n)) || (w.length >= 12 && n.startsWith(w)));
    if (i >= 0) return { index: i, spelling: s, longer: names[i]!.length > w.length };
  }
  return undefined;
}

/**
 * Whether a header that only starts with a field's spelling ("Reading Date Time" for "Reading
 * Date") means another field of the profile more: its words score higher for that field's concept.
 */
function meansOtherField(name: string, field: string, spec: ColumnSpellings, out: ReadonlyMap<string, ColumnMatch>): boolean {
  const own = VOCABULARY[field];
  const ownScore = own === undefined ? 0 : scoreHeader(name, own).score;
  return Object.keys(spec).some((other) => {
    const c = VOCABULARY[other];
    return other !== field && spec[other] !== undefined && !out.has(other) && c !== undefined && scoreHeader(name, c).score >= Math.max(MIN_SCORE, ownScore + 0.2);
  });
}

/**
 * Every field of `spec` found in the header: by spelling where one matches, else by meaning.
 * `sample` holds a few data rows, for the values' word where the header leaves it open.
 */
export function matchColumns(header: readonly string[], spec: ColumnSpellings, sample: readonly (readonly string[])[] = []): Map<string, ColumnMatch> {
  const names = header.map(headerText);
  const out = new Map<string, ColumnMatch>();
  for (const [field, spellings] of Object.entries(spec)) {
    if (spellings === undefined) continue;
    const m = matchSpelling(names, spellings);
    if (m !== undefined) out.set(field, { index: m.index, found: { by: 'spelling', spelling: m.spelling } });
  }
  for (const [field, m] of [...out]) {
    const spelling = m.found.by === 'spelling' ? headerText(m.found.spelling) : '';
    if (names[m.index]!.length > spelling.length && names[m.index]!.startsWith(spelling) && meansOtherField(header[m.index]!, field, spec, out)) out.delete(field);
  }
  const claimed = new Set([...out.values()].map((m) => m.index));
  const pairs: { field: string; index: number; s: ConceptScore }[] = [];
  for (const field of Object.keys(spec)) {
    const concept = VOCABULARY[field];
    if (spec[field] === undefined || out.has(field) || concept === undefined) continue;
    header.forEach((name, index) => {
      if (claimed.has(index)) return;
      const s = scoreHeader(name, concept);
      if (s.score <= 0) return;
      const evidence = valueEvidence(field, sample.map((row) => row[index] ?? ''));
      const score = s.score + evidence;
      if (score >= MIN_SCORE) pairs.push({ field, index, s: { ...s, score, words: evidence > 0 ? [...s.words, 'its values'] : s.words } });
    });
  }
  // Strongest first; a tie goes to the leftmost column, as a person reading the header would.
  pairs.sort((a, b) => b.s.score - a.s.score || a.index - b.index);
  for (const p of pairs) {
    if (out.has(p.field) || claimed.has(p.index)) continue;
    claimed.add(p.index);
    const found: FoundBy = p.s.unit === undefined ? { by: 'words', score: p.s.score, words: p.s.words } : { by: 'words', score: p.s.score, words: p.s.words, unit: p.s.unit };
    out.set(p.field, { index: p.index, found });
  }
  return out;
}
