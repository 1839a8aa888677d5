#!/usr/bin/env node
// The installed CLI: runs the compiled commands listed in oclif.manifest.json. Written out as
// oclif's `execute` does it (run, flush, handle the error), so that a command line naming no
// command is answered as tco2e answers any command line it cannot use (see answerUnknownCommand).
import { flush } from '@oclif/core/flush';
import { handle } from '@oclif/core/handle';
import { run } from '@oclif/core/run';

try {
  await run(process.argv.slice(2), import.meta.url);
  await flush();
} catch (error) {
  // oclif's "command … not found": loaded only then, so no other run (nor its exit) pays for it.
  const unknown = error instanceof Error && / not found$/.test(error.message);
  const { answerUnknownCommand } = unknown ? await import('../dist/cli/base-command.js') : { answerUnknownCommand: async () => false };
  if (!(await answerUnknownCommand(error, process.argv.slice(2), import.meta.url))) await handle(error);
}
