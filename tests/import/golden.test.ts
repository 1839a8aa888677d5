/**
 * Golden files for what a person reads after an import: the summary and the rejects file.
 * A missing golden is written locally (never in CI); a difference writes `*-changed.*` beside
 * it and fails, so the change can be reviewed like code.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
import { ROOT } from '../helpers.js';

function golden(name: string, actual: string): void {
  const path = join(ROOT, 'tests/golden/import', name);
  if (!existsSync(path)) {
    if (process.env.CI) throw new Error(`golden file ${name} is missing; run the tests locally to write it, review it and commit it`);
    writeFileSync(path, actual);
    return;
  }
  const expected = readFileSync(path, 'utf8');
  if (expected !== actual) {
    writeFileSync(path.replace(/(\.[^.]+)$/, '-changed$1'), actual);
    expect(actual, `${name} differs from its golden file; see ${name.replace(/(\.[^.]+)$/, '-changed$1')}`).toBe(expected);
  }
}

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
    golden('bills-20pct-bad.summary.txt', renderImportSummary(s) + '\n');
    golden('bills-20pct-bad.rejects.csv', rejectsCsv(s));
    ledger.close();
  });
});
