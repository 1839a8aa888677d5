/**
 * Every file tco2e writes where a person asked (`--out`, `--rejects`): never over a file it must
 * not touch, always whole or not at all.
 *
 * - Refused: the input being imported, the ledger (and its journal, whose presence would make
 *   SQLite replay it into the ledger), the workspace config. The same file reached by another
 *   name (a symbolic or hard link, `./`, another case on a case-insensitive disk) is the same file.
 * - Written to a temporary file in the same folder, flushed, then renamed over the target: a
 *   failure part-way (disk full, a killed process) leaves any earlier file as it was.
 * - A full disk, a file-size limit or a folder that cannot be written is a clear error, not a stack.
 */

import { randomBytes } from 'node:crypto';
import { mkdirSync, realpathSync, statSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../kernel/errors.js';

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

/**
 * Writes `content` to `path` atomically, refusing the protected files. `flag` names the option the
 * path came from, for the hint.
 */
export async function writeOutputFile(path: string, content: FileContent, protect: readonly ProtectedFile[], flag = '--out'): Promise<void> {
  const hit = protectedTarget(path, protect);
  if (hit !== undefined) {
    throw new UserError('output_would_overwrite', `Refusing to write ${path}: it is ${hit.what}, which tco2e never overwrites.`, `Choose another file name for ${flag}.`);
  }
  const target = resolve(path);
  try {
    if (statSync(target, { throwIfNoEntry: false })?.isDirectory()) {
      throw new UserError('output_is_folder', `${path} is a folder, not a file.`, `Give ${flag} the name of a file (it may be inside that folder).`);
    }
    mkdirSync(dirname(target), { recursive: true });
    await writeAtomic(target, content);
  } catch (e) {
    throw outputFailure(e, path, flag);
  }
}

async function writeAtomic(path: string, content: FileContent): Promise<void> {
  // The random part only keeps two concurrent writers apart; it never reaches the output.
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx');
  try {
    try {
      if (typeof content === 'string' || content instanceof Uint8Array) await handle.writeFile(content);
      else for await (const chunk of content) await (typeof chunk === 'string' ? handle.write(chunk) : handle.write(chunk));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

/** What a failed write means to the person, or the error itself when it is a bug. */
function outputFailure(e: unknown, path: string, flag: string): unknown {
  if (e instanceof UserError) return e;
  const code = (e as { code?: unknown }).code;
  // EFBIG: a file-size limit (`ulimit -f`) stops the write as a full disk would.
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') {
    return new UserError('disk_full', `The disk is full (or a file-size limit was reached): ${path} could not be written. Any earlier copy of it is unchanged.`, `Free some space, or write elsewhere with ${flag}.`);
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR') {
    return new UserError('cannot_write', `${path} cannot be written (${code}). Any earlier copy of it is unchanged.`, `Choose a folder you can write to with ${flag}.`);
  }
  return e;
}
