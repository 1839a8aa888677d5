/**
 * A detected layout written down as a profile of the workspace's own (`--save-profile`): the
 * layout it was taken for, with the file's own header names listed first for each field, so next
 * month's file from the same system fits by spelling, with no reading by meaning and no question.
 * A person can read and edit it in the config like any profile.
 */

import type { Profile, ProfileInput } from './profiles.js';

export interface SavedColumn {
  readonly field: string;
  readonly header: string;
}

export function savedProfile(base: Profile, id: string, columns: readonly SavedColumn[], origin: { readonly file: string; readonly headerLine: number; readonly date: string }): ProfileInput {
  const spellings: Record<string, string[]> = {};
  for (const [field, names] of Object.entries(base.columns as Record<string, readonly string[] | undefined>)) if (names !== undefined) spellings[field] = [...names];
  for (const c of columns) {
    if (c.header.trim() === '') continue;
    spellings[c.field] = [c.header, ...(spellings[c.field] ?? []).filter((s) => s !== c.header)];
  }
  return {
    ...base,
    id,
    description: `The layout of ${origin.file} (saved on ${origin.date} from ${base.id}: ${base.description})`,
    columns: spellings,
    // A preamble above the header is found again each time; a fixed line would break on a
    // file whose title rows differ by one, so only a header below the first line is recorded.
    ...(origin.headerLine > 1 ? { headerLine: origin.headerLine } : {}),
  } as ProfileInput;
}
