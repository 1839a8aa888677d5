/**
 * What a cell parser gives back. A bad cell is data, not an exception: a 1M-row file with a few
 * hundred bad cells should be reported in one pass, each problem located by the caller (file,
 * line, column) and worded for the person who has to fix the export.
 */

/** Why a cell could not be read. `code` is stable for programs; `message` is for people. */
export interface ValueProblem<Code extends string = string> {
  readonly ok: false;
  readonly code: Code;
  /** Says what was found and what was expected, in terms an estates officer would use. */
  readonly message: string;
}

export type ValueResult<T, Code extends string = string> = { readonly ok: true; readonly value: T } | ValueProblem<Code>;

export function problem<Code extends string>(code: Code, message: string): ValueProblem<Code> {
  return { ok: false, code, message };
}

/** A cell's text as quoted in a message: trimmed, and cut short so one runaway cell cannot flood a report. */
export function shown(text: string): string {
  const t = text.trim();
  return `"${t.length > 40 ? `${t.slice(0, 37)}…` : t}"`;
}
