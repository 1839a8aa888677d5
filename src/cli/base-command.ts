import { Command, Flags } from '@oclif/core';
import { isUserError } from '../errors.js';

/**
 * Shared behaviour of every tco2e command: `--json`, and the two kinds of failure — a user error
 * prints its message and what to do next, exit code 2, no stack; anything else is a bug, which
 * oclif shows briefly (with the stack under `--debug` or DEBUG=*).
 */
export abstract class BaseCommand extends Command {
  static override enableJsonFlag = true;

  static override baseFlags = {
    debug: Flags.boolean({ description: 'Show the stack trace of unexpected errors.', helpGroup: 'GLOBAL' }),
  };

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
    if (this.argv.includes('--debug') && err.stack) this.logToStderr(err.stack);
    return super.catch(err);
  }
}
