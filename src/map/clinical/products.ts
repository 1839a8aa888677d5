/**
 * What a line of a pharmacy issue export is, from its product text: a volatile anaesthetic, nitrous
 * oxide or Entonox, a metered-dose or a dry-powder inhaler, and any pack size the text states
 * ("Sevoflurane 250ml", "Nitrous oxide 1800L size E", "Entonox 3.4kg"). Brand names are read as
 * their agent. Nothing is assumed that the text does not say: no pack size for a cylinder letter,
 * no propellant mass for an inhaler brand.
 */

import type { VolatileAgent } from './amounts.js';

export type Propellant = 'hfa134a' | 'hfa227ea' | 'hfa152a';

export type ClinicalProduct =
  | { readonly kind: 'volatile'; readonly agent: VolatileAgent }
  | { readonly kind: 'nitrous'; readonly mix: 'n2o' | 'entonox' }
  | { readonly kind: 'mdi'; readonly propellant: Propellant | undefined }
  | { readonly kind: 'dpi' }
  /** An inhaler the text does not say is metered-dose or dry-powder. */
  | { readonly kind: 'inhaler' };

/** A pack's size as stated: ml of liquid, litres of gas, or kg. */
export type PackSize = { readonly ml: number } | { readonly litres: number } | { readonly kg: number };

const VOLATILE: readonly [RegExp, VolatileAgent][] = [
  [/\b(desflurane|suprane)\b/, 'desflurane'],
  [/\b(sevoflurane|sevorane|sevoflo|sevoflurano|ultane)\b/, 'sevoflurane'],
  [/\b(isoflurane|forane|aerrane|isoflo)\b/, 'isoflurane'],
];
const ENTONOX = /\b(entonox|equanox|livopan)\b|nitrous oxide\s*(\/|and|&|\+|with)\s*oxygen|n2o\s*\/\s*o2|\b50\s*[:/]\s*50\b/;
const NITROUS = /\bnitrous oxide\b|\bn2o\b|\bnitrous\b/;
const DPI = /\b(dpi|dry[ -]?powder|accuhaler|turbohaler|ellipta|easyhaler|genuair|breezhaler|handihaler|spiromax|nexthaler|diskus|twisthaler|novolizer|zonda|inhalation powder)\b/;
const MDI = /\b(p?mdi|metered[ -]?dose|aerosol|evohaler|pressuri[sz]ed|hfa|hfc|cfc[ -]?free)\b/;
const INHALER = /\binhaler\b|\binhalation\b/;

/** A propellant named in text: `HFA 134a`, `HFA-227ea`, `HFC-152a`, `R134a`, `norflurane`, `apaflurane`. */
export function parsePropellant(text: string): Propellant | undefined {
  const t = text.toLowerCase();
  if (/\b(hfa|hfc|r)?[ -]?134a\b|norflurane/.test(t)) return 'hfa134a';
  if (/\b(hfa|hfc|r)?[ -]?227(ea)?\b|apaflurane/.test(t)) return 'hfa227ea';
  if (/\b(hfa|hfc|r)?[ -]?152a\b/.test(t)) return 'hfa152a';
  return undefined;
}

/** The product a text names, or undefined when it is none tco2e counts. */
export function parseProduct(text: string): ClinicalProduct | undefined {
  const t = text.toLowerCase().replace(/\s+/g, ' ');
  for (const [re, agent] of VOLATILE) if (re.test(t)) return { kind: 'volatile', agent };
  if (ENTONOX.test(t)) return { kind: 'nitrous', mix: 'entonox' };
  if (NITROUS.test(t)) return { kind: 'nitrous', mix: 'n2o' };
  if (DPI.test(t)) return { kind: 'dpi' };
  const propellant = parsePropellant(t);
  if (MDI.test(t) || propellant !== undefined) return { kind: 'mdi', propellant };
  if (INHALER.test(t)) return { kind: 'inhaler' };
  return undefined;
}

const SIZE = /(\d+(?:\.\d+)?)\s*(ml|millilitres?|l|ltrs?|litres?|liters?|kg|kilograms?)\b/;

/** A pack size in text: `250ml`, `250 mL`, `1800L`, `1,800 litres`, `3.4 kg`; undefined when none is stated. */
export function parsePackSize(text: string): PackSize | undefined {
  const m = SIZE.exec(text.toLowerCase().replace(/(\d),(\d{3})\b/g, '$1$2'));
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!Number.isFinite(n) || n <= 0) return undefined;
  const unit = m[2]!;
  if (unit.startsWith('m')) return { ml: n };
  if (unit.startsWith('k')) return { kg: n };
  return { litres: n };
}
