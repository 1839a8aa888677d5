/**
 * Global warming potentials: kg CO2e per kg of a gas released, for the gases that are emitted as
 * themselves rather than burnt (anaesthetic agents, inhaler propellants). The UK Government's
 * conversion factors publish none of these, so they come from the IPCC directly, and the choice
 * of assessment report is made here, once: moving to AR6 means changing `GWP_REPORT` and
 * `GWP_100` below, and every key built from them follows.
 *
 * The figures are the 100-year GWPs of IPCC AR5, Working Group I, Chapter 8 (Myhre et al., 2013),
 * Appendix 8.A, Table 8.A.1 (without climate-carbon feedbacks, as national inventories use them).
 * They were checked against two independent reproductions of that table (a US EPA AR5 GWP table
 * and a list giving each substance's AR4, AR5 and AR6 figures side by side); each agreed on every
 * figure below. A published table of figures is kept in code here, against the usual rule that
 * factors live in `data/`, because it is ten numbers fixed since 2013 and the keys are built from
 * it at load time, not read from a publication's file.
 */

import type { ScopeRule } from './catalogue.js';
import type { FactorSource, FactorVariant } from './types.js';

/** The assessment report the figures come from, as a trace cites it. */
export const GWP_REPORT = {
  report: 'AR5',
  publisher: 'IPCC',
  title: 'Climate Change: The Physical Science Basis (Working Group I)',
  year: 2013,
  edition: 'IPCC Fifth Assessment Report (AR5), WG1 Chapter 8, Table 8.A.1',
  horizonYears: 100,
} as const;

export type GwpGas = 'n2o' | 'desflurane' | 'isoflurane' | 'sevoflurane' | 'hfc134a' | 'hfc227ea' | 'hfc152a';

export interface GwpEntry {
  /** The name Table 8.A.1 lists the substance under. */
  readonly designation: string;
  readonly formula: string;
  /** kg CO2e per kg, 100-year horizon. */
  readonly gwp: number;
}

/** IPCC AR5 WG1 Table 8.A.1, GWP100. */
export const GWP_100: Readonly<Record<GwpGas, GwpEntry>> = {
  n2o: { designation: 'Nitrous oxide', formula: 'N2O', gwp: 265 },
  desflurane: { designation: 'HFE-236ea2 (desflurane)', formula: 'CHF2OCHFCF3', gwp: 1790 },
  isoflurane: { designation: 'HCFE-235da2 (isoflurane)', formula: 'CHF2OCHClCF3', gwp: 491 },
  sevoflurane: { designation: 'HFE-347mmz1 (sevoflurane)', formula: '(CF3)2CHOCH2F', gwp: 216 },
  hfc134a: { designation: 'HFC-134a', formula: 'CH2FCF3', gwp: 1300 },
  hfc227ea: { designation: 'HFC-227ea', formula: 'CF3CHFCF3', gwp: 3350 },
  hfc152a: { designation: 'HFC-152a', formula: 'CH3CHF2', gwp: 138 },
};

/**
 * Anaesthetic gases are released on the organisation's premises, from its own theatres and
 * wards: Scope 1, as the NHS Carbon Footprint counts them (Delivering a 'Net Zero' NHS, 2020).
 */
const ANAESTHETIC_SCOPE: ScopeRule = { kind: 'fixed', scope: 1 };
/**
 * An inhaler's propellant is released where the patient uses it, outside the organisation's
 * premises and control, so it is not Scope 1; the organisation buys the inhaler and hands it
 * on, so it is counted with purchased goods, Scope 3 category 1. The NHS still counts inhalers
 * in the NHS Carbon Footprint (not only the "Plus"): that boundary is drawn by source (the
 * `inhalers` prefix in data/targets/presets.json), not by scope, so this choice moves no target.
 */
const INHALER_SCOPE: ScopeRule = { kind: 'fixed', scope: 3, category: 1 };

export interface GwpKeyDef {
  readonly key: string;
  readonly gas: GwpGas;
  readonly description: string;
  readonly scope: ScopeRule;
}

/** The factor keys priced by a GWP alone: kg CO2e per kg of the gas released. */
export const GWP_KEYS: readonly GwpKeyDef[] = [
  { key: 'anaesthetic.desflurane', gas: 'desflurane', description: 'Desflurane released (per kg of the agent)', scope: ANAESTHETIC_SCOPE },
  { key: 'anaesthetic.sevoflurane', gas: 'sevoflurane', description: 'Sevoflurane released (per kg of the agent)', scope: ANAESTHETIC_SCOPE },
  { key: 'anaesthetic.isoflurane', gas: 'isoflurane', description: 'Isoflurane released (per kg of the agent)', scope: ANAESTHETIC_SCOPE },
  { key: 'anaesthetic.nitrous_oxide', gas: 'n2o', description: 'Nitrous oxide released, alone or in Entonox (per kg of N2O)', scope: ANAESTHETIC_SCOPE },
  { key: 'inhaler.hfa134a', gas: 'hfc134a', description: 'Metered-dose inhaler propellant HFA-134a (per kg of propellant)', scope: INHALER_SCOPE },
  { key: 'inhaler.hfa227ea', gas: 'hfc227ea', description: 'Metered-dose inhaler propellant HFA-227ea (per kg of propellant)', scope: INHALER_SCOPE },
  { key: 'inhaler.hfa152a', gas: 'hfc152a', description: 'Metered-dose inhaler propellant HFA-152a (per kg of propellant)', scope: INHALER_SCOPE },
];

/** Where every GWP key's figure comes from, in a trace. */
export const GWP_SOURCE: FactorSource = { kind: 'published', publisher: GWP_REPORT.publisher, title: GWP_REPORT.title, year: GWP_REPORT.year, edition: GWP_REPORT.edition };

/** A GWP key's one factor: per kg, the GWP as the CO2e (and, for N2O, as the N2O share of it). */
export function gwpVariant(def: GwpKeyDef): FactorVariant {
  const entry = GWP_100[def.gas];
  const scope = def.scope.kind === 'fixed' ? `Scope ${def.scope.scope}` : 'Outside of Scopes';
  const value = { kg: entry.gwp, ghgUnit: 'kg CO2e' };
  return {
    unit: 'kg',
    labels: { scope, level1: `${GWP_REPORT.publisher} ${GWP_REPORT.report} WG1 Table 8.A.1`, level2: entry.designation, level3: entry.formula, level4: '', columnText: `GWP ${GWP_REPORT.horizonYears}-year`, uom: 'kg' },
    // N2O is one of the three gases a trace splits out; the fluorinated gases are not, so their
    // figure has no split (as the publication gives none for refrigerants).
    values: def.gas === 'n2o' ? { co2e: value, n2o: value } : { co2e: value },
  };
}
