/**
 * Writing a long output a piece at a time: to a file the user named (atomically, never over the
 * ledger, as `writeOutputFile` does for whole texts) or to a stream such as stdout, waiting when
 * the stream asks to. Pieces are gathered into blocks so a million small rows are not a million
 * system calls.
 */

import { closeSync, openSync, realpathSync, renameSync, rmSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../errors.js';

/** About 1 MB of text per write. */
const BLOCK_CHARS = 1 << 20;

function* blocks(chunks: Iterable<string>): Generator<string> {
  let buf: string[] = [];
  let size = 0;
  for (const c of chunks) {
    buf.push(c);
    size += c.length;
    if (size >= BLOCK_CHARS) {
      yield buf.join('');
      buf = [];
      size = 0;
    }
  }
  if (size > 0) yield buf.join('');
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Writes the pieces to `path` through a temporary file renamed into place; refuses a protected path. */
export function writeChunksToFile(path: string, chunks: Iterable<string>, protectedPaths: readonly string[]): void {
  const target = real(path);
  if (protectedPaths.some((p) => real(p) === target)) {
    throw new UserError('output_would_overwrite', `Refusing to write ${path}: it is the input file or the ledger.`, 'Choose another file name.');
  }
  const tmp = `${resolve(path)}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  let open = true;
  try {
    for (const b of blocks(chunks)) writeSync(fd, b);
    open = false;
    closeSync(fd);
    renameSync(tmp, resolve(path));
  } catch (e) {
    if (open) closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Writes the pieces to a stream, waiting for it to drain whenever it is full. A reader that goes
 * away early (`| head`) is not an error: writing stops there (EPIPE). Any other error is thrown.
 */
export async function writeChunksToStream(stream: NodeJS.WritableStream, chunks: Iterable<string>): Promise<void> {
  // Set by the listeners while the loop waits: an object, so the checks below see the updates.
  const state: { failure?: Error & { code?: string }; wake?: () => void } = {};
  const onError = (e: Error): void => {
    state.failure = e;
    state.wake?.();
  };
  const onDrain = (): void => state.wake?.();
  const failed = (): boolean => state.failure !== undefined;
  stream.on('error', onError);
  stream.on('drain', onDrain);
  try {
    for (const b of blocks(chunks)) {
      if (failed()) break;
      // A write can fail synchronously (the error is emitted at once): then there is no drain to wait for.
      if (stream.write(b) || failed()) continue;
      await new Promise<void>((resolveWait) => {
        state.wake = resolveWait;
      });
      delete state.wake;
    }
  } finally {
    stream.off('error', onError);
    stream.off('drain', onDrain);
  }
  if (state.failure !== undefined && state.failure.code !== 'EPIPE') throw state.failure;
}
