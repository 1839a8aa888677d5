/**
 * One row of a pharmacy issue export to its activity: the kilograms of anaesthetic agent or
 * inhaler propellant it releases (or, for a dry-powder inhaler, the inhalers), dated to the day
 * or month of the issue, with what was read kept beside it for the trace. A row that cannot be
 * counted without a guess is rejected, saying what to add.
 */

import type { Problem } from '../../kernel/problem.js';
import { parseNumber } from '../../read/values/number.js';
import type { DateParser } from '../../read/values/date.js';
import type { ActivityDraft } from '../activity-draft.js';
import { parseMonth } from '../energy-bill.js';
import { LIQUID_DENSITY, N2O_GAS_DENSITY_SOURCE, nitrousKg, volatileKg } from './amounts.js';
import type { ClinicalColumn, ClinicalColumns } from './columns.js';
import { clinicalMsg, DPI_KEY } from './messages.js';
import { parsePackSize, parseProduct, parsePropellant, type ClinicalProduct, type PackSize, type Propellant } from './products.js';

export interface ClinicalRowContext {
  readonly file: string;
  readonly columns: ClinicalColumns;
  readonly parseDate: DateParser;
  /** The configured site a site, ward or theatre cell names, or null. */
  readonly siteOf: (text: string) => string | null;
  /** Whether a factor for dry-powder inhalers is loaded (a custom factor: none is published). */
  readonly hasDpiFactor: boolean;
}

export type ClinicalRow = { readonly drafts: readonly ActivityDraft[] } | { readonly problems: readonly Problem[] };

/** How the quantity is counted: packs (bottles, cylinders, inhalers) or an amount. */
type Counted = { readonly packs: number } | { readonly ml: number } | { readonly litres: number } | { readonly kg: number };

const PACK_WORDS = /^(bottles?|btls?|each|ea|packs?|pks?|cylinders?|cyls?|inhalers?|items?|devices?|units?|no|number|x)$/;

function counted(quantity: number, unit: string): Counted | undefined {
  const u = unit.trim().toLowerCase().replace(/\.$/, '');
  if (u === '' || PACK_WORDS.test(u)) return { packs: quantity };
  if (/^(ml|millilitres?|milliliters?)$/.test(u)) return { ml: quantity };
  if (/^(l|ltrs?|litres?|liters?)$/.test(u)) return { litres: quantity };
  if (/^(m3|m³|cubic metres?)$/.test(u)) return { litres: quantity * 1000 };
  if (/^(kg|kgs|kilograms?)$/.test(u)) return { kg: quantity };
  return undefined;
}

const PROPELLANT_SOURCE: Readonly<Record<Propellant, { source: string; key: string }>> = {
  hfa134a: { source: 'inhalers:mdi_hfa134a', key: 'inhaler.hfa134a' },
  hfa227ea: { source: 'inhalers:mdi_hfa227ea', key: 'inhaler.hfa227ea' },
  hfa152a: { source: 'inhalers:mdi_hfa152a', key: 'inhaler.hfa152a' },
};

export function clinicalRow(ctx: ClinicalRowContext, line: number, cells: readonly string[]): ClinicalRow {
  const c = ctx.columns;
  const cell = (col: ClinicalColumn | undefined): string => (col === undefined ? '' : (cells[col.index] ?? '').trim());
  const problem = (col: ClinicalColumn | undefined, value: string, code: string, message: string): ClinicalRow => ({
    problems: [{ file: ctx.file, line, column: col?.header ?? '', value, code, message }],
  });

  const productText = cell(c.product);
  if (productText === '') return problem(c.product, '', 'clinical_no_product', clinicalMsg.noProduct);
  let product = parseProduct(productText);
  if (product === undefined) return problem(c.product, productText, 'clinical_unknown_product', clinicalMsg.unknownProduct(productText));

  const qtyText = cell(c.quantity);
  const q = parseNumber(qtyText, { decimal: '.' });
  if (!q.ok) return problem(c.quantity, qtyText, 'clinical_bad_quantity', clinicalMsg.badQuantity(qtyText));
  if (q.value === null) return problem(c.quantity, '', 'clinical_no_quantity', clinicalMsg.noQuantity);
  if (q.value === 0) return { drafts: [] };
  const quantity = q.value;

  const period = periodOf(ctx, cell(c.date), cell(c.month));
  if ('problem' in period) return problem(period.column, period.value, period.code, period.problem);

  const unitText = cell(c.unit) || (c.quantity?.unit ?? '');
  const amount = counted(quantity, unitText);
  if (amount === undefined) return problem(c.unit ?? c.quantity, unitText, 'clinical_bad_unit', clinicalMsg.badUnit(unitText, productText));

  const propellantText = cell(c.propellant);
  const gramsText = cell(c.propellantGrams);
  // An inhaler the text leaves open is metered-dose when the file gives its propellant.
  if (product.kind === 'inhaler' && (propellantText !== '' || gramsText !== '')) product = { kind: 'mdi', propellant: undefined };

  const location = cell(c.site);
  const base = {
    line, site: location === '' ? null : ctx.siteOf(location), meter: null, periodStart: period.start, periodEnd: period.end,
    estimated: false, direction: 'import' as const, apportionedFrom: null,
  };
  const extra = { product: productText, issued: `${quantity}${unitText === '' ? '' : ` ${unitText}`}`, ...(location === '' ? {} : { location }) };
  const released = releasedAmount(ctx, product, productText, amount, cell(c.packSize), c.packSize, propellantText, gramsText);
  if ('problem' in released) return problem(released.column, released.value, released.code, released.problem);
  return { drafts: [{ ...base, source: released.source, factorKey: released.key, quantity: released.quantity, unit: released.unit, extra: { ...extra, ...released.extra } }] };
}

