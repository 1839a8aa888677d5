/**
 * Rows under a survey's header that are more header, not responses. Survey tools write them
 * into every export: Qualtrics a row of import ids (`{"ImportId":"QID2"}`) in every cell,
 * SurveyMonkey a second header row naming the kind of answer under each question ("Response",
 * "Open-Ended Response", an option's text). Only rows before the first response are considered,
 * and only when nothing in them reads as an answer, so a real response is never passed over.
 */

import { answerWords } from './answers.js';
import { headerText } from './detect/header-words.js';

export type ExtraHeaderRow = 'import_ids' | 'answer_labels';

/** How many rows under the header a tool's extra header rows can take. */
export const EXTRA_HEADER_ROWS_MAX = 3;

/** What SurveyMonkey writes under a question in its second header row (as `answerWords` reads it). */
const ANSWER_LABELS: ReadonlySet<string> = new Set(['response', 'open ended response', 'other please specify', 'responses', 'answer']);

/** A cell holding one JSON object, as Qualtrics writes its import ids. */
function isJsonObject(text: string): boolean {
  if (!text.startsWith('{') || !text.endsWith('}')) return false;
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** A header as letters and digits only, so "Start Date" repeats "StartDate". */
const squashed = (text: string): string => headerText(text).replace(/ /g, '');

/**
 * Whether a row just under the header is another header row, and which kind. `answered` says
 * whether any of the answers the survey needs (mode, distance, days) reads as one; `used` are the
 * columns the survey reads. Import ids fill every cell; answer labels fill the used columns (a
 * question the survey does not read may have its options' texts there instead).
 */
export function extraHeaderRow(cells: readonly string[], header: readonly string[], used: readonly number[], answered: boolean): ExtraHeaderRow | undefined {
  const filled = cells.map((c, i) => [c.trim(), i] as const).filter(([c]) => c !== '');
  if (filled.length === 0 || answered) return undefined;
  if (filled.every(([c]) => isJsonObject(c))) return 'import_ids';
  const inUse = filled.filter(([, i]) => used.includes(i));
  const labels = inUse.length > 0 && inUse.every(([c, i]) => ANSWER_LABELS.has(answerWords(c)) || (squashed(c) !== '' && squashed(c) === squashed(header[i] ?? '')));
  return labels ? 'answer_labels' : undefined;
}
