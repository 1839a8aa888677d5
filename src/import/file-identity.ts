import { createHash, type Hash } from 'node:crypto';
import { closeSync, createReadStream, openSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UserError } from '../kernel/errors.js';
import { msg } from '../messages.js';

/**
 * Refuses, with what to do, a file a person named for tco2e to read that is not there, is a
 * folder, or cannot be read; `what` says which file it is ("file to import", "activity file
 * (--file)"). Checked before anything else is done with it, so nothing is opened or stored first.
 */
export function assertInputFile(path: string, what: string): void {
  try {
    if (statSync(path).isDirectory()) throw new UserError('input_is_folder', msg.inputIsFolder(what, path), msg.inputIsFolderHint, { file: path });
    closeSync(openSync(path, 'r')); // permission to read is only known by trying
  } catch (e) {
    throw inputFileFailure(e, path, what);
  }
}

/** What a failure to open or read a named input file means to the person, or the error itself when it is a bug. */
export function inputFileFailure(e: unknown, path: string, what: string): unknown {
  if (e instanceof UserError) return e;
  const code = (e as { code?: unknown } | null)?.code;
  // ENOTDIR: a part of the path before the file name is a file, so the file is not there either.
  if (code === 'ENOENT' || code === 'ENOTDIR') return new UserError('input_not_found', msg.inputMissing(what, path, resolve(path)), msg.inputMissingHint, { file: path });
  if (code === 'EISDIR') return new UserError('input_is_folder', msg.inputIsFolder(what, path), msg.inputIsFolderHint, { file: path });
  if (code === 'EACCES' || code === 'EPERM') return new UserError('input_not_readable', msg.inputNotReadable(what, path, code), msg.inputNotReadableHint, { file: path });
  return e;
}

/**
 * A file's SHA-256 and size: how the ledger knows the same file is being imported twice.
 *
 * Hashing is a whole extra pass over the file (about a tenth of a large import), so it is only
 * done up front when the ledger already holds an active batch of exactly the same size: the only
 * case in which the file can be a repeat. Otherwise the hash is taken from the bytes as the
 * import reads them (`update`), and is known by the time the batch is stored.
 */
export class FileIdentity {
  private hash: Hash | null;
  private digest: string | null;
  private tapTaken = false;
  private bytesSeen = 0;

  private constructor(readonly sizeBytes: number, digest: string | null, private readonly name = '') {
    this.digest = digest;
    this.hash = digest === null ? createHash('sha256') : null;
  }

  static async size(path: string): Promise<number> {
    try {
      return (await stat(path)).size;
    } catch (e) {
      throw inputFileFailure(e, path, 'file to import');
    }
  }

  /** Hashes the whole file now. */
  static async ofFile(path: string, sizeBytes: number): Promise<FileIdentity> {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return new FileIdentity(sizeBytes, hash.digest('hex'));
  }

  /** To be fed every byte of the file, in order, by the read that imports it. */
  static whileReading(sizeBytes: number, name: string): FileIdentity {
    return new FileIdentity(sizeBytes, null, name);
  }

  /** True when the bytes still have to come through `update`. */
  get pending(): boolean {
    return this.digest === null;
  }

  /**
   * The feeder for the one read that hashes the file; undefined once handed out (a second read
   * of the file, e.g. to fetch rejected rows' cells, must not hash the bytes again).
   */
  tap(): ((bytes: Uint8Array) => void) | undefined {
    if (!this.pending || this.tapTaken) return undefined;
    this.tapTaken = true;
    const hash = this.hash!;
    return (bytes) => {
      this.bytesSeen += bytes.length;
      hash.update(bytes);
    };
  }

  get sha256(): string {
    if (this.digest === null) {
      if (this.hash === null) throw new Error('FileIdentity has no hash');
      if (this.bytesSeen !== this.sizeBytes) {
        throw new UserError('file_changed', `${this.name} changed while it was being read (${this.sizeBytes} bytes when opened, ${this.bytesSeen} read); nothing was stored.`, 'Wait until the file is completely written or copied, then import it again.');
      }
      this.digest = this.hash.digest('hex');
      this.hash = null;
    }
    return this.digest;
  }
}
