/**
 * The travel stage's result: staff commuting from survey waves, mode shares, business travel and
 * grey fleet by mode, and journeys avoided by digital appointments. Figures are unrounded (round
 * only when presenting); every commuting figure is a sum of `EmissionLine`s.
 *
 * JSON shape of `TravelReport` (what `--json` would print; numbers unrounded):
 *
 * ```
 * {
 *   "org": "north-acute",
 *   "period": { "start": "2024-04-01", "end": "2025-03-31" },
 *   "policy": "financial-year",
 *   "workingWeeks": 46,                       // config travel.workingWeeks (default 46)
 *   "commuting": {
 *     "kgCo2e": 123456.7,                     // main figures, scaled to headcount (Scope 3 cat. 7)
 *     "wttKgCo2e": 23456.7,                   // well-to-tank companions, where the year publishes them
 *     "tdKgCo2e": 0,                          // T&D losses of electric cars' electricity
 *     "waves": [{
 *       "wave": "2024 autumn", "financialYear": "2024/25", "datedBy": "label_season",
 *       "date": "2024-10-15", "share": 1,     // share of the financial year inside the period
 *       "files": ["staff-travel-survey-2024.csv"],
 *       "respondents": 11, "usableRespondents": 10,
 *       "excluded": { "missingAnswers": 0, "noFactor": 1, "conversionFailed": 0 },
 *       "scaling": {
 *         "basis": "headcount",               // or "respondents_only" when no headcount for the year
 *         "headcount": 5000, "responseRatePct": 0.22,
 *         "groups": [{ "site": "Main Hospital", "siteId": "main", "staffGroup": null, "headcount": 3000,
 *                      "respondents": 8, "usableRespondents": 7, "responseRatePct": 0.27, "scaleFactor": 428.6 }],
 *         "unscaledRespondents": 0
 *       },
 *       "modes": [{ "mode": "drive_alone", "factorKeys": ["car.average.unknown"], "respondents": 2,
 *                   "respondentKm": 11040, "respondentKgCo2e": 1840.6, "scaledKm": 4730000,
 *                   "kgCo2e": 789000, "wttKgCo2e": 0, "tdKgCo2e": 0 }],
 *       "respondentKgCo2e": 2500.1, "kgCo2e": 1071000, "wttKgCo2e": 0, "tdKgCo2e": 0
 *     }],
 *     "lines": [ EmissionLine… ]             // source "commuting:<mode>", Scope 3 category 7
 *   },
 *   "modeShare": {
 *     "waves": [{ "wave": "2024 autumn", "financialYear": "2024/25", "date": "2024-10-15",
 *                 "overall": ModeShare, "sites": [ModeShare…] }],
 *     "changes": [{ "site": "Main Hospital", "from": "2023 autumn", "to": "2024 autumn",
 *                   "fromPct": 61.2, "toPct": 55.0, "changePp": -6.2,
 *                   "singleOccupancyFromPct": 50.1, "singleOccupancyToPct": 47.3, "singleOccupancyChangePp": -2.8 }]
 *   },
 *   "businessTravel": {
 *     "lines": 14, "km": 9200.5, "kgCo2e": 1530.2, "wttKgCo2e": 210.4, "tdKgCo2e": 1.2,
 *     "greyFleet": { "lines": 9, "km": 1200, "kgCo2e": 200.1, "wttKgCo2e": 40.2, "tdKgCo2e": 1.2 },
 *     "moneyDerived": { "lines": 1, "sharePct": 7.1, "km": 80.5, "kmSharePct": 0.9 },
 *     "modes": [{ "mode": "car", "greyFleet": true, "lines": 9, "km": 1200, "kgCo2e": 200.1,
 *                 "wttKgCo2e": 40.2, "tdKgCo2e": 1.2, "moneyDerivedLines": 1, "moneyDerivedKm": 80.5, "reversals": 1,
 *                 // the car lines that ran on grid electricity: inside the figures above, not added to them
 *                 "electricity": { "lines": 2, "km": 300, "kgCo2e": 14.2, "wttKgCo2e": 3.1, "tdKgCo2e": 1.2 } }]
 *   },
 *   "avoided": {
 *     "kgCo2e": 45000.2, "wttKgCo2e": 9000.1,  // beside the footprint, never subtracted from it
 *     "entries": [{ "year": "2024/25", "site": null, "description": "…", "source": "…",
 *                   "appointments": 100000, "roundTripKm": 30, "share": 1, "km": 3000000,
 *                   "modes": [{ "mode": "drive_alone", "shareOfJourneys": 0.7, "km": 2100000,
 *                               "factorKey": "car.average.unknown", "factorYear": 2024, "factorUnit": "km",
 *                               "factorKgPerUnit": 0.16691, "kgCo2e": 350511, "wttKgCo2e": 0 }],
 *                   "kgCo2e": 45000.2, "wttKgCo2e": 9000.1 }]
 *   },
 *   "warnings": [{ "code": "no_headcount", "message": "…", "wave": "2024 autumn" }]
 * }
 * ```
 *
 * ModeShare: `{ "site": "Main Hospital" | null (overall), "respondents": 11, "journeysPerWeek": 44.5,
 * "modes": [{ "mode": "bus", "respondents": 2, "respondentsPct": 18.2, "journeysPerWeek": 9,
 * "journeysPct": 20.2 }], "privateCarJourneysPct": 40.4, "singleOccupancyJourneysPct": 22.5,
 * "carShareRoleUnknown": 1 }`.
 */

