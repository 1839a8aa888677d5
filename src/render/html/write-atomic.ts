/**
 * Writing a report so that a failure part-way (disk full, a killed process) leaves the previous
 * report as it was: write a temporary file in the same folder, flush it, then rename it over the
 * target. A rename within one file system replaces the file in one step.
 */

import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export type FileContent = string | Uint8Array | AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

export async function writeFileAtomic(path: string, content: FileContent): Promise<void> {
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
