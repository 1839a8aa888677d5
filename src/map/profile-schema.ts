/**
 * Import profiles: the shape of a file. Which column is what, the date format, units, decimal
 * mark, delimiter and header row. Built-in profiles live in `data/profiles/builtin/`; users add
 * their own in the workspace config. Every profile is validated here, once.
 *
 * A column is named by one or more header spellings (compared case-insensitively, ignoring
 * punctuation and spacing, and a header truncated by a survey tool matches if it starts with
 * the spelling).
 */

import { z } from 'zod';

const Header = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).transform((h) => (Array.isArray(h) ? h : [h]));

const Common = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
  description: z.string().min(1),
  delimiter: z.enum([',', ';', '\t', '|']).optional(),
  /** 1-based line of the header; found automatically when absent. */
  headerLine: z.number().int().positive().optional(),
  decimal: z.enum(['.', ',']).default('.'),
  /** luxon format of dates, e.g. dd/MM/yyyy; absent: recognised (ambiguous dates are errors). */
  dateFormat: z.string().min(1).optional(),
  /** Read bare numbers in date columns as Excel serial dates (1900 system), as some exports write them. */
  excelDates: z.boolean().default(false),
};

const Fuel = z.enum(['electricity', 'gas', 'oil', 'lpg', 'gas_oil', 'biomass_pellets', 'biomass_chips', 'water', 'heat']);
export type Fuel = z.infer<typeof Fuel>;

export const EnergyBillProfile = z.strictObject({
  ...Common,
  kind: z.literal('energy'),
  shape: z.literal('bill'),
  columns: z.strictObject({
    site: Header.optional(),
    meter: Header.optional(),
    fuel: Header.optional(),
    periodStart: Header.optional(),
    periodEnd: Header.optional(),
    month: Header.optional(),
    quantity: Header,
    unit: Header.optional(),
    readType: Header.optional(),
    cost: Header.optional(),
  }),
  /** Used when the file has no fuel or unit column (a supplier's file is often all one fuel). */
  fuel: Fuel.optional(),
  unit: z.string().optional(),
  /** Values of the read-type column that mean estimated (case-insensitive). */
  estimatedValues: z.array(z.string()).default(['e', 'est', 'estimated', 'estimate', 'deemed']),
});

export const HalfHourlyProfile = z.strictObject({
  ...Common,
  kind: z.literal('energy'),
  shape: z.literal('half-hourly'),
  columns: z.strictObject({
    site: Header.optional(),
    meter: Header,
    date: Header,
    total: Header.optional(),
    readType: Header.optional(),
  }),
  /** How the 48 period columns are labelled: by start (00:00…23:30), by end ([00:30]…[24:00]), or numbered (kWh_1…kWh_48). */
  periodLabels: z.enum(['start', 'end', 'numbered']),
  fuel: Fuel.default('electricity'),
  unit: z.enum(['kWh', 'MWh']).default('kWh'),
  estimatedValues: z.array(z.string()).default(['e', 'est', 'estimated']),
});

export const IntervalProfile = z.strictObject({
  ...Common,
  kind: z.literal('energy'),
  shape: z.literal('interval'),
  columns: z.strictObject({
    site: Header.optional(),
    meter: Header,
    /** The reading's date and time in one column; or, where the export splits them, `date` and `time`. */
    timestamp: Header.optional(),
    date: Header.optional(),
    time: Header.optional(),
    quantity: Header,
    readType: Header.optional(),
  }),
  /** Whether a reading's timestamp is the start or the end of its half hour. */
  timestampLabels: z.enum(['start', 'end']),
  fuel: Fuel.default('electricity'),
  unit: z.enum(['kWh', 'MWh']).default('kWh'),
  estimatedValues: z.array(z.string()).default(['e', 'est', 'estimated']),
});

export const FuelCardProfile = z.strictObject({
  ...Common,
  kind: z.literal('fleet'),
  shape: z.literal('fuel-card'),
  columns: z.strictObject({
    date: Header,
    registration: Header,
    product: Header,
    quantity: Header,
    cost: Header.optional(),
    odometer: Header.optional(),
    site: Header.optional(),
  }),
  unit: z.enum(['litres', 'gallon_uk']).default('litres'),
});

export const MileageProfile = z.strictObject({
  ...Common,
  kind: z.literal('fleet'),
  shape: z.literal('mileage'),
  columns: z.strictObject({
    date: Header.optional(),
    periodStart: Header.optional(),
    periodEnd: Header.optional(),
    month: Header.optional(),
    registration: Header.optional(),
    vehicleType: Header.optional(),
    size: Header.optional(),
    fuel: Header.optional(),
    distance: Header,
    site: Header.optional(),
  }),
  distanceUnit: z.enum(['miles', 'km']).default('miles'),
});

