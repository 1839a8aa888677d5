/**
 * The crash promise, for corrections: `import --replace`, a gap fill and `imports undo` of a
 * replace, each SIGKILLed at a fault point inside its write transaction, leave the ledger exactly
 * as it was (the same rows counting, nothing half superseded) and intact; run again, each lands
 * whole. Kills are made where the command says it has got to (TCO2E_FAULT_POINT), never after a
 * delay.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/store/ledger.js';
import { runCli } from '../helpers.js';
import { killCliAt, writeLockHeld } from './spawn-cli.js';

const ORG = 'north-acute';
const METERS = Array.from({ length: 20 }, (_, i) => String(1200000000100 + i));
const PERIODS = Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 === 0 ? '00' : '30'}`);

let dir: string;
let ledgerPath: string;

function hhFile(name: string, meters: readonly string[], days: readonly number[], kwh: number): string {
  const rows = meters.flatMap((m) => days.map((d) => `${m},${String(d).padStart(2, '0')}/04/2024,${Array.from({ length: 48 }, () => kwh).join(',')}`));
  const path = join(dir, name);
  writeFileSync(path, [`MPAN,Date,${PERIODS.join(',')}`, ...rows].join('\n') + '\n');
  return path;
}

/** What counts, and every row stored whatever its state: a killed command must change neither. */
function ledgerState(): { kwh: number; rows: Record<string, number>; superseded: number; integrity: string } {
  const ledger = Ledger.open(ledgerPath);
  try {
    const n = (sql: string): number => ledger.select<{ n: number }>(sql)[0]!.n;
    return {
      kwh: ledger.select<{ q: number | null }>(`SELECT sum(a.quantity) AS q FROM activities a JOIN batches b ON b.id = a.batch_id
        WHERE b.status = 'active' AND a.superseded_by IS NULL AND a.companion_of IS NULL AND a.direction = 'import'`)[0]!.q ?? 0,
      rows: { batches: n('SELECT count(*) AS n FROM batches'), activities: n('SELECT count(*) AS n FROM activities'), hhDays: n('SELECT count(*) AS n FROM hh_days'), supersessions: n('SELECT count(*) AS n FROM supersessions') },
      superseded: n('SELECT (SELECT count(*) FROM activities WHERE superseded_by IS NOT NULL) + (SELECT count(*) FROM hh_days WHERE superseded_by IS NOT NULL) AS n'),
      integrity: ledger.integrityCheck(),
    };
  } finally {
    ledger.close();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tco2e-replace-kill-'));
  expect(runCli(dir, 'init', '--org', ORG, '--name', 'North Acute').code).toBe(0);
  ledgerPath = join(dir, 'tco2e-ledger.sqlite');
  // 20 meters, 1–2 and 5–6 April, 1 kWh a half-hour: 20 × 4 × 48 = 3,840 kWh.
  expect(runCli(dir, 'import', 'energy', hhFile('april.csv', METERS, [1, 2, 5, 6], 1), '--org', ORG).code).toBe(0);
  expect(ledgerState().kwh).toBe(3840);
}, 120_000);

describe('corrections killed half-way change nothing', () => {
  it('--replace killed after superseding and right before COMMIT: nothing superseded, then it lands whole', async () => {
    const fix = hhFile('fix.csv', METERS.slice(0, 5), [1, 2], 3);
    const before = ledgerState();
    for (const point of ['superseded', 'before-commit']) {
      const killed = await killCliAt(dir, ['import', 'energy', fix, '--org', ORG, '--replace'], point, () => writeLockHeld(ledgerPath));
      // It halted where intended, inside the write transaction (holding the write lock).
      expect(killed.marker).toBe(`tco2e-fault-point ${point}`);
      expect(killed.seen).toBe(true);
      expect(killed.run.signal).toBe('SIGKILL');
      expect(ledgerState()).toEqual(before);
    }
    expect(runCli(dir, 'import', 'energy', fix, '--org', ORG, '--replace').code).toBe(0);
    // 5 meters × 2 days × 48 half-hours go from 1 to 3 kWh.
    expect(ledgerState().kwh).toBe(3840 + 5 * 2 * 48 * 2);
  }, 180_000);

  it('a gap fill killed in its transaction stores nothing, then fills the gap', async () => {
    const gap = hhFile('gap.csv', METERS, [3, 4], 2);
    const before = ledgerState();
    const killed = await killCliAt(dir, ['import', 'energy', gap, '--org', ORG], 'in-transaction', () => writeLockHeld(ledgerPath));
    expect(killed.seen).toBe(true);
    expect(ledgerState()).toEqual(before);
    expect(runCli(dir, 'import', 'energy', gap, '--org', ORG).code).toBe(0);
    expect(ledgerState().kwh).toBe(before.kwh + 20 * 2 * 48 * 2);
  }, 180_000);

  it('undo of a replace killed right before COMMIT keeps the replace; run again, restores what it superseded', async () => {
    const list = JSON.parse(runCli(dir, 'imports', 'list', '--json').stdout) as { imports: { id: number; file_name: string; status: string }[] };
    const replace = list.imports.find((b) => b.file_name === 'fix.csv' && b.status === 'active')!;
    const before = ledgerState();
    const killed = await killCliAt(dir, ['imports', 'undo', String(replace.id)], 'undo-before-commit', () => writeLockHeld(ledgerPath));
    expect(killed.seen).toBe(true);
    expect(ledgerState()).toEqual(before);
    expect(runCli(dir, 'imports', 'undo', String(replace.id)).code).toBe(0);
    expect(ledgerState().kwh).toBe(before.kwh - 5 * 2 * 48 * 2);
  }, 180_000);
});
