/**
 * Writes the sample dataset into data/samples/ics/. Run with `npx tsx tests/samples/generate.ts`
 * after changing the generator; tests/samples/samples.test.ts fails while the shipped files and
 * the generator disagree.
 */

import { fileURLToPath } from 'node:url';
import { writeSamples } from './build/index.js';

const dir = fileURLToPath(new URL('../../data/samples/ics/', import.meta.url));
const written = writeSamples(dir);
process.stdout.write(`wrote ${written.length} files to data/samples/ics/\n`);
