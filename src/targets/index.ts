/** The targets stage's public surface: resolve targets from config and presets, judge progress. */

export { coversLine, coversSource } from './coverage.js';
export { splitChange } from './like-for-like.js';
export type { ChangeSplit, ChangeSplitResult, LikeForLikeInput, SeriesPoint } from './like-for-like.js';
export { STATUS_RULES, targetMsg } from './target-text.js';
export { pathwayAnchors, pathwayBudgetTco2e, pathwaySegments, requiredTco2e } from './pathway.js';
export type { PathwayAnchor, PathwaySegment } from './pathway.js';
export { DEFAULT_PRESET_DIR, loadPresets, parsePresets } from './presets.js';
export type { Preset, PresetsRead } from './presets.js';
export { targetProgress } from './target-progress.js';
export type { BaselineUsed, BudgetSummary, MilestoneCheck, ProgressInput, ProgressResult, ProgressRow, TargetProgress } from './target-progress.js';
export { resolveTarget, resolveTargets } from './resolve.js';
export type { ResolveResult } from './resolve.js';
export { judgeStatus } from './status.js';
export { AT_RISK_MARGIN_PCT_POINTS, DEFAULT_TREND_YEARS } from './thresholds.js';
export { leastSquares, lineAt, projectTrend } from './trend.js';
export type { LeastSquares, Projection, ProjectionResult, TrendPoint } from './trend.js';
export type { Basis, Citation, DeclaredBaseline, Milestone, PathwayShape, Scope, Status, StatusReason, Target, TargetProblem, TargetWarning, YearActual } from './types.js';
export { rangeLabel, yearLabel } from './years.js';
