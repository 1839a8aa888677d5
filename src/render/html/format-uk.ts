/**
 * UK presentation of report figures. Rounding happens here and nowhere earlier: the figures
 * reach this module at full precision.
 */

const fixed = new Map<number, Intl.NumberFormat>();
const upTo = new Map<number, Intl.NumberFormat>();

// `signDisplay: 'negative'` keeps a tiny negative that rounds to zero from printing as "-0.00".
function fixedDigits(digits: number): Intl.NumberFormat {
  let f = fixed.get(digits);
  if (!f) fixed.set(digits, (f = new Intl.NumberFormat('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'negative' })));
  return f;
}

function maxDigits(digits: number): Intl.NumberFormat {
  let f = upTo.get(digits);
  if (!f) upTo.set(digits, (f = new Intl.NumberFormat('en-GB', { maximumFractionDigits: digits, signDisplay: 'negative' })));
  return f;
}

function finite(n: number, what: string): number {
  // A NaN or Infinity here is a bug upstream; printing "NaN" in a board report would hide it.
  if (!Number.isFinite(n)) throw new RangeError(`cannot format ${String(n)} as ${what}`);
  return n;
}

/**
 * Tonnes CO2e for a table or a sentence: `12,345.6`, `3.21`. One decimal at 10 t and above,
 * two below, so small sources do not all read as "0.0" and large ones carry no false precision.
 */
export function formatTco2e(tco2e: number): string {
  const n = finite(tco2e, 'tCO2e');
  const text = fixedDigits(Math.abs(n) >= 10 ? 1 : 2).format(n);
  // A true minus sign, as in percentages: it reads better in print and screen readers say it.
  return text.startsWith('-') ? `\u2212${text.slice(1)}` : text;
}

export interface PercentOptions {
  /** Show `+` on increases (for changes against a baseline); default false. */
  readonly signed?: boolean;
  /** Decimal places; by default one below 10%, none from 10% up. */
  readonly decimals?: number;
}

/** A fraction as a percentage: `0.283` → `28%`, `0.046` → `4.6%`, signed: `-0.28` → `−28%`. */
export function formatPercent(fraction: number, options: PercentOptions = {}): string {
  const pct = finite(fraction, 'a percentage') * 100;
  const decimals = options.decimals ?? (Math.abs(pct) < 10 ? 1 : 0);
  const text = maxDigits(decimals).format(pct);
  // A true minus sign reads better in print than a hyphen, and screen readers say "minus".
  const signed = text.startsWith('-') ? `\u2212${text.slice(1)}` : options.signed && text !== '0' ? `+${text}` : text;
  return `${signed}%`;
}

/** A count or other plain quantity: `1,838.5`, up to `digits` decimals, trailing zeros dropped. */
export function formatQuantity(n: number, digits = 1): string {
  return maxDigits(digits).format(finite(n, 'a number'));
}

/** The financial year starting in April of `startYear`, as UK public bodies write it: `2024/25`. */
export function fyLabel(startYear: number): string {
  if (!Number.isInteger(startYear)) throw new RangeError(`a financial year starts in a whole year, not ${String(startYear)}`);
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}
