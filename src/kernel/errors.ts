/**
 * Two kinds of failure. A `UserError` is something the person can fix (a bad file, an unknown
 * key, a unit that does not fit): the CLI prints its message and hint and exits non-zero with no
 * stack trace. Anything else is a bug, shown briefly, with the stack under `--debug`.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    /** Stable machine-readable code, e.g. `unknown_key`. */
    readonly code: string,
    message: string,
    /** What to do next. */
    readonly hint?: string,
    /** Structured detail for `--json` output. */
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
