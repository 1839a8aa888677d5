/**
 * A located validation problem: what every stage returns about bad input, as data, formatted
 * only at the edge (a sentence for a person, JSON under --json, a rejects CSV).
 */
export interface Problem {
  readonly file: string;
  readonly line: number;
  readonly column: string;
  readonly value: string;
  readonly code: string;
  readonly message: string;
}
