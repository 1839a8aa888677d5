/**
 * Which emission lines a target covers, for the caller that builds its actuals: a line counts
 * when its scope is one of the target's and its source is one of the target's source prefixes
 * (`fleet` covers `fleet:van`; `travel` covers `travel:rail` but not `commuting:bus`).
 * Outside-of-scopes lines (biogenic CO2) never count. The Scope 2 basis (location or market)
 * and the excluded sites are chosen by the caller when it reads the ledger.
 */

import type { Target } from './types.js';

export function coversSource(target: Pick<Target, 'sources'>, source: string): boolean {
  return target.sources === null || target.sources.some((p) => source === p || source.startsWith(`${p}:`));
}

export function coversLine(target: Pick<Target, 'scopes' | 'sources'>, line: { readonly scope: 1 | 2 | 3 | null; readonly source: string }): boolean {
  return line.scope !== null && target.scopes.includes(line.scope) && coversSource(target, line.source);
}
