/**
 * The library's results as JSON. A few carry a `Map` (a year's tCO2e by part, see
 * `targets/comparable.ts`), which `JSON.stringify` would write as `{}`: it is written as the
 * object it stands for, its keys as they are.
 */

export function jsonReplacer(_key: string, value: unknown): unknown {
  return value instanceof Map ? Object.fromEntries(value as Map<string, unknown>) : value;
}

/** A result as the plain data its JSON is. */
export function asJsonData(result: unknown): unknown {
  return result === undefined ? undefined : (JSON.parse(JSON.stringify(result, jsonReplacer)) as unknown);
}
