/**
 * What tco2e makes of a file before importing it (`tco2e profiles detect`, `import … --explain`):
 * where its header is, which layout (profile) it is taken for and how sure, and for every field
 * of that layout the column it was taken from and why (the spelling it matched, or the words,
 * stated unit and values that decided). A file no layout fits gets the nearest layouts and
 * exactly what each still lacks. Reads only the header and a few rows; stores nothing.
 */

import { basename } from 'node:path';
import { explainColumns } from '../map/columns.js';
import { chooseEnergyLayout, periodColumnsOf, type EnergyLayout } from '../map/energy-layout.js';
import { isUserError } from '../kernel/errors.js';
import { columnSpecOf, missingFields, nearestProfiles, profilesFitting, type Profile } from '../map/profiles.js';
import { openCsv, type CsvFile } from '../read/csv/index.js';
import type { ImportKind } from './request.js';

export const IMPORT_KINDS: readonly ImportKind[] = ['energy', 'fleet', 'journeys'];

/** Rows read to let the values settle what a header leaves open. */
const SAMPLE_ROWS = 20;

export interface ColumnReading {
  /** The profile's field (meter, date, quantity, mode…). */
  readonly field: string;
  /** 0-based column, and its header as written. */
  readonly column: number;
  readonly header: string;
  /** `spelling`: the header is one the profile lists; `meaning`: found by its words, unit and values. */
  readonly by: 'spelling' | 'meaning';
  /** The spelling matched, or the words (and stated unit) that counted, for the person to check. */
  readonly why: string;
  /** For a column found by meaning: its score (0–1.2; 0.6 or more is taken). */
  readonly score?: number;
}

export interface LayoutChoice {
  readonly profile: string;
  readonly shape: string;
  readonly description: string;
  /** `certain` when every field was found by a spelling the profile lists; `by meaning` otherwise. */
  readonly sureness: 'certain' | 'by meaning';
  readonly columns: readonly ColumnReading[];
  /** Columns the layout does not use (flags, costs, free text…). */
  readonly unused: readonly string[];
  readonly dateFormat: string | null;
  /** A half-hourly layout's period columns. */
  readonly periodColumns?: number;
}

export interface KindDetection {
  readonly kind: ImportKind;
  /** The layout taken, when exactly one fits. */
  readonly chosen: LayoutChoice | null;
  /** Several layouts fit equally: `--profile` settles it. */
  readonly tied: readonly string[];
  /** When none fits: each layout of the kind, nearest first, with what it still lacks. */
  readonly nearest: readonly { readonly profile: string; readonly lacks: readonly string[] }[];
  /** What was settled by reading the values (a column, a date format, the labelling), for the person to check. */
  readonly notes: readonly string[];
}

export interface LayoutDetection {
  readonly file: string;
  readonly encoding: string;
  readonly delimiter: string;
  /** Physical line of the header row (rows above it are a preamble). */
  readonly headerLine: number;
  readonly header: readonly string[];
  readonly kinds: readonly KindDetection[];
  /** What the reader noticed opening the file (a `sep=` line, duplicate names…). */
  readonly warnings: readonly string[];
}

async function sampleRows(csv: CsvFile): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const batch of csv.batches()) {
    for (const r of batch) {
      rows.push(r.cells);
      if (rows.length >= SAMPLE_ROWS) return rows;
    }
  }
  return rows;
}

function choice(p: Profile, header: readonly string[], sample: readonly (readonly string[])[]): LayoutChoice {
  const spec = p.columns as Readonly<Record<string, readonly string[] | undefined>>;
  let found = explainColumns(header, spec, sample);
  // A survey with no days a week on site may be a patient and visitor survey: read with its
  // questions too, as the import reads it (a staff survey is read by the profile's columns alone).
  if (p.shape === 'survey' && !found.has('daysPerWeek')) found = explainColumns(header, columnSpecOf(p), sample);
  const columns: ColumnReading[] = [];
  for (const [field, m] of found) {
    const base = { field, column: m.index, header: header[m.index] ?? '' };
    if (m.found.by === 'spelling') columns.push({ ...base, by: 'spelling', why: `listed as "${m.found.spelling}"` });
    else {
      const words = [...m.found.words, ...(m.found.unit !== undefined && !m.found.words.includes(m.found.unit.word) ? [m.found.unit.word] : [])];
      columns.push({ ...base, by: 'meaning', why: words.length > 0 ? words.join(', ') : 'its values', score: Math.round(m.found.score * 100) / 100 });
    }
  }
  columns.sort((a, b) => a.column - b.column);
  const used = new Set(columns.map((c) => c.column));
  // The period columns as the import reads them (and their flag columns): the layout's own.
  const own = p.shape === 'half-hourly' ? periodColumnsOf(p, header) : undefined;
  const periodCols = new Set([...(own?.columns ?? []), ...(own?.flags ?? [])]);
  const periods = own?.columns.length;
  return {
    profile: p.id, shape: p.shape, description: p.description,
    sureness: columns.every((c) => c.by === 'spelling') ? 'certain' : 'by meaning',
    columns,
    // Period columns are the layout's own; the rest nobody reads.
    unused: header.filter((h, i) => !used.has(i) && h.trim() !== '' && !periodCols.has(i)),
    dateFormat: p.dateFormat ?? null,
    ...(periods === undefined ? {} : { periodColumns: periods }),
  };
}

