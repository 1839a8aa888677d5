/** `tco2e profiles detect` (and `import … --explain`) as text: the layout taken and why, column by column. */

import type { KindDetection, LayoutDetection } from '../../import/detect-layout.js';

function kindLines(k: KindDetection): string[] {
  if (k.chosen !== null) {
    const c = k.chosen;
    const lines = [
      `As ${k.kind}: layout ${c.profile} (${c.shape}), ${c.sureness === 'certain' ? 'every column by a spelling the layout lists' : 'some columns by their meaning: check them'}.`,
      ...c.columns.map((col) => `  ${col.field.padEnd(14)} column ${String(col.column + 1).padStart(2)} "${col.header}": ${col.by === 'spelling' ? col.why : `by meaning (${col.why}; score ${col.score?.toFixed(2) ?? '?'})`}`),
    ];
    if (c.periodColumns !== undefined) lines.push(`  ${'periods'.padEnd(14)} ${c.periodColumns} half-hour columns`);
    if (c.dateFormat !== null) lines.push(`  ${'dates'.padEnd(14)} ${c.dateFormat}`);
    // A name repeated (a flag column after each reading) is said once, with how many.
    const counts = new Map<string, number>();
    for (const h of c.unused) counts.set(h, (counts.get(h) ?? 0) + 1);
    const unused = [...counts].map(([h, n]) => (n > 1 ? `"${h}" (${n} columns)` : `"${h}"`));
    if (unused.length > 0) lines.push(`  not used: ${unused.slice(0, 12).join(', ')}${unused.length > 12 ? `, and ${unused.length - 12} more` : ''}`);
    return [...lines, ...k.notes.map((n) => `  Note: ${n}`)];
  }
  if (k.tied.length > 0) return [`As ${k.kind}: several layouts fit equally (${k.tied.join(', ')}); name one with --profile.`];
  return [`As ${k.kind}: no layout fits.`, ...k.notes.map((n) => `  ${n}`), 'The nearest:', ...k.nearest.slice(0, 4).map((n) => `  ${n.profile} needs ${n.lacks.join(', ')}`)];
}

export function detectionText(d: LayoutDetection): string {
  const head = [
    `${d.file}: ${d.encoding}, delimiter ${d.delimiter === '\t' ? 'tab' : `"${d.delimiter}"`}, header on line ${d.headerLine}${d.headerLine > 1 ? ` (${d.headerLine - 1} line(s) above it skipped)` : ''}, ${d.header.length} columns.`,
  ];
  const fitted = d.kinds.filter((k) => k.chosen !== null || k.tied.length > 0);
  // A file that fits one kind is explained as that kind alone; one that fits none, as each.
  const shown = fitted.length > 0 ? fitted : d.kinds;
  return [...head, ...shown.flatMap((k) => ['', ...kindLines(k)]), ...(d.warnings.length > 0 ? ['', ...d.warnings.map((w) => `Warning: ${w}`)] : [])].join('\n');
}
