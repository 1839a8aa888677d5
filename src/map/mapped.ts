/**
 * The one contract every row mapper keeps: a row becomes what it yields (activities, a fuel line
 * to net, a vehicle), is excluded with a reason (a car wash on a fuel card, a zero-mile claim:
 * counted, shown, never an error), or is rejected with its problems (the row is at fault and goes
 * to the rejects file). The import stage handles the three the same way for every file shape.
 */

import type { Problem } from '../kernel/problem.js';

export type Mapped<T> =
  | { readonly kind: 'activity'; readonly activity: T }
  | { readonly kind: 'excluded'; readonly problem: Problem }
  | { readonly kind: 'rejected'; readonly problems: readonly Problem[] };

export interface RowMapper<T> {
  map(line: number, cells: readonly string[]): Mapped<T>;
}

export function yields<T>(activity: T): Mapped<T> {
  return { kind: 'activity', activity };
}

export function excluded<T>(problem: Problem): Mapped<T> {
  return { kind: 'excluded', problem };
}

export function rejected<T>(problems: readonly Problem[]): Mapped<T> {
  return { kind: 'rejected', problems };
}
