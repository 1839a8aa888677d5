/**
 * A synchronous PostgreSQL client. The ledger's core is synchronous (it was written over
 * better-sqlite3), so rather than make every caller async, a `pg.Client` lives on a worker thread
 * and the calling thread blocks on `Atomics.wait` until the worker has answered.
 *
 * One request is in flight at a time. The main thread posts it on a MessageChannel port; the worker
 * posts its reply on the same channel, then sets a shared flag and notifies. The main thread takes
 * the reply with `receiveMessageOnPort`, which reads a port's queue without the event loop (which
 * is blocked). The flag only wakes the waiter: the port's queue is the truth, so a reply the worker
 * sends unasked (the connection died while idle, the worker is exiting) is found by the next call.
 */

import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';

export type PgParam = string | number | null | Uint8Array;

export interface PgQueryResult {
  readonly rows: unknown[];
  readonly rowCount: number;
}

export interface SyncPgOptions {
  readonly applicationName?: string;
  /** ms to wait for an answer before giving up (default: none). */
  readonly statementTimeoutMs?: number;
}

/** The fields of a pg error that cross the thread boundary (an Error object would lose them). */
export interface WireError {
  readonly message: string;
  readonly code: string | undefined;
  readonly constraint: string | undefined;
  readonly detail: string | undefined;
  readonly table: string | undefined;
}

/** An error the server (or the connection) gave, with its SQLSTATE when there is one. */
export class PgError extends Error {
  /** SQLSTATE, e.g. '23505'; for connection failures the Node code e.g. 'ECONNREFUSED'. */
  readonly code: string | undefined;
  readonly constraint: string | undefined;
  readonly detail: string | undefined;
  readonly table: string | undefined;

  constructor(fields: WireError) {
    super(fields.message);
    this.name = 'PgError';
    this.code = fields.code;
    this.constraint = fields.constraint;
    this.detail = fields.detail;
    this.table = fields.table;
  }
}

export type WorkerRequest =
  | { readonly id: number; readonly op: 'query'; readonly sql: string; readonly params: readonly PgParam[]; readonly rowMode: 'object' | 'array' }
  | { readonly id: number; readonly op: 'exec'; readonly sql: string }
  | { readonly id: number; readonly op: 'copy'; readonly sql: string; readonly data: string }
  | { readonly id: number; readonly op: 'fetch'; readonly cursor: string; readonly count: number }
  | { readonly id: number; readonly op: 'close' };

/**
 * `id` is the request answered; the connect answer is id 0 and a message the worker sends unasked
 * is id -1. `fatal` means the worker or its connection is gone and no later call can succeed.
 */
export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly rows: unknown[]; readonly rowCount: number; /** The rows as JSON instead, when that is quicker to pass across (see worker.ts). */ readonly rowsJson?: string }
  | { readonly id: number; readonly ok: false; readonly fatal: boolean; readonly error: WireError };

export interface WorkerInput {
  readonly connectionString: string;
  readonly options: SyncPgOptions;
  /** Int32Array over it: slot 0 is the "a reply is waiting" flag. */
  readonly shared: SharedArrayBuffer;
  readonly port: MessagePort;
}

export const CONNECT_REPLY_ID = 0;
export const UNASKED_REPLY_ID = -1;

/**
 * How long connecting may take when no statement timeout is set: a worker that fails to load never
 * answers, and a hung connect must not block the process for good.
 */
export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
/** Extra time the main thread allows over pg's own timeouts, so pg's clearer error wins the race. */
const GRACE_MS = 2_000;
/** The longest single `Atomics.wait`, so the deadline is checked often. */
const WAIT_SLICE_MS = 50;

/** The password in a postgres:// URL, both as written (percent-encoded) and decoded. */
function passwordsIn(connectionString: string): string[] {
  try {
    const raw = new URL(connectionString).password;
    if (raw === '') return [];
    let decoded = raw;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      // A malformed escape: the raw form is the one that could appear.
    }
    // The longer first, so a decoded form inside the raw one leaves no fragment behind.
    return [...new Set([raw, decoded])].sort((a, b) => b.length - a.length);
  } catch {
    return [];
  }
}