import type { EmissionLine } from '../kernel/emission-line.js';
import type { CommuteMode } from '../map/survey.js';
import type { PatientTravelYear } from './patient-travel.js';
import type { ReportPeriod } from './period.js';
import type { SiteYearShare } from './site-car-share.js';

export interface TravelWarning {
  readonly code: string;
  readonly message: string;
  readonly wave?: string;
  readonly site?: string | null;
  readonly count?: number;
}

/** How a wave's year was decided (see `waves.ts`). */
export type WaveDating = 'override' | 'label_financial_year' | 'label_month' | 'label_season' | 'batch_period' | 'label_year';

export interface ScalingGroup {
  /** Site as stored with the responses (the config's site name when it was recognised). */
  readonly site: string | null;
  readonly siteId: string | null;
  readonly staffGroup: string | null;
  /** Headcount of this group after its more specific entries are taken out. */
  readonly headcount: number;
  readonly respondents: number;
  readonly usableRespondents: number;
  readonly responseRatePct: number | null;
  /** headcount ÷ usable respondents; null when the group cannot scale (no usable respondents, or no headcount left). */
  readonly scaleFactor: number | null;
}

export interface WaveScaling {
  readonly basis: 'headcount' | 'respondents_only';
  /** Staff covered by the year's headcount entries (null: none for the year). */
  readonly headcount: number | null;
  readonly responseRatePct: number | null;
  readonly groups: readonly ScalingGroup[];
  /** Usable respondents matching no headcount entry: counted as themselves. */
  readonly unscaledRespondents: number;
}

export interface Emissions {
  readonly kgCo2e: number;
  readonly wttKgCo2e: number;
  readonly tdKgCo2e: number;
}

export interface CommutingMode extends Emissions {
  readonly mode: CommuteMode;
  readonly factorKeys: readonly string[];
  readonly respondents: number;
  /** Respondents' own annual distance (car: their share of the car's km), unscaled. */
  readonly respondentKm: number;
  readonly respondentKgCo2e: number;
  readonly scaledKm: number;
}

export interface CommutingWave extends Emissions {
  readonly wave: string;
  readonly financialYear: string;
  readonly datedBy: WaveDating;
  readonly date: string;
  /** Share of the wave's financial year inside the report period. */
  readonly share: number;
  readonly files: readonly string[];
  readonly respondents: number;
  readonly usableRespondents: number;
  readonly excluded: { readonly missingAnswers: number; readonly noFactor: number; readonly conversionFailed: number };
  readonly scaling: WaveScaling;
  readonly modes: readonly CommutingMode[];
  /** Main figures of the respondents themselves, unscaled and for a whole year. */
  readonly respondentKgCo2e: number;
}

export interface CommutingResult extends Emissions {
  readonly waves: readonly CommutingWave[];
  readonly lines: readonly EmissionLine[];
}

export interface ModeShareRow {
  readonly mode: CommuteMode;
  readonly respondents: number;
  readonly respondentsPct: number;
  readonly journeysPerWeek: number;
  readonly journeysPct: number | null;
}

export interface ModeShare {
  /** null: every site together. */
  readonly site: string | null;
  readonly respondents: number;
  /** One-way journeys to work a week (days on site), the respondents together. */
  readonly journeysPerWeek: number;
  readonly modes: readonly ModeShareRow[];
  /** Drive alone plus car-share drivers, as a share of journeys. */
  readonly privateCarJourneysPct: number | null;
  readonly singleOccupancyJourneysPct: number | null;
  /** Car-share respondents counted as 1/occupants of a driver journey (role not given). */
  readonly carShareRoleUnknown: number;
}

