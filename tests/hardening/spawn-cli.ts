/**
 * Runs the built CLI in a child process without blocking the test, so that two can run at once,
 * one can be killed, or one can run under a shell limit (`ulimit -f`).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers.js';

const RUN = join(ROOT, 'bin/run.js');

export interface Run { code: number | null; stdout: string; stderr: string }

/** Runs the built CLI without blocking the test, so two can run at once or one can be killed. */
export function startCli(cwd: string, args: readonly string[], env: Record<string, string> = {}, shellPrefix?: string): { done: Promise<Run>; kill: () => void } {
  const fullEnv = { ...process.env, TCO2E_DB: '', TCO2E_CONFIG: '', ...env };
  // A file-size limit is set by the shell that starts node; SIGXFSZ is ignored there (ignored
  // signals stay ignored across exec) so an oversized write fails with EFBIG instead of killing.
  const child = shellPrefix === undefined
    ? spawn(process.execPath, [RUN, ...args], { cwd, env: fullEnv })
    : spawn('bash', ['-c', `${shellPrefix}; exec "$0" "$@"`, process.execPath, RUN, ...args], { cwd, env: fullEnv });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Run>((resolve) => {
    child.once('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
  return {
    done,
    kill: () => {
      child.kill('SIGKILL');
    },
  };
}