/**
 * `text` with the connection string's password replaced by `***`. Messages reach logs and users,
 * and the connection string may hold a password. When the URL cannot be parsed the password cannot
 * be found, so the whole connection string is hidden instead.
 */
export function redactSecrets(text: string, connectionString: string): string {
  const passwords = passwordsIn(connectionString);
  let out = text;
  if (passwords.length === 0 && connectionString !== '' && !URL.canParse(connectionString)) {
    out = out.split(connectionString).join('[connection string]');
  }
  for (const p of passwords) out = out.split(p).join('***');
  return out;
}

export function redactWireError(e: WireError, connectionString: string): WireError {
  const r = (s: string | undefined): string | undefined => (s === undefined ? undefined : redactSecrets(s, connectionString));
  return { message: r(e.message) ?? '', code: e.code, constraint: r(e.constraint), detail: r(e.detail), table: r(e.table) };
}

/**
 * The compiled worker next to this file. When this module runs from TypeScript source (vitest runs
 * `src/**.ts` directly) the URL points into `src/`, where no `worker.js` exists, and a worker must be
 * plain JavaScript; the compiled one sits at the same place under `dist/` (so `npm run build` must
 * have run).
 */
function workerUrl(): URL {
  const beside = new URL('./worker.js', import.meta.url);
  const path = fileURLToPath(beside);
  if (existsSync(path)) return beside;
  const at = path.lastIndexOf('/src/');
  if (at >= 0) {
    const compiled = `${path.slice(0, at)}/dist/${path.slice(at + '/src/'.length)}`;
    if (existsSync(compiled)) return pathToFileURL(compiled);
  }
  throw new PgError({ message: `The PostgreSQL worker ${path} is missing; run \`npm run build\`.`, code: 'WORKER_GONE', constraint: undefined, detail: undefined, table: undefined });
}

function plainError(message: string, code: string): WireError {
  return { message, code, constraint: undefined, detail: undefined, table: undefined };
}

