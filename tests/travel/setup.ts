/** A small workspace for the travel tests: an organisation's config and a ledger in a temp dir. */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePolicy } from '../../src/convert/policy.js';
import { loadFactors } from '../../src/factors/library.js';
import { importJourneys } from '../../src/import/import-journeys.js';
import { loadBuiltinProfiles } from '../../src/map/profiles.js';
import { Ledger } from '../../src/store/ledger.js';
import { ConfigSchema, type OrganisationConfig } from '../../src/workspace/config.js';

export const library = loadFactors();
const builtins = loadBuiltinProfiles();

/** The organisation as the config parser makes it (defaults filled in: 46 working weeks). */
export function organisation(travel: Record<string, unknown> = {}): OrganisationConfig {
  const config = ConfigSchema.parse({
    version: 1,
    organisations: [{
      id: 'north-acute', name: 'North Acute', kind: 'nhs-trust',
      sites: [{ id: 'main', name: 'Main Hospital' }, { id: 'hub', name: 'Community Hub' }],
      travel,
    }],
  });
  return config.organisations[0]!;
}

/** The survey questions as a survey tool exports them (distances answered with their unit). */
export const SURVEY_HEADER = 'Respondent ID,Which site do you usually work at?,Which staff group do you belong to?,How do you usually travel to work?,"If you car share, how many people (including you) are usually in the car?",One-way distance,"On average, how many days a week do you travel to your work site?"';

export function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'tco2e-travel-'));
  const ledger = Ledger.open(join(dir, 'ledger.sqlite'), { create: true });
  const org = organisation();
  const importFile = async (name: string, lines: readonly string[], wave?: string) => {
    const path = join(dir, name);
    writeFileSync(path, `${lines.join('\n')}\n`);
    const s = await importJourneys(ledger, {
      path, org, profiles: builtins, library, policy: parsePolicy('financial-year'), now: new Date('2025-04-10T09:00:00Z'), toolVersion: '0.1.0',
      ...(wave === undefined ? {} : { wave }),
    });
    if (s.status !== 'stored') throw new Error(`${name} was not stored: ${s.status}`);
    return s;
  };
  return { dir, ledger, importFile };
}

/** Wave "2023 autumn" (financial year 2023/24). */
export const WAVE_2023 = [
  SURVEY_HEADER,
  'A1,Main Hospital,Nursing,Drive alone,,10km,5',
  'A2,Main Hospital,Nursing,Drive alone,,10km,5',
  'A3,Main Hospital,Admin,Bus,,8km,5',
  'A4,Main Hospital,Admin,Bicycle,,3km,5',
  'A5,Community Hub,Nursing,Drive alone,,12km,5',
  'A6,Community Hub,Admin,Train,,25km,5',
];

/** Wave "2024 autumn" (financial year 2024/25); file lines 2–12. */
export const WAVE_2024 = [
  SURVEY_HEADER,
  'B1,Main Hospital,Nursing,Drive alone,,10km,5', // line 2
  'B2,Main Hospital,Admin,Car share (driver),2,20km,4', // line 3
  'B3,Main Hospital,Admin,Car share - passenger,2,20km,4', // line 4
  'B4,Main Hospital,Nursing,Car share,3,30km,3', // line 5: driver or passenger not said
  'B5,Main Hospital,Nursing,Bus,,8km,5', // line 6
  'B6,Main Hospital,Admin,Work from home,,,0', // line 7
  'B7,Community Hub,Nursing,Bicycle,,3km,5', // line 8
  'B8,Community Hub,Admin,Train,,25km,2', // line 9
  'B9,Community Hub,Nursing,Drive alone,,12km,5', // line 10
  'B10,Annex,Admin,Walk,,1km,5', // line 11: a site the config does not know
  'B11,Main Hospital,Admin,Other,,5km,5', // line 12: no factor fits "other"
];
