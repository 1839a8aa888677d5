/**
 * Reads a simple activity list (`key,quantity,unit,date[,use]`) — the shape the demo sample and
 * hand-made lists use. Supplier exports go through the profile-based importers instead.
 * Rows are validated here, once; problems come back as data with their line and column.
 */

import Papa from 'papaparse';
import { z } from 'zod';
import type { Activity } from '../convert/convert.js';
import { isIsoDate } from '../convert/policy.js';
import type { Problem } from '../factors/custom.js';
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
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const problems: Problem[] = parsed.errors.map((e) => ({ file, line: (e.row ?? 0) + 2, column: '', value: '', code: 'csv', message: e.message }));
  const fields = parsed.meta.fields ?? [];
  for (const column of ['key', 'quantity', 'unit', 'date']) {
    if (!fields.includes(column)) problems.push({ file, line: 1, column, value: '', code: 'missing_column', message: `the header has no "${column}" column` });
  }
  if (problems.some((p) => p.code === 'missing_column')) return { activities: [], problems, rows: parsed.data.length };
  const activities: Activity[] = [];
  parsed.data.forEach((raw, i) => {
    const line = i + 2;
    const r = Row.safeParse(raw);
    if (!r.success) {
      for (const issue of r.error.issues) {
        const column = String(issue.path[0] ?? '');
        problems.push({ file, line, column, value: raw[column] ?? '', code: 'invalid', message: `${column} ${issue.message}` });
      }
      return;
    }
    const { use, ...rest } = r.data;
    activities.push({ ...rest, ...(use ? { use } : {}), source: { file, line } });
  });
  return { activities, problems, rows: parsed.data.length };
}
