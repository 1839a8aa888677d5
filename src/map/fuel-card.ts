/**
 * Fuel-card transactions: one row per fill-up (date, registration, product, litres, cost,
 * odometer, site). Products are mapped to fuel factor keys by `fuel-products.ts`; non-fuel lines
 * (AdBlue, car wash…) are left out with their reason. Refunds are netted against their purchase
 * once the whole file is read (`netRefunds`), so a refunded fill-up counts for nothing.
 */

import type { z } from 'zod';
import type { Problem } from '../kernel/problem.js';
import { parseNumber } from '../read/values/number.js';
import type { VehicleRecord } from '../store/records.js';
import { unitLabel, type UnitId } from '../units/units.js';
import type { ActivityDraft } from './activity-draft.js';
import { RowReader, type CellContext } from './cells.js';
import { isForecourt, resolveColumns } from './columns.js';
import { unitInHeader } from './detect/units-in-header.js';
import { excluded, rejected, yields, type Mapped, type RowMapper } from './mapped.js';
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

export interface FuelCardMapper extends RowMapper<FuelLine> {
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
  // The forecourt (name, town) is never the organisation's site (see `isForecourt`): it is kept
  // with each line as where the fuel was bought.
  const forecourt = ctx.header.flatMap((h, i) => (isForecourt(h) ? [i] : []));
  // A quantity headed in a volume ("Quantity (Ltrs)", "Litres", "Gallons", "US Gallons") is in
  // that unit whatever the profile says: a gallons column read as litres would be 4.5 times short.
  const stated = unitInHeader(col.quantity === undefined ? '' : (ctx.header[col.quantity] ?? ''));
  const unit = stated?.kind === 'volume' ? (stated.unit as 'litres' | 'gallon_uk' | 'gallon_us') : profile.unit;
  const unitText = unit === 'litres' ? 'litres' : unit === 'gallon_us' ? 'US gallons' : 'UK gallons';
  // A fleet's few hundred registrations recur on every line: each is normalised once.
  const registrations = new Map<string, string>();
  const registrationOf = (text: string): string => {
    let r = registrations.get(text);
    if (r === undefined) registrations.set(text, (r = normaliseRegistration(text)));
    return r;
  };
  function read(line: number, cells: readonly string[]): Mapped<FuelLine> {
    const r = new RowReader(ctx, line, cells);
    const product = r.text(col.product);
    const m = product === '' ? undefined : matchProduct(product);
    if (m?.kind === 'excluded') {
      return excluded({ file: ctx.file, line, column: ctx.header[col.product!] ?? '', value: product, code: 'non_fuel', message: `not fuel: ${m.reason}` });
    }
    if (m === undefined) r.problem(col.product, 'missing_product', 'the product is empty: a fuel line must say what was bought');
    else if (m.kind === 'rejected') r.problem(col.product, 'product_rejected', m.reason);
    else if (m.kind === 'unknown') r.problem(col.product, 'unknown_product', `"${product}" is not a product tco2e knows: add a mapping for it to data/profiles/fuel-products.json (a factor key, or an exclusion with its reason)`);
    const date = r.date(col.date, 'the transaction date');
    const quantity = r.number(col.quantity);
    if (quantity === null) r.problem(col.quantity, 'missing_quantity', `the quantity (${unitText}) is empty`);
    else if (quantity === 0) r.problem(col.quantity, 'zero_quantity', `the quantity is 0 ${unitText}: a fuel line must say how much was bought`);
    if (r.problems.length > 0 || m?.kind !== 'fuel' || date === undefined || quantity === undefined || quantity === null) return rejected(r.problems);

    const registration = registrationOf(r.text(col.registration));
    const vehicle = registration === '' ? undefined : vehicles.get(registration);
    const site = r.text(col.site) || vehicle?.site || (registration === '' ? undefined : meterSite(registration)) || null;
    const extra: Record<string, string | number> = { product };
    const cost = quietNumber(r.text(col.cost), ctx.decimal);
    if (cost !== undefined) extra.cost = cost;
    const odometer = quietNumber(r.text(col.odometer), ctx.decimal);
    if (odometer !== undefined) extra.odometer = odometer;
    const where = forecourt.map((i) => r.text(i)).filter((t) => t !== '').join(', ');
    if (where !== '') extra.forecourt = where;
    const draft: ActivityDraft = {
      line, site, meter: registration === '' ? null : registration, source: `fleet:${vehicle?.vehicleType ?? 'unknown'}`, factorKey: m.key, use: 'owned',
      periodStart: date.iso, periodEnd: date.iso, quantity, unit, estimated: false, direction: 'import', apportionedFrom: null, extra,
    };
    return yields({ line, registration, product, key: m.key, quantity, draft });
  }
  return {
    quantityColumn: col.quantity === undefined ? '' : (ctx.header[col.quantity] ?? ''),
    map: read,
  };
}

