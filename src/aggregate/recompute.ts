/**
 * Recomputing stored lines under another factor policy. The ledger holds each activity's
 * emission at the policy chosen at import (normally each financial year's own set: the reported
 * series). Holding the factors at one year (`fixed:YYYY`) separates a change in consumption from
 * a change in the factors: the like-for-like view, never the statutory one.
 *
 * The engine (`convert`) is re-run on the stored quantity, unit and factor key, and the trace is
 * kept. Companions are re-derived as the import derives them: a T&D or WTT figure the import
 * could not give (its year did not publish it) is added when the year asked for does, so every
 * year of a fixed-factor series has the same boundary. A line whose key is not published in the
 * year asked for keeps its stored factor, is flagged, and is named in a warning: never dropped.
 */

import { convert, type ConversionResult, type TravelUse } from '../convert/convert.js';
import { factorYear, policyName, type FactorPolicy } from '../convert/policy.js';
import { isUserError } from '../kernel/errors.js';
import type { FactorLibrary } from '../factors/library.js';
import { UNIT_IDS, type UnitId } from '../units/units.js';
import type { EmissionLine, LineKind } from '../kernel/emission-line.js';
import { aggMsg, type AggregateWarning } from './warnings.js';

/** A line as read from the ledger, with the key of the main row it accompanies. */
export interface StoredLine {
  readonly line: EmissionLine;
  readonly companionOf: string | null;
}

/** Travel keys are scoped by how the journey was made; the stored scope says how. */
function useOf(line: EmissionLine): TravelUse | undefined {
  if (line.scope === 3 && line.scopeCategory === 6) return 'business_travel';
  if (line.scope === 3 && line.scopeCategory === 7) return 'commuting';
  if (line.scope === 3 && line.scopeCategory === 9) return 'visitors';
  return undefined;
}

function isUnit(u: string): u is UnitId {
  return (UNIT_IDS as readonly string[]).includes(u);
}

function withResult(line: EmissionLine, r: ConversionResult, kind: LineKind, note: string): EmissionLine {
  const t = r.trace;
  return {
    ...line,
    kind,
    factorKey: t.factorKey,
    factorYear: t.factorYear,
    factorEdition: t.source.kind === 'published' ? t.source.edition : `custom: ${t.source.source}`,
    factorUnit: t.factorUnit,
    factorKgPerUnit: t.kgCo2ePerUnit,
    factorCustom: t.custom,
    policy: t.policy,
    kgCo2e: r.kgCo2e,
    kgCo2: r.gases?.co2 ?? null,
    kgCh4: r.gases?.ch4 ?? null,
    kgN2o: r.gases?.n2o ?? null,
    scope: r.scope.scope,
    scopeCategory: r.scope.category,
    trace: { ...line.trace, note: line.trace.note === undefined ? note : `${line.trace.note}; ${note}` },
  };
}

/** The companion keys the import would add to a main key (see `src/import/to-records.ts`). */
function companionKeys(library: FactorLibrary, key: string): { key: string; kind: LineKind }[] {
  const c = library.key(key)?.companions;
  if (c === undefined) return [];
  const out: { key: string; kind: LineKind }[] = [];
  if (c.td !== undefined) out.push({ key: c.td, kind: 'td' });
  if (c.wtt !== undefined) out.push({ key: c.wtt, kind: 'wtt' });
  if (c.outsideScopes !== undefined) out.push({ key: c.outsideScopes, kind: 'outside_scopes' });
  const tdWtt = c.td === undefined ? undefined : library.key(c.td)?.companions?.wtt;
  if (tdWtt !== undefined) out.push({ key: tdWtt, kind: 'wtt' });
  return out;
}

/** The activity a stored row came from: companions share it with their main row. */
function activityId(l: EmissionLine): string {
  return `${String(l.trace.batchId)}|${l.trace.line}|${l.periodStart}|${l.periodEnd}|${l.meter ?? ''}|${l.source}`;
}

export interface RecomputeResult {
  readonly lines: EmissionLine[];
  readonly warnings: AggregateWarning[];
}

export function recomputeLines(stored: readonly StoredLine[], policy: FactorPolicy, library: FactorLibrary): RecomputeResult {
  const name = policyName(policy);
  const note = aggMsg.recomputedNote(name);
  const missing = new Map<string, { key: string; year: number; count: number }>();
  const badUnits = new Map<string, { key: string; unit: string }>();
  const engineWarnings = new Map<string, string>();
  const storedCompanions = new Set(stored.filter((s) => s.companionOf !== null).map((s) => `${activityId(s.line)}|${s.companionOf!}|${s.line.factorKey}`));
  const out: EmissionLine[] = [];

  const run = (line: EmissionLine, key: string): ConversionResult | undefined => {
    if (!isUnit(line.unit)) {
      badUnits.set(`${line.unit}|${key}`, { key, unit: line.unit });
      return undefined;
    }
    const use = useOf(line);
    // A key the year lacks fails the same way every time: count it without asking again (an
    // error per line, with its stack, was the costliest part of a like-for-like series).
    const known = missing.get(`${key}|${factorYear(line.periodStart, policy)}`);
    if (known !== undefined) {
      known.count += 1;
      return undefined;
    }
    try {
      const r = convert(library, { key, quantity: line.quantity, unit: line.unit, date: line.periodStart, ...(use ? { use } : {}) }, { policy });
      for (const w of r.warnings) engineWarnings.set(w.code + w.message, w.message);
      return r;
    } catch (e) {
      if (!isUserError(e)) throw e;
      if (e.code === 'incompatible_unit') {
        badUnits.set(`${line.unit}|${key}`, { key, unit: line.unit });
      } else {
        const year = factorYear(line.periodStart, policy);
        const id = `${key}|${year}`;
        const m = missing.get(id) ?? { key, year, count: 0 };
        m.count += 1;
        missing.set(id, m);
      }
      return undefined;
    }
  };

  const kept = (line: EmissionLine): EmissionLine => {
    const year = factorYear(line.periodStart, policy);
    return { ...line, keptStoredFactor: { requestedPolicy: name, requestedYear: year }, trace: { ...line.trace, note: aggMsg.keptNote(name, year) } };
  };

  for (const { line, companionOf } of stored) {
    const r = run(line, line.factorKey);
    out.push(r === undefined ? kept(line) : withResult(line, r, line.kind, note));
    if (companionOf !== null || r === undefined) continue;
    // Companions the stored activity lacks but the year asked for publishes.
    for (const c of companionKeys(library, line.factorKey)) {
      if (storedCompanions.has(`${activityId(line)}|${line.factorKey}|${c.key}`)) continue;
      if (library.lookup(c.key, r.trace.factorYear) === undefined) continue;
      const cr = run(line, c.key);
      if (cr !== undefined) out.push(withResult({ ...line, kind: c.kind }, cr, cr.scope.scope === null ? 'outside_scopes' : c.kind, aggMsg.companionAddedNote(name)));
    }
  }

  const warnings: AggregateWarning[] = [];
  for (const m of missing.values()) {
    warnings.push({ code: 'factor_not_in_year', message: aggMsg.factorNotInYear(m.key, m.year, name, m.count), about: { key: m.key, year: m.year, policy: name, lines: m.count } });
  }
  for (const b of badUnits.values()) warnings.push({ code: 'unit_not_convertible', message: aggMsg.unitNotConvertible(b.unit, b.key), about: { key: b.key, unit: b.unit } });
  for (const text of engineWarnings.values()) warnings.push({ code: 'nearest_set', message: aggMsg.nearestSet(text), about: { policy: name } });
  return { lines: out, warnings };
}
