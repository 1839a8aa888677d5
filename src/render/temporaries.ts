/**
 * The temporary files outputs are written to before they are renamed into place (see
 * `output-file.ts`). A process killed while writing leaves its temporary behind (nothing runs on
 * SIGKILL), so each is named with the machine and process that write it, and the next file
 * written into the folder removes those of this machine whose process has gone.
 */

import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** This machine's name as it goes in a temporary's name: letters and digits only. */
function machine(): string {
  return hostname().toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 32) || 'host';
}

/** `.NAME.tco2e-PID-MACHINE-RANDOM.tmp`: hidden, beside the output, and saying who writes it. */
export function temporaryName(base: string): string {
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

