/**
 * A header cell as words, whatever the system that wrote it: case, spacing and punctuation
 * ignored, words glued in camel case (`TransactionDate`) set apart, line breaks inside a quoted
 * header read as spaces, a survey tool's question number
 * (`Q3.`, `3)`, `Q12:`) and a trailing colon dropped, `&` read as `and` and `No.`/`Nr`/`Num`
 * as `number`, so "Meter No." and "meter number" are the same words.
 */

/** Question numbering a survey tool puts before the text: `Q3.`, `Q3)`, `3)`, `3.`, `Q12 -`, `Q3:`, and Jisc Online Surveys' `3.a.`, `3.1.`. */
const QUESTION_NUMBER = /^\s*(?:q\s*\d{1,3}[a-z]?\s*[.):-]?|\d{1,3}(?:\.[a-z0-9]{1,2})*[a-z]?\s*[.):-])\s+(?=\S*[a-z])/i;

/** Abbreviations of "number" as headers write them, as whole words. */
const NUMBER_WORDS = new Set(['no', 'nr', 'num', 'nbr', 'number']);

/** Units written with their own capitals, kept whole when a header glues words together. */
const GLUED_UNIT = /(kVArh|kVAh|kVA|kWh|MWh|GWh|kW)(?![a-z])/g;

/**
 * `TransactionDate`, `siteRef`, `CardPAN`, `TotalConsumptionKwh` as the words an API or
 * database writes glued together: a break before a capital that follows two lower-case letters
 * (so `kWh`, `eMail` and `McAdam` stay whole), with units such as `kWh` set apart first.
 */
function unglue(name: string): string {
  return name.replace(GLUED_UNIT, ' $1 ').replace(/(?<=[a-z]{2})(?=[A-Z])/g, ' ');
}

/**
 * Headers are few and the same ones are matched against every concept of every profile (a
 * 99-column half-hourly header, some 40 times each): each is normalised once. Bounded, so a
 * long-running process that reads many files keeps no more than this many.
 */
const MEMO_LIMIT = 20_000;
const textMemo = new Map<string, string>();

/** The header's text normalised: lower-case words separated by single spaces (£ and % kept). */
export function headerText(name: string): string {
  let t = textMemo.get(name);
  if (t === undefined) {
    if (textMemo.size >= MEMO_LIMIT) textMemo.clear();
    textMemo.set(name, (t = normalise(name)));
  }
  return t;
}

function normalise(name: string): string {
  const words = unglue(name
    .replace(/^\uFEFF/, '')
    .replace(/[\r\n]+/g, ' ')
    .replace(QUESTION_NUMBER, ''))
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9£%]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
  // "No." after a word is "number" ("Meter No.", "Reg No"); first, it is an answer ("No").
  return words.map((w, i) => (i > 0 && NUMBER_WORDS.has(w) ? 'number' : w)).join(' ');
}

/** The header's words, as `headerText` normalises them. */
export function headerWords(name: string): string[] {
  const t = headerText(name);
  return t === '' ? [] : t.split(' ');
}

/** Whether `phrase` (normalised words) occurs in `words` as consecutive words. */
export function hasPhrase(words: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0 || phrase.length > words.length) return false;
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let k = 0; k < phrase.length; k++) if (words[i + k] !== phrase[k]) continue outer;
    return true;
  }
  return false;
}
