/** What an import is asked to do, shared by every phase and every kind of file. */

import type { FactorPolicy } from '../convert/policy.js';
import type { FactorLibrary } from '../factors/library.js';
import type { Profile } from '../map/profiles.js';
import type { OrganisationConfig } from '../workspace/config.js';

export type ImportKind = Profile['kind'];

/** What a stored import holds: a profile's kind, or one read by its own layout rather than a profile: `eric` (an NHS estates return), `clinical` (anaesthetic gases and inhalers), `la-ghg` (the DESNZ local authority greenhouse gas statistics). */
export type BatchKind = ImportKind | 'eric' | 'clinical' | 'la-ghg';

/** What an import needs to know of the organisation: its id and which meters are at which site. */
export type ImportOrg = Pick<OrganisationConfig, 'id' | 'name' | 'kind' | 'sites'> & { readonly ods?: string | undefined };

export interface ImportRequest {
  readonly path: string;
  readonly org: ImportOrg;
  readonly profiles: readonly Profile[];
  readonly profileId?: string;
  readonly library: FactorLibrary;
  readonly policy: FactorPolicy;
  readonly dryRun?: boolean;
  readonly strict?: boolean;
  readonly replace?: boolean;
  readonly now: Date;
  readonly toolVersion: string;
  /** Called with rows read so far and, where the file's size is known, its bytes read, for a progress bar. */
  readonly onProgress?: (rowsRead: number, bytes?: ImportProgressBytes) => void;
}

/** How much of the file a read has gone through: bytes as read from disk, before decoding. */
export interface ImportProgressBytes {
  readonly read: number;
  readonly total: number;
}
