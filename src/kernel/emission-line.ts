/**
 * One emission figure with everything needed to defend it: the activity, the factor used and
 * where the activity came from. Every total the aggregation, travel and target stages produce is
 * a sum of these, so any figure in a report can be traced back to file and line.
 */

export type LineKind =
  /** The activity's own emissions (combustion, grid generation, travel). */
  | 'main'
  /** Well-to-tank (Scope 3 category 3): extraction, refining and transport of the fuel. */
  | 'wtt'
  /** Electricity transmission and distribution losses (Scope 3 category 3). */
  | 'td'
  /** Biogenic CO2 from biomass and biofuels: outside of scopes, never added to totals. */
  | 'outside_scopes';

export interface LineTrace {
  /** The imported file (or the config, for figures declared there). */
  readonly file: string;
  /** 1-based line in that file; 0 when the figure comes from the config. */
  readonly line: number;
  readonly batchId: number | null;
  /** How the figure was derived when it is not a row as read (scaled survey, mode mix…). */
  readonly note?: string;
}

export interface EmissionLine {
  readonly org: string;
  readonly site: string | null;
  readonly meter: string | null;
  /** `electricity`, `gas`, `oil`, `fleet:van`, `travel:rail`, `commuting:bus`… */
  readonly source: string;
  /** ISO dates, inclusive. */
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly quantity: number;
  readonly unit: string;
  readonly estimated: boolean;
  readonly kind: LineKind;
  /** Scope 2 basis: `location` (grid factor) or `market` (supplier factor, or grid where none). */
  readonly basis: 'location' | 'market';
  readonly factorKey: string;
  readonly factorYear: number;
  readonly factorEdition: string;
  readonly factorUnit: string;
  readonly factorKgPerUnit: number;
  readonly factorCustom: boolean;
  readonly policy: string;
  readonly kgCo2e: number;
  readonly kgCo2: number | null;
  readonly kgCh4: number | null;
  readonly kgN2o: number | null;
  /** null: outside of scopes. */
  readonly scope: 1 | 2 | 3 | null;
  readonly scopeCategory: number | null;
  readonly trace: LineTrace;
  /**
   * Share (0–1) of the quantity from estimated reads, where it is known more exactly than the
   * `estimated` flag (a half-hourly month keeps its count of estimated half-hours).
   */
  readonly estimatedShare?: number;
  /** Set on a market-based line priced with a supplier-specific factor; absent: the grid factor. */
  readonly marketFactor?: MarketFactorRef;
  /**
   * How many ledger rows the line sums, when it sums more than one (a summed read; see
   * \`src/aggregate/ledger-lines.ts\`); absent: one.
   */
  readonly ledgerLines?: number;
  /**
   * Set when a recomputation under another factor policy could not be done for this line (the
   * key is not published in the year asked for): the line keeps its stored factor.
   */
  readonly keptStoredFactor?: { readonly requestedPolicy: string; readonly requestedYear: number };
  /** Set on a line added to fill a coverage gap: the method, named in the trace note too. */
  readonly filled?: FillMethodName;
}

/** The supplier factor a market-based line used (from the organisation's `marketFactors`). */
export interface MarketFactorRef {
  readonly supplier: string;
  readonly from: string;
  readonly to: string;
  readonly kgCo2ePerKwh: number;
  readonly source: string;
}

/** How a missing month was filled (see `fill.ts`). */
export type FillMethodName = 'previous-year' | 'average-of-year';

/**
 * The boundary a total is drawn within unless asked otherwise: Scopes 1–3 with Scope 2
 * location-based, without well-to-tank and T&D losses (Scope 3 category 3), biogenic CO2 beside
 * the total. `tco2e emissions` and an import's summary both total within it, so they agree.
 */
export const DEFAULT_BOUNDARY = { includeWtt: false, includeTd: false, outsideScopesSeparate: true, scope2Headline: 'location' } as const;