/** A meter-data choice with the columns the import takes, found by the values where the header did not name them. */
function withLayout(c: LayoutChoice, layout: EnergyLayout, header: readonly string[]): LayoutChoice {
  const byHeader = new Map(c.columns.map((col) => [col.field, col]));
  const columns: ColumnReading[] = Object.entries(layout.columns).map(([field, column]) => {
    const known = byHeader.get(field);
    return known !== undefined && known.column === column ? known : { field, column: column, header: header[column] ?? '', by: 'meaning' as const, why: 'its values' };
  }).sort((a, b) => a.column - b.column);
  const used = new Set(columns.map((col) => col.column));
  return {
    ...c, columns,
    sureness: columns.every((col) => col.by === 'spelling') ? c.sureness : 'by meaning',
    unused: c.unused.filter((h) => !used.has(header.indexOf(h))),
  };
}

/**
 * Detects the layout of `path` for the kinds asked for (every kind when none is), among
 * `profiles` (built-in and the workspace's own).
 */
export async function detectLayout(path: string, profiles: readonly Profile[], kinds: readonly ImportKind[] = IMPORT_KINDS): Promise<LayoutDetection> {
  const expected = profiles.filter((p) => kinds.includes(p.kind)).flatMap((p) => Object.values(p.columns as Record<string, readonly string[] | undefined>).flatMap((v) => v ?? []));
  const csv = await openCsv(path, { expectedHeaders: expected });
  const sample = await sampleRows(csv);
  const header = csv.header;
  const detections = kinds.map((kind): KindDetection => {
    const nearest = (): KindDetection['nearest'] => nearestProfiles(profiles, kind, header).map((n) => ({ profile: n.id, lacks: n.missing }));
    // Meter data is read as an import reads it: by structure and values where the header is silent.
    if (kind === 'energy') {
      try {
        const r = chooseEnergyLayout({ profiles, header, sample, named: undefined, file: basename(path), meter: undefined });
        const chosen = r.layout === undefined ? choice(r.profile, header, sample) : withLayout(choice(r.profile, header, sample), r.layout, header);
        return { kind, chosen, tied: [], nearest: [], notes: (r.layout?.notes ?? []).map((n) => n.message) };
      } catch (e) {
        if (!isUserError(e)) throw e;
        if (e.code === 'ambiguous_profile') return { kind, chosen: null, tied: profilesFitting(profiles, kind, header).map((p) => p.id), nearest: [], notes: [] };
        const notes = e.code === 'no_profile_fits' ? [] : [`${e.message}${e.hint === undefined ? '' : ` ${e.hint}`}`];
        return { kind, chosen: null, tied: [], nearest: nearest(), notes };
      }
    }
    const fitting = profilesFitting(profiles, kind, header);
    if (fitting.length === 1) {
      // The header alone fitted it; read with the values, a column it needed may be ruled out
      // (a "Units" column of the text "kWh" is no quantity): then it does not fit after all.
      const c = choice(fitting[0]!, header, sample);
      const lacks = missingFields(fitting[0]!, new Set(c.columns.map((col) => col.field))).map((alternatives) => alternatives.map((all) => all.join(' and ')).join(' or '));
      return lacks.length === 0 ? { kind, chosen: c, tied: [], nearest: [], notes: [] } : { kind, chosen: null, tied: [], nearest: [{ profile: c.profile, lacks: lacks.map((l) => `${l} (a column its values bear out)`) }, ...nearest().filter((n) => n.profile !== c.profile)], notes: [] };
    }
    if (fitting.length > 1) return { kind, chosen: null, tied: fitting.map((p) => p.id), nearest: [], notes: [] };
    return { kind, chosen: null, tied: [], nearest: nearest(), notes: [] };
  });
  return {
    file: basename(path), encoding: csv.encoding, delimiter: csv.delimiter, headerLine: csv.headerLine, header,
    kinds: detections,
    warnings: csv.warnings.map((w) => w.message),
  };
}
