/**
 * Converting mapped activities with the factor engine into ledger rows: the main figure and its
 * companions (T&D losses, well-to-tank, biogenic CO2), each with its trace.
 */

import { convert, type ConversionResult } from '../convert/convert.js';
import type { FactorPolicy } from '../convert/policy.js';
import { policyName } from '../convert/policy.js';
import { isUserError } from '../kernel/errors.js';
import type { FactorLibrary } from '../factors/library.js';
import type { ActivityDraft } from '../map/activity-draft.js';
import type { Problem } from '../kernel/problem.js';
import type { ActivityRecord } from '../store/records.js';
import { implausibleQuantity, plausibleQuantity } from '../units/plausible.js';
import { notYetBegun } from './plausible.js';

export interface Conversions {
  readonly problems: Problem[];
  /** Companion factors a year's set does not publish (e.g. WTT in 2024), once per key and year. */
  readonly missingCompanions: Map<string, number>;
  /** Activities converted with the nearest published set, by "requested used" year, e.g. "2026 2025". */
  readonly nearestSets: Map<string, number>;
}

/** A draft's JSON columns, made once for its main record and each companion. */
interface DraftJson {
  readonly apportionedFrom: string | null;
  readonly extraJson: string | null;
}

function draftJson(d: ActivityDraft): DraftJson {
  return { apportionedFrom: d.apportionedFrom ? JSON.stringify(d.apportionedFrom) : null, extraJson: Object.keys(d.extra).length > 0 ? JSON.stringify(d.extra) : null };
}

function record(d: ActivityDraft, json: DraftJson, org: string, r: ConversionResult, companionOf: string | null): ActivityRecord {
  const t = r.trace;
  return {
    line: d.line, org, site: d.site, meter: d.meter, source: d.source, periodStart: d.periodStart, periodEnd: d.periodEnd,
    quantity: d.quantity, unit: d.unit, estimated: d.estimated, direction: d.direction,
    apportionedFrom: json.apportionedFrom,
    factorKey: t.factorKey, companionOf, factorYear: t.factorYear,
    factorEdition: t.source.kind === 'published' ? t.source.edition : `custom: ${t.source.source}`,
    factorUnit: t.factorUnit, factorKgPerUnit: t.kgCo2ePerUnit, factorCustom: t.custom, policy: t.policy,
    kgCo2e: r.kgCo2e, kgCo2: r.gases?.co2 ?? null, kgCh4: r.gases?.ch4 ?? null, kgN2o: r.gases?.n2o ?? null,
    scope: r.scope.scope, scopeCategory: r.scope.category,
    extraJson: json.extraJson,
  };
}

/**
 * Converts rows' activities, handing each record to `emit` (so none need be held). A row whose
 * activities cannot all be converted (a unit that does not fit, a key the year's set lacks)
 * contributes none of them and becomes a problem.
 */
export function convertDrafts(
  library: FactorLibrary,
  rows: Iterable<readonly ActivityDraft[]>,
  org: string,
  policy: FactorPolicy,
  file: string,
  /** The import's date (ISO): a row whose period begins after it is rejected (see `notYetBegun`). */
  today: string,
  emit: (record: ActivityRecord) => void,
): Conversions {
  const problems: Problem[] = [];
  const out = { missingCompanions: new Map<string, number>(), nearestSets: new Map<string, number>() };
  for (const row of rows) {
    const converted = convertRow(library, row, org, policy, today, out);
    if ('problem' in converted) problems.push({ ...converted.problem, file });
    else for (const r of converted.records) emit(r);
  }
  return { problems, ...out };
}

/**
 * The companion keys of a key (T&D, well-to-tank, outside-scopes CO2, and the well-to-tank of
 * T&D), in that order; looked up once per key and library rather than once per activity.
 */
const companionCache = new WeakMap<FactorLibrary, Map<string, readonly string[]>>();
function companionsOf(library: FactorLibrary, key: string): readonly string[] {
  let byKey = companionCache.get(library);
  if (!byKey) companionCache.set(library, (byKey = new Map<string, readonly string[]>()));
  let companions = byKey.get(key);
  if (companions !== undefined) return companions;
  const info = library.key(key);
  const list = [info?.companions?.td, info?.companions?.wtt, info?.companions?.outsideScopes].filter((k): k is string => k !== undefined);
  const td = info?.companions?.td;
  if (td !== undefined) {
    const tdWtt = library.key(td)?.companions?.wtt;
    if (tdWtt !== undefined) list.push(tdWtt);
  }
  byKey.set(key, (companions = list));
  return companions;
}

function count(map: Map<string, number>, id: string): void {
  map.set(id, (map.get(id) ?? 0) + 1);
}

function convertRow(
  library: FactorLibrary,
  row: readonly ActivityDraft[],
  org: string,
  policy: FactorPolicy,
  today: string,
  out: Omit<Conversions, 'problems'>,
): { records: ActivityRecord[] } | { problem: Omit<Problem, 'file'> } {
  const records: ActivityRecord[] = [];
  for (const d of row) {
    if (!plausibleQuantity(d.quantity, d.unit)) return { problem: implausibleQuantity(d.line, d.quantity, d.unit) };
    if (d.periodStart > today) return { problem: notYetBegun(d.line, d.periodStart, today) };
    const key = d.factorKey;
    if (d.direction === 'export') {
      // Exported electricity is kept as a quantity; it carries no emissions and is never netted off.
      records.push({
        line: d.line, org, site: d.site, meter: d.meter, source: d.source, periodStart: d.periodStart, periodEnd: d.periodEnd,
        quantity: d.quantity, unit: d.unit, estimated: d.estimated, direction: 'export',
        apportionedFrom: d.apportionedFrom ? JSON.stringify(d.apportionedFrom) : null,
        factorKey: '', companionOf: null, factorYear: 0, factorEdition: '', factorUnit: d.unit, factorKgPerUnit: 0, factorCustom: false,
        policy: policyName(policy), kgCo2e: 0, kgCo2: null, kgCh4: null, kgN2o: null, scope: null, scopeCategory: null,
        extraJson: Object.keys(d.extra).length > 0 ? JSON.stringify(d.extra) : null,
      });
      continue;
    }
    let main: ConversionResult;
    try {
      main = convert(library, { key, quantity: d.quantity, unit: d.unit, date: d.periodStart, ...(d.use ? { use: d.use } : {}) }, { policy });
    } catch (e) {
      if (!isUserError(e)) throw e;
      return { problem: { line: d.line, column: '', value: `${d.quantity} ${d.unit}`, code: e.code, message: e.message } };
    }
    const json = draftJson(d);
    records.push(record(d, json, org, main, null));
    // The set of another year stood in (a year after the latest this version ships): said once
    // per year in the import's warnings, never silently.
    if (main.trace.factorYear !== main.trace.requestedYear) count(out.nearestSets, `${main.trace.requestedYear} ${main.trace.factorYear}`);
    for (const c of companionsOf(library, key)) {
      if (library.lookup(c, main.trace.factorYear) === undefined) {
        count(out.missingCompanions, `${c} ${main.trace.factorYear}`);
        continue;
      }
      records.push(record(d, json, org, convert(library, { key: c, quantity: d.quantity, unit: d.unit, date: d.periodStart, ...(d.use ? { use: d.use } : {}) }, { policy }), key));
    }
  }
  return { records };
}
