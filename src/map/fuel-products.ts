/**
 * Fuel-card product names to factor keys. Card exports name the same fuel many ways ("ULSD",
 * "Diesel", "DERV"); non-fuel lines (AdBlue, car wash, lubricants) are excluded and counted,
 * never silently dropped. The rules are data (`data/profiles/fuel-products.json`).
 */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const Rule = z.union([
  z.strictObject({ words: z.array(z.string().min(1)).min(1), key: z.string().min(1) }),
  z.strictObject({ words: z.array(z.string().min(1)).min(1), exclude: z.string().min(1) }),
  z.strictObject({ words: z.array(z.string().min(1)).min(1), reject: z.string().min(1) }),
]);
const RulesFile = z.object({ rules: z.array(Rule).min(1) });
export type ProductRule = z.infer<typeof Rule>;

export type ProductMatch =
  | { readonly kind: 'fuel'; readonly key: string }
  | { readonly kind: 'excluded'; readonly reason: string }
  | { readonly kind: 'rejected'; readonly reason: string }
  | { readonly kind: 'unknown' };

export const DEFAULT_PRODUCT_RULES = fileURLToPath(new URL('../../data/profiles/fuel-products.json', import.meta.url));

export function loadProductRules(path: string = DEFAULT_PRODUCT_RULES): readonly ProductRule[] {
  return RulesFile.parse(JSON.parse(readFileSync(path, 'utf8'))).rules;
}

function wordsOf(text: string): Set<string> {
  return new Set(text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean));
}

/** A matcher with a cache: a card file names a handful of products over thousands of lines. */
export function productMatcher(rules: readonly ProductRule[]): (product: string) => ProductMatch {
  const cache = new Map<string, ProductMatch>();
  return (product) => {
    let m = cache.get(product);
    if (m !== undefined) return m;
    const words = wordsOf(product);
    const rule = rules.find((r) => r.words.every((w) => words.has(w.toLowerCase())));
    m = rule === undefined ? { kind: 'unknown' } : 'key' in rule ? { kind: 'fuel', key: rule.key } : 'exclude' in rule ? { kind: 'excluded', reason: rule.exclude } : { kind: 'rejected', reason: rule.reject };
    cache.set(product, m);
    return m;
  };
}
