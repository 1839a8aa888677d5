/**
 * A small CSV with a header row (custom factors, activity lists): parsed, header names trimmed
 * and lower-cased, required columns checked, and zod issues turned into located problems.
 */

import Papa from 'papaparse';
import type { z } from 'zod';
import { issueMessage } from '../workspace/zod-messages.js';

/** A located validation problem, formatted only at the edge. */
export interface Problem {
  readonly file: string;
  readonly line: number;
  readonly column: string;
  readonly value: string;
  readonly code: string;
  readonly message: string;
}

export interface HeaderCsv {
  readonly rows: readonly Record<string, string>[];
  readonly problems: Problem[];
  /** The file line of row i is i + 2 (after the header). */
  readonly lineOf: (index: number) => number;
}

export function readHeaderCsv(text: string, file: string, required: readonly string[]): HeaderCsv {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const problems: Problem[] = parsed.errors.map((e) => ({ file, line: (e.row ?? 0) + 2, column: '', value: '', code: 'csv', message: e.message }));
  const fields = parsed.meta.fields ?? [];
  for (const column of required) {
    if (!fields.includes(column)) problems.push({ file, line: 1, column, value: '', code: 'missing_column', message: `the header has no "${column}" column` });
  }
  return { rows: parsed.data, problems, lineOf: (i) => i + 2 };
}

export function zodProblems(error: z.ZodError, raw: Readonly<Record<string, string>>, file: string, line: number): Problem[] {
  return error.issues.map((issue) => {
    const column = String(issue.path[0] ?? '');
    return { file, line, column, value: raw[column] ?? '', code: 'invalid', message: `${column} ${issueMessage(issue)}` };
  });
}