/** What netting needs to know of a fuel line. */
export interface NettingEntry {
  readonly line: number;
  /** Registration, factor key and absolute quantity: a refund cancels a purchase with the same. */
  readonly id: string;
  /** As in the file: negative for a refund. */
  readonly quantity: number;
}

/** A fuel line as netting names it: a refund, or a purchase held in its month (`FuelMonths`). */
export interface NettedLine {
  readonly line: number;
  readonly registration: string;
  readonly product: string;
  readonly key: string;
  /** As in the file: negative for a refund. */
  readonly quantity: number;
  readonly unit: UnitId;
}

export function nettingEntry(l: NettedLine): NettingEntry {
  return { line: l.line, id: `${l.registration}|${l.key}|${Math.abs(l.quantity).toFixed(3)}`, quantity: l.quantity };
}

export function nettedLine(l: FuelLine): NettedLine {
  return { line: l.line, registration: l.registration, product: l.product, key: l.key, quantity: l.quantity, unit: l.draft.unit };
}

export interface Netting {
  /** Line → the line it cancels out with (both directions: purchase ↔ refund). */
  readonly pairs: ReadonlyMap<number, number>;
  /** Refund lines with no purchase to cancel. */
  readonly unmatched: ReadonlySet<number>;
}

/**
 * Refunds cancel the purchase they refund: the same registration, fuel and quantity, the
 * nearest earlier purchase not already cancelled, else the first later one (card statements are
 * not always in date order). The pair is excluded with its reason; a refund with no purchase is
 * rejected, never stored as negative fuel.
 */
export function netRefunds(entries: readonly NettingEntry[]): Netting {
  const purchases = new Map<string, number[]>();
  for (const e of entries) {
    if (e.quantity <= 0) continue;
    let list = purchases.get(e.id);
    if (!list) purchases.set(e.id, (list = []));
    list.push(e.line);
  }
  const pairs = new Map<number, number>();
  const unmatched = new Set<number>();
  for (const refund of entries) {
    if (refund.quantity >= 0) continue;
    const open = (purchases.get(refund.id) ?? []).filter((line) => !pairs.has(line));
    const earlier = open.filter((line) => line < refund.line);
    const purchase = earlier.length > 0 ? earlier[earlier.length - 1] : open.find((line) => line > refund.line);
    if (purchase === undefined) {
      unmatched.add(refund.line);
      continue;
    }
    pairs.set(purchase, refund.line);
    pairs.set(refund.line, purchase);
  }
  return { pairs, unmatched };
}

/** The problem a fuel line gets from netting, if any: excluded as refunded, or rejected as unmatched. */
export function nettingProblem(l: NettedLine, netting: Netting, file: string, quantityColumn: string): { severity: 'excluded' | 'rejected'; problem: Problem } | undefined {
  const other = netting.pairs.get(l.line);
  if (other === undefined && !netting.unmatched.has(l.line)) return undefined;
  const what = `${Math.abs(l.quantity)} ${unitLabel(l.unit)} of ${l.product}${l.registration === '' ? '' : ` for ${l.registration}`}`;
  const base = { file, line: l.line, column: quantityColumn, value: String(l.quantity) };
  if (other !== undefined) {
    const message = l.quantity > 0
      ? `refunded by line ${other} (${what}): the purchase and its refund cancel out`
      : `refund of line ${other} (${what}): the purchase and its refund cancel out`;
    return { severity: 'excluded', problem: { ...base, code: 'refunded', message } };
  }
  return { severity: 'rejected', problem: { ...base, code: 'unmatched_refund', message: `a refund of ${what}, but no matching purchase (same registration, product and quantity) was found in this file: import it with the purchase it refunds, or correct the line` } };
}
