/**
 * Golden files for what a person reads after an import: the summary and the rejects file
 * (see tests/golden.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/convert/policy.js';
import { loadFactors } from '../../src/factors/library.js';
import { importEnergy } from '../../src/import/import-energy.js';
import { rejectsCsv } from '../../src/import/rejects.js';
import { loadBuiltinProfiles } from '../../src/map/profiles.js';
import { renderImportSummary } from '../../src/cli/views/import-summary-view.js';
import { Ledger } from '../../src/store/ledger.js';
import { expectGolden } from '../golden.js';
import { ROOT } from '../helpers.js';

describe('golden import output', () => {
  it('a council bill file with 20% bad rows: the summary and the exact rejects file', async () => {
    const ledger = Ledger.open(join(mkdtempSync(join(tmpdir(), 'tco2e-golden-')), 'l.sqlite'), { create: true });
    const s = await importEnergy(ledger, {
      path: join(ROOT, 'tests/fixtures/energy/bills-20pct-bad.csv'),
      org: { id: 'riverside', name: 'Riverside Council', kind: 'council', sites: [] },
      profiles: loadBuiltinProfiles(), library: loadFactors(), policy: parsePolicy('financial-year'),
      now: new Date('2024-06-10T09:00:00Z'), toolVersion: 'test',
    });
    expect(s.rows).toEqual({ read: 10, accepted: 8, excluded: 0, rejected: 2 });
    expectGolden('tests/golden/import/bills-20pct-bad.summary.txt', renderImportSummary(s) + '\n');
    expectGolden('tests/golden/import/bills-20pct-bad.rejects.csv', rejectsCsv(s));
    ledger.close();
  });
});
