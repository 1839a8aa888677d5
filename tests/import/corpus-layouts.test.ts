/**
 * The corpus of real UK export layouts (tests/fixtures/corpus, sources in tests/fixtures/README.md):
 * each file imported as a new user would, with `tco2e init` and no `--profile`, must store exactly
 * the totals worked out by hand in `corpus/manifest.json`, or, for a file that is not what it claims
 * to be, be refused with nothing stored.
 */

import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LayoutDetection } from '../../src/import/detect-layout.js';
import { Ledger } from '../../src/store/ledger.js';
import { runCli } from '../helpers.js';
import { CORPUS, corpusFixtures } from './corpus-manifest.js';

interface Expect {
  readonly status?: string;
  readonly kWhByFactorKey?: Readonly<Record<string, number>>;
  readonly litresByFactorKey?: Readonly<Record<string, number>>;
  readonly rows?: { readonly read?: number; readonly accepted?: number; readonly excluded?: number; readonly rejected?: number };
  readonly notCounted?: number;
  readonly responses?: number;
  readonly modes?: Readonly<Record<string, number>>;
  readonly refusal?: boolean;
  readonly anyOf?: readonly string[];
  readonly note: string;
}

interface Fixture {
  readonly path: string;
  readonly kind: 'energy' | 'fleet' | 'journeys';
  readonly layout: string;
  /** Flags the import needs beyond --org (a single meter's download takes --meter). */
  readonly args?: readonly string[];
  readonly expect: Expect;
}

const manifest = { fixtures: corpusFixtures<Fixture>() };
const ORG = 'north-acute';

function workspaceWith(file: string): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tco2e-corpus-'));
  expect(runCli(dir, 'init', '--org', ORG, '--name', 'North Acute').code).toBe(0);
  const path = join(dir, basename(file));
  copyFileSync(file, path);
  return { dir, path };
}

/** Main (not companion) quantities that count, by factor key and unit. */
function counted(dir: string): { byKey: Record<string, number>; batches: number; responses: number; modes: Record<string, number> } {
  const ledger = Ledger.open(join(dir, 'tco2e-ledger.sqlite'));
  try {
    const byKey: Record<string, number> = {};
    for (const r of ledger.select<{ key: string; q: number }>(`SELECT a.factor_key AS key, sum(a.quantity) AS q FROM activities a JOIN batches b ON b.id = a.batch_id
      WHERE b.status = 'active' AND a.superseded_by IS NULL AND a.companion_of IS NULL AND a.direction = 'import' GROUP BY a.factor_key`)) byKey[r.key] = r.q;
    const modes: Record<string, number> = {};
    for (const r of ledger.select<{ mode: string; n: number }>("SELECT s.main_mode AS mode, count(*) AS n FROM survey_responses s JOIN batches b ON b.id = s.batch_id WHERE b.status = 'active' GROUP BY s.main_mode")) modes[r.mode] = r.n;
    return {
      byKey, modes,
      batches: ledger.select<{ n: number }>('SELECT count(*) AS n FROM batches')[0]!.n,
      responses: Object.values(modes).reduce((s, n) => s + n, 0),
    };
  } finally {
    ledger.close();
  }
}

describe('real export layouts load with no --profile', () => {
  for (const f of manifest.fixtures) {
    it(`${f.path}: ${f.layout.slice(0, 90)}`, () => {
      const { dir, path } = workspaceWith(join(CORPUS, f.path));
      const r = runCli(dir, 'import', f.kind, path, '--org', ORG, ...(f.args ?? []), '--json');
      const e = f.expect;
      if (e.refusal === true) {
        expect(r.code, r.stdout + r.stderr).not.toBe(0);
        const out = JSON.parse(r.stdout || r.stderr) as { status?: string; error?: { code?: string } };
        expect(e.anyOf).toContain(out.error?.code ?? out.status);
        expect(counted(dir).batches).toBe(0);
        return;
      }
      expect(r.code, `${r.stderr}\n${r.stdout.slice(0, 2_000)}`).toBe(0);
      const summary = JSON.parse(r.stdout) as { status: string; profile: string; rows: { read: number; accepted: number; excluded: number; rejected: number } };
      expect(summary.status).toBe(e.status);
      // \`profiles detect\` says what the import did: the same layout, or, for a single meter's
      // download, that it needs --meter.
      const d = JSON.parse(runCli(dir, 'profiles', 'detect', path, '--kind', f.kind, '--json').stdout) as LayoutDetection;
      if (f.args?.includes('--meter') === true) expect(d.kinds[0]!.notes.join(' ')).toContain('--meter');
      else expect(d.kinds[0]!.chosen?.profile, f.path).toBe(summary.profile);
      if (e.rows !== undefined) expect(summary.rows, e.note).toMatchObject(e.rows);
      const c = counted(dir);
      for (const [key, q] of Object.entries({ ...e.kWhByFactorKey, ...e.litresByFactorKey })) expect(c.byKey[key], `${key}: ${e.note}`).toBeCloseTo(q, 6);
      expect(Object.keys(c.byKey).sort(), e.note).toEqual(Object.keys({ ...e.kWhByFactorKey, ...e.litresByFactorKey }).sort());
      if (e.responses !== undefined) expect(c.responses, e.note).toBe(e.responses);
      if (e.modes !== undefined) expect(c.modes, e.note).toEqual(e.modes);
    });
  }
});