interface Released {
  readonly source: string;
  readonly key: string;
  readonly quantity: number;
  readonly unit: 'kg' | 'items';
  readonly extra: Readonly<Record<string, string | number>>;
}

interface RowProblem {
  readonly column: ClinicalColumn | undefined;
  readonly value: string;
  readonly code: string;
  readonly problem: string;
}

function releasedAmount(
  ctx: ClinicalRowContext, product: ClinicalProduct, productText: string, amount: Counted,
  packText: string, packCol: ClinicalColumn | undefined, propellantText: string, gramsText: string,
): Released | RowProblem {
  const c = ctx.columns;
  const fail = (column: ClinicalColumn | undefined, value: string, code: string, problem: string): RowProblem => ({ column, value, code, problem });
  switch (product.kind) {
    case 'volatile': {
      let ml: number;
      let pack: string | undefined;
      if ('kg' in amount) {
        return { source: `anaesthetic:${product.agent}`, key: `anaesthetic.${product.agent}`, quantity: amount.kg, unit: 'kg', extra: {} };
      } else if ('ml' in amount) ml = amount.ml;
      else if ('litres' in amount) ml = amount.litres * 1000;
      else {
        const size = packSize(packText, packCol, 'ml') ?? parsePackSize(productText);
        if (size === undefined) return fail(packCol ?? c.product, packText || productText, 'clinical_no_pack_size', clinicalMsg.noPackSize(productText, "the bottle's volume"));
        if (!('ml' in size) && !('litres' in size)) return fail(packCol ?? c.product, packText || productText, 'clinical_pack_not_liquid', clinicalMsg.packSizeNotLiquid(productText));
        const perPack = 'ml' in size ? size.ml : size.litres * 1000;
        ml = amount.packs * perPack;
        pack = `${perPack} ml`;
      }
      const d = LIQUID_DENSITY[product.agent];
      return {
        source: `anaesthetic:${product.agent}`, key: `anaesthetic.${product.agent}`, quantity: volatileKg(product.agent, ml), unit: 'kg',
        extra: { ...(pack === undefined ? {} : { pack }), liquidMl: ml, densityGPerMl: d.gPerMl, density: d.source },
      };
    }
    case 'nitrous': {
      const source = product.mix === 'entonox' ? 'anaesthetic:entonox' : 'anaesthetic:nitrous_oxide';
      let gas: { litres: number } | { kg: number };
      let pack: string | undefined;
      if ('kg' in amount) gas = { kg: amount.kg };
      else if ('litres' in amount) gas = { litres: amount.litres };
      else if ('ml' in amount) return fail(c.unit ?? c.quantity, 'ml', 'clinical_bad_unit', clinicalMsg.badUnit('ml', productText));
      else {
        const size = packSize(packText, packCol, undefined) ?? parsePackSize(productText);
        if (size === undefined) return fail(packCol ?? c.product, packText || productText, 'clinical_no_pack_size', clinicalMsg.noPackSize(productText, "the cylinder's contents (litres of gas or kg)"));
        if ('ml' in size) return fail(packCol ?? c.product, packText || productText, 'clinical_pack_not_gas', clinicalMsg.packSizeNotGas(productText));
        gas = 'litres' in size ? { litres: amount.packs * size.litres } : { kg: amount.packs * size.kg };
        pack = 'litres' in size ? `${size.litres} L` : `${size.kg} kg`;
      }
      const kg = nitrousKg(product.mix, gas);
      return {
        source, key: 'anaesthetic.nitrous_oxide', quantity: kg, unit: 'kg',
        extra: {
          ...(pack === undefined ? {} : { pack }), ...('litres' in gas ? { gasLitres: gas.litres, density: N2O_GAS_DENSITY_SOURCE } : { productKg: gas.kg }),
          ...(product.mix === 'entonox' ? { mixture: 'Entonox: 50% N2O by volume (57.9% by mass)' } : {}),
        },
      };
    }
    case 'mdi': {
      const propellant = product.propellant ?? parsePropellant(propellantText);
      if (propellant === undefined) return fail(c.propellant ?? c.product, propellantText || productText, 'inhaler_no_propellant', clinicalMsg.noPropellant(productText));
      if (!('packs' in amount)) return fail(c.unit ?? c.quantity, '', 'clinical_bad_unit', clinicalMsg.badUnit('(an amount, not inhalers)', productText));
      if (gramsText === '') return fail(c.propellantGrams, '', 'inhaler_no_propellant_mass', clinicalMsg.noPropellantMass(productText));
      const g = parseNumber(gramsText, { decimal: '.' });
      if (!g.ok || g.value === null || g.value <= 0) return fail(c.propellantGrams, gramsText, 'inhaler_bad_propellant_mass', clinicalMsg.badPropellantMass(gramsText));
      const p = PROPELLANT_SOURCE[propellant];
      return { source: p.source, key: p.key, quantity: (amount.packs * g.value) / 1000, unit: 'kg', extra: { inhalers: amount.packs, propellantGramsPerInhaler: g.value } };
    }
    case 'dpi':
      if (!ctx.hasDpiFactor) return fail(c.product, productText, 'inhaler_no_dpi_factor', clinicalMsg.noDpiFactor(productText));
      if (!('packs' in amount)) return fail(c.unit ?? c.quantity, '', 'clinical_bad_unit', clinicalMsg.badUnit('(an amount, not inhalers)', productText));
      return { source: 'inhalers:dpi', key: DPI_KEY, quantity: amount.packs, unit: 'items', extra: { inhalers: amount.packs } };
    case 'inhaler':
      return fail(c.product, productText, 'inhaler_kind_unknown', clinicalMsg.inhalerKind(productText));
  }
}

