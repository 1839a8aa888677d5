/**
 * Runs the built CLI (or another node script) in a child process without blocking the test, so
 * that two can run at once, one can be killed, or one can run under a shell limit (`ulimit -f`).
 *
 * Nothing here waits on the clock for something to happen: the exit is listened for from the
 * moment the child is spawned (an 'exit' listened for later may already have gone by, and the
 * test would wait for ever), a kill is made at a fault point the child reports (see
 * `src/kernel/fault-point.ts`) rather than after a delay, and every wait has a time limit that
 * fails the test with what the child had printed, never a hang.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ROOT } from '../helpers.js';

const RUN = join(ROOT, 'bin/run.js');

/** How long a child may run, or a line be waited for, before the test fails (generous: the machine may be loaded); tests allow more. */
export const CHILD_LIMIT_MS = 60_000;

export interface Run { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

export interface Started {
  /** The finished run; rejects (after killing the child) if it is still running after the time limit. */
  readonly done: Promise<Run>;
  /** The first whole stderr line that is `prefix` or starts with `prefix` and a space; rejects if the child ends first, or after `timeoutMs` (killing it). */
  stderrLine(prefix: string, timeoutMs?: number): Promise<string>;
  /** Sends SIGKILL (nothing if the child has already gone). */
  kill(): void;
}

/** The last part of a child's output, for a failure message. */
function tail(text: string): string {
  const t = text.trimEnd();
  return t === '' ? '(nothing)' : t.length > 2_000 ? `…${t.slice(-2_000)}` : t;
}

/** Runs `node args…` (or, with `shellPrefix`, node under `bash -c "shellPrefix; exec node args…"`). */
export function startNode(label: string, args: readonly string[], options: { cwd?: string; env?: Record<string, string>; shellPrefix?: string; limitMs?: number } = {}): Started {
  const env = { ...process.env, ...options.env };
  const limitMs = options.limitMs ?? CHILD_LIMIT_MS;
  // A file-size limit is set by the shell that starts node; SIGXFSZ is ignored there (ignored
  // signals stay ignored across exec) so an oversized write fails with EFBIG instead of killing.
  const child = options.shellPrefix === undefined
    ? spawn(process.execPath, [...args], { cwd: options.cwd, env })
    : spawn('bash', ['-c', `${options.shellPrefix}; exec "$0" "$@"`, process.execPath, ...args], { cwd: options.cwd, env });
  // Listened for at once, before anything can have happened.
  let settle!: (r: Run | Error) => void;
  const done = new Promise<Run>((resolve, reject) => {
    settle = (r) => {
      if (r instanceof Error) reject(r);
      else resolve(r);
    };
  });
  // A caller that gave up earlier (a line that never came) has had its failure; this one is not lost either.
  done.catch(() => undefined);
  let stdout = '';
  let stderr = '';
  let ended = false;
  let timedOut = false;
  const waiters = new Set<() => void>();
  const limit = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, limitMs);
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    for (const w of waiters) w();
  });
  const end = (r: Run | Error): void => {
    if (ended) return;
    ended = true;
    clearTimeout(limit);
    settle(r);
    for (const w of waiters) w();
  };
  child.once('error', (e) => {
    end(new Error(`${label} could not be run: ${e.message}`));
  });
  child.once('close', (code, signal) => {
    end(timedOut ? new Error(`${label} was still running after ${limitMs} ms and was killed. stderr: ${tail(stderr)}`) : { code, signal, stdout, stderr });
  });

  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };

  const stderrLine = (prefix: string, timeoutMs = limitMs): Promise<string> =>
    new Promise<string>((resolve, reject) => {
      const find = (): string | undefined => stderr.split('\n').slice(0, -1).find((l) => l === prefix || l.startsWith(`${prefix} `));
      let timer: NodeJS.Timeout | undefined = undefined;
      const check = (): void => {
        const line = find();
        if (line === undefined && !ended) return;
        waiters.delete(check);
        clearTimeout(timer);
        if (line !== undefined) resolve(line);
        else {
          const how = child.signalCode !== null ? `was killed by ${child.signalCode}` : `exited with code ${child.exitCode ?? '?'}`;
          reject(new Error(`${label} ${how} without writing "${prefix}" to stderr. stderr: ${tail(stderr)}`));
        }
      };
      timer = setTimeout(() => {
        waiters.delete(check);
        kill();
        reject(new Error(`${label} did not write "${prefix}" to stderr within ${timeoutMs} ms (it was killed). stderr: ${tail(stderr)}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  return { done, stderrLine, kill };
}

/** Runs the built CLI as `startNode` runs a script, in `cwd`, with no workspace (and no fault point) taken from the environment. */
export function startCli(cwd: string, args: readonly string[], env: Record<string, string> = {}, shellPrefix?: string): Started {
  return startNode(`tco2e ${args.join(' ')}`, [RUN, ...args], {
    cwd,
    env: { TCO2E_DB: '', TCO2E_CONFIG: '', TCO2E_FAULT_POINT: '', ...env },
    ...(shellPrefix === undefined ? {} : { shellPrefix }),
  });
}

/** The line the fault-point module writes when it halts at `point` (see `src/kernel/fault-point.ts`). */
export const faultMarker = (point: string): string => `tco2e-fault-point ${point}`;

export interface Killed {
  /** The marker line the child wrote as it halted, e.g. `tco2e-fault-point rows-read:1000 count=1642`. */
  readonly marker: string;
  /** The count it halted at, for a point given with one. */
  readonly count: number | undefined;
  /** What `whileHalted` returned, called while the child was stopped at the point. */
  readonly seen: unknown;
  readonly run: Run;
}

/**
 * Runs the CLI with `TCO2E_FAULT_POINT=point`, waits until it reports it has halted there, calls
 * `whileHalted` (to look at the ledger as the child left it), then SIGKILLs it and waits for it
 * to be gone. Fails, never hangs, if the child ends or stalls before the point.
 */
export async function killCliAt<T>(cwd: string, args: readonly string[], point: string, whileHalted?: () => T): Promise<Killed & { seen: T | undefined }> {
  const child = startCli(cwd, args, { TCO2E_FAULT_POINT: point });
  let marker: string;
  let seen: T | undefined;
  try {
    marker = await child.stderrLine(faultMarker(point));
    seen = whileHalted?.();
  } finally {
    child.kill();
  }
  const run = await child.done;
  const count = /\bcount=(\d+)$/.exec(marker)?.[1];
  return { marker, count: count === undefined ? undefined : Number(count), seen, run };
}

/**
 * Whether another connection holds the ledger's write lock (as an import does from `openBatch`
 * to its commit): a write transaction cannot start, even without waiting.
 */
export function writeLockHeld(ledgerPath: string): boolean {
  const probe = new Database(ledgerPath, { timeout: 0 });
  try {
    probe.exec('BEGIN IMMEDIATE');
    probe.exec('ROLLBACK');
    return false;
  } catch (e) {
    if ((e as { code?: unknown }).code === 'SQLITE_BUSY') return true;
    throw e;
  } finally {
    probe.close();
  }
}
