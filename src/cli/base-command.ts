import { Command, Config, Flags, type Interfaces } from '@oclif/core';
import { isUserError, UserError } from '../kernel/errors.js';
import { nearestKeys } from '../kernel/nearest.js';
import { wrapProse } from '../kernel/format.js';
import { asJsonData } from '../kernel/json.js';

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
      const mistyped = e instanceof Error ? this.mistypedFlags(e.message) : undefined;
      if (mistyped !== undefined) throw mistyped;
      if (isUsageError(e) || !(e instanceof Error)) throw e;
      throw new UserError('bad_usage', e.message, `See ${this.helpCommand()} for the flags and their allowed values.`);
    }
  }

  /** A flag the command does not have, with the nearest it does ("did you mean"). */
  private mistypedFlags(message: string): UserError | undefined {
    const m = /Nonexistent flags?: (.+)/.exec(message);
    if (m === null) return undefined;
    const typed = m[1]!.split(/,\s*/).map((f) => f.trim()).filter((f) => f.startsWith('-'));
    const known = Object.keys((this.constructor as typeof BaseCommand).flags);
    const near = typed.map((f) => nearestKeys(f.replace(/^-+/, '').replace(/=.*$/, ''), known, 1)[0]).filter((k): k is string => k !== undefined);
    const guess = near.length > 0 ? `Did you mean ${near.map((k) => `--${k}`).join(', ')}? ` : '';
    return new UserError('bad_usage', `${this.config.bin}${this.id ? ` ${this.id.replaceAll(':', ' ')}` : ''} has no ${typed.join(', ')} flag.`, `${guess}See ${this.helpCommand()} for the flags and their allowed values.`);
  }

  /** Text for a person, its prose wrapped to the terminal's width (`COLUMNS`); tables are fitted where they are made. */
  override log(message = '', ...args: unknown[]): void {
    super.log(wrapProse(message), ...args);
  }

  private helpCommand(): string {
    return `\`${this.config.bin}${this.id ? ` ${this.id.replaceAll(':', ' ')}` : ''} --help\``;
  }

  /** `--json` output: Maps in a result written as the objects they stand for (see `kernel/json.ts`). */
  protected override toSuccessJson(result: unknown): unknown {
    return asJsonData(result);
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

/**
 * A command line that names no command (`tco2e emisions`, `tco2e export line`). oclif stops with
 * "command … not found" before any command runs, so no command's `catch` sees it: `bin/run.js`
 * hands the error here, and it is answered as any command line tco2e cannot use is answered:
 * exit code 2, the message and what to do (with the nearest commands by name) on stderr, or under
 * `--json` one document on stdout, `{"error": {"code": "unknown_command", …}}`. False for any
 * other error, which oclif reports as it does.
 */
export async function answerUnknownCommand(err: unknown, argv: readonly string[], root: string): Promise<boolean> {
  const m = err instanceof Error ? /^command (\S+) not found$/.exec(err.message) : null;
  if (m === null) return false;
  const config = await Config.load(root);
  const commands = config.commandIDs.map((id) => id.replaceAll(':', ' '));
  const topics = config.topics.map((t) => t.name.replaceAll(':', ' '));
  // oclif's id runs on through the arguments (`imprt:energy:file.csv`): the command is the first
  // word, or the first two when the first is a topic (`import enrgy`).
  const words = m[1]!.split(':');
  const typed = words.slice(0, topics.includes(words[0]!) ? 2 : 1).join(' ');
  const suggestions = nearestCommands(typed, commands, topics);
  const bin = config.bin;
  const error = new UserError(
    'unknown_command',
    `"${typed}" is not a ${bin} command.`,
    `${suggestions.length > 0 ? `Did you mean \`${bin} ${suggestions[0]!}\`? ` : ''}Run \`${bin} --help\` for the list of commands.`,
    { command: typed, suggestions },
  );
  const options = argv.slice(0, argv.includes('--') ? argv.indexOf('--') : argv.length);
  if (options.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ error: { code: error.code, message: error.message, hint: error.hint ?? null, details: error.details ?? null } }, null, 2)}\n`);
  } else {
    process.stderr.write(`Error: ${error.message}\nWhat to do: ${error.hint ?? ''}\n`);
  }
  process.exitCode = 2;
  return true;
}

/**
 * The command (or topic) nearest by name to what was typed, as deep as it (`export line` → `export
 * lines`), else shallower (`imprt` → `import`); none when nothing is near. One: a list of the
 * nearest few named commands that were not near at all.
 */
function nearestCommands(typed: string, commands: readonly string[], topics: readonly string[]): string[] {
  const depth = (s: string): number => s.split(' ').length;
  for (let d = depth(typed); d >= 1; d--) {
    const wanted = typed.split(' ').slice(0, d).join(' ');
    const found = nearestKeys(wanted, [...new Set([...commands, ...topics])].filter((c) => depth(c) === d), 1);
    if (found.length > 0) return found;
  }
  return [];
}
