/**
 * Every sentence tco2e says to a person, in one place. Tests assert against these entries, so
 * wording can change without hunting through the code.
 */

import type { UnitId } from './units/units.js';
import { unitLabel } from './units/units.js';

const units = (list: readonly UnitId[]): string => list.map(unitLabel).join(', ');

/** The default boundary of a total (see `msg.headlineBoundary`). */
const headlineBoundary = 'Scopes 1–3, Scope 2 location-based, without well-to-tank and T&D losses, biogenic CO2 apart';

export const msg = {
  unknownKey: (key: string, nearest: readonly string[]) =>
    `Unknown factor key "${key}".` + (nearest.length > 0 ? ` Did you mean: ${nearest.join(', ')}?` : ''),
  unknownKeyHint: 'Run `tco2e factors list --search TEXT` to find a key.',
  unknownUnit: (unit: string) => `Unknown unit "${unit}".`,
  unknownUnitHint: 'Use one of: Wh, kWh, MWh, GWh, MJ, GJ, therms, litres, m3, million litres, UK gallons, US gallons, kg, tonnes, km, miles, passenger.km, passenger.miles.',
  incompatibleUnit: (key: string, unit: UnitId, accepted: readonly UnitId[]) =>
    `Cannot convert ${unitLabel(unit)} for ${key}: its factors are per ${units(accepted)}.`,
  incompatibleUnitHint: (accepted: readonly UnitId[]) => `Give the quantity in ${units(accepted)} (or a unit of the same kind).`,
  missingInYear: (key: string, year: number, edition: string, available: readonly number[]) =>
    `The ${year} conversion factors (${edition}) do not publish ${key}.` +
    (available.length > 0 ? ` It is published for ${available.join(', ')}.` : ''),
  missingInYearHint: 'Use a key the year publishes, or choose a set with --policy fixed:YYYY; tco2e never fills a gap from another year by itself.',
  nearestSet: (requested: number, used: number) =>
    `No conversion factors are published for ${requested}; used the ${used} set, the nearest published year.`,
  badPolicy: (text: string) => `Unknown factor-year policy "${text}".`,
  badPolicyHint: 'Use financial-year, calendar-year or fixed:YYYY (e.g. fixed:2019).',
  badDate: (text: string) => `"${text}" is not a date in the form YYYY-MM-DD.`,
  badQuantity: (text: string) => `"${text}" is not a number.`,

  // Files a person names for tco2e to read: `what` says which one ("file to import", …).
  inputMissing: (what: string, path: string, resolved: string) => `There is no ${what} at ${path}${resolved === path ? '' : ` (looked for ${resolved})`}.`,
  inputMissingHint: 'Check the file name and its folder: a relative path is read from the folder tco2e is run in. Give the full path if the file is elsewhere.',
  inputIsFolder: (what: string, path: string) => `The ${what}, ${path}, is a folder, not a file.`,
  inputIsFolderHint: 'Name one file in it: tco2e reads one file at a time.',
  configIsFolderHint: 'Give --config (or $TCO2E_CONFIG) the config file itself, tco2e.config.json unless it was named otherwise.',
  inputNotReadable: (what: string, path: string, code: string) => `The ${what}, ${path}, cannot be read: permission denied (${code}).`,
  inputNotReadableHint: 'Ask for read access to it, or copy it somewhere you can read and give that path.',

  // The boundary of a total, said next to it wherever one is printed. The headline is what
  // `tco2e emissions` totals by default; what it leaves out is given beside it, never lost.
  headlineBoundary,
  importHeadline: (tonnes: string) => `Emissions: ${tonnes} t CO2e (${headlineBoundary}: as \`tco2e emissions\` totals them)`,
  importWttTd: (tonnes: string, wtt: string, td: string) =>
    `Well-to-tank and T&D losses (Scope 3 category 3), not in that total: ${tonnes} t CO2e (well-to-tank ${wtt}, T&D ${td}); \`tco2e emissions --wtt\` adds them`,
  /** Said with a target's coverage: what its actuals leave out. */
  progressBoundary: 'without well-to-tank and T&D losses, biogenic CO2 apart',
  /** `convert --file` converts the keys as listed: no companion is added, none taken out. */
  convertTotal: (tonnes: string, converted: number, rows: number, policy: string) =>
    `Total, Scopes 1–3 of the rows as listed: ${tonnes} t CO2e from ${converted} of ${rows} rows (policy ${policy}). Well-to-tank and T&D losses are in it only where a row names their key (none are added); biogenic CO2 apart.`,
  importOutsideScopes: (tonnes: string) => `Outside of scopes (biogenic CO2, not in any total): ${tonnes} t CO2`,

  // Files tco2e writes where a person asked (`--out`, `--rejects`); `flag` names the option.
  outputProtected: (path: string, what: string) => `Refusing to write ${path}: it is ${what}, which tco2e never overwrites.`,
  outputProtectedHint: (flag: string) => `Choose another file name for ${flag}.`,
  outputIsFolder: (path: string) => `${path} is a folder, not a file.`,
  outputIsFolderHint: (flag: string) => `Give ${flag} the name of a file (it may be inside that folder).`,
  outputNotRegular: (path: string) => `Refusing to write ${path}: it is not a regular file (a device, a pipe or a socket), which tco2e never replaces.`,
  outputNoFolder: (path: string, folder: string) => `Cannot write ${path}: the folder ${folder} does not exist.`,
  outputNoFolderHint: (flag: string) => `Create the folder first, or give ${flag} a path in a folder that exists.`,
  outputUnderFile: (path: string, file: string) => `Cannot write ${path}: ${file} is a file, not a folder.`,
  outputUnderFileHint: (flag: string) => `Give ${flag} a path in a folder.`,
  outputFolderNotWritable: (path: string, folder: string, code: string) => `Cannot write ${path}: the folder ${folder} cannot be written (${code}).`,
  outputFolderNotWritableHint: (flag: string) => `Choose a folder you can write to with ${flag}.`,
  rejectsProtected: (path: string, what: string) => `Refusing to write the rejected rows to ${path}: it is ${what}, which tco2e never overwrites.`,
  /** Added to an output refusal that stops an import before it starts. */
  nothingImported: 'Nothing was imported.',

  // The ledger: opening, creating, damage.
  noLedger: (path: string) => `No ledger at ${path}.`,
  noLedgerHint: 'Run `tco2e init` to create a workspace, or pass --db with the path of an existing ledger.',
  checkDbHint: 'Check --db and the TCO2E_DB environment variable.',
  ledgerIsFolder: (path: string) => `${path} is a folder, not a tco2e ledger.`,
  ledgerIsFolderHint: 'Give --db the ledger file itself (tco2e-ledger.sqlite unless the config names another).',
  ledgerEmptyFile: (path: string) => `${path} is an empty file, not a tco2e ledger; it was left untouched.`,
  ledgerEmptyFileHint: 'Check --db and the TCO2E_DB environment variable. Only `tco2e init` makes a ledger, and never in a file that exists already: if an interrupted `tco2e init` left this empty file, delete it and run init again.',
  ledgerNotSqlite: (path: string) => `${path} is not a tco2e ledger (it is not an SQLite database); it was left untouched.`,
  ledgerEmptyDatabase: (path: string) => `${path} is an SQLite database with nothing in it, not a tco2e ledger; it was left untouched.`,
  ledgerOtherDatabase: (path: string) => `${path} is an SQLite database but not a tco2e ledger; it was left untouched.`,
  ledgerUnreadable: (path: string, code: string) => `The ledger ${path} cannot be read (${code}); it was left untouched.`,
  ledgerUnreadableHint: 'Ask for read and write access to the ledger and its folder, or work on a copy with --db.',
  ledgerNoFolder: (path: string, folder: string) => `Cannot create the ledger ${path}: the folder ${folder} does not exist or is not a folder.`,
  ledgerNoFolderHint: 'Create the folder first, or give --db a path in a folder that exists.',
  /** The ledger could not even be read as a database (its header or schema page is damaged). */
  ledgerUnreadableDamage: (path: string, code: string) => `${path} is damaged and cannot be read as a tco2e ledger (${code}); it was left untouched.`,
  /** SQLite's check found damage; `first` is the first problem it names. */
  ledgerDamaged: (path: string, count: number, first: string) =>
    `The ledger ${path} is damaged: SQLite's integrity check found ${count === 1 ? 'a problem' : `${count} problems`}, the first: "${first}". ` +
    'It was left untouched: tco2e never writes to a damaged ledger.',
  ledgerDamagedHint: (backups: readonly string[]) =>
    (backups.length > 0
      ? `Restore the ledger from the copy tco2e took before it last upgraded it (${backups.at(-1)!}) or from your last good copy`
      : 'Restore the ledger from your last good copy') +
    ', then import again what was imported since that copy was made. `tco2e check --db COPY` says whether a copy is sound. Keep the damaged file until then.',
  ledgerSound: (path: string, schema: number | null, pages: number, freePages: number) =>
    `The ledger ${path} is sound: SQLite's full integrity check found no problems (schema ${schema ?? '?'}, ${pages} pages of which ${freePages} free).`,
  serverLedgerSound: (location: string, schema: number | null) =>
    `The ledger at ${location} is whole: every table of schema ${schema ?? '?'} is there (PostgreSQL checks its own pages as it reads them; its administrators' checks, such as amcheck, go further).`,
  ledgerOlderSchema: (schema: number, current: number) => `It is at schema ${schema}; the next command that uses it upgrades it to schema ${current}, keeping a copy of it as it was.`,
  ownedPublicTransport: (key: string) => `${key} is public transport; it cannot be an owned vehicle.`,
  ownedPublicTransportHint: 'Use --use business_travel or --use commuting.',
  customFileProblems: (file: string, count: number) => `${file}: ${count} problem(s) in the custom factor file; nothing from it was used.`,
  customFileHint: 'Fix the rows listed and run again. Columns: key, unit, kg_co2e, and optionally year, kg_co2, kg_ch4, kg_n2o, scope, category, source, description.',
  /** A date column whose digits read two ways (`02042024`: 2 April or 4 February). */
  datesAmbiguous: (file: string, column: string, example: string, formats: readonly [string, string], readings: readonly [string, string]) =>
    `${file}: the dates in "${column}" are written as bare digits that read two ways: "${example}" is ${readings[0]} as ${formats[0]} and ${readings[1]} as ${formats[1]}; nothing was stored.`,
  datesAmbiguousHint: (formats: readonly [string, string]) =>
    `Add a profile for this layout to the workspace config with "dateFormat": "${formats[0]}" (or "${formats[1]}"), and name it with --profile.`,
  /** Meter data whose dates read two ways (`01/04/24`: 1 April or 4 January), with nothing in the file to choose. */
  meterDatesTwoReadings: (file: string, column: string, example: string, formats: readonly [string, string], readings: readonly [string, string]) =>
    `${file}: the dates in "${column}" read two ways: "${example}" is ${readings[0]} as ${formats[0]} and ${readings[1]} as ${formats[1]}, and no day above 12 or run of days settles which; nothing was stored.`,
  /** A meter-data row whose unit or read type marks reactive power: excluded, not rejected. */
  reactiveRow: (mark: string) => `"${mark}" marks the row as reactive power (kVArh), not energy: not counted`,
  /** Meter data with no meter column (a single meter's download). */
  noMeterColumn: (file: string) => `${file}: no column names the meter (an MPAN, MPRN or meter number), as in a single meter's download; nothing was stored.`,
  noMeterColumnHint: 'If the file is one meter\'s readings, name the meter with --meter, e.g. --meter 1200023456781 (its MPAN or MPRN).',
  meterFlagConflict: (file: string, column: string) => `${file}: --meter was given, but the file names its meters in "${column}"; nothing was stored.`,
  meterFlagConflictHint: 'Leave out --meter: it is for a file without a meter column.',
  meterFlagNotMeterData: (file: string, profile: string) => `${file}: --meter is for meter readings (half-hourly or interval), but the file was read as ${profile}; nothing was stored.`,
  meterFlagNotMeterDataHint: 'Leave out --meter, or name the meter-data profile with --profile.',
  /** An EV charging file whose energy column is headed in kW: power, not energy. */
  powerNotEnergy: (file: string, column: string) =>
    `${file}: the column "${column}" is in kW, a charger's power, not the energy a session delivered (kWh); nothing was stored.`,
  powerNotEnergyHint: 'Export the energy delivered per session (kWh), or name the energy column in a profile for this layout and pass it with --profile.',
  /** A meter (or charger) id a spreadsheet has saved as a rounded number, e.g. an MPAN as 1.2E+12. */
  idMangled: (column: string, id: string, what: string, rows: number, firstLine: number) =>
    `${column} "${id}" has lost digits: a spreadsheet read the ${what} id as a number and saved it rounded, in exponent form, ` +
    `so it no longer names one ${what} (${rows === 1 ? `line ${firstLine}` : `${rows} rows from line ${firstLine}`}). ` +
    `Export the file again as CSV and import it without opening it in Excel, or open it with the ${column} column formatted as Text.`,

  // Survey waves: named with --wave or the profile, else after the month the responses were given.
  surveyWaveRequired: (file: string) => `${file}: a travel survey is stored under a wave label, and none was given nor could be read from dates beside the responses; nothing was stored.`,
  surveyWaveRequiredHint: 'Pass --wave with a label for this survey, e.g. --wave "2024 autumn" (or set "wave" in the profile).',
  surveyWaveFromDates: (label: string, column: string, last: string) =>
    `no wave was named, so the responses were stored as wave "${label}", the month the first was given ("${column}"${last === label ? '' : `; the last was given in ${last}`}). Pass --wave to name it otherwise (files of one survey must share one label).`,
  surveyWaveTwoReadings: (file: string, column: string, dayFirst: string, monthFirst: string) =>
    `${file}: no wave was named, and the dates in "${column}" read two ways: day first, the survey began in ${dayFirst}; month first, in ${monthFirst}. Nothing was stored.`,
  surveyWaveTwoReadingsHint: (dayFirst: string, monthFirst: string) => `Pass --wave with the survey's label, e.g. --wave "${dayFirst}" or --wave "${monthFirst}".`,
  surveyColumnTwoReadings: (file: string, what: string, a: string, b: string) =>
    `${file}: two columns read as ${what}, "${a}" and "${b}", and their answers do not settle which; nothing was stored.`,
  surveyColumnTwoReadingsHint: (profile: string, field: string) =>
    `Add a profile to the workspace config whose "${field}" column names the one meant (start from \`tco2e profiles show ${profile}\`), and pass its id with --profile.`,
} as const;
