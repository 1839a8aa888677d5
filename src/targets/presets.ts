/**
 * Target presets: the published commitments (the Sustainable Development Strategy's 28%, the
 * Climate Change Act's carbon budgets, the NHS's net zero dates…) as data in
 * `data/targets/presets.json`, each with the publication it comes from and a note on how it is
 * read. A config entry names a preset and fills in what only it can know (the baseline).
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { UserError } from '../kernel/errors.js';
import { issueLines, parseOptions } from '../kernel/zod-messages.js';
import { targetMsg } from './target-text.js';
import type { Basis, Citation, Milestone, PathwayShape, Scope } from './types.js';

export const PRESETS_FILE = 'presets.json';
export const DEFAULT_PRESET_DIR = fileURLToPath(new URL('../../data/targets/', import.meta.url));

const year = z.number().int().min(1990, 'must be 1990 or later').max(2100, 'must be 2100 or earlier');
const pct = z.number().min(0).max(100, 'must be at most 100 (100 is net zero)');

const CitationSchema = z.strictObject({
  title: z.string().min(1, 'must give the publication title'),
  publisher: z.string().min(1, 'must give the publisher'),
  date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD'),
  url: z.url().optional(),
});

/** A milestone for one year, or for a range of years (`from`..`to`) as some publications state it. */
const MilestoneSchema = z.union([
  z.strictObject({ year, reductionPct: pct }),
  z.strictObject({ from: year, to: year, reductionPct: pct }).refine((m) => m.from < m.to, { message: 'from must be before to', path: ['to'] }),
]);

const PresetSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
  name: z.string().min(1),
  /** An organisation's own operations (default), or an area's total from the local authority statistics. */
  appliesTo: z.enum(['organisation', 'area']).default('organisation'),
  basis: z.enum(['financial', 'calendar']),
  /** Left out when each organisation chooses its own (the config entry must then give it). */
  baselineYear: year.optional(),
  targetYear: year,
  reductionPct: pct,
  interim: z.array(MilestoneSchema).default([]),
  /** Required for an organisation's preset; an area preset covers the whole area and gives none. */
  scopes: z.array(z.union([z.literal(1), z.literal(2), z.literal(3)])).min(1).optional(),
  /** Source prefixes covered; every source when left out. */
  sources: z.array(z.string().min(1)).min(1).optional(),
  scope2: z.enum(['location', 'market']).default('location'),
  pathway: z.enum(['linear', 'compound']).default('linear'),
  trendYears: z.number().int().min(2).max(20).optional(),
  source: CitationSchema,
  /** Further publications: the strategy that adopted the figure, the legislation behind it. */
  related: z.array(CitationSchema).default([]),
  note: z.string().min(1, 'must say how the preset reads its source'),
}).superRefine((p, ctx) => {
  if (p.appliesTo === 'organisation' && p.scopes === undefined) ctx.addIssue({ code: 'custom', path: ['scopes'], message: 'must list the scopes an organisation\'s preset covers' });
  if (p.appliesTo === 'area') {
    // The local authority statistics are calendar-year territorial totals: nothing to choose within them.
    for (const key of ['scopes', 'sources'] as const) if (p[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'does not apply to an area preset' });
    if (p.basis !== 'calendar') ctx.addIssue({ code: 'custom', path: ['basis'], message: 'must be "calendar" for an area preset: the local authority statistics are by calendar year' });
  }
});

const PresetsFileSchema = z.strictObject({
  version: z.literal(1),
  presets: z.array(PresetSchema).min(1),
}).superRefine((f, ctx) => {
  const seen = new Set<string>();
  f.presets.forEach((p, i) => {
    if (seen.has(p.id)) ctx.addIssue({ code: 'custom', path: ['presets', i, 'id'], message: `"${p.id}" is used by another preset` });
    seen.add(p.id);
  });
});

export interface Preset {
  readonly id: string;
  readonly name: string;
  readonly appliesTo: 'organisation' | 'area';
  readonly basis: Basis;
  readonly baselineYear: number | null;
  readonly targetYear: number;
  readonly reductionPct: number;
  readonly interim: readonly Milestone[];
  readonly scopes: readonly Scope[];
  readonly sources: readonly string[] | null;
  readonly scope2: 'location' | 'market';
  readonly pathway: PathwayShape;
  readonly trendYears: number | null;
  readonly source: Citation;
  readonly related: readonly Citation[];
  readonly note: string;
}

export interface PresetsRead {
  readonly presets: readonly Preset[];
  /** `file: path: what is allowed (got X)`, one per zod issue; when there are any, `presets` is empty. */
  readonly problems: readonly string[];
}

function citation(c: z.infer<typeof CitationSchema>): Citation {
  return c.url === undefined ? { title: c.title, publisher: c.publisher, date: c.date } : { title: c.title, publisher: c.publisher, date: c.date, url: c.url };
}

/** A range milestone's pathway passes through the midpoint of the range (see `Milestone`). */
function milestone(m: z.infer<typeof MilestoneSchema>): Milestone {
  return 'year' in m
    ? { reductionPct: m.reductionPct, fromYear: m.year, toYear: m.year, pathwayYear: m.year }
    : { reductionPct: m.reductionPct, fromYear: m.from, toYear: m.to, pathwayYear: (m.from + m.to) / 2 };
}

/** Validates a parsed presets file; problems are returned, never thrown. */
export function parsePresets(json: unknown, file: string): PresetsRead {
  const r = PresetsFileSchema.safeParse(json, parseOptions);
  if (!r.success) {
    const problems = issueLines(file, r.error.issues);
    return { presets: [], problems };
  }
  const presets = r.data.presets.map((p): Preset => ({
    id: p.id,
    name: p.name,
    appliesTo: p.appliesTo,
    basis: p.basis,
    baselineYear: p.baselineYear ?? null,
    targetYear: p.targetYear,
    reductionPct: p.reductionPct,
    interim: p.interim.map(milestone).sort((a, b) => a.pathwayYear - b.pathwayYear),
    scopes: [...new Set(p.scopes ?? [])].sort((a, b) => a - b),
    sources: p.sources ?? null,
    scope2: p.scope2,
    pathway: p.pathway,
    trendYears: p.trendYears ?? null,
    source: citation(p.source),
    related: p.related.map(citation),
    note: p.note,
  }));
  return { presets, problems: [] };
}

/**
 * Reads `presets.json` from `dir` (the shipped `data/targets` by default). A file that is not
 * JSON or does not validate is a `UserError` listing every problem: a target cannot be judged
 * against a preset that is half read.
 */
export function loadPresets(dir: string = DEFAULT_PRESET_DIR): readonly Preset[] {
  const file = join(dir, PRESETS_FILE);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UserError('presets_unreadable', targetMsg.presetsUnreadable(file, (e as Error).message), targetMsg.presetsHint);
  }
  const r = parsePresets(json, file);
  if (r.problems.length > 0) {
    throw new UserError('presets_invalid', targetMsg.presetsInvalid(file, r.problems), targetMsg.presetsHint, { problems: r.problems });
  }
  return r.presets;
}