export const VehicleRegisterProfile = z.strictObject({
  ...Common,
  kind: z.literal('fleet'),
  shape: z.literal('vehicle-register'),
  columns: z.strictObject({
    registration: Header,
    vehicleType: Header,
    size: Header.optional(),
    fuel: Header,
    site: Header.optional(),
  }),
});

export const EvChargingProfile = z.strictObject({
  ...Common,
  kind: z.literal('fleet'),
  shape: z.literal('ev-charging'),
  columns: z.strictObject({
    date: Header,
    registration: Header.optional(),
    charger: Header.optional(),
    quantity: Header,
    site: Header.optional(),
  }),
  unit: z.enum(['kWh', 'MWh']).default('kWh'),
});

export const BusinessTravelProfile = z.strictObject({
  ...Common,
  kind: z.literal('journeys'),
  shape: z.literal('business-travel'),
  columns: z.strictObject({
    date: Header,
    person: Header.optional(),
    costCentre: Header.optional(),
    mode: Header,
    distance: Header.optional(),
    amount: Header.optional(),
    fuel: Header.optional(),
    size: Header.optional(),
    travelClass: Header.optional(),
  }),
  distanceUnit: z.enum(['miles', 'km']).default('miles'),
  /**
   * Pence per mile a claim is paid at, to derive miles when a claim gives only money. Default 45p:
   * HMRC's approved mileage allowance payment for cars and vans, first 10,000 business miles.
   */
  mileageRatePence: z.number().positive().default(45),
});

export const SurveyProfile = z.strictObject({
  ...Common,
  kind: z.literal('journeys'),
  shape: z.literal('survey'),
  /** Survey wave label stored with every response, e.g. "2023 autumn"; else taken from --wave. */
  wave: z.string().optional(),
  columns: z.strictObject({
    respondent: Header.optional(),
    site: Header.optional(),
    staffGroup: Header.optional(),
    mainMode: Header,
    occupants: Header.optional(),
    distance: Header,
    /** A staff survey's; a patient and visitor survey has none (see `respondentType`). */
    daysPerWeek: Header.optional(),
    secondMode: Header.optional(),
    /** Patient and visitor surveys: who answered (patient, visitor, carer). Absent: `SURVEY_VISITOR_COLUMNS`. */
    respondentType: Header.optional(),
    /** Patient and visitor surveys: one-way journeys the visit meant. Absent: `SURVEY_VISITOR_COLUMNS`. */
    journeysPerVisit: Header.optional(),
  }),
  distanceUnit: z.enum(['miles', 'km']).default('miles'),
});

/**
 * The spellings of a patient and visitor survey's own questions, looked for in every survey
 * profile that does not name them, so the built-in travel-survey layout (and a workspace's own)
 * reads patient and visitor surveys without listing them. Found by meaning otherwise (see
 * `detect/vocabulary.ts`). Question texts as NHS trusts' patient and visitor travel surveys
 * (SmartSurvey, SurveyMonkey, Microsoft Forms) put them.
 */
export const SURVEY_VISITOR_COLUMNS = {
  respondentType: [
    'Are you a patient, visitor or carer?', 'Are you a patient or a visitor?', 'Are you a patient or visitor?', 'Are you a:', 'I am a', 'I am a...',
    'Respondent type', 'Type of respondent', 'Visitor type', 'Reason for visit', 'Reason for your visit', 'Purpose of visit', 'Patient or visitor',
  ],
  journeysPerVisit: [
    'How many one-way journeys did this visit involve?', 'How many journeys did your visit involve?', 'Journeys per visit', 'One-way journeys per visit',
    'Number of journeys', 'Trips per visit',
  ],
} as const satisfies Record<string, readonly string[]>;

type SurveyColumnSpec = z.infer<typeof SurveyProfile>['columns'];

/** A survey profile's columns with the patient and visitor survey's questions it does not name. */
export function surveyColumnSpec(columns: SurveyColumnSpec): SurveyColumnSpec & Required<Pick<SurveyColumnSpec, 'respondentType' | 'journeysPerVisit'>> {
  return {
    ...columns,
    respondentType: columns.respondentType ?? [...SURVEY_VISITOR_COLUMNS.respondentType],
    journeysPerVisit: columns.journeysPerVisit ?? [...SURVEY_VISITOR_COLUMNS.journeysPerVisit],
  };
}

export const Profile = z.discriminatedUnion('shape', [
  EnergyBillProfile, HalfHourlyProfile, IntervalProfile,
  FuelCardProfile, MileageProfile, VehicleRegisterProfile, EvChargingProfile,
  SurveyProfile, BusinessTravelProfile,
]);
export type Profile = z.infer<typeof Profile>;
export type ProfileInput = z.input<typeof Profile>;
