/**
 * Every file tco2e writes where a person asked (`--out`, `--rejects`): never over a file it must
 * not touch, always whole or not at all.
 *
 * - Refused: the input being imported, the ledger (and its journal, whose presence would make
 *   SQLite replay it into the ledger), the workspace config. The same file reached by another
 *   name (a symbolic or hard link, `./`, another case on a case-insensitive disk) is the same file.
 *   Refused too: a folder, a device, pipe or socket (renaming over one would replace it), and a
 *   path whose folder is a file or cannot be written.
 * - `outputTargetProblem` says all of that before a command does anything else, so a path that
 *   cannot be used stops an import before it stores a batch; a path a person typed must be in a
 *   folder that exists (a mistyped folder is not made), a default one's folders are made.
 * - Written to a temporary file in the same folder, every byte, flushed, then renamed over the
 *   target: a failure part-way (disk full, a killed process) leaves any earlier file as it was,
 *   and a temporary a killed process left is removed by the next write into the folder
 *   (`temporaries.ts`).
 * - A full disk, a file-size limit or a folder that cannot be written is a clear error, not a stack.
 */

import { accessSync, constants, mkdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../kernel/errors.js';
import { faultPoint } from '../kernel/fault-point.js';
import { msg } from '../messages.js';
import { isDiskFull } from '../store/sqlite-errors.js';
import { removeStaleTemporaries, temporaryName } from './temporaries.js';

export type FileContent = string | Uint8Array | AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/** A file an output must never replace, and what to call it in the refusal. */
export interface ProtectedFile {
  readonly path: string;
  readonly what: string;
}

/** The workspace files every output is kept off: the ledger, its journal and the config. */
export function workspaceFiles(ws: { readonly ledgerPath: string; readonly configPath?: string | undefined }): ProtectedFile[] {
  return [
    { path: ws.ledgerPath, what: 'the ledger' },
    { path: `${ws.ledgerPath}-journal`, what: "the ledger's journal" },
    { path: `${ws.ledgerPath}-wal`, what: "the ledger's write-ahead log" },
    ...(ws.configPath === undefined ? [] : [{ path: ws.configPath, what: 'the workspace config' }]),
  ];
}

function identity(path: string): { real: string; inode: string | null } {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    real = resolve(path);
  }
  try {
    const s = statSync(path);
    return { real, inode: `${s.dev}:${s.ino}` };
  } catch {
    return { real, inode: null };
  }
}

/** The protected file `path` would replace, if any. */
export function protectedTarget(path: string, protect: readonly ProtectedFile[]): ProtectedFile | undefined {
  const target = identity(path);
  return protect.find((p) => {
    const other = identity(p.path);
    return other.real === target.real || (other.inode !== null && other.inode === target.inode);
  });
}

export interface OutputTargetOptions {
  /** The option the path came from, for the hint (default `--out`). */
  readonly flag?: string;
  /**
   * Whether missing folders on the way are made: yes for a default path (`reports/…`) and for
   * the library; no for a path a person typed, where a missing folder is usually a typo.
   */
  readonly makeFolders?: boolean;
}

/**
 * Why `path` cannot be written as an output, or undefined when it can: the protected files, a
 * folder or anything but a regular file at the path, a missing folder (unless `makeFolders`), a
 * file where a folder should be, a folder that cannot be written. Only looks; writes nothing.
 */
