import { isUserError } from '../kernel/errors.js';
import type { Problem } from '../kernel/problem.js';
import type { FactorLibrary } from '../factors/library.js';
import { convert, type Activity, type ConversionResult, type ConvertOptions } from './convert.js';

export interface ConvertManyResult {
  readonly results: ConversionResult[];
  /** Activities that could not be converted, with the reason, located by their source line. */
  readonly problems: Problem[];
}

/** Converts a list, collecting user errors as problems rather than stopping at the first. */
export function convertMany(library: FactorLibrary, activities: readonly Activity[], options: ConvertOptions = {}): ConvertManyResult {
  const results: ConversionResult[] = [];
  const problems: Problem[] = [];
  for (const a of activities) {
    try {
      results.push(convert(library, a, options));
    } catch (e) {
      if (!isUserError(e)) throw e;
      problems.push({ file: a.source?.file ?? '', line: a.source?.line ?? 0, column: 'key', value: a.key, code: e.code, message: e.message });
    }
  }
  return { results, problems };
}
