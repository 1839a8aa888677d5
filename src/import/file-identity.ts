import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { UserError } from '../kernel/errors.js';

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
    return (await stat(path)).size;
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
