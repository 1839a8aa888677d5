/** `tco2e emissions` as a terminal table and as CSV. Rounding happens here and only here. */

import type { EmissionsReport } from '../../aggregate/emissions-query.js';
import type { GroupTotal } from '../../aggregate/group.js';
import { scopeLabel } from '../../aggregate/group.js';
import { DENOMINATOR_LABELS } from '../../aggregate/intensity.js';
import { toCsv } from '../../kernel/csv-cell.js';
import { formatNumber, renderTable } from '../../kernel/format.js';
import { tonnes } from './tonnes.js';
import { sourceName } from '../../render/source-names.js';

const t = tonnes;
const pct = (share: number): string => `${formatNumber(share * 100, 1)}%`;

function keyLabel(g: GroupTotal): string {
  const k = g.key;
  if (k.scope !== undefined) return k.scope;
  if (k.source !== undefined) return sourceName(k.source);
  if (k.site !== undefined) return k.site === '' ? '(no site)' : k.site;
  return k.period ?? k.org ?? k.quality ?? '';
}

function scopeKg(g: GroupTotal, scope: 1 | 2 | 3): number {
  return g.scopes.filter((s) => s.scope === scope).reduce((s, x) => s + x.kgCo2e, 0);
}

/** One line saying what the figures include, so a number is never read without its boundary. */
export function boundaryLine(r: EmissionsReport): string {
  const b = r.result.boundary;
  const parts = [
    r.query.scope2 === 'market' ? 'Scope 2 market-based (supplier factors where given, grid otherwise); location-based beside it' : 'Scope 2 location-based (grid factors); market-based beside it where supplier factors are given',
    b.includeWtt ? 'well-to-tank and T&D losses included (Scope 3 cat. 3)' : 'well-to-tank and T&D losses excluded',
    'biogenic CO2 reported separately, never in the total',
    r.query.fill === 'none' ? 'gaps not filled'
      : r.result.fillMethods.length === 0 ? `no gaps to fill by "${r.query.fill}"`
      : `gaps filled by ${r.result.fillMethods.map((m) => `"${m}"`).join(' and ')}${r.result.fillMethods.some((m) => m !== r.query.fill) ? ` (asked: "${r.query.fill}"; where the previous year had no data for the month, the year's average was used)` : ''} (filled figures counted as estimated)`,
  ];
  return `${parts.join('; ')}.`;
}

export function emissionsTable(r: EmissionsReport): string {
  const market = r.query.scope2 === 'market';
  // Market-based only differs where a supplier factor priced some kWh; otherwise it is the grid figure again.
  const hasMarket = market || r.result.groups.some((g) => g.market !== null && g.market.supplierKwh > 0);
  const headline = (g: GroupTotal): number => (market && g.market ? g.market.kgCo2e : g.kgCo2e);
  // A group with nothing in it at all (every figure zero, no biogenic CO2, no quantity) says
  // nothing a person needs; the JSON and CSV keep it.
  const empty = (g: GroupTotal): boolean => g.kgCo2e === 0 && (g.market?.kgCo2e ?? 0) === 0 && g.outsideScopesKgCo2e === 0 && g.excludedKgCo2e.wtt === 0 && g.excludedKgCo2e.td === 0 && g.quantities.every((q) => q.quantity === 0);
  const rows = [...r.result.groups.filter((g) => !empty(g)), r.result.total];
  const isTotal = (g: GroupTotal): boolean => g === r.result.total;
  const lines = [
    `${r.orgs.join(', ')}: emissions ${r.query.period ?? 'all periods held'}, by ${r.query.by}, tCO2e`,
    boundaryLine(r),
    '',
    renderTable(rows, [
      { header: r.query.by, value: (g) => (isTotal(g) ? 'Total' : keyLabel(g)) },
      { header: market ? 'tCO2e (market)' : 'tCO2e', value: (g) => t(headline(g)), align: 'right' },
      ...(hasMarket ? [{ header: market ? 'location' : 'market', value: (g: GroupTotal) => (g.market ? t(market ? g.kgCo2e : g.market.kgCo2e) : '–'), align: 'right' as const }] : []),
      { header: 'scope 1', value: (g) => t(scopeKg(g, 1)), align: 'right' },
      { header: 'scope 2', value: (g) => t(market && g.market ? g.market.scope2KgCo2e : scopeKg(g, 2)), align: 'right' },
      { header: 'scope 3', value: (g) => t(scopeKg(g, 3)), align: 'right' },
      { header: 'biogenic', value: (g) => t(g.outsideScopesKgCo2e), align: 'right' },
      { header: 'estimated', value: (g) => pct(g.estimatedShare), align: 'right' },
      { header: 'quality', value: (g) => `${g.tier} ${g.tierLabel}` },
    ]),
  ];
  const gaps = r.coverage.filter((c) => c.missingMonths.length > 0);
  if (gaps.length > 0) {
    lines.push('', `Gaps (months with no data; ${r.query.fill === 'none' ? 'not filled' : 'left after filling'}):`);
    for (const c of gaps.slice(0, 12)) lines.push(`  ${c.org} ${c.site ?? '(no site)'} ${c.source} ${c.year}: ${c.missingMonths.join(', ')}`);
    if (gaps.length > 12) lines.push(`  … and ${gaps.length - 12} more (see --format json)`);
  }
  const rejected = r.rejected.reduce((s, b) => s + b.rows, 0);
  if (rejected > 0) lines.push('', `Rows rejected at import and not counted: ${formatNumber(rejected)} in ${r.rejected.length} file(s); \`tco2e imports show ID\` lists them.`);
  const intensity = r.intensity.filter((i) => i.figures.some((f) => f.kgCo2ePerUnit !== null));
  if (intensity.length > 0) {
    lines.push('', 'Intensity (kgCO2e per unit):');
    for (const i of intensity) {
      lines.push(`  ${i.org} ${i.year}: ${i.figures.filter((f) => f.kgCo2ePerUnit !== null).map((f) => `${formatNumber(f.kgCo2ePerUnit!, 1)} per ${DENOMINATOR_LABELS[f.metric]}`).join(', ')}`);
    }
  }
  // A denominator the config does not give is not worth a line each here (JSON keeps them all).
  const shown = r.warnings.filter((w) => w.code !== 'denominator_missing');
  if (shown.length > 0) {
    lines.push('', 'Warnings:');
    for (const w of shown.slice(0, 15)) lines.push(`  ${w.message}`);
    if (shown.length > 15) lines.push(`  … and ${shown.length - 15} more (see --format json)`);
  }
  return lines.join('\n');
}

export function emissionsCsv(r: EmissionsReport): string {
  const rows = [...r.result.groups, r.result.total].map((g) => [
    g === r.result.total ? 'Total' : keyLabel(g),
    g.kgCo2e / 1000,
    g.market ? g.market.kgCo2e / 1000 : null,
    ...([1, 2, 3] as const).map((s) => scopeKg(g, s) / 1000),
    g.scopes.map((s) => `${scopeLabel(s.scope, s.category)}=${s.kgCo2e / 1000}`).join('; '),
    g.outsideScopesKgCo2e / 1000,
    g.excludedKgCo2e.wtt / 1000,
    g.excludedKgCo2e.td / 1000,
    g.estimatedShare,
    g.tier,
    g.tierLabel,
    g.filledKgCo2e / 1000,
    g.policies.join(' '),
  ]);
  return toCsv([r.query.by, 'tco2e_location', 'tco2e_market', 'scope1_tco2e', 'scope2_location_tco2e', 'scope3_tco2e', 'by_scope_category', 'biogenic_tco2e', 'excluded_wtt_tco2e', 'excluded_td_tco2e', 'estimated_share', 'quality_tier', 'quality', 'filled_tco2e', 'factor_policies'], rows);
}
