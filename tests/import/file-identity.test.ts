import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/convert/policy.js';
import { loadFactors } from '../../src/factors/library.js';
import { FileIdentity } from '../../src/import/file-identity.js';
import { importEnergy } from '../../src/import/import-energy.js';
import type { ImportRequest } from '../../src/import/request.js';
import { loadBuiltinProfiles } from '../../src/map/profiles.js';
import { Ledger } from '../../src/store/ledger.js';
import { ROOT, userError } from '../helpers.js';

const library = loadFactors();
const profiles = loadBuiltinProfiles();
const org = { id: 'north-acute', name: 'North Acute', kind: 'nhs-trust' as const, sites: [] };
const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'tco2e-identity-'));
  const ledger = Ledger.open(join(dir, 'ledger.sqlite'), { create: true });
  const req = (path: string): ImportRequest => ({ path, org, profiles, library, policy: parsePolicy('financial-year'), now: new Date('2024-05-02T09:00:00Z'), toolVersion: '0.1.0' });
  return { dir, ledger, req };
}

describe('file identity', () => {
  it('hashes the file while it is imported, BOM and all, and a repeat of it is still a no-op', async () => {
    const { dir, ledger, req } = setup();
    // Interval readings with a UTF-8 BOM, read on the quote-free fast path; and a bill file.
    const interval = ['MPAN,Timestamp,kWh,Read Type', ...Array.from({ length: 48 }, (_, p) => `M1,${new Date(Date.parse('2024-01-10T00:00:00Z') + p * 1_800_000).toISOString()},0.5,A`)].join('\n') + '\n';
    writeFileSync(join(dir, 'interval.csv'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(interval)]));
    copyFileSync(join(ROOT, 'tests/fixtures/energy/bills-win1252.csv'), join(dir, 'bills.csv'));
    for (const name of ['interval.csv', 'bills.csv']) {
      const path = join(dir, name);
      const first = await importEnergy(ledger, req(path));
      expect(first.status).toBe('stored');
      expect(ledger.getBatch(first.batchId!)!.sha256).toBe(sha(path));
      const again = await importEnergy(ledger, req(path));
      expect(again.status).toBe('already-imported');
      expect(again.batchId).toBe(first.batchId);
    }
    ledger.close();
  });

  it('a file of the same size but other content is hashed first, and imported', async () => {
    const { dir, ledger, req } = setup();
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    copyFileSync(join(ROOT, 'tests/fixtures/energy/bills-win1252.csv'), a);
    const text = readFileSync(a);
    // Same length: one digit of one reading changed.
    const changed = Buffer.from(text.toString('latin1').replace('412,500.5', '412,500.6'), 'latin1');
    expect(changed.length).toBe(text.length);
    appendFileSync(b, changed);
    expect((await importEnergy(ledger, req(a))).status).toBe('stored');
    const s = await importEnergy(ledger, req(b));
    expect(s.status).toBe('refused-overlap'); // same meters and months: not mistaken for a repeat
    ledger.close();
  });

  it('refuses to name a hash when the bytes read do not add up to the file (it changed while read)', () => {
    const id = FileIdentity.whileReading(10, 'meter.csv');
    const tap = id.tap()!;
    expect(id.tap()).toBeUndefined(); // one read hashes, no other
    tap(new Uint8Array(6));
    expect(userError(() => id.sha256).code).toBe('file_changed');
  });
});
