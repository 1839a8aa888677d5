/**
 * The worker side of `SyncPgClient`: holds one `pg.Client` and answers one request at a time. Every
 * answer is posted on the port first and only then signalled through the shared flag, so that when
 * the main thread wakes the message is already in the port's queue.
 */

import { finished } from 'node:stream/promises';
import { workerData } from 'node:worker_threads';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { CONNECT_REPLY_ID, DEFAULT_CONNECT_TIMEOUT_MS, redactWireError, UNASKED_REPLY_ID } from './sync-client.js';
import type { WireError, WorkerInput, WorkerReply, WorkerRequest } from './sync-client.js';

const input = workerData as WorkerInput;
const { connectionString, options, port } = input;
const flag = new Int32Array(input.shared);

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * Ledger quantities are doubles on the JavaScript side, and pg's default keeps int8 and numeric as
 * strings (they can exceed a double). Set on this client only, so no other pg user in the process
 * is affected.
 */
const defaultParser = pg.types.getTypeParser as (oid: number, format?: 'text' | 'binary') => unknown;
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown => {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (text: string) => Number(text);
    return defaultParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

const client = new pg.Client({
  connectionString,
  types,
  connectionTimeoutMillis: options.statementTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
  // The server cancels a slow statement itself (57014) so the session stays usable; the main
  // thread's own deadline is only the backstop for a worker that cannot answer at all.
  ...(options.statementTimeoutMs === undefined ? {} : { statement_timeout: options.statementTimeoutMs }),
  ...(options.applicationName === undefined ? {} : { application_name: options.applicationName }),
});

/** The request being answered, so a crash can still answer it. */
let pending = false;
/** Set once the worker has said it is gone, so it says so only once. */
let gone = false;
/** Why the connection is unusable, once it is. */
let lost: WireError | undefined;
let closing = false;

function field(e: unknown, name: string): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const value = (e as Record<string, unknown>)[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function toWire(e: unknown, fallbackCode?: string): WireError {
  let message = e instanceof Error ? e.message : String(e);
  // A connect to a name with several addresses fails with an AggregateError whose own message is empty.
  if (message === '' && e instanceof AggregateError) {
    message = e.errors.map((inner) => (inner instanceof Error ? inner.message : String(inner))).join('; ');
  }
  const wire: WireError = {
    message: message === '' ? 'PostgreSQL connection failed' : message,
    code: field(e, 'code') ?? fallbackCode,
    constraint: field(e, 'constraint'),
    detail: field(e, 'detail'),
    table: field(e, 'table'),
  };
  return redactWireError(wire, connectionString);
}

/**
 * Whether an error leaves the session unusable: the connection went away (no SQLSTATE, e.g. a
 * socket error), the server is shutting the session down (57P01..57P03), or a connection exception
 * (class 08) other than a protocol violation, which the server reports on a live session.
 */
function isFatal(e: WireError): boolean {
  const code = e.code;
  if (code === undefined || !/^[0-9A-Z]{5}$/.test(code)) return true;
  if (code.startsWith('57P')) return true;
  return code.startsWith('08') && code !== '08P01';
}

function signal(reply: WorkerReply): void {
  port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

/** Tells the main thread the worker cannot serve any more, answering a pending request if there is one. */
function sayGone(error: WireError): void {
  if (gone) return;
  gone = true;
  pending = false;
  signal({ id: UNASKED_REPLY_ID, ok: false, fatal: true, error });
}

client.on('error', (e: unknown) => {
  // A connection lost while idle (server restart, admin shutdown) arrives here; unhandled it would
  // crash the worker. A request in flight gets its own error and reports it; an idle client tells
  // the main thread now, so `broken` is true before the next call.
  lost ??= toWire(e, 'CONNECTION_LOST');
  if (!pending && !closing) sayGone(lost);
});

client.on('end', () => {
  if (closing) return;
  lost ??= { message: 'The PostgreSQL connection ended unexpectedly.', code: 'CONNECTION_LOST', constraint: undefined, detail: undefined, table: undefined };
  if (!pending) sayGone(lost);
});

process.on('uncaughtException', (e: unknown) => {
  sayGone(toWire(e, 'WORKER_GONE'));
  process.exit(1);
});
process.on('unhandledRejection', (e: unknown) => {
  sayGone(toWire(e, 'WORKER_GONE'));
  process.exit(1);
});
process.on('exit', () => {
  if (!closing) sayGone({ message: 'The PostgreSQL worker exited.', code: 'WORKER_GONE', constraint: undefined, detail: undefined, table: undefined });
});

/** Types whose values JSON would not bring back as they are: bytea, date, timestamp, timestamptz, time, timetz, interval. */
const CLONED_TYPES = new Set([17, 1082, 1114, 1184, 1083, 1266, 1186]);

/** Rows as they cross to the waiting thread (see `rowsReply`). */
type RowsOut = { readonly rows: unknown[]; readonly rowsJson?: string; readonly rowCount: number };

/**
 * Rows cross to the waiting thread as one JSON text where they can: structured cloning of many
 * small arrays cost more than the query (36,000 rows of 13 columns: 240 ms against 100 ms in
 * plain pg; as JSON, 170–200 ms). JSON keeps every double exactly; bytea (OID 17) and dates
 * (which this schema has none of) cannot go that way and are cloned.
 */
function rowsOut(result: pg.QueryResult | pg.QueryArrayResult): RowsOut {
  if (result.rows.length > 100 && !result.fields.some((f) => CLONED_TYPES.has(f.dataTypeID))) {
    return { rows: [], rowsJson: JSON.stringify(result.rows), rowCount: result.rowCount ?? 0 };
  }
  return { rows: result.rows, rowCount: result.rowCount ?? 0 };
}

/** The next block of each cursor, fetched while the caller works through the last one (see `SyncPgClient.fetch`). */
const ahead = new Map<string, Promise<RowsOut>>();

function fetchBlock(cursor: string, count: number): Promise<RowsOut> {
  return client.query({ text: `FETCH ${count} FROM ${cursor}`, rowMode: 'array' }).then(rowsOut);
}

async function answer(request: WorkerRequest): Promise<WorkerReply> {
  const { id } = request;
  switch (request.op) {
    case 'fetch': {
      const { cursor, count } = request;
      if (!/^[a-z_][a-z0-9_]*$/.test(cursor)) throw new Error(`not a cursor name: ${cursor}`);
      const next = ahead.get(cursor) ?? fetchBlock(cursor, count);
      ahead.delete(cursor);
      const out = await next;
      if (out.rowCount === count) {
        // A full block: there may be more. Fetched now, and kept (a failure too) for the next ask;
        // a caller that stops early closes the cursor, and the block is dropped unasked.
        const following = fetchBlock(cursor, count);
        following.catch(() => undefined);
        ahead.set(cursor, following);
      }
      return { id, ok: true, ...out };
    }
    case 'query': {
      const values = [...request.params];
      const result = request.rowMode === 'array'
        ? await client.query({ text: request.sql, values, rowMode: 'array' })
        : await client.query({ text: request.sql, values });
      return { id, ok: true, ...rowsOut(result) };
    }
    case 'exec':
      // A cursor closed, or its transaction ended: a block fetched ahead for it will not be asked for.
      if (/^\s*(CLOSE|COMMIT|ROLLBACK|END)\b/i.test(request.sql)) ahead.clear();
      await client.query(request.sql);
      return { id, ok: true, rows: [], rowCount: 0 };
    case 'copy': {
      const stream = client.query(copyFrom(request.sql));
      stream.end(request.data);
      await finished(stream);
      return { id, ok: true, rows: [], rowCount: stream.rowCount };
    }
    case 'close':
      closing = true;
      try {
        await client.end();
      } catch {
        // Already ended (e.g. the server went away): closed is what was asked for.
      }
      return { id, ok: true, rows: [], rowCount: 0 };
  }
}

port.on('message', (request: WorkerRequest) => {
  if (gone) return;
  if (lost !== undefined && request.op !== 'close') {
    sayGone(lost);
    return;
  }
  pending = true;
  answer(request).then(
    (reply) => {
      pending = false;
      signal(reply);
    },
    (e: unknown) => {
      const error = toWire(e);
      // Give pg's 'error'/'end' events for the same failure a turn to arrive, so a dead connection
      // is reported as dead rather than as one failed statement.
      setImmediate(() => {
        pending = false;
        const fatal = lost !== undefined || isFatal(error);
        if (fatal) gone = true;
        signal({ id: request.id, ok: false, fatal, error });
      });
    },
  );
});

client.connect().then(
  () => {
    signal({ id: CONNECT_REPLY_ID, ok: true, rows: [], rowCount: 0 });
  },
  (e: unknown) => {
    gone = true;
    signal({ id: CONNECT_REPLY_ID, ok: false, fatal: true, error: toWire(e, 'CONNECTION_FAILED') });
  },
);
