/**
 * Fuel-card transactions: one row per fill-up (date, registration, product, litres, cost,
 * odometer, site). Products are mapped to fuel factor keys by `fuel-products.ts`; non-fuel lines
 * (AdBlue, car wash…) are left out with their reason. Refunds are netted against their purchase
 * once the whole file is read (`netRefunds`), so a refunded fill-up counts for nothing.
 */

import type { z } from 'zod';
import type { Problem } from '../read/header-csv.js';
import { parseNumber } from '../read/values/number.js';
import type { VehicleRecord } from '../store/records.js';
import { unitLabel } from '../units/units.js';
import type { ActivityDraft } from './activity-draft.js';
import { RowReader, type CellContext } from './cells.js';
import { resolveColumns } from './columns.js';
import type { ProductMatch } from './fuel-products.js';
import type { FuelCardProfile } from './profile-schema.js';
import { normaliseRegistration } from './vehicles.js';

type Profile = z.infer<typeof FuelCardProfile>;

/** A fuel line: a purchase (positive quantity) or a refund (negative). */
export interface FuelLine {
  readonly line: number;
  readonly registration: string;
  readonly product: string;
  readonly key: string;
  /** As in the file: negative for a refund. */
  readonly quantity: number;
  /** The activity a purchase gives if it is not refunded. */
  readonly draft: ActivityDraft;
}

export type FuelCardRow =
  | { readonly kind: 'fuel'; readonly fuel: FuelLine }
  | { readonly kind: 'excluded'; readonly problem: Problem }
  | { readonly kind: 'rejected'; readonly problems: Problem[] };

export interface FuelCardMapper {
  map(line: number, cells: readonly string[]): FuelCardRow;
  /** The quantity column's header, for problems about refunds. */
  readonly quantityColumn: string;
}

/** A cost or odometer reading: a number when it is one, else the text as written (never a reject). */
function quietNumber(text: string, decimal: '.' | ','): number | string | undefined {
  if (text === '') return undefined;
  const n = parseNumber(text, { decimal });
  return n.ok && n.value !== null ? n.value : text;
}

export function fuelCardMapper(
  profile: Profile,
  ctx: CellContext,
  matchProduct: (product: string) => ProductMatch,
  vehicles: ReadonlyMap<string, VehicleRecord>,
  meterSite: (meter: string) => string | undefined,
): FuelCardMapper {
  const col = resolveColumns(ctx.header, profile.columns);
  const unit = profile.unit;
  const unitText = unit === 'litres' ? 'litres' : 'UK gallons';
  return {
    quantityColumn: col.quantity === undefined ? '' : (ctx.header[col.quantity] ?? ''),
    map(line, cells) {
      const r = new RowReader(ctx, line, cells);
      const product = r.text(col.product);
      const m = product === '' ? undefined : matchProduct(product);
      if (m?.kind === 'excluded') {
        return { kind: 'excluded', problem: { file: ctx.file, line, column: ctx.header[col.product!] ?? '', value: product, code: 'non_fuel', message: `not fuel: ${m.reason}` } };
      }
      if (m === undefined) r.problem(col.product, 'missing_product', 'the product is empty: a fuel line must say what was bought');
      else if (m.kind === 'rejected') r.problem(col.product, 'product_rejected', m.reason);
      else if (m.kind === 'unknown') r.problem(col.product, 'unknown_product', `"${product}" is not a product tco2e knows: add a mapping for it to data/profiles/fuel-products.json (a factor key, or an exclusion with its reason)`);
      const date = r.date(col.date, 'the transaction date');
      const quantity = r.number(col.quantity);
      if (quantity === null) r.problem(col.quantity, 'missing_quantity', `the quantity (${unitText}) is empty`);
      else if (quantity === 0) r.problem(col.quantity, 'zero_quantity', `the quantity is 0 ${unitText}: a fuel line must say how much was bought`);
      if (r.problems.length > 0 || m?.kind !== 'fuel' || date === undefined || quantity === undefined || quantity === null) return { kind: 'rejected', problems: r.problems };

      const registration = normaliseRegistration(r.text(col.registration));
      const vehicle = registration === '' ? undefined : vehicles.get(registration);
      const site = r.text(col.site) || vehicle?.site || (registration === '' ? undefined : meterSite(registration)) || null;
      const extra: Record<string, string | number> = { product };
      const cost = quietNumber(r.text(col.cost), ctx.decimal);
      if (cost !== undefined) extra.cost = cost;
      const odometer = quietNumber(r.text(col.odometer), ctx.decimal);
      if (odometer !== undefined) extra.odometer = odometer;
      const draft: ActivityDraft = {
        line, site, meter: registration === '' ? null : registration, source: `fleet:${vehicle?.vehicleType ?? 'unknown'}`, factorKey: m.key, use: 'owned',
        periodStart: date.iso, periodEnd: date.iso, quantity, unit, estimated: false, direction: 'import', apportionedFrom: null, extra,
      };
      return { kind: 'fuel', fuel: { line, registration, product, key: m.key, quantity, draft } };
    },
  };
}

/**
 * Nets refunds against purchases: a negative line cancels a purchase of the same registration,
 * fuel (the product's factor key, so "DIESEL" and "Diesel" are one product) and quantity, the
 * nearest earlier one, or else the first later one. Both lines are left out, each naming the
 * other; a refund with no such purchase in the file is a problem.
 */
export function netRefunds(lines: readonly FuelLine[], file: string, quantityColumn: string): { kept: FuelLine[]; excluded: Problem[]; unmatched: Problem[] } {
  const id = (l: FuelLine): string => `${l.registration}|${l.key}|${Math.abs(l.quantity).toFixed(3)}`;
  const purchases = new Map<string, FuelLine[]>();
  for (const l of lines) {
    if (l.quantity <= 0) continue;
    const list = purchases.get(id(l)) ?? [];
    list.push(l);
    purchases.set(id(l), list);
  }
  const cancelled = new Map<number, FuelLine>();
  const excluded: Problem[] = [];
  const unmatched: Problem[] = [];
  const what = (l: FuelLine): string => `${Math.abs(l.quantity)} ${unitLabel(l.draft.unit)} of ${l.product}${l.registration === '' ? '' : ` for ${l.registration}`}`;
  for (const refund of lines) {
    if (refund.quantity >= 0) continue;
    const open = (purchases.get(id(refund)) ?? []).filter((p) => !cancelled.has(p.line));
    const earlier = open.filter((p) => p.line < refund.line);
    const purchase = earlier.length > 0 ? earlier[earlier.length - 1] : open.find((p) => p.line > refund.line);
    if (purchase === undefined) {
      unmatched.push({ file, line: refund.line, column: quantityColumn, value: String(refund.quantity), code: 'unmatched_refund', message: `a refund of ${what(refund)}, but no matching purchase (same registration, product and quantity) was found in this file: import it with the purchase it refunds, or correct the line` });
      continue;
    }
    cancelled.set(purchase.line, refund);
    cancelled.set(refund.line, purchase);
    excluded.push(
      { file, line: purchase.line, column: quantityColumn, value: String(purchase.quantity), code: 'refunded', message: `refunded by line ${refund.line} (${what(purchase)}): the purchase and its refund cancel out` },
      { file, line: refund.line, column: quantityColumn, value: String(refund.quantity), code: 'refunded', message: `refund of line ${purchase.line} (${what(refund)}): the purchase and its refund cancel out` },
    );
  }
  excluded.sort((a, b) => a.line - b.line);
  return { kept: lines.filter((l) => l.quantity > 0 && !cancelled.has(l.line)), excluded, unmatched };
}
