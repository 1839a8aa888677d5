/** The sample dataset's manifest: which file goes to which organisation, in which order. */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { UserError } from '../kernel/errors.js';

const Entry = z.strictObject({
  kind: z.enum(['energy', 'fleet', 'journeys']),
  org: z.string().min(1),
  file: z.string().min(1).refine((f) => !f.startsWith('/') && !f.split(/[\\/]/).includes('..'), 'must be a path inside the dataset folder'),
  profile: z.string().min(1).optional(),
  wave: z.string().min(1).optional(),
  expectRejected: z.number().int().nonnegative().default(0),
  note: z.string().default(''),
});

export const ManifestSchema = z.strictObject({
  description: z.string(),
  config: z.string().min(1),
  policy: z.string().min(1).default('financial-year'),
  imports: z.array(Entry).min(1),
});

export type Manifest = z.infer<typeof ManifestSchema>;
export type ManifestEntry = Manifest['imports'][number];

export function readManifest(dir: string): Manifest {
  const file = join(dir, 'manifest.json');
  const r = ManifestSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!r.success) {
    throw new UserError('manifest_invalid', `${file}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, 'Regenerate the sample dataset with `npm run samples`.');
  }
  return r.data;
}
