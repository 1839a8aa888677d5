import type { FactorYearFile } from '../types.js';

/** JSON with one factor key per line, so a change to a figure reads as a one-line diff. */
export function serialiseYearFile(file: FactorYearFile): string {
  const { factors, ...head } = file;
  const lines = Object.entries(factors).map(([key, variants]) => `    ${JSON.stringify(key)}: ${JSON.stringify(variants)}`);
  const headJson = JSON.stringify(head, null, 2).slice(0, -2); // drop the closing "\n}"
  return `${headJson},\n  "factors": {\n${lines.join(',\n')}\n  }\n}\n`;
}
