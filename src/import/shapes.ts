/**
 * From a profile's shape to the code that reads a file of that shape: one table per kind of
 * import (energy, fleet, journeys), so a new shape is one entry, not another branch.
 */

import { UserError } from '../kernel/errors.js';
import type { Profile } from '../map/profiles.js';
import type { Ledger } from '../store/ledger.js';
import type { OpenedFile } from './open.js';
import type { ImportKind, ImportRequest } from './request.js';
import type { ImportSession } from './session.js';

export type Shape = Profile['shape'];
export type ProfileOf<S extends Shape> = Extract<Profile, { readonly shape: S }>;

export interface ShapeInput<S extends Shape, R extends ImportRequest> {
  readonly ledger: Ledger;
  readonly req: R;
  readonly opened: OpenedFile;
  /** The opened file's profile, narrowed to the shape. */
  readonly profile: ProfileOf<S>;
  readonly session: ImportSession;
}

/** Reads the whole file into the session (the rows it yields, excludes and rejects). */
export type ShapeReader<S extends Shape, R extends ImportRequest> = (input: ShapeInput<S, R>) => Promise<void>;

export type ShapeTable<S extends Shape, R extends ImportRequest> = { readonly [K in S]: ShapeReader<K, R> };

/** The reader for the opened file's shape, or a clear refusal naming the shapes this kind takes. */
export function readerFor<S extends Shape, R extends ImportRequest>(table: ShapeTable<S, R>, opened: OpenedFile, kind: ImportKind): (input: Omit<ShapeInput<S, R>, 'profile'>) => Promise<void> {
  const { profile } = opened;
  const shapes = Object.keys(table) as S[];
  if (!shapes.includes(profile.shape as S)) {
    const list = shapes.length === 1 ? shapes[0]! : `${shapes.slice(0, -1).join(', ')} or ${shapes.at(-1)!}`;
    throw new UserError('profile_not_supported', `Profile "${profile.id}" (${profile.shape}) is not ${kind === 'energy' ? 'an' : 'a'} ${kind} profile.`, `Use a ${list} profile (see \`tco2e profiles list\`).`);
  }
  // The table's key is the profile's shape, so the entry takes exactly this profile's type; the
  // compiler cannot follow a value-level lookup of a mapped type, hence the one cast.
  const read = table[profile.shape as S] as ShapeReader<S, R>;
  return (input) => read({ ...input, profile: profile as ProfileOf<S> });
}
