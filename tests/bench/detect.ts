/**
 * What detecting a file's layout costs an import (the issue: at most 50 ms): `detectLayout` on
 * every file of the real-layout corpus (tests/fixtures/corpus), which opens the file, finds its
 * header, reads a sample of rows, tries every layout of each kind by spelling and by meaning and
 * explains the one taken: more than an import does to choose a profile, so an upper bound. The
 * first file is timed cold (the first call in a fresh process), then each file's median of 5.
 */

import { join } from 'node:path';
import { detectLayout } from '../../dist/import/detect-layout.js';
import { loadBuiltinProfiles, profilesFitting } from '../../dist/map/profiles.js';
import { openCsv } from '../../dist/read/csv/index.js';
import { CORPUS, corpusFixtures } from '../import/corpus-manifest.js';


export async function benchDetect(): Promise<string> {
  const fixtures = corpusFixtures<{ path: string; kind: 'energy' | 'fleet' | 'journeys' }>();
  const profiles = loadBuiltinProfiles();
  // What an import without --profile does that one with it does not: choose among the layouts.
  const headers = await Promise.all(fixtures.map(async (f) => (await openCsv(join(CORPUS, f.path))).header));
  const c0 = performance.now();
  profilesFitting(profiles, fixtures[0]!.kind, headers[0]!);
  const chooseCold = performance.now() - c0;
  // An import sees its header once: each file's first call is what it pays. (Header names are
  // memoised per process, so a repeat of the same file costs less and would flatter the figure.)
  const choose = fixtures.map((f, i) => {
    const t = performance.now();
    profilesFitting(profiles, f.kind, headers[i]!);
    return { path: f.path, ms: performance.now() - t };
  }).sort((a, b) => b.ms - a.ms);
  const t0 = performance.now();
  await detectLayout(join(CORPUS, fixtures[0]!.path), profiles, [fixtures[0]!.kind]);
  const cold = performance.now() - t0;
  const rows: { path: string; ms: number }[] = [];
  for (const f of fixtures.slice(1)) {
    const t = performance.now();
    await detectLayout(join(CORPUS, f.path), profiles, [f.kind]);
    rows.push({ path: f.path, ms: performance.now() - t });
  }
  rows.sort((a, b) => b.ms - a.ms);
  const median = [...rows].sort((a, b) => a.ms - b.ms)[Math.floor(rows.length / 2)]!.ms;
  return [
    '## Detecting a layout',
    '',
    `\`detectLayout\` on the ${rows.length + 1} files of the real-layout corpus, for the kind each is imported as. Issue target: at most 50 ms added to an import.`,
    '',
    `Choosing the layout from the header (\`profilesFitting\`, what an import without \`--profile\` adds): first call in the process ${chooseCold.toFixed(1)} ms; each file's first call after it, slowest ${choose.slice(0, 3).map((r) => `${r.path} ${r.ms.toFixed(1)} ms`).join(', ')}.`,
    '',
    'The whole of `profiles detect` (open, header, sample, choose, explain):',
    '',
    `- First call in a fresh process (${fixtures[0]!.path}): ${cold.toFixed(1)} ms.`,
    `- Each other file's first call after it: median file ${median.toFixed(1)} ms; slowest ${rows.slice(0, 3).map((r) => `${r.path} ${r.ms.toFixed(1)} ms`).join(', ')}.`,
  ].join('\n');
}
