import { Command, Flags, type Interfaces } from '@oclif/core';
import { isUserError, UserError } from '../kernel/errors.js';

/**
 * Shared behaviour of every tco2e command: `--json`, and the kinds of failure.
 * - A user error prints its message and what to do next: exit code 2, no stack.
 * - A command line oclif cannot parse (an unknown flag, a value not among the options) is a user
 *   error too: exit code 2.
 * - Anything else is a bug, which oclif shows briefly (with the stack under `--debug` or DEBUG=*):
 *   exit code 1.
 * Under `--json` each is one JSON document on stdout, `{"error": {code, message, hint, details}}`,
 * so a script can read it; never oclif's dump of the error object (which carries the whole
 * parsed configuration, home folder included).
 */
export abstract class BaseCommand extends Command {
  static override enableJsonFlag = true;

  static override baseFlags = {
    debug: Flags.boolean({ description: 'Show the stack trace of unexpected errors.', helpGroup: 'GLOBAL' }),
  };

  /**
   * oclif's own parse failures carry exit code 2; a value an argument's parser refuses (`imports
   * show three`) arrives as a plain Error, which would pass for a bug. Both are the person's to fix,
   * as is a UserError from a typed flag's parser (`--policy latest`), which keeps its code and hint.
   */
  protected override async parse<F extends Output, B extends Output, A extends Output>(
    options?: Interfaces.Input<F, B, A>,
    argv?: string[],
  ): Promise<Interfaces.ParserOutput<F, B, A>> {
    try {
      return await super.parse(options, argv);
    } catch (e) {
      if (isUserError(e)) throw withoutParseWrapping(e);
      if (isUsageError(e) || !(e instanceof Error)) throw e;
      throw new UserError('bad_usage', e.message, `See ${this.helpCommand()} for the flags and their allowed values.`);
    }
  }

  private helpCommand(): string {
    return `\`${this.config.bin}${this.id ? ` ${this.id.replaceAll(':', ' ')}` : ''} --help\``;
  }

  protected override async catch(err: Error & { exitCode?: number }): Promise<unknown> {
    if (isUserError(err)) {
      if (this.jsonEnabled()) {
        this.logJson({ error: { code: err.code, message: err.message, hint: err.hint ?? null, details: err.details ?? null } });
      } else {
        this.logToStderr(`Error: ${err.message}`);
        if (err.hint) this.logToStderr(`What to do: ${err.hint}`);
      }
      this.exit(2);
    }
    if (isExit(err)) throw err; // `this.exit(n)` itself: not a failure to report
    if (this.jsonEnabled()) {
      const usage = isUsageError(err);
      this.logJson({
        error: usage
          ? { code: 'bad_usage', message: usageMessage(err.message), hint: `See ${this.helpCommand()} for the flags and their allowed values.`, details: null }
          : { code: 'internal', message: err.message, hint: 'This is a bug in tco2e; run the command again with --debug for the stack trace and report it.', details: null },
      });
      if (!usage && this.argv.includes('--debug') && err.stack) this.logToStderr(err.stack);
      this.exit(usage ? 2 : 1);
    }
    if (this.argv.includes('--debug') && err.stack) this.logToStderr(err.stack);
    return super.catch(err);
  }
}

/** oclif's parsed flags and args (its `FlagOutput` and `ArgOutput`, which it does not export). */
type Output = Record<string, unknown>;

/** oclif's ExitError, thrown by `this.exit(n)`. */
function isExit(err: unknown): boolean {
  return (err as { code?: unknown }).code === 'EEXIT';
}

/** A command line oclif's parser refused: it carries the parse and asks for exit code 2. */
function isUsageError(err: unknown): boolean {
  const e = err as { oclif?: { exit?: unknown }; parse?: unknown };
  return e.parse !== undefined || e.oclif?.exit === 2;
}

/**
 * oclif wraps what a flag's parser throws as "Parsing --flag \n\t<message>\nSee more help with
 * --help"; a UserError from a typed flag (`--policy`, `--unit`) keeps the message it was written
 * with, and its hint says what to do.
 */
function withoutParseWrapping(e: UserError): UserError {
  const m = /^Parsing --[\w-]+ \n\t([\s\S]*)\nSee more help with --help$/.exec(e.message);
  return m === null ? e : new UserError(e.code, m[1]!, e.hint, e.details);
}

/** oclif's message on one line, without its closing "See more help with --help" (the hint says that). */
function usageMessage(message: string): string {
  return message.split('\n').filter((l) => !/^See more help with/.test(l)).map((l) => l.trim().replace(/\s{2,}/g, ' ')).filter((l) => l !== '').join(' ');
}
