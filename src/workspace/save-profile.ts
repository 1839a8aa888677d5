/**
 * Adds a profile to the workspace config (`--save-profile`), keeping everything else in the file
 * as it was. The new config is checked as a whole before it is written, and written whole or not
 * at all (a temporary beside it, renamed over it).
 */

import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../kernel/errors.js';
import { loadBuiltinProfiles, type ProfileInput } from '../map/profiles.js';
import { parseConfig } from './config.js';

export function saveProfile(configPath: string, profile: ProfileInput): void {
  const text = readFileSync(configPath, 'utf8');
  const json = JSON.parse(text) as { profiles?: unknown[] };
  const taken = [...loadBuiltinProfiles().map((p) => p.id), ...(json.profiles ?? []).map((p) => (p as { id?: unknown }).id)];
  if (taken.includes(profile.id)) {
    throw new UserError('profile_exists', `There is already a profile "${profile.id}" (${configPath} or the built-in layouts).`, 'Choose another id for --save-profile, or remove the old profile from the config first.');
  }
  const next = JSON.stringify({ ...json, profiles: [...(json.profiles ?? []), profile] }, null, 2) + '\n';
  // Refuses (and says why) a profile the config would not accept, before anything is written.
  parseConfig(next, configPath);
  const temp = join(dirname(configPath), `.${basename(configPath)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, next, { flag: 'wx' });
    renameSync(temp, configPath);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}
