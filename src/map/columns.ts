/**
 * Finding a profile's columns in a file's header. Names are compared after normalising case,
 * punctuation and spacing ("Consumption (kWh)" = "consumption kwh"); a survey tool that truncates
 * long question texts is matched when the header starts with the spelling or the reverse.
 */

export function normaliseHeader(name: string): string {
  return name.replace(/^\uFEFF/, '').toLowerCase().replace(/[^a-z0-9£%]+/g, ' ').trim();
}

/** The index of the first header cell matching any spelling, exact matches before prefixes. */
export function findColumn(header: readonly string[], spellings: readonly string[]): number | undefined {
  const names = header.map(normaliseHeader);
  const wanted = spellings.map(normaliseHeader).filter((s) => s !== '');
  for (const w of wanted) {
    const i = names.indexOf(w);
    if (i >= 0) return i;
  }
  for (const w of wanted) {
    // A truncated header is at least 12 characters, so "site" does not match "site manager phone".
    const i = names.findIndex((n) => (n.length >= 12 && w.startsWith(n)) || (w.length >= 12 && n.startsWith(w)));
    if (i >= 0) return i;
  }
  return undefined;
}

export type ColumnSpec = Readonly<Record<string, readonly string[] | undefined>>;

/** Resolves every named column of a profile; absent ones are left out. */
export function resolveColumns<T extends ColumnSpec>(header: readonly string[], spec: T): Partial<Record<keyof T, number>> {
  const out: Partial<Record<keyof T, number>> = {};
  for (const [field, spellings] of Object.entries(spec)) {
    if (spellings === undefined) continue;
    const i = findColumn(header, spellings);
    if (i !== undefined) out[field as keyof T] = i;
  }
  return out;
}
