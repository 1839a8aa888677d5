/**
 * tco2e's public library API. Everything a program needs to convert activity data with the UK
 * Government's published GHG conversion factors, without the CLI. Internals are not exported.
 */

export { convert, resolveScope } from './convert/convert.js';
export type { Activity, ConversionResult, ConvertOptions, GasSplit, ScopeAssignment, Trace, TravelUse, Warning } from './convert/convert.js';
export { convertMany } from './convert/convert-many.js';
export type { ConvertManyResult } from './convert/convert-many.js';
export { DEFAULT_POLICY, factorYear, financialYearLabel, fixedPolicy, parsePolicy, policyName } from './convert/policy.js';
export type { FactorPolicy } from './convert/policy.js';
export { CATALOGUE } from './factors/catalogue.js';
export type { KeyDef, ScopeRule } from './factors/catalogue.js';
export { parseCustomFactors } from './factors/custom.js';
export type { CustomParseResult } from './factors/custom.js';
export type { Problem } from './kernel/problem.js';
export { loadFactors, DEFAULT_FACTOR_DIR } from './factors/library.js';
export type { CustomFactor, FactorLibrary, KeyInfo, LoadOptions, SetInfo, YearFactors } from './factors/library.js';
export type { FactorSource, FactorVariant, PublishedLabels, PublishedValue } from './factors/types.js';
export { readActivitiesCsv } from './convert/activities-csv.js';
export type { ActivitiesRead } from './convert/activities-csv.js';
export { conversionMultiplier, convertQuantity, dimensionOf, parseUnit, unitLabel, UNIT_IDS } from './units/units.js';
export type { Dimension, UnitId } from './units/units.js';
export { UserError, isUserError } from './kernel/errors.js';
export { Ledger, BUSY_TIMEOUT_MS } from './store/ledger.js';
export type { ActivityRecord, BatchRecord, HhDayRecord, NewBatch, Overlap, ProblemRecord, SurveyRecord } from './store/records.js';
export { ConfigSchema, loadWorkspace, parseConfig } from './workspace/config.js';
export type { Config, OrganisationConfig, Workspace } from './workspace/config.js';
export { initWorkspace } from './workspace/init.js';
export { importEnergy } from './import/import-energy.js';
export { importFleet } from './import/import-fleet.js';
export type { FleetImportSummary } from './import/import-fleet.js';
export { importJourneys } from './import/import-journeys.js';
export type { JourneysRequest, JourneysSummary } from './import/import-journeys.js';
export type { ImportRequest } from './import/request.js';
export type { ImportStatus, ImportSummary } from './import/summary.js';
export { rejectsCsv } from './import/rejects.js';
export { allProfiles, chooseProfile, loadBuiltinProfiles } from './map/profiles.js';
export type { Profile } from './map/profile-schema.js';
export { openCsv, readCsvBytes, readCsvText } from './read/csv/index.js';
export type { CsvFile, CsvOptions, CsvRow } from './read/csv/index.js';
export { createDateParser } from './read/values/date.js';
export { parseNumber } from './read/values/number.js';
export { calendarise } from './map/calendarise.js';

// Emissions, targets, travel and comparison: the same queries the commands run.
export { footprint, footprintSubset, memberIds } from './aggregate/footprint.js';
export type { AnalysisContext, Footprint, FootprintQuery, FootprintWarning } from './aggregate/footprint.js';
export { emissionsReport, periodRange } from './aggregate/emissions-query.js';
export type { EmissionsBy, EmissionsQuery, EmissionsReport } from './aggregate/emissions-query.js';
export { aggregate, scopeLabel, sourceGroup } from './aggregate/group.js';
export type { AggregateOptions, AggregateResult, Boundary, GroupDimension, GroupTotal } from './aggregate/group.js';
export { coverage, isContinuousSource, rejectedRows } from './aggregate/coverage.js';
export type { CoverageCell, CoverageRow, RejectedRows } from './aggregate/coverage.js';
export { fillGaps } from './aggregate/fill.js';
export type { FillMethod, FillResult } from './aggregate/fill.js';
export { intensities, intensityFigures, DENOMINATORS } from './aggregate/intensity.js';
export type { DenominatorMetric, IntensityFigure, IntensityRow } from './aggregate/intensity.js';
export { marketBasedLines } from './aggregate/market.js';
export { compareOrganisations } from './aggregate/org-series.js';
export type { CompareResult, IcsRollup, OrgSeries } from './aggregate/org-series.js';
export { tierFor, TIER_LABELS } from './aggregate/quality.js';
export type { QualityTier } from './aggregate/quality.js';
export type { EmissionLine, LineKind, LineTrace } from './kernel/emission-line.js';
export { emissionLines } from './aggregate/ledger-lines.js';
export { progressFromLedger, incompleteYears } from './targets/from-ledger.js';
export type { LikeForLike, OrgProgress, ProgressOptions, TargetReport } from './targets/from-ledger.js';
export { compareReport } from './targets/compare-orgs.js';
export type { CompareQuery, CompareReport, TargetStanding } from './targets/compare-orgs.js';
export {
  coversLine, loadPresets, parsePresets, projectTrend, requiredTco2e, resolveTarget, resolveTargets, splitChange, STATUS_RULES, targetProgress, yearLabel,
} from './targets/index.js';
export type { Preset, Projection, ProgressRow, Target, TargetProgress, YearActual } from './targets/index.js';
export { avoidedJourneys, businessTravelByMode, commutingEmissions, financialYearPeriod, surveyModeShares, travelReport } from './travel/index.js';
export type { TravelOptions, TravelReport } from './travel/index.js';
export { patientTravelForPeriod, patientTravelYear, type PatientTravelYear } from './travel/patient-travel.js';
export { siteCarShares, type ShareEstimate, type SiteYearShare } from './travel/site-car-share.js';
export { readVisitorWaves, type StoredVisitorResponse, type VisitorWave } from './travel/waves.js';
export { carShareTargets, withCarShareTargets, type CarShareTargetReport, type TravelWithTargets } from './targets/car-share-targets.js';
export { boardReport } from './report/board/index.js';
export type { BoardReport } from './report/board/index.js';
export type { BoardData, BoardOptions } from './report/board/data.js';
export { compareHtml } from './report/compare/index.js';
export { runDemo } from './demo/run-demo.js';
export type { DemoResult } from './demo/run-demo.js';