export function outputTargetProblem(path: string, protect: readonly ProtectedFile[], options: OutputTargetOptions = {}): UserError | undefined {
  const flag = options.flag ?? '--out';
  const hit = protectedTarget(path, protect);
  if (hit !== undefined) return new UserError('output_would_overwrite', msg.outputProtected(path, hit.what), msg.outputProtectedHint(flag));
  const target = resolve(path);
  const found = statOrNull(target);
  if (found?.isDirectory()) return new UserError('output_is_folder', msg.outputIsFolder(path), msg.outputIsFolderHint(flag));
  // Renaming over a device (/dev/null), a pipe or a socket would replace it with a plain file.
  if (found !== null && !found.isFile()) return new UserError('output_would_overwrite', msg.outputNotRegular(path), msg.outputProtectedHint(flag));
  // The nearest thing on the way that exists: the target's folder, or one above it.
  let folder = dirname(target);
  let stat = statOrNull(folder);
  while (stat === null && dirname(folder) !== folder) {
    folder = dirname(folder);
    stat = statOrNull(folder);
  }
  if (stat !== null && !stat.isDirectory()) return new UserError('output_under_file', msg.outputUnderFile(path, folder), msg.outputUnderFileHint(flag));
  if (stat === null || (folder !== dirname(target) && options.makeFolders !== true)) {
    return new UserError('output_no_folder', msg.outputNoFolder(path, dirname(target)), msg.outputNoFolderHint(flag));
  }
  try {
    accessSync(folder, constants.W_OK);
  } catch (e) {
    return new UserError('cannot_write', msg.outputFolderNotWritable(path, folder, codeOf(e) ?? 'EACCES'), msg.outputFolderNotWritableHint(flag));
  }
  return undefined;
}

/** Throws what `outputTargetProblem` finds: for a command to call before it does anything else. */
export function assertOutputTarget(path: string, protect: readonly ProtectedFile[], options: OutputTargetOptions = {}): void {
  const problem = outputTargetProblem(path, protect, options);
  if (problem !== undefined) throw problem;
}

/**
 * Writes `content` to `path` atomically, after the checks of `outputTargetProblem` (made again
 * here: time has passed since a command's first look). `flag` names the option the path came
 * from, for the hint; missing folders are made unless `makeFolders` is false. Returns the bytes
 * written.
 */
export async function writeOutputFile(path: string, content: FileContent, protect: readonly ProtectedFile[], flag = '--out', options: Omit<OutputTargetOptions, 'flag'> = {}): Promise<number> {
  assertOutputTarget(path, protect, { flag, makeFolders: options.makeFolders ?? true });
  const target = resolve(path);
  try {
    mkdirSync(dirname(target), { recursive: true });
    return await writeAtomic(target, content);
  } catch (e) {
    throw outputFailure(e, path, flag);
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null; // missing, or not reachable: judged by what is found further up, or when writing
  }
}

function codeOf(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Writes to a temporary beside `path`, flushed, then renamed over it; the bytes written. Every
 * byte is written: a write to a disk that has just filled (or at a file-size limit) may take only
 * part of a chunk, and only the next write fails (ENOSPC, EFBIG); a short write taken for a whole
 * one would rename a file cut off part-way over the earlier one.
 */
async function writeAtomic(path: string, content: FileContent): Promise<number> {
  removeStaleTemporaries(dirname(path));
  const temp = join(dirname(path), temporaryName(basename(path)));
  try {
    const handle = await open(temp, 'wx');
    let bytes = 0;
    try {
      const chunks = typeof content === 'string' || content instanceof Uint8Array ? [content] : content;
      for await (const chunk of chunks) {
        bytes += await writeWhole(handle, typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
        faultPoint('output-written', bytes);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    return bytes;
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

/** Writes all of `buf`, however many writes it takes; the bytes written. */
async function writeWhole(handle: FileHandle, buf: Uint8Array): Promise<number> {
  for (let done = 0; done < buf.length;) {
    const { bytesWritten } = await handle.write(buf, done, buf.length - done);
    // A regular file takes at least a byte or fails with an error; none at all would loop for ever.
    if (bytesWritten <= 0) throw Object.assign(new Error('the file took no more bytes'), { code: 'ENOSPC' });
    done += bytesWritten;
  }
  return buf.length;
}

/** What a failed write means to the person, or the error itself when it is a bug. */
function outputFailure(e: unknown, path: string, flag: string): unknown {
  if (e instanceof UserError) return e;
  const code = (e as { code?: unknown }).code;
  // EFBIG: a file-size limit (`ulimit -f`) stops the write as a full disk would.
  if (isDiskFull(e)) {
    return new UserError('disk_full', `The disk is full (or a file-size limit was reached): ${path} could not be written. Any earlier copy of it is unchanged.`, `Free some space, or write elsewhere with ${flag}.`);
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR') {
    return new UserError('cannot_write', `${path} cannot be written (${code}). Any earlier copy of it is unchanged.`, `Choose a folder you can write to with ${flag}.`);
  }
  return e;
}
