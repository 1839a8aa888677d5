/**
 * A legend whose labels are never cut short: one entry a line under the plot, as long as the
 * label needs. Organisations' names run to forty characters and more ("… NHS Trust (sample
 * data)"), and a legend cut at a fixed width left two of them reading the same.
 */
export const WHOLE_LEGEND = { orient: 'bottom', direction: 'vertical', columns: 1, labelLimit: 0 } as const;

/** Text broken at spaces into lines of at most `width` characters, for chart titles and subtitles. */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
