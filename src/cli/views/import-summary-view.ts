import type { ImportSummary } from '../../import/summary.js';
import type { Superseded } from '../../store/records.js';
import { unitLabel, parseUnit } from '../../units/units.js';
import { formatNumber } from '../../kernel/format.js';
import { msg } from '../../messages.js';
import { sourceName } from '../../render/source-names.js';
import { tonnes } from './tonnes.js';

const STATUS: Record<ImportSummary['status'], string> = {
  stored: 'Stored',
  'dry-run': 'Dry run: everything checked, nothing stored',
  'already-imported': 'Already imported: this file is import',
  'refused-overlap': 'Refused: it overlaps data already stored; nothing was stored',
  'refused-strict': 'Refused (--strict): some rows were rejected; nothing was stored',
  'refused-unusable': 'Refused: not one row could be used (see the reasons below); nothing was stored',
};

/** The summary a person sees after an import. */
export function renderImportSummary(s: ImportSummary & { readonly vehicles?: number; readonly nonFuel?: readonly { reason: string; count: number }[] }): string {
  const out: string[] = [];
  out.push(s.status === 'already-imported' ? `${STATUS[s.status]} ${s.batchId ?? ''}; nothing changed. To import it again another way (another --profile or --policy), undo it first: \`tco2e imports undo ${s.batchId ?? ''}\`.` : `${STATUS[s.status]}${s.batchId !== null && s.status === 'stored' ? ` as import ${s.batchId}` : ''}: ${s.file} (profile ${s.profile})`);
  if (s.status === 'already-imported') return out.join('\n');
  if (s.status === 'refused-unusable') {
    out.push(s.otherProfiles.length > 0
      ? `Its header fits ${s.otherProfiles.length === 1 ? 'the profile' : 'the profiles'} ${s.otherProfiles.join(', ')}: try --profile ${s.otherProfiles[0]!}.`
      : `No other ${s.kind} profile fits its header: fix the file, or describe its layout as a profile in the workspace config (\`tco2e profiles list\` shows the layouts tco2e reads).`);
  }
  out.push(`Rows: ${formatNumber(s.rows.read)} read, ${formatNumber(s.rows.accepted)} accepted, ${formatNumber(s.rows.excluded)} excluded, ${formatNumber(s.rows.rejected)} rejected`);
  if (s.vehicles !== undefined && s.vehicles > 0) out.push(`Vehicles: ${formatNumber(s.vehicles)} ${s.status === 'stored' ? 'stored in' : 'checked for'} the vehicle register`);
  if (s.period) out.push(`Period: ${s.period.start} to ${s.period.end}`);
  const what = s.kind === 'fleet' ? 'vehicles' : s.kind === 'journeys' ? 'people or cost centres' : 'meters';
  if (s.sites.length > 0) out.push(`Sites: ${s.sites.length} (${s.sites.slice(0, 5).join(', ')}${s.sites.length > 5 ? ', …' : ''}); ${what}: ${s.meters.length}`);
  else if (s.meters.length > 0 && s.kind === 'energy') out.push(`Meters: ${s.meters.length}, not linked to a site (list them under the site's "meters" in the workspace config to report by site)`);
  else if (s.meters.length > 0) out.push(`${what[0]!.toUpperCase()}${what.slice(1)}: ${s.meters.length}`);
  for (const q of s.totals.quantities) {
    const u = parseUnit(q.unit);
    // In words, as every other view names sources ("Fleet: vehicles not in the register", not `fleet:unknown`).
    out.push(`  ${sourceName(q.source)}${q.direction === 'export' ? ' exported' : ''}: ${formatNumber(q.quantity, 1)} ${u ? unitLabel(u) : q.unit}`);
  }
  // The headline is drawn as `tco2e emissions` draws its total, and says so; Scope 3 category 3
  // is given on its own line, so a person can add it if their convention includes it.
  // A vehicle register or a survey converts nothing here (surveys are worked out when reported):
  // a total of nothing would read as a figure.
  const tot = s.totals;
  if (tot.quantities.length > 0) out.push(msg.importHeadline(tonnes(tot.headlineKgCo2e)));
  if (tot.wttKgCo2e + tot.tdKgCo2e > 0) out.push(msg.importWttTd(tonnes(tot.wttKgCo2e + tot.tdKgCo2e), tonnes(tot.wttKgCo2e), tonnes(tot.tdKgCo2e)));
  if (tot.outsideScopesKgCo2 > 0) out.push(msg.importOutsideScopes(tonnes(tot.outsideScopesKgCo2)));
  if (s.excludedReasons.length > 0) {
    out.push('Excluded on purpose (not rejected):');
    for (const r of s.excludedReasons) {
      if (r.code === 'non_fuel' && s.nonFuel !== undefined && s.nonFuel.length > 0) for (const n of s.nonFuel) out.push(`  ${n.count} × non_fuel — ${n.reason}`);
      else out.push(`  ${r.count} × ${r.code} — e.g. ${r.example}`);
    }
  }
  if (s.rejectReasons.length > 0) {
    out.push('Top reasons for rejection:');
    for (const r of s.rejectReasons.slice(0, 5)) out.push(`  ${r.count} × ${r.code} — e.g. ${r.example}`);
  }
  for (const w of s.warnings.slice(0, 10)) out.push(`Warning${w.line > 0 ? ` (line ${w.line})` : ''}: ${w.message}`);
  if (s.warnings.length > 10) out.push(`… and ${s.warnings.length - 10} more warnings (see \`tco2e imports show\` or --json)`);
  if (s.overlaps.length > 0 && s.status !== 'stored') {
    out.push(s.status === 'refused-overlap' ? 'It overlaps:' : 'It would supersede (with --replace):');
    for (const o of s.overlaps.slice(0, 10)) out.push(`  meter ${o.meter}: ${o.incoming.start}–${o.incoming.end} is already stored by import ${o.batchId} (${o.fileName}, ${o.start}–${o.end})`);
    if (s.overlaps.length > 10) out.push(`  … and ${s.overlaps.length - 10} more meters`);
    if (s.status === 'refused-overlap') out.push('To replace those meter-days with this file, run the import again with --replace: only what the file brings again is superseded, and the earlier import stays in the history (undoing this one restores it).');
  }
  if (s.superseded.length > 0) {
    out.push('Superseded (only the meter-days and periods this file brings again):');
    for (const x of s.superseded.slice(0, 10)) out.push(`  ${supersededLine(x)}`);
    if (s.superseded.length > 10) out.push(`  … and ${s.superseded.length - 10} more (see --json)`);
  }
  return out.join('\n');
}

function supersededLine(x: Superseded): string {
  const u = parseUnit(x.unit);
  const unit = u ? unitLabel(u) : x.unit;
  return `meter ${x.meter}, ${x.start}–${x.end}, import ${x.batchId} (${x.fileName}): ${formatNumber(x.rows)} row${x.rows === 1 ? '' : 's'}, ${formatNumber(x.quantityBefore, 1)} ${unit} before, ${formatNumber(x.quantityAfter, 1)} ${unit} after`;
}

/** For `imports show`: what an import superseded, and what later imports superseded of it. */
export function renderSupersessions(s: { readonly by: readonly Superseded[]; readonly of: readonly (Superseded & { readonly supersededBy: number })[] }): string[] {
  const out: string[] = [];
  if (s.by.length > 0) out.push('It superseded:', ...s.by.map((x) => `  ${supersededLine(x)}`));
  if (s.of.length > 0) out.push('Later imports superseded of it:', ...s.of.map((x) => `  by import ${x.supersededBy}: ${supersededLine(x)}`));
  return out;
}
