/** The keys nearest by name to one that was not found, for "did you mean" messages. */
export function nearestKeys(wanted: string, keys: readonly string[], limit = 5): string[] {
  const w = wanted.toLowerCase();
  const scored = keys.map((k) => {
    // A key that contains what was typed (or the reverse) is nearer than any edit distance.
    const contains = k.includes(w) || w.includes(k) ? 0 : 1;
    return { k, score: contains * 1000 + distance(w, k) };
  });
  scored.sort((a, b) => a.score - b.score || a.k.localeCompare(b.k));
  const cutoff = Math.max(3, Math.floor(w.length / 2));
  return scored.filter((s) => s.score < 1000 || s.score - 1000 <= cutoff).slice(0, limit).map((s) => s.k);
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
