/**
 * The tree reads like the data's journey, and stays that way: every folder of `src/` imports only
 * folders that come before it in `LAYERS`, so no two folders import each other, directly or round
 * a loop. The README's layout section names the same folders in the same order.
 */

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

/** Lowest first: a folder may import from the folders before it, never after. */
const LAYERS = [
  'kernel', 'units', 'read', 'factors', 'convert', 'store', 'map', 'workspace', 'import',
  'travel', 'aggregate', 'targets', 'area', 'render', 'report', 'export', 'demo', 'cli', 'commands',
] as const;

const SRC = join(ROOT, 'src');
const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"`;]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** First folder under src/, or null for a file at src/'s top (index.ts, messages.ts). */
function folderOf(path: string): string | null {
  const parts = relative(SRC, path).split(sep);
  return parts.length > 1 ? parts[0]! : null;
}

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly file: string;
  readonly spec: string;
}

function folderEdges(): Edge[] {
  const edges: Edge[] = [];
  for (const file of walk(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = (m[1] ?? m[2])!;
      const from = folderOf(file);
      const to = folderOf(normalize(join(dirname(file), spec)));
      if (from !== null && to !== null && from !== to) edges.push({ from, to, file: relative(ROOT, file), spec });
    }
  }
  return edges;
}

describe('the layout of src/', () => {
  it('names every folder of src/ in the layers, and no folder that is not there', () => {
    const folders = readdirSync(SRC).filter((n) => statSync(join(SRC, n)).isDirectory()).sort();
    expect(folders).toEqual([...LAYERS].sort());
  });

  it('imports only downwards: no folder imports a folder after it in the layers', () => {
    const upward = folderEdges()
      .filter((e) => LAYERS.indexOf(e.to as (typeof LAYERS)[number]) > LAYERS.indexOf(e.from as (typeof LAYERS)[number]))
      .map((e) => `${e.file} imports ${e.spec} (${e.from} → ${e.to})`);
    expect(upward).toEqual([]);
  });

  it('the check sees real imports (it finds the edges the pipeline is made of)', () => {
    const pairs = new Set(folderEdges().map((e) => `${e.from}->${e.to}`));
    for (const pair of ['map->read', 'import->map', 'import->store', 'aggregate->travel', 'report->render', 'commands->cli']) {
      expect(pairs).toContain(pair);
    }
  });

  it('the README describes the same folders in the same order', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Layout'));
    const body = section.slice(0, section.indexOf('\n## ', 1) === -1 ? undefined : section.indexOf('\n## ', 1));
    const named = [...body.matchAll(/`src\/([a-z-]+)\/?`/g)].map((m) => m[1]!);
    const firstMentions = named.filter((n, i) => named.indexOf(n) === i);
    expect(firstMentions).toEqual([...LAYERS]);
  });
});
