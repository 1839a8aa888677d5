/**
 * The ledger's schema, as an ordered list of migrations. A ledger records the version it is at
 * in `meta`; opening it copies it aside, then applies the migrations it lacks in one transaction. SQL is kept to
 * what PostgreSQL also accepts (no SQLite-only types or upserts), so a shared store can follow.
 */

export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'batches, activities, half-hourly meter-days, survey responses and import problems',
    sql: `
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      -- One row per import: the file as received, what was made of it, and its state.
      CREATE TABLE batches (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,               -- energy | fleet | journeys
        profile TEXT NOT NULL,
        org TEXT NOT NULL,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size_bytes INTEGER NOT NULL,
        rows_read INTEGER NOT NULL,
        rows_accepted INTEGER NOT NULL,
        rows_excluded INTEGER NOT NULL,
        rows_rejected INTEGER NOT NULL,
        period_start TEXT,                -- ISO date of the earliest activity
        period_end TEXT,                  -- ISO date of the latest activity
        imported_at TEXT NOT NULL,        -- ISO instant, from the caller's clock
        tool_version TEXT NOT NULL,
        policy TEXT NOT NULL,             -- factor-year policy the emissions were computed with
        status TEXT NOT NULL,             -- active | superseded | undone
        superseded_by INTEGER REFERENCES batches(id),
        summary_json TEXT NOT NULL        -- totals, exclusions by reason, warnings
      );
      CREATE INDEX batches_sha ON batches (sha256, org);

      -- One row per activity (a bill month, a fuel purchase, a journey), with its emission and trace.
      CREATE TABLE activities (
        id INTEGER PRIMARY KEY,
        batch_id INTEGER NOT NULL REFERENCES batches(id),
        line INTEGER NOT NULL,            -- source line in the batch's file
        org TEXT NOT NULL,
        site TEXT,
        meter TEXT,                       -- MPAN, MPRN, registration, charger…
        source TEXT NOT NULL,             -- electricity, gas, oil, fleet:van, travel:rail…
        period_start TEXT NOT NULL,       -- ISO date, inclusive
        period_end TEXT NOT NULL,         -- ISO date, inclusive
        quantity REAL NOT NULL,
        unit TEXT NOT NULL,
        estimated INTEGER NOT NULL,       -- 1 when the read or figure was estimated
        direction TEXT NOT NULL,          -- import | export (export is never netted off)
        apportioned_from TEXT,            -- JSON: the bill period and days when calendarised
        factor_key TEXT NOT NULL,         -- for direction = export: '' (export carries no emissions)
        companion_of TEXT,                -- for T&D, WTT and outside-of-scopes rows: the main row's key
        factor_year INTEGER NOT NULL,
        factor_edition TEXT NOT NULL,
        factor_unit TEXT NOT NULL,
        factor_kg_per_unit REAL NOT NULL,
        factor_custom INTEGER NOT NULL,
        policy TEXT NOT NULL,
        kg_co2e REAL NOT NULL,
        kg_co2 REAL,
        kg_ch4 REAL,
        kg_n2o REAL,
        scope INTEGER,                    -- NULL: outside of scopes
        scope_category INTEGER,
        extra_json TEXT                   -- profile-specific fields (cost, odometer, product…)
      );
      CREATE INDEX activities_batch ON activities (batch_id);
      CREATE INDEX activities_org_period ON activities (org, period_start);
      CREATE INDEX activities_meter ON activities (org, meter, period_start);

      -- Half-hourly data, one row per meter-day: 46, 48 or 50 values (clock-change days).
      CREATE TABLE hh_days (
        batch_id INTEGER NOT NULL REFERENCES batches(id),
        line INTEGER NOT NULL,
        org TEXT NOT NULL,
        site TEXT,
        meter TEXT NOT NULL,
        day TEXT NOT NULL,                -- ISO local date, Europe/London
        periods INTEGER NOT NULL,
        kwh BLOB NOT NULL,                -- little-endian float64 per period
        estimated_periods INTEGER NOT NULL,
        kwh_total REAL NOT NULL,
        export_kwh_total REAL NOT NULL
      );
      CREATE INDEX hh_days_meter_day ON hh_days (org, meter, day);
      CREATE INDEX hh_days_batch ON hh_days (batch_id);

      -- Staff travel survey responses, stored as answered; expansion to emissions happens later.
      CREATE TABLE survey_responses (
        id INTEGER PRIMARY KEY,
        batch_id INTEGER NOT NULL REFERENCES batches(id),
        line INTEGER NOT NULL,
        org TEXT NOT NULL,
        wave TEXT NOT NULL,
        respondent TEXT,
        site TEXT,
        staff_group TEXT,
        main_mode TEXT NOT NULL,
        occupants INTEGER,
        one_way_km REAL,
        days_per_week REAL,
        second_mode TEXT,
        extra_json TEXT
      );
      CREATE INDEX survey_batch ON survey_responses (batch_id);

      -- Vehicle registers: registration → type, size, fuel, site; the latest active batch wins.
      CREATE TABLE vehicles (
        batch_id INTEGER NOT NULL REFERENCES batches(id),
        line INTEGER NOT NULL,
        org TEXT NOT NULL,
        registration TEXT NOT NULL,       -- upper case, no spaces
        vehicle_type TEXT NOT NULL,       -- car | van | motorbike | other
        size TEXT NOT NULL,               -- small | medium | large | average | class_i | class_ii | class_iii
        fuel TEXT NOT NULL,               -- diesel | petrol | hybrid | phev | bev | unknown | cng | lpg
        site TEXT
      );
      CREATE INDEX vehicles_org_reg ON vehicles (org, registration);

      -- What an import could not use: rejected rows and warnings, with their place in the file.
      CREATE TABLE batch_problems (
        batch_id INTEGER NOT NULL REFERENCES batches(id),
        severity TEXT NOT NULL,           -- rejected | excluded | warning
        line INTEGER NOT NULL,
        col TEXT NOT NULL,
        value TEXT NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL
      );
      CREATE INDEX batch_problems_batch ON batch_problems (batch_id);
    `,
  },
  {
    version: 2,
    description: 'when and why an import stopped counting (superseded or undone), for the audit trail',
    // Batches that stopped counting under schema 1 keep NULL here: when they did was not recorded.
    sql: `
      ALTER TABLE batches ADD COLUMN status_changed_at TEXT;   -- ISO instant it was superseded or undone
      ALTER TABLE batches ADD COLUMN status_reason TEXT;       -- the reason given with \`imports undo --reason\`
    `,
  },
  {
    version: 3,
    description: 'replacing by meter and day: rows superseded one by one, the remainders a correction leaves, and the record of each supersession',
    // Batches superseded whole under schema 2 keep their status; their rows keep NULL here.
    sql: `
      ALTER TABLE activities ADD COLUMN superseded_by INTEGER REFERENCES batches(id);  -- the import that brought this row's meter and days again
      ALTER TABLE activities ADD COLUMN introduced_by INTEGER REFERENCES batches(id);  -- for a remainder: the import whose correction left it
      ALTER TABLE hh_days ADD COLUMN superseded_by INTEGER REFERENCES batches(id);
      CREATE INDEX activities_superseded ON activities (superseded_by);
      CREATE INDEX activities_introduced ON activities (introduced_by);
      CREATE INDEX hh_days_superseded ON hh_days (superseded_by);

      -- What each import superseded, per earlier import, meter and unit: the audit trail of corrections.
      CREATE TABLE supersessions (
        batch_id INTEGER NOT NULL REFERENCES batches(id),             -- the import that brought the data again
        superseded_batch_id INTEGER NOT NULL REFERENCES batches(id),  -- the import whose rows it replaced
        meter TEXT NOT NULL,
        unit TEXT NOT NULL,
        period_start TEXT NOT NULL,
        period_end TEXT NOT NULL,
        rows INTEGER NOT NULL,
        quantity_before REAL NOT NULL,    -- what the earlier import had for those meter-days
        quantity_after REAL NOT NULL      -- what this import brings for them
      );
      CREATE INDEX supersessions_batch ON supersessions (batch_id);
    `,
  },
  {
    version: 4,
    description: 'queries sum the ledger without sorting it: an index in the order of their groups',
    // The columns, in this order, are the groups of the summed reads (src/aggregate/ledger-lines.ts
    // SUMMED_GROUP), so SQLite sums a group as it walks the index; it also serves every search by
    // organisation and date that the index it replaces served (organisation, first day).
    sql: `
      DROP INDEX activities_org_period;
      CREATE INDEX activities_summed ON activities (org, period_start, period_end, source, unit, factor_key, companion_of, factor_year, policy, site);
    `,
  },
  {
    version: 5,
    description: 'the indexes of superseded rows hold only those: a new row is in none of them',
    // Only rows a correction touched are ever looked up by these columns (\`= ?\`, which SQLite
    // and PostgreSQL both match to a partial index); every row stored is NULL in them, and
    // writing each into indexes it would never be found by cost every insert (150,000 activity
    // rows, measured on a shared machine: 19.0–21.4 µs a row with them whole, 16.5–20.7 µs partial).
    sql: `
      DROP INDEX activities_superseded;
      DROP INDEX activities_introduced;
      DROP INDEX hh_days_superseded;
      CREATE INDEX activities_superseded ON activities (superseded_by) WHERE superseded_by IS NOT NULL;
      CREATE INDEX activities_introduced ON activities (introduced_by) WHERE introduced_by IS NOT NULL;
      CREATE INDEX hh_days_superseded ON hh_days (superseded_by) WHERE superseded_by IS NOT NULL;
    `,
  },
  {
    version: 6,
    description: 'fuel-card purchases kept per vehicle, month and fuel, with the activities summed from them',
    // A year of fuel cards for a fleet of 400 is 150,000 purchases. Stored as an activity each
    // (and a companion each), the inserts alone took 4 of the import's 7 seconds; kept here as
    // hh_days keeps half-hourly readings, they are some thousands of rows, and the activities
    // are summed per vehicle, month and fuel. Each purchase stays as it was read, with its line,
    // so a purchase brought again by another export is still found and superseded on its own.
    sql: `
      CREATE TABLE fuel_months (
        id INTEGER PRIMARY KEY,
        batch_id INTEGER NOT NULL REFERENCES batches(id),
        line INTEGER NOT NULL,            -- the first purchase's line: the activities summed from this month carry it
        org TEXT NOT NULL,
        site TEXT,
        meter TEXT,                       -- the registration (NULL when the line gives none)
        month TEXT NOT NULL,              -- YYYY-MM
        source TEXT NOT NULL,
        factor_key TEXT NOT NULL,
        unit TEXT NOT NULL,
        purchases INTEGER NOT NULL,
        quantity_total REAL NOT NULL,
        purchases_json TEXT NOT NULL,     -- [[line, ISO date, quantity, {product, cost, odometer, forecourt}], …]
        superseded_json TEXT              -- {"line": the import that brought the purchase again, …}; NULL when none was
      );
      CREATE INDEX fuel_months_meter ON fuel_months (org, meter, month);
      CREATE INDEX fuel_months_batch ON fuel_months (batch_id, line);
    `,
  },
  {
    version: 7,
    description: 'the DESNZ local authority greenhouse gas statistics: each figure as published, with its edition',
    // Area statistics are not an organisation's activities: they have no factor, no meter and no
    // scope, so they are kept in a table of their own rather than as activities. One row per row
    // of the published file (authority, year, sector, sub-sector, gas). Which edition counts is
    // decided when the ledger is read (the latest edition that holds the authority, among
    // imports not undone: see src/store/area-store.ts), so undoing a new edition brings the
    // older one back without rewriting rows.
    sql: `
      -- One row per area import: the edition it is and what its figures measure.
      CREATE TABLE la_ghg_editions (
        batch_id INTEGER PRIMARY KEY REFERENCES batches(id),
        edition TEXT NOT NULL,            -- the years it covers, e.g. 2005-2022 (as the publication names its editions)
        last_year INTEGER NOT NULL,       -- its latest calendar year: a later edition revises the earlier ones
        basis TEXT NOT NULL               -- ghg (CO2, CH4, N2O as kt CO2e) | co2 (older editions: CO2 only, kt CO2)
      );

      CREATE TABLE la_ghg_figures (
        batch_id INTEGER NOT NULL REFERENCES batches(id),
        line INTEGER NOT NULL,            -- source line in the batch's file
        area_kind TEXT NOT NULL,          -- authority | county | not-an-authority (Unallocated consumption…): never summed into another
        la_code TEXT,                     -- GSS code, e.g. E06000058; NULL for rows that are not an authority
        la_name TEXT NOT NULL,
        second_tier TEXT,                 -- the county a district is in, as the file names it
        region TEXT,
        country TEXT,
        calendar_year INTEGER NOT NULL,
        sector TEXT NOT NULL,
        subsector TEXT NOT NULL,
        gas TEXT NOT NULL,                -- CO2 | CH4 | N2O
        territorial_kt REAL,              -- kt CO2e (kt CO2 in a CO2-only edition); NULL where the file gives none
        influence_kt REAL,                -- within the scope of influence of local authorities, same unit
        population_thousands REAL,        -- mid-year population, thousands
        area_km2 REAL
      );
      CREATE INDEX la_ghg_figures_code ON la_ghg_figures (la_code, batch_id, calendar_year);
      CREATE INDEX la_ghg_figures_batch ON la_ghg_figures (batch_id);
    `,
  },
  {
    version: 8,
    description: 'patient and visitor travel surveys: who answered, and how many one-way journeys their visit meant',
    // Stored beside staff responses, told apart by respondent_type: NULL for every staff response
    // (all rows written before this migration are staff), so readers of staff waves filter on it.
    sql: `
      ALTER TABLE survey_responses ADD COLUMN respondent_type TEXT;       -- patient | visitor | carer | unknown; NULL for a staff response
      ALTER TABLE survey_responses ADD COLUMN journeys_per_visit REAL;    -- one-way journeys the visit meant (2: there and back)
      ALTER TABLE survey_responses ADD COLUMN journeys_assumed INTEGER;   -- 1 when the survey did not ask and 2 was assumed
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