/**
 * A pack-size cell: its own unit (`250ml`, `1800 L`), else the header's (`Pack size (ml)`), else
 * `bare` (a volatile agent's bottle is in ml; a gas cylinder's bare number says nothing).
 */
function packSize(text: string, col: ClinicalColumn | undefined, bare: 'ml' | undefined): PackSize | undefined {
  if (text === '') return undefined;
  const stated = parsePackSize(text);
  if (stated !== undefined) return stated;
  const n = Number(text.replace(/,/g, ''));
  if (!Number.isFinite(n) || n <= 0) return undefined;
  const unit = col?.unit ?? bare;
  if (unit === 'ml') return { ml: n };
  if (unit === 'l') return { litres: n };
  if (unit === 'kg') return { kg: n };
  return undefined;
}

type Period = { readonly start: string; readonly end: string } | { readonly problem: string; readonly code: string; readonly value: string; readonly column: ClinicalColumn | undefined };

/** The day of a date column, else the month of a month column (a date column holding a month counts as one). */
function periodOf(ctx: ClinicalRowContext, dateText: string, monthText: string): Period {
  const c = ctx.columns;
  if (dateText !== '') {
    const d = ctx.parseDate(dateText);
    if (d.ok && d.value !== null) return { start: d.value.iso.slice(0, 10), end: d.value.iso.slice(0, 10) };
    const m = parseMonth(dateText);
    if (m !== undefined) return m;
    return { problem: clinicalMsg.badDate(dateText, d.ok ? 'blank' : d.message), code: 'clinical_bad_date', value: dateText, column: c.date };
  }
  if (monthText !== '') {
    const m = parseMonth(monthText);
    if (m !== undefined) return m;
    return { problem: clinicalMsg.badMonth(monthText), code: 'clinical_bad_month', value: monthText, column: c.month };
  }
  return { problem: clinicalMsg.noDate, code: 'clinical_no_date', value: '', column: c.date ?? c.month };
}
