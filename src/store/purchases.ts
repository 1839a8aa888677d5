/** Fuel-card purchases as the ledger keeps them in a month's `purchases_json` (schema 6). */

import type { FuelPurchase } from './records.js';

/** `[line, day, quantity, extra]` each, in the order read. */
export function purchasesJson(purchases: readonly FuelPurchase[]): string {
  return JSON.stringify(purchases.map((p) => [p.line, p.day, p.quantity, p.extra]));
}

export function parsePurchases(json: string): FuelPurchase[] {
  return (JSON.parse(json) as [number, string, number, Record<string, string | number>][]).map(([line, day, quantity, extra]) => ({ line, day, quantity, extra }));
}
