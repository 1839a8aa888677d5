/**
 * Custom factors: a CSV a user writes to add a key (a supplier's tariff for market-based
 * Scope 2, a locally measured factor) or override a published one, with its own provenance.
 * Validated here, at the boundary; problems come back as data with their line numbers.
 *
 *   key,year,unit,kg_co2e,kg_co2,kg_ch4,kg_n2o,scope,category,source,description
 *   electricity.supplier.green_tariff,2024,kWh,0.0,,,,2,,Supplier fuel mix disclosure 2024,Green tariff
 */

import { z } from 'zod';
import { parseUnit } from '../units/units.js';
import type { ScopeRule } from './catalogue.js';
import type { CustomFactor } from './library.js';
import { readHeaderCsv, zodProblems } from '../read/header-csv.js';
import type { Problem } from '../kernel/problem.js';

export type { Problem } from '../kernel/problem.js';

const optionalNumber = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const s = (raw ?? '').trim();
    if (s === '') return undefined;
    const n = Number(s);
    if (!Number.isFinite(n)) {
      ctx.addIssue({ code: 'custom', message: 'must be a number (kg per unit)' });
      return z.NEVER;
    }
    return n;
  });

const RowSchema = z.object({
  key: z.string().trim().regex(/^[a-z0-9_]+(\.[a-z0-9_]+)*$/, 'must be lower-case words joined by dots, e.g. electricity.supplier.acme'),
  year: z
    .string()
    .trim()
    .default('')
    .refine((s) => s === '' || /^\d{4}$/.test(s), 'must be a four-digit year, or blank for every year')
    .transform((s) => (s === '' ? null : Number(s))),
  unit: z.string().trim().refine((s) => parseUnit(s) !== undefined, 'is not a unit tco2e knows (kWh, litres, m3, km, miles, passenger.km, tonnes…)').transform((s) => parseUnit(s)!),
  kg_co2e: optionalNumber.refine((n) => n !== undefined, 'is required: kg CO2e per unit'),
  kg_co2: optionalNumber,
  kg_ch4: optionalNumber,
  kg_n2o: optionalNumber,
  scope: z
    .string()
    .trim()
    .default('')
    .refine((s) => ['', '1', '2', '3', 'outside'].includes(s.toLowerCase()), 'must be 1, 2, 3, outside, or blank to keep the published key’s scope'),
  category: z
    .string()
    .trim()
    .default('')
    .refine((s) => s === '' || (/^\d{1,2}$/.test(s) && Number(s) >= 1 && Number(s) <= 15), 'must be a Scope 3 category from 1 to 15'),
  source: z.string().trim().min(1, 'is required: say where the figure comes from, so an auditor can check it'),
  description: z.string().trim().default(''),
});

function scopeRule(scope: string, category: string): ScopeRule | null {
  const s = scope.toLowerCase();
  if (s === '') return null;
  if (s === 'outside') return { kind: 'outside' };
  if (s === '1') return { kind: 'fixed', scope: 1 };
  if (s === '2') return { kind: 'fixed', scope: 2 };
  return { kind: 'fixed', scope: 3, category: category === '' ? 1 : Number(category) };
}

export interface CustomParseResult {
  readonly factors: CustomFactor[];
  readonly problems: Problem[];
}

/** Parses a custom factor file's text. `file` is the name used in problems and provenance. */
export function parseCustomFactors(text: string, file: string, knownKey: (key: string) => boolean): CustomParseResult {
  const factors: CustomFactor[] = [];
  const { rows, problems, lineOf } = readHeaderCsv(text, file, ['key', 'unit', 'kg_co2e', 'source'], Object.keys(RowSchema.shape));
  if (problems.length > 0) return { factors, problems };
  const seen = new Map<string, number>();
  rows.forEach((raw, i) => {
    const line = lineOf(i);
    const result = RowSchema.safeParse(raw);
    if (!result.success) {
      problems.push(...zodProblems(result.error, raw, file, line));
      return;
    }
    const r = result.data;
    const scope = scopeRule(r.scope, r.category);
    if (scope === null && !knownKey(r.key)) {
      problems.push({ file, line, column: 'scope', value: '', code: 'scope_required', message: `scope is required for a new key (${r.key} is not a published key)` });
      return;
    }
    if (r.kg_co2 !== undefined && r.kg_ch4 !== undefined && r.kg_n2o !== undefined) {
      // The per-gas figures are CO2-equivalents and must add up to the total, as published ones do.
      const sum = r.kg_co2 + r.kg_ch4 + r.kg_n2o;
      if (Math.abs(sum - r.kg_co2e) > 1e-6 + 1e-4 * Math.abs(r.kg_co2e)) {
        problems.push({ file, line, column: 'kg_co2e', value: String(r.kg_co2e), code: 'gas_sum', message: `kg_co2 + kg_ch4 + kg_n2o = ${sum}, not the kg_co2e given; the gases are CO2-equivalents and must add up to it` });
        return;
      }
    }
    const id = `${r.key}|${String(r.year)}|${r.unit}`;
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      problems.push({ file, line, column: 'key', value: r.key, code: 'duplicate', message: `${r.key} in ${r.unit} for ${r.year ?? 'every year'} is already given on line ${earlier}` });
      return;
    }
    seen.set(id, line);
    const labels = { scope: r.scope === '' ? '' : `Scope ${r.scope}`, level1: 'Custom', level2: r.source, level3: r.description, level4: '', columnText: '', uom: r.unit };
    const g = (kg: number | undefined, ghgUnit: string) => (kg === undefined ? {} : { [ghgUnit.split(' ')[1]!.toLowerCase()]: { kg, ghgUnit } });
    factors.push({
      key: r.key, year: r.year, description: r.description, scope, file, line, source: r.source,
      variant: {
        unit: r.unit, labels,
        values: { co2e: { kg: r.kg_co2e, ghgUnit: 'kg CO2e' }, ...g(r.kg_co2, 'kg CO2'), ...g(r.kg_ch4, 'kg CH4'), ...g(r.kg_n2o, 'kg N2O') },
      },
    });
  });
  return { factors, problems };
}
