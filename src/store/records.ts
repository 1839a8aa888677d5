/** Rows as the ledger stores them (the storage interface's vocabulary). */

export interface NewBatch {
  readonly kind: 'energy' | 'fleet' | 'journeys' | 'eric' | 'clinical' | 'la-ghg';
  readonly profile: string;
  readonly org: string;
  readonly fileName: string;
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly rowsRead: number;
  readonly rowsAccepted: number;
  readonly rowsExcluded: number;
  readonly rowsRejected: number;
  readonly periodStart: string | null;
  readonly periodEnd: string | null;
  readonly importedAt: string;
  readonly toolVersion: string;
  readonly policy: string;
  readonly summaryJson: string;
}

export interface BatchRecord {
  readonly id: number;
  readonly kind: string;
  readonly profile: string;
  readonly org: string;
  readonly file_name: string;
  readonly sha256: string;
  readonly size_bytes: number;
  readonly rows_read: number;
  readonly rows_accepted: number;
  readonly rows_excluded: number;
  readonly rows_rejected: number;
  readonly period_start: string | null;
  readonly period_end: string | null;
  readonly imported_at: string;
  readonly tool_version: string;
  readonly policy: string;
  readonly status: 'active' | 'superseded' | 'undone';
  readonly superseded_by: number | null;
  readonly summary_json: string;
  /** When it was superseded or undone (ISO instant); null while active, and for ledgers older than schema 2. */
  readonly status_changed_at: string | null;
  /** The reason given when it was undone, if any. */
  readonly status_reason: string | null;
}

export interface ActivityRecord {
  readonly line: number;
  readonly org: string;
  readonly site: string | null;
  readonly meter: string | null;
  readonly source: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly quantity: number;
  readonly unit: string;
  readonly estimated: boolean;
  readonly direction: 'import' | 'export';
  readonly apportionedFrom: string | null;
  readonly factorKey: string;
  readonly companionOf: string | null;
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
  readonly scope: number | null;
  readonly scopeCategory: number | null;
  readonly extraJson: string | null;
}

export interface HhDayRecord {
  readonly line: number;
  readonly org: string;
  readonly site: string | null;
  readonly meter: string;
  readonly day: string;
  readonly periods: number;
  readonly kwh: readonly number[];
  readonly estimatedPeriods: number;
  readonly kwhTotal: number;
  readonly exportKwhTotal: number;
}

/** One fuel-card purchase as read: its line, day, quantity and what else the line said. */
export interface FuelPurchase {
  readonly line: number;
  /** ISO date. */
  readonly day: string;
  readonly quantity: number;
  readonly extra: Readonly<Record<string, string | number>>;
}

/** A vehicle's purchases of one fuel in one month (see schema 6): its activities are summed from them. */
export interface FuelMonthRecord {
  /** The first purchase's line; the month's activities carry it. */
  readonly line: number;
  readonly org: string;
  readonly site: string | null;
  readonly meter: string | null;
  /** YYYY-MM. */
  readonly month: string;
  readonly source: string;
  readonly factorKey: string;
  readonly unit: string;
  readonly purchases: readonly FuelPurchase[];
}

export interface SurveyRecord {
  readonly line: number;
  readonly org: string;
  readonly wave: string;
  readonly respondent: string | null;
  readonly site: string | null;
  readonly staffGroup: string | null;
  readonly mainMode: string;
  readonly occupants: number | null;
  readonly oneWayKm: number | null;
  readonly daysPerWeek: number | null;
  readonly secondMode: string | null;
  readonly extraJson: string | null;
  /** Patient and visitor surveys only (schema 8): patient | visitor | carer | unknown; absent (NULL) for staff. */
  readonly respondentType?: 'patient' | 'visitor' | 'carer' | 'unknown';
  /** One-way journeys the visit meant (2: there and back); absent for staff. */
  readonly journeysPerVisit?: number;
  /** True when the survey did not ask and 2 journeys were assumed. */
  readonly journeysAssumed?: boolean;
}

export interface ProblemRecord {
  readonly severity: 'rejected' | 'excluded' | 'warning';
  readonly line: number;
  readonly column: string;
  readonly value: string;
  readonly code: string;
  readonly message: string;
}

/** What an import superseded of one earlier import, for one meter (or vehicle) and unit. */
export interface Superseded {
  readonly batchId: number;
  readonly fileName: string;
  readonly meter: string;
  readonly unit: string;
  /** The span of the superseded periods (its days need not all have been superseded). */
  readonly start: string;
  readonly end: string;
  /** Stored rows (meter-days, bill months, transactions) superseded. */
  readonly rows: number;
  /** What the earlier import had for the meter-days brought again, and what this one brings. */
  readonly quantityBefore: number;
  readonly quantityAfter: number;
}

export interface Overlap {
  readonly batchId: number;
  readonly fileName: string;
  readonly meter: string;
  readonly start: string;
  readonly end: string;
  readonly incoming: { readonly start: string; readonly end: string };
}

/** An activity as read back from the ledger. */
export type StoredActivity = Pick<ActivityRecord,
  'line' | 'site' | 'meter' | 'source' | 'periodStart' | 'periodEnd' | 'quantity' | 'unit' | 'direction' | 'apportionedFrom' | 'factorKey'
  | 'companionOf' | 'factorYear' | 'factorEdition' | 'factorUnit' | 'factorKgPerUnit' | 'policy' | 'kgCo2e' | 'scope' | 'scopeCategory'> & {
  /** SQLite has no boolean: 1 for estimated. */
  readonly estimated: 0 | 1;
};

export interface VehicleRecord {
  readonly line: number;
  readonly org: string;
  readonly registration: string;
  readonly vehicleType: 'car' | 'van' | 'motorbike' | 'other';
  readonly size: string;
  readonly fuel: string;
  readonly site: string | null;
}
