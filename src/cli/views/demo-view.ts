/** The one-screen summary `npm run demo` ends with. */

import type { DemoResult } from '../../demo/run-demo.js';
import { formatNumber } from '../../kernel/format.js';
import { msg } from '../../messages.js';


export function renderDemoSummary(r: DemoResult, shown: (path: string) => string): string {
  const stored = r.imports.filter((i) => i.summary.status === 'stored').length;
  const rejected = r.imports.reduce((s, i) => s + i.summary.rows.rejected, 0);
  const lines = [
    'tco2e demo: Northmere Health and Care Partnership (fictional; every figure is sample data)',
    '',
    `Imported ${stored} of ${r.imports.length} files into ${shown(r.workspaceDir)} (${formatNumber(rejected)} rows rejected on purpose, with reasons).`,
    '',
    `Each year's tCO2e: ${msg.headlineBoundary}.`,
    '',
  ];
  for (const o of r.orgs) {
    const [prev, last] = r.orgs.length > 0 && o.years.length === 2 ? o.years : [undefined, o.years[0]];
    const change = prev && last && prev.tco2e > 0 ? ` (${last.tco2e >= prev.tco2e ? '+' : ''}${formatNumber(((last.tco2e - prev.tco2e) / prev.tco2e) * 100, 1)}% on ${prev.year})` : '';
    lines.push(o.name);
    lines.push(last ? `  ${last.year}: ${formatNumber(last.tco2e, 0)} tCO2e${change}` : '  no emissions held');
    for (const t of o.targets) lines.push(`  ${t.name}: ${t.verdict.charAt(0).toLowerCase()}${t.verdict.slice(1)}`);
  }
  if (r.reports.length > 0) {
    lines.push('', 'Reports:');
    for (const p of r.reports) lines.push(`  ${shown(p)}`);
  }
  lines.push('', `Try: cd ${shown(r.workspaceDir)} && npx tco2e emissions --org northmere-acute --by source --period 2024/25`);
  return lines.join('\n');
}
