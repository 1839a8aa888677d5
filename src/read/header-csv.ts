/**
 * A small CSV with a header row (custom factors, activity lists): parsed, header names trimmed
 * and lower-cased, required columns checked, columns it does not read refused, and zod issues
 * turned into located problems.
 */

import Papa from 'papaparse';
import { nearestKeys } from '../kernel/nearest.js';
import type { z } from 'zod';
import type { Problem } from '../kernel/problem.js';
import { issueMessage } from '../kernel/zod-messages.js';


export interface HeaderCsv {
  readonly rows: readonly Record<string, string>[];
  readonly problems: Problem[];
  /** The file line of row i is i + 2 (after the header). */
  readonly lineOf: (index: number) => number;
}

/**
 * `required` columns must be there; with `allowed` (every column the file may have), any other
 * column is a problem: in a hand-made file it is almost always a misspelling (`categroy`,
 * `kg_methane`), and read as absent its cells would be dropped without a word. A column with no
 * name is let pass while it is empty (the trailing comma a spreadsheet leaves).
 */
export function readHeaderCsv(text: string, file: string, required: readonly string[], allowed?: readonly string[]): HeaderCsv {
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
  if (allowed !== undefined) {
    for (const field of fields) {
      if (allowed.includes(field)) continue;
      if (field === '' && parsed.data.every((r) => (r[''] ?? '').trim() === '')) continue;
      const near = field === '' ? [] : nearestKeys(field, allowed, 1);
      problems.push({
        file, line: 1, column: field, value: field, code: 'unknown_column',
        message: `${field === '' ? 'a column with no name holds values' : `the header has a column "${field}" that tco2e does not read`}${near.length > 0 ? ` (did you mean "${near[0]!}"?)` : ''}; the columns are ${allowed.join(', ')}`,
      });
    }
  }
  return { rows: parsed.data, problems, lineOf: (i) => i + 2 };
}

export function zodProblems(error: z.ZodError, raw: Readonly<Record<string, string>>, file: string, line: number): Problem[] {
  return error.issues.map((issue) => {
    const column = String(issue.path[0] ?? '');
    return { file, line, column, value: raw[column] ?? '', code: 'invalid', message: `${column} ${issueMessage(issue)}` };
  });
}
