/**
 * Writing a long output a piece at a time, as it is made, to a stream such as stdout or to a file,
 * waiting whenever the stream or the disk asks to. Pieces are gathered into blocks so a million
 * small rows are not a million system calls. A file is written as `writeOutputFile`
 * (src/render/output-file.ts) writes every file: whole or not at all.
 */

import { writeOutputFile, type ProtectedFile } from '../render/output-file.js';

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
 * Writes the pieces to `path` whole or not at all, as `writeOutputFile` writes every file,
 * gathered into blocks of about 1 MB. Returns the bytes written. A full disk or a file-size limit
 * is a `disk_full` UserError, with any earlier file at `path` left as it was and no temporary left.
 */
export async function writePiecesToFile(path: string, pieces: Iterable<string>, protect: readonly ProtectedFile[], options: PiecesFileOptions = {}): Promise<number> {
  return writeOutputFile(path, blocks(pieces), protect, options.flag ?? '--out', { makeFolders: options.makeFolders ?? false });
}
