/**
 * The shapes the targets stage works with: a resolved target, the yearly actuals a caller
 * passes in, and the progress it gets back. Everything here is plain data, so a report can
 * print it, a test can compare it and `--json` can emit it as it is.
 */

/**
 * How a year number is read. `financial`: 2013 is the year April 2013 to March 2014 (2013/14),
 * the convention of the factor policy too. `calendar`: 2013 is January to December 2013.
 */
export type Basis = 'financial' | 'calendar';

/**
 * The shape of the required pathway between milestones. `linear`: the same tonnes every year.
 * `compound`: the same percentage every year (a constant annual rate of reduction).
 */
export type PathwayShape = 'linear' | 'compound';

export type Scope = 1 | 2 | 3;

/** A publication a preset rests on. */
export interface Citation {
  readonly title: string;
  readonly publisher: string;
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: as precisely as the publication dates itself. */
  readonly date: string;
  readonly url?: string;
}

/**
 * An interim cut on the way to the target. A milestone stated as a range of years ("80% by
 * 2028 to 2032") keeps the range (`fromYear`..`toYear`); the pathway passes through its midpoint
 * (`pathwayYear`, which can be a half year), and the milestone counts as met if any year in the
 * range reaches the cut. A single-year milestone has `fromYear === toYear === pathwayYear`.
 */
export interface Milestone {
  readonly reductionPct: number;
  readonly fromYear: number;
  readonly toYear: number;
  readonly pathwayYear: number;
}

/** A baseline figure the ledger cannot compute (e.g. 1990), with where it comes from. */
export interface DeclaredBaseline {
  readonly tco2e: number;
  readonly source: string;
}

/** Which figure of the local authority statistics an area target is judged on. */
export type AreaMeasure = 'territorial' | 'influence';

/** What makes a target an area's: the authority (its GSS code) and the figure judged. */
export interface AreaTargetOf {
  readonly laCode: string;
  readonly measure: AreaMeasure;
}

/** A target with every field decided: what the config said, filled in from its preset. */
export interface Target {
  readonly id: string;
  /** Whose target: the organisation's id, or for an area target the authority's GSS code. */
  readonly org: string;
  /**
   * null for an organisation's target (its own operations, from the ledger). For an area target,
   * the authority and figure: the actuals are its calendar-year totals from the local authority
   * statistics, and scopes, sources, Scope 2 method and sites do not apply (empty, null, unused).
   */
  readonly area: AreaTargetOf | null;
  readonly name: string;
  /** The preset it was built from, if any. */
  readonly preset: string | null;
  /**
   * Preset fields the config entry changed (so a report can say the citation is adapted);
   * filling a field the preset leaves open (a council's baseline year) is not a change.
   */
  readonly presetOverrides: readonly string[];
  readonly basis: Basis;
  readonly baselineYear: number;
  /** null: the caller computes the baseline from the ledger (the actual for `baselineYear`). */
  readonly baseline: DeclaredBaseline | null;
  readonly targetYear: number;
  /** Cut against the baseline by the target year; 100 is net zero. */
  readonly reductionPct: number;
  /** Interim milestones, in year order, strictly between the baseline and target years. */
  readonly interim: readonly Milestone[];
  readonly scopes: readonly Scope[];
  /** Source prefixes covered (`electricity`, `fleet`, `travel`…); null: every source. */
  readonly sources: readonly string[] | null;
  readonly scope2: 'location' | 'market';
  readonly pathway: PathwayShape;
  /** Years of actuals the trend line is fitted to. */
  readonly trendYears: number;
  /** Sites the config leaves out of both the baseline and the actuals. */
  readonly excludeSites: readonly string[];
  /** Where the preset's numbers come from and how they are read. */
  readonly citation: Citation | null;
  readonly note: string | null;
}

/** One year's emissions within the target's boundary, as the caller computed them. */
export interface YearActual {
  readonly year: number;
  readonly tco2e: number;
  /** false when the year's data is known to be partial (months missing, a survey not done). */
  readonly complete: boolean;
  /** Data quality, e.g. the Recipe Book's `OC`, `SC`, `RC`; carried through, never judged here. */
  readonly qualityTier?: string;
  /** What the total is made of, by part (see `comparable.ts`), so trends compare like with like. */
  readonly parts?: ReadonlyMap<string, number>;
}

export type Status = 'on-track' | 'at-risk' | 'off-track';

/** Which rule of `STATUS_RULES` decided a status. */
export type StatusReason =
  | 'at-or-below-pathway'
  | 'within-margin'
  | 'trend-reaches-target'
  | 'above-margin-and-trend-misses';

/** Something a reader of the result should know; the figures are still usable. */
export interface TargetWarning {
  readonly code: string;
  readonly message: string;
}

/** Something that stops a target being resolved or its progress computed. */
export interface TargetProblem {
  readonly code: string;
  readonly target: string;
  /** The organisation's id, or for an area target the authority's GSS code. */
  readonly org: string;
  /** The config field at fault, when there is one. */
  readonly field: string | null;
  readonly message: string;
}
