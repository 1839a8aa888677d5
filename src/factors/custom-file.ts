import { basename } from 'node:path';
import { UserError } from '../kernel/errors.js';
import { readSmallCsvFile } from '../read/csv/small-file.js';
import { msg } from '../messages.js';
import { keyDef } from './catalogue.js';
import { GWP_KEYS } from './gwp.js';
import { parseCustomFactors, type Problem } from './custom.js';
import { loadFactors, type FactorLibrary } from './library.js';

/** Loads the shipped factors plus, if a path is given, a custom factor file (all or nothing). */
export function loadFactorsWithCustomFile(path: string | undefined): FactorLibrary {
  if (path === undefined) return loadFactors();
  const text = readSmallCsvFile(path, basename(path));
  // Known: the catalogue's keys and those priced by a GWP (which keep their scope when overridden).
  const { factors, problems } = parseCustomFactors(text, basename(path), (k) => keyDef(k) !== undefined || GWP_KEYS.some((g) => g.key === k));
  if (problems.length > 0) {
    throw new UserError('custom_factors_invalid', `${msg.customFileProblems(path, problems.length)}\n${formatProblems(problems)}`, msg.customFileHint, { problems });
  }
  return loadFactors({ custom: factors });
}

export function formatProblems(problems: readonly Problem[], limit = 20): string {
  const lines = problems.slice(0, limit).map((p) => `  ${p.file}:${p.line}${p.column ? ` [${p.column}]` : ''}${p.value ? ` "${p.value}"` : ''}: ${p.message}`);
  if (problems.length > limit) lines.push(`  … and ${problems.length - limit} more`);
  return lines.join('\n');
}
