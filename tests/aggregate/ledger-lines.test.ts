import { afterAll, describe, expect, it } from 'vitest';
import { aggregate } from '../../src/aggregate/group.js';
import { emissionLines, lineKind } from '../../src/aggregate/ledger-lines.js';
import { parsePolicy } from '../../src/convert/policy.js';
import { loadFactors } from '../../src/factors/library.js';
import { fixtureLedger, GAS_2024, GRID, GRID_TD } from './fixture.js';

const library = loadFactors();
const ledger = fixtureLedger();
afterAll(() => {
  ledger.close();
});

describe('emissionLines', () => {
  it('reads the active imports only, with kind and trace', () => {
    const r = emissionLines(ledger, { orgs: ['community'] });
    // 11 months × (generation, T&D, WTT, WTT of T&D); the undone 2022 import is not there.
    expect(r.lines).toHaveLength(44);
    expect(r.lines.every((l) => l.quantity === 8000)).toBe(true);
    const kinds = r.lines.reduce<Record<string, number>>((acc, l) => ({ ...acc, [l.kind]: (acc[l.kind] ?? 0) + 1 }), {});
    expect(kinds).toEqual({ main: 11, td: 11, wtt: 22 });
    expect(r.lines[0]!.trace).toEqual({ file: 'community-2023.csv', line: 2, batchId: 4 });
    expect(r.lines[0]!.basis).toBe('location');
    expect(r.batches.map((b) => [b.id, b.fileName])).toEqual([[4, 'community-2023.csv']]);
    expect(r.warnings).toEqual([]);
  });

  it('reads several organisations and cuts lines at the range asked for, pro rata', () => {
    const r = emissionLines(ledger, { orgs: ['acute', 'council'], from: '2023-04-16', to: '2023-04-30' });
    const acute = r.lines.find((l) => l.org === 'acute' && l.kind === 'main')!;
    expect([acute.periodStart, acute.periodEnd, acute.quantity]).toEqual(['2023-04-16', '2023-04-30', 5000]);
    expect(acute.kgCo2e).toBeCloseTo(5000 * GRID[2023], 9);
    expect(new Set(r.lines.map((l) => l.org))).toEqual(new Set(['acute', 'council']));
  });

  it('derives the kind of a row from its key, companion and scope', () => {
    expect(lineKind('electricity.grid', null, 2)).toBe('main');
    expect(lineKind('electricity.grid.td_losses', 'electricity.grid', 3)).toBe('td');
    expect(lineKind('electricity.ev.car.medium.bev.td_losses', 'electricity.ev.car.medium.bev', 3)).toBe('td');
    expect(lineKind('electricity.grid.td_losses.wtt', 'electricity.grid', 3)).toBe('wtt');
    expect(lineKind('natural_gas.wtt', 'natural_gas', 3)).toBe('wtt');
    expect(lineKind('wood_pellets.outside_scopes', 'wood_pellets', null)).toBe('outside_scopes');
  });
});

describe('emissionLines: recomputing under another factor policy', () => {
  const electricityByYear = (policy?: string) => {
    const r = emissionLines(ledger, { orgs: ['acute'], ...(policy ? { recompute: { policy: parsePolicy(policy), library } } : {}) });
    const elec = r.lines.filter((l) => l.source === 'electricity');
    return { r, totals: aggregate(elec).groups.map((g) => [g.key.period, g.kgCo2e] as const) };
  };

  it('stored figures follow each year\'s factors; fixed:2022 holds them, so flat consumption gives a flat series', () => {
    const reported = electricityByYear().totals;
    expect(reported.map(([p]) => p)).toEqual(['2022/23', '2023/24']);
    expect(reported[0]![1]).toBeCloseTo(12 * 10_000 * GRID[2022], 6);
    expect(reported[1]![1]).toBeCloseTo(12 * 10_000 * GRID[2023], 6);
    const { r, totals } = electricityByYear('fixed:2022');
    expect(totals[0]![1]).toBeCloseTo(12 * 10_000 * GRID[2022], 6);
    expect(totals[1]![1]).toBeCloseTo(12 * 10_000 * GRID[2022], 6);
    const recomputed = r.lines.find((l) => l.periodStart === '2023-04-01' && l.kind === 'td')!;
    expect([recomputed.factorYear, recomputed.factorKgPerUnit, recomputed.policy]).toEqual([2022, GRID_TD[2022], 'fixed:2022']);
    // The trace still points at the file and line, and says what was done.
    expect(recomputed.trace).toEqual({ file: 'acute-2023.csv', line: 2, batchId: 2, note: 'recomputed under fixed:2022' });
  });

  it('adds a companion the stored year lacked when the year asked for publishes it', () => {
    const { r } = electricityByYear('fixed:2023');
    const gas = r.lines.filter((l) => l.source === 'gas');
    expect(gas.map((l) => [l.factorKey, l.kind, l.factorYear])).toEqual([['natural_gas', 'main', 2023], ['natural_gas.wtt', 'wtt', 2023]]);
    expect(gas[0]!.kgCo2e).toBeCloseTo(20_000 * 0.18293, 9);
    expect(gas[1]!.kgCo2e).toBeCloseTo(20_000 * 0.03021, 9);
    expect(gas[1]!.trace.note).toBe('companion added on recomputation under fixed:2023');
    // Stored, the April 2024 gas had the 2024 factor and no WTT.
    const stored = emissionLines(ledger, { orgs: ['acute'] }).lines.filter((l) => l.source === 'gas');
    expect(stored.map((l) => [l.factorKey, l.kgCo2e])).toEqual([['natural_gas', 20_000 * GAS_2024]]);
  });

  it('keeps and flags a line whose key the year asked for does not publish, with a warning naming key and year', () => {
    const { r } = electricityByYear('fixed:2024');
    const wtt = r.lines.filter((l) => l.factorKey === 'electricity.grid.wtt');
    expect(wtt).toHaveLength(24);
    expect(wtt.every((l) => l.keptStoredFactor?.requestedYear === 2024 && l.keptStoredFactor.requestedPolicy === 'fixed:2024')).toBe(true);
    expect(wtt.find((l) => l.periodStart === '2022-04-01')!.factorYear).toBe(2022);
    expect(r.warnings.map((w) => [w.code, w.about.key, w.about.year, w.about.lines])).toEqual([
      ['factor_not_in_year', 'electricity.grid.wtt', 2024, 24],
      ['factor_not_in_year', 'electricity.grid.td_losses.wtt', 2024, 24],
    ]);
    // Nothing was dropped: 2 years × 12 months × 4 rows, and the gas line.
    expect(r.lines).toHaveLength(97);
  });
});
