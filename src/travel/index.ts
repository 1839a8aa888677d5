/** The travel stage's public API (for `src/index.ts` to re-export); internals stay unexported. */

export { avoidedJourneys, businessTravelByMode, commutingEmissions, surveyModeShares, travelReport } from './report.js';
export type { TravelOptions, WithWarnings } from './report.js';
export { commuteFactor } from './commute-factors.js';
export type { ModeFactor, ModeFactorChoice } from './commute-factors.js';
export { dateWave } from './waves.js';
export type { WaveDate } from './waves.js';
export { financialYearPeriod } from './period.js';
export type { ReportPeriod } from './period.js';
export type {
  AvoidedEntry, AvoidedMode, AvoidedResult, BusinessTravelMode, BusinessTravelResult, BusinessTravelTotals, CommutingMode, CommutingResult,
  CommutingWave, Emissions, ModeShare, ModeShareResult, ModeShareRow, PrivateCarChange, ScalingGroup, TravelReport, TravelWarning,
  WaveDating, WaveModeShare, WaveScaling,
} from './types.js';
