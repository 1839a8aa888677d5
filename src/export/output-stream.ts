/**
 * Writing a long output a piece at a time, as it is made, to a stream such as stdout or to a file,
 * waiting whenever the stream or the disk asks to. Pieces are gathered into blocks so a million
 * small rows are not a million system calls.
 *
 * A file is written as `writeOutputFile` (src/render/output-file.ts) writes one, whole or not at
 * all: to a temporary file beside it, flushed, then renamed over it. Two things more, because
 * this output is too large to hold and takes a while:
 * - every byte is written: a write to a disk that has just filled (or at a file-size limit) may
 *   write only part of a block, and only the next write fails (ENOSPC, EFBIG); a short write
 *   taken for a whole one would rename a file cut off mid-row over the earlier one;
 * - a process killed while writing leaves its temporary behind (nothing runs on SIGKILL), so
 *   each temporary is named with the machine and process that write it, and the next file
 *   written into the folder removes those of this machine whose process has gone.
 */

import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../kernel/errors.js';
import { faultPoint } from '../kernel/fault-point.js';
import { assertOutputTarget, type ProtectedFile } from '../render/output-file.js';
import { isDiskFull } from '../store/sqlite-errors.js';

/** About 1 MB of text per write. */
const BLOCK_CHARS = 1 << 20;

/** The pieces gathered into blocks of about 1 MB. */
export function* blocks(chunks: Iterable<string>): Generator<string> {
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

export interface PiecesFileOptions {
  /** The option the path came from, for the hints (default `--out`). */
  readonly flag?: string;
  /** Make missing folders on the way (default false: a folder a person typed that is not there is usually a typo). */
  readonly makeFolders?: boolean;
}

/**
 * Writes the pieces to `path` whole or not at all (see the top of this file), refusing what
 * `assertOutputTarget` refuses. Returns the bytes written. A full disk or a file-size limit is a
 * `disk_full` UserError, with any earlier file at `path` left as it was and no temporary left.
 */
export async function writePiecesToFile(path: string, pieces: Iterable<string>, protect: readonly ProtectedFile[], options: PiecesFileOptions = {}): Promise<number> {
  const flag = options.flag ?? '--out';
  assertOutputTarget(path, protect, { flag, makeFolders: options.makeFolders ?? false });
  const target = resolve(path);
  let temp: string | undefined;
  try {
    if (options.makeFolders === true) mkdirSync(dirname(target), { recursive: true });
    removeStaleTemporaries(dirname(target));
    temp = join(dirname(target), temporaryName(basename(target)));
    const handle = await open(temp, 'wx');
    let bytes = 0;
    try {
      for (const block of blocks(pieces)) {
        bytes += await writeWhole(handle, Buffer.from(block, 'utf8'));
        faultPoint('output-written', bytes);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
    return bytes;
  } catch (e) {
    if (temp !== undefined) await rm(temp, { force: true });
    throw writeFailure(e, path, flag);
  }
}

/** Writes all of `buf`, however many writes it takes; the bytes written. */
async function writeWhole(handle: FileHandle, buf: Buffer): Promise<number> {
  for (let done = 0; done < buf.length;) {
    const { bytesWritten } = await handle.write(buf, done, buf.length - done);
    // A regular file takes at least a byte or fails with an error; none at all would loop for ever.
    if (bytesWritten <= 0) throw Object.assign(new Error('the file took no more bytes'), { code: 'ENOSPC' });
    done += bytesWritten;
  }
  return buf.length;
}

/** This machine's name as it goes in a temporary's name: letters and digits only. */
function machine(): string {
  return hostname().toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 32) || 'host';
}

/** `.NAME.tco2e-PID-MACHINE-RANDOM.tmp`: hidden, beside the output, and saying who writes it. */
function temporaryName(base: string): string {
  // The random part keeps two writers of one file in one process apart; it never reaches the output.
  return `.${base}.tco2e-${process.pid}-${machine()}-${randomBytes(6).toString('hex')}.tmp`;
}

const TEMPORARY = /^\..+\.tco2e-(\d{1,10})-([a-z0-9]{1,32})-[0-9a-f]{12}\.tmp$/;

/** Whether a process of this machine is running (one of another user's is, though it cannot be signalled). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: unknown }).code === 'EPERM';
  }
}

/**
 * Removes the temporaries of this naming left in `folder` by processes of this machine that have
 * gone (killed while writing). A temporary of another machine (a shared drive) or of a running
 * process, this one included, is left alone: its writer may still be at work.
 */
export function removeStaleTemporaries(folder: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return; // a folder that cannot be listed is reported when the file is written
  }
  const here = machine();
  for (const name of names) {
    const m = TEMPORARY.exec(name);
    if (m === null || m[2] !== here) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || running(pid)) continue;
    rmSync(join(folder, name), { force: true });
  }
}

/** What a failed write means to the person, or the error itself when it is a bug. */
function writeFailure(e: unknown, path: string, flag: string): unknown {
  if (e instanceof UserError) return e;
  // EFBIG: a file-size limit (`ulimit -f`) stops the write as a full disk would.
  if (isDiskFull(e)) return new UserError('disk_full', outputMsg.diskFull(path), outputMsg.diskFullHint(flag));
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR') {
    return new UserError('cannot_write', outputMsg.cannotWrite(path, code), outputMsg.cannotWriteHint(flag));
  }
  return e;
}

/** What is said when a file cannot be written: the same words as `writeOutputFile` uses. */
export const outputMsg = {
  diskFull: (path: string) => `The disk is full (or a file-size limit was reached): ${path} could not be written. Any earlier copy of it is unchanged.`,
  diskFullHint: (flag: string) => `Free some space, or write elsewhere with ${flag}.`,
  cannotWrite: (path: string, code: string) => `${path} cannot be written (${code}). Any earlier copy of it is unchanged.`,
  cannotWriteHint: (flag: string) => `Choose a folder you can write to with ${flag}.`,
} as const;
