/**
 * Reads a simple activity list (`key,quantity,unit,date[,use]`) — the shape the demo sample and
 * hand-made lists use. Supplier exports go through the profile-based importers instead.
 * Rows are validated here, once; problems come back as data with their line and column.
 */

import { z } from 'zod';
import type { Activity } from './convert.js';
import { isIsoDate } from './policy.js';
import { readHeaderCsv, zodProblems } from '../read/header-csv.js';
import type { Problem } from '../kernel/problem.js';
import { parseUnit } from '../units/units.js';

const Row = z.object({
  key: z.string().trim().min(1, 'is empty'),
  quantity: z
    .string()
    .trim()
    .refine((s) => s !== '' && Number.isFinite(Number(s.replace(/,/g, ''))), 'is not a number')
    .transform((s) => Number(s.replace(/,/g, ''))),
  unit: z.string().trim().refine((s) => parseUnit(s) !== undefined, 'is not a unit tco2e knows').transform((s) => parseUnit(s)!),
  date: z.string().trim().refine(isIsoDate, 'is not a date in the form YYYY-MM-DD'),
  use: z.enum(['owned', 'business_travel', 'commuting']).optional().or(z.literal('').transform(() => undefined)),
});

export interface ActivitiesRead {
  readonly activities: Activity[];
  readonly problems: Problem[];
  readonly rows: number;
}

export function readActivitiesCsv(text: string, file: string): ActivitiesRead {
  const { rows, problems, lineOf } = readHeaderCsv(text, file, ['key', 'quantity', 'unit', 'date'], Object.keys(Row.shape));
  if (problems.some((p) => p.code === 'missing_column' || p.code === 'unknown_column')) return { activities: [], problems, rows: rows.length };
  const activities: Activity[] = [];
  rows.forEach((raw, i) => {
    const line = lineOf(i);
    const r = Row.safeParse(raw);
    if (!r.success) {
      problems.push(...zodProblems(r.error, raw, file, line));
      return;
    }
    const { use, ...rest } = r.data;
    activities.push({ ...rest, ...(use ? { use } : {}), source: { file, line } });
  });
  return { activities, problems, rows: rows.length };
}