export class SyncPgClient {
  private readonly flag: Int32Array;
  private nextId = CONNECT_REPLY_ID + 1;
  /** Why the client can no longer be used; set once, never cleared. */
  private failure: WireError | undefined;

  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    shared: SharedArrayBuffer,
    private readonly connectionString: string,
    private readonly timeoutMs: number | undefined,
  ) {
    this.flag = new Int32Array(shared);
  }

  /** Connects (blocking); throws PgError. `connectionString` is a postgres:// URL; TLS options in it (sslmode etc.) are passed to pg as they are. */
  static connect(connectionString: string, options: SyncPgOptions = {}): SyncPgClient {
    const shared = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    const { port1, port2 } = new MessageChannel();
    const workerData: WorkerInput = { connectionString, options, shared, port: port2 };
    let worker: Worker;
    try {
      worker = new Worker(workerUrl(), { workerData, transferList: [port2] });
    } catch (e) {
      if (e instanceof PgError) throw e;
      const message = e instanceof Error ? e.message : String(e);
      throw new PgError(plainError(redactSecrets(`Could not start the PostgreSQL worker: ${message}`, connectionString), 'WORKER_GONE'));
    }
    // A forgotten client must not keep the process alive; `close()` still ends the connection cleanly.
    worker.unref();
    port1.unref();
    const client = new SyncPgClient(worker, port1, shared, connectionString, options.statementTimeoutMs);
    const reply = client.await(CONNECT_REPLY_ID, (options.statementTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS) + GRACE_MS);
    if (!reply.ok) {
      client.fail(reply.error);
      throw client.error(reply.error);
    }
    return client;
  }

  /** True once the connection has failed or been closed; later calls throw PgError. */
  get broken(): boolean {
    if (this.failure === undefined) this.drainUnasked();
    return this.failure !== undefined;
  }

  /** One statement with $1.. parameters. rowMode 'object' gives objects keyed by column name; 'array' gives arrays of values in column order. */
  query(sql: string, params: readonly PgParam[] = [], rowMode: 'object' | 'array' = 'object'): PgQueryResult {
    const reply = this.call({ id: this.nextId++, op: 'query', sql, params, rowMode });
    return { rows: reply.rowsJson === undefined ? reply.rows : (JSON.parse(reply.rowsJson) as unknown[]), rowCount: reply.rowCount };
  }

  /**
   * The next `count` rows of an open cursor (`DECLARE name … CURSOR`), as arrays. While the caller
   * works through them, the worker already fetches the block after (the fetch is queued on the
   * connection before anything asked later, so it keeps its order): reading and using a large
   * read overlap, on a second core where there is one.
   */
  fetch(cursor: string, count: number): unknown[][] {
    const reply = this.call({ id: this.nextId++, op: 'fetch', cursor, count });
    return (reply.rowsJson === undefined ? reply.rows : JSON.parse(reply.rowsJson)) as unknown[][];
  }

  /** Several statements, no parameters (simple protocol). */
  exec(sql: string): void {
    this.call({ id: this.nextId++, op: 'exec', sql });
  }

  /** `COPY table (cols) FROM STDIN` with `data` (already formatted COPY text-format, lines ending in \n); returns the rows copied. Must run inside whatever transaction the session has open. */
  copyIn(copySql: string, data: string): number {
    return this.call({ id: this.nextId++, op: 'copy', sql: copySql, data }).rowCount;
  }

  /** Ends the connection and the worker (safe to call twice). */
  close(): void {
    if (this.failure?.code === 'CLIENT_CLOSED') return;
    if (this.failure === undefined) this.drainUnasked();
    if (this.failure === undefined) {
      const id = this.nextId++;
      this.send({ id, op: 'close' });
      try {
        // A close that does not finish in time still ends the worker below; the server ends the session.
        this.await(id, (this.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS) + GRACE_MS);
      } catch {
        // Ending anyway: there is nothing a caller could do with a failed close.
      }
    }
    this.failure = plainError('The PostgreSQL client is closed.', 'CLIENT_CLOSED');
    this.port.close();
    void this.worker.terminate();
  }

  private call(request: Exclude<WorkerRequest, { op: 'close' }>): { rows: unknown[]; rowCount: number; rowsJson?: string } {
    if (this.failure === undefined) this.drainUnasked();
    if (this.failure !== undefined) throw this.error(this.failure);
    this.send(request);
    const reply = this.await(request.id, this.timeoutMs === undefined ? undefined : this.timeoutMs + GRACE_MS);
    if (reply.ok) return reply;
    if (reply.fatal) this.fail(reply.error);
    throw this.error(reply.error);
  }

  private send(request: WorkerRequest): void {
    // Cleared before posting so a stale wake-up cannot be taken for this request's answer.
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(request);
  }

  /**
   * Blocks until the reply to `id` (or a fatal message) arrives, or `timeoutMs` passes. Clearing the
   * flag before each look at the queue means a reply posted after the look sets it again, so the
   * wait that follows returns at once: no wake-up is lost.
   */
  private await(id: number, timeoutMs: number | undefined): WorkerReply {
    const deadline = timeoutMs === undefined ? undefined : performance.now() + timeoutMs;
    for (;;) {
      Atomics.store(this.flag, 0, 0);
      const received = receiveMessageOnPort(this.port);
      if (received !== undefined) {
        const reply = received.message as WorkerReply;
        if (reply.id === id || (!reply.ok && reply.fatal)) return reply;
        // An answer to a request given up on earlier: not this one's.
        continue;
      }
      let slice = WAIT_SLICE_MS;
      if (deadline !== undefined) {
        const left = deadline - performance.now();
        if (left <= 0) {
          const gone = plainError(`The PostgreSQL worker did not answer within ${timeoutMs} ms; the connection is abandoned.`, 'WORKER_GONE');
          this.fail(gone);
          throw this.error(gone);
        }
        slice = Math.min(slice, Math.ceil(left));
      }
      Atomics.wait(this.flag, 0, 0, slice);
    }
  }

  /** Takes messages the worker sent unasked; a fatal one breaks the client. */
  private drainUnasked(): void {
    for (;;) {
      const received = receiveMessageOnPort(this.port);
      if (received === undefined) return;
      const reply = received.message as WorkerReply;
      if (!reply.ok && reply.fatal) {
        this.fail(reply.error);
        return;
      }
    }
  }

  private fail(error: WireError): void {
    if (this.failure !== undefined) return;
    this.failure = error;
    this.port.close();
    void this.worker.terminate();
  }

  private error(e: WireError): PgError {
    return new PgError(redactWireError(e, this.connectionString));
  }
}
