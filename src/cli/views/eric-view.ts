/** What `import eric` adds to the import summary: the return's year and trust, its sites, and what it did not count. */

import type { EricComparison } from '../../aggregate/eric-choice.js';
import type { EricImportSummary } from '../../import/import-eric.js';
import { toCsv } from '../../kernel/csv-cell.js';
import { formatNumber, renderTable } from '../../kernel/format.js';
import { sourceName } from '../../render/source-names.js';

/** ERIC's units as the return prints them. */
const UNIT_WORDS: Readonly<Record<string, string>> = { m2: 'm²', m3: 'm³' };

export function ericSummaryLines(s: EricImportSummary): string[] {
  const e = s.eric;
  if (e === undefined) return [];
  const lines = [`ERIC ${e.year} (${e.yearFrom === 'flag' ? 'as --year says' : "from the file's name"}), ${e.level} level, trust ${e.ods}; ${formatNumber(e.otherRows, 0)} rows of other trusts were read past.`];
  const matched = e.sites.filter((x) => x.site !== null);
  const unmatched = e.sites.filter((x) => x.site === null);
  if (matched.length > 0) lines.push(`Sites matched to the config: ${matched.map((x) => `${x.code} ${x.name} → ${x.site!}`).join('; ')}.`);
  if (unmatched.length > 0) lines.push(`Sites not in the config, kept at trust level: ${unmatched.map((x) => `${x.code} ${x.name}`.trim()).join('; ')}. To see them by site, add each to the organisation's "sites" in tco2e.config.json with its ERIC code as the id (e.g. {"id": "${unmatched[0]!.code}", "name": "${unmatched[0]!.name}"}) and import the file again with --replace.`);
  for (const r of e.readings) lines.push(`Read: "${r.column}": ${r.reading}.`);
  for (const n of e.notCounted) lines.push(`Not counted: "${n.column}", ${formatNumber(n.quantity, 2)} ${UNIT_WORDS[n.unit] ?? n.unit}: ${n.why}.`);
  lines.push('Figures of an annual return, not metered: counted as estimated (data quality tier 3). Where the ledger holds metered data for the same year and fuel, the two are never added (see `tco2e emissions --compare-eric`).');
  return lines;
}

function year(c: EricComparison): string {
  const y = Number(c.start.slice(0, 4));
  return `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
}

const tonnes = (kg: number): string => formatNumber(kg / 1000, 1);

/** `emissions --compare-eric` for people: a line per organisation, year and source. */
export function ericComparisonTable(rows: readonly EricComparison[]): string {
  if (rows.length === 0) return 'No ERIC return is held for these organisations: nothing to compare.';
  const table = renderTable(rows, [
    { header: 'org', value: (c) => c.org },
    { header: 'year', value: year },
    { header: 'source', value: (c) => sourceName(c.source) },
    { header: 'ERIC', value: (c) => `${formatNumber(c.eric.quantity, 0)} ${c.unit}`, align: 'right' },
    { header: 'ERIC t CO2e', value: (c) => tonnes(c.eric.kgCo2e), align: 'right' },
    { header: 'metered', value: (c) => (c.meteredMonths === 0 ? 'none' : `${formatNumber(c.metered.quantity, 0)} ${c.unit}`), align: 'right' },
    { header: 'metered t CO2e', value: (c) => (c.meteredMonths === 0 ? '' : tonnes(c.metered.kgCo2e)), align: 'right' },
    { header: 'months metered', value: (c) => String(c.meteredMonths), align: 'right' },
    { header: 'difference t CO2e', value: (c) => (c.meteredMonths === 0 ? '' : tonnes(c.metered.kgCo2e - c.eric.kgCo2e)), align: 'right' },
    { header: 'counts', value: (c) => (c.counted === 'eric' ? 'ERIC' : 'metered') },
  ]);
  return `${table}\nMetered data counts for a year and source when it covers all 12 months; otherwise the ERIC figure does. The two are never added. Main lines only (without well-to-tank and T&D losses).`;
}

export function ericComparisonCsv(rows: readonly EricComparison[]): string {
  return toCsv(
    ['org', 'year', 'source', 'unit', 'eric_quantity', 'eric_kg_co2e', 'metered_quantity', 'metered_kg_co2e', 'metered_months', 'difference_kg_co2e', 'counted'],
    rows.map((c) => [c.org, year(c), c.source, c.unit, c.eric.quantity, c.eric.kgCo2e, c.metered.quantity, c.metered.kgCo2e, c.meteredMonths, c.metered.kgCo2e - c.eric.kgCo2e, c.counted]),
  );
}