export interface WaveModeShare {
  readonly wave: string;
  readonly financialYear: string | null;
  readonly date: string | null;
  readonly overall: ModeShare;
  readonly sites: readonly ModeShare[];
}

export interface PrivateCarChange {
  readonly site: string | null;
  readonly from: string;
  readonly to: string;
  readonly fromPct: number;
  readonly toPct: number;
  readonly changePp: number;
  readonly singleOccupancyFromPct: number;
  readonly singleOccupancyToPct: number;
  readonly singleOccupancyChangePp: number;
}

export interface ModeShareResult {
  readonly waves: readonly WaveModeShare[];
  readonly changes: readonly PrivateCarChange[];
}

export interface BusinessTravelTotals extends Emissions {
  /** Claim or journey lines (main rows; an electric car's electricity row is not a second line). */
  readonly lines: number;
  /** Vehicle km for cars, vans and motorbikes; passenger km for public transport. */
  readonly km: number;
}

export interface BusinessTravelMode extends BusinessTravelTotals {
  /**
   * `car`, `rail`… (the activity source after `travel:`). An electric or plug-in car's claim is
   * counted here once, its grid electricity (`travel:car:electricity`) included in the mode's
   * tCO2e, so lines, km and tCO2e cover the same claims.
   */
  readonly mode: string;
  /**
   * The mode's claims that ran on grid electricity (electric and plug-in hybrid cars, electric
   * vans): their lines and km, and the electricity's emissions. Part of the mode's figures, not
   * added to them; null when there are none.
   */
  readonly electricity: BusinessTravelTotals | null;
  /** Staff's own vehicles claimed by mileage (car, van, motorbike). */
  readonly greyFleet: boolean;
  readonly moneyDerivedLines: number;
  readonly moneyDerivedKm: number;
  readonly reversals: number;
}

export interface BusinessTravelResult extends BusinessTravelTotals {
  readonly greyFleet: BusinessTravelTotals;
  /** Lines whose miles were worked out from the amount claimed at the mileage rate. */
  readonly moneyDerived: { readonly lines: number; readonly sharePct: number | null; readonly km: number; readonly kmSharePct: number | null };
  readonly modes: readonly BusinessTravelMode[];
}

export interface AvoidedMode {
  readonly mode: string;
  readonly shareOfJourneys: number;
  /** Person km by this mode (a car share's vehicle km is half of it: see `avoided.ts`). */
  readonly km: number;
  readonly factorKey: string | null;
  readonly factorYear: number | null;
  readonly factorUnit: string | null;
  readonly factorKgPerUnit: number | null;
  readonly kgCo2e: number;
  readonly wttKgCo2e: number;
}

export interface AvoidedEntry {
  readonly year: string;
  readonly site: string | null;
  readonly description: string;
  /** Where the figures come from, as the config says. */
  readonly source: string;
  readonly appointments: number;
  readonly roundTripKm: number;
  /** Share of the financial year inside the report period. */
  readonly share: number;
  readonly km: number;
  readonly modes: readonly AvoidedMode[];
  readonly kgCo2e: number;
  readonly wttKgCo2e: number;
}

export interface AvoidedResult {
  readonly kgCo2e: number;
  readonly wttKgCo2e: number;
  readonly entries: readonly AvoidedEntry[];
}

export interface PatientTravelResult {
  readonly kgCo2e: number;
  readonly wttKgCo2e: number;
  /** Each financial year the period touches, its method said (survey, default, none). */
  readonly years: readonly PatientTravelYear[];
}

export interface TravelReport {
  readonly org: string;
  readonly period: ReportPeriod;
  readonly policy: string;
  readonly workingWeeks: number;
  readonly commuting: CommutingResult;
  readonly modeShare: ModeShareResult;
  readonly businessTravel: BusinessTravelResult;
  readonly avoided: AvoidedResult;
  /** Patients' and visitors' journeys to the sites (Scope 3 category 9): see patient-travel.ts. */
  readonly patientTravel: PatientTravelResult;
  /** Private-car shares per site and financial year, up to the period's end (site-car-share.ts). */
  readonly siteShares: readonly SiteYearShare[];
  readonly warnings: readonly TravelWarning[];
}
