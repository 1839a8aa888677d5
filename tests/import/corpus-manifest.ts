/**
 * The real-layout corpus's manifests: `corpus/manifest.json`, and a `manifest-<part>.json` beside
 * it for each part of the corpus added since (fuel cards, surveys…), read in name order.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CORPUS = join(import.meta.dirname, '../fixtures/corpus');

export function corpusFixtures<T>(): T[] {
  return readdirSync(CORPUS)
    .filter((f) => /^manifest(-[a-z-]+)?\.json$/.test(f))
    .sort()
    .flatMap((f) => (JSON.parse(readFileSync(join(CORPUS, f), 'utf8')) as { fixtures: T[] }).fixtures);
}
