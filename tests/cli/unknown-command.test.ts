/**
 * A command line that names no command is answered as any command line tco2e cannot use: exit
 * code 2, the nearest command by name, and under `--json` one JSON document on stdout (the built
 * CLI: `npm run build` first).
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tco2e-unknown-'));
/** Each run starts a Node process; on a busy machine that takes seconds. */
const SPAWNS = 60_000;

describe('an unknown command', () => {
  it('under --json: `{"error": {"code": "unknown_command", …}}` on stdout, exit 2, with the nearest command', () => {
    const r = runCli(dir, 'emisions', '--org', 'north-acute', '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({
      error: {
        code: 'unknown_command',
        message: '"emisions" is not a tco2e command.',
        hint: 'Did you mean `tco2e emissions`? Run `tco2e --help` for the list of commands.',
        details: { command: 'emisions', suggestions: ['emissions'] },
      },
    });
  }, SPAWNS);

  it('of a topic: the nearest of its commands; a word near no command: no suggestion', () => {
    const lines = JSON.parse(runCli(dir, 'export', 'line', '--json').stdout) as { error: { message: string; details: unknown } };
    expect(lines.error).toMatchObject({ message: '"export line" is not a tco2e command.', details: { command: 'export line', suggestions: ['export lines'] } });
    // Arguments after the command are not part of it.
    const energy = JSON.parse(runCli(dir, 'import', 'enrgy', 'bills.csv', '--org', 'x', '--json').stdout) as { error: { details: unknown } };
    expect(energy.error.details).toEqual({ command: 'import enrgy', suggestions: ['import energy'] });
    const none = runCli(dir, 'xyzzy', '--json');
    expect(none.code).toBe(2);
    expect(JSON.parse(none.stdout)).toMatchObject({ error: { code: 'unknown_command', hint: 'Run `tco2e --help` for the list of commands.', details: { suggestions: [] } } });
  }, SPAWNS);

  it('without --json: the message and what to do on stderr, exit 2', () => {
    const r = runCli(dir, 'emisions');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('Error: "emisions" is not a tco2e command.\nWhat to do: Did you mean `tco2e emissions`? Run `tco2e --help` for the list of commands.\n');
  }, SPAWNS);
});
