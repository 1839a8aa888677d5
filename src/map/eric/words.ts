/** Phrase tests on a header's words (see `ericWords`: lower case, single spaces). */

/** Whether `words` contains any of `phrases` as whole words. */
export function has(words: string, ...phrases: readonly string[]): boolean {
  const padded = ` ${words} `;
  return phrases.some((p) => padded.includes(` ${p} `));
}

/** The words left once every word of `drop` is taken out. */
export function without(words: string, drop: ReadonlySet<string>): string {
  return words
    .split(' ')
    .filter((w) => w !== '' && !drop.has(w))
    .join(' ');
}
