/** Tables and prose fitted to the terminal's width (issue: `compare`, `travel` and `progress` printed lines of 125–340 characters at width 100). */

import { describe, expect, it } from 'vitest';
import { renderTable, wrapProse, type Column } from '../../src/kernel/format.js';

interface Row { name: string; file: string; date: string; t: string }
const rows: Row[] = [
  { name: 'Northmere Royal Infirmary and Community Hospitals', file: 'royal-infirmary-half-hourly-2025-26.csv', date: '2025-04-01', t: '10,818.9' },
  { name: 'Depot', file: 'fuel.csv', date: '2025-05-01', t: '12.5' },
];
const columns: Column<Row>[] = [
  { header: 'site', value: (r) => r.name },
  { header: 'file', value: (r) => r.file },
  { header: 'from', value: (r) => r.date, fixed: true },
  { header: 'tCO2e (location-based)', value: (r) => r.t, align: 'right' },
];

describe('renderTable at a width', () => {
  it('cuts text columns, the widest first, with "…", and never a figure or a fixed column', () => {
    const out = renderTable(rows, columns, 70).split('\n');
    for (const l of out) expect(l.length, l).toBeLessThanOrEqual(70);
    expect(out[2]).toContain('10,818.9');
    expect(out[2]).toContain('2025-04-01');
    expect(out[2]).toMatch(/Northmere Royal…/);
  });

  it('cuts the header of a number column down to its widest figure when text alone is not enough', () => {
    const out = renderTable(rows, columns, 50).split('\n');
    expect(out[2]).toContain('10,818.9');
    expect(out[0]).toMatch(/tCO2e \(\S*…$/);
    expect(Math.max(...out.map((l) => l.length))).toBeLessThanOrEqual(50);
  });

  it('is left whole with no width (a file or a pipe)', () => {
    expect(renderTable(rows, columns, Infinity)).toContain('Northmere Royal Infirmary and Community Hospitals');
  });
});

describe('wrapProse', () => {
  it('wraps a long sentence at spaces, keeping its indentation, and leaves table rows alone', () => {
    const text = `  ${'word '.repeat(30).trim()}\nsite    tCO2e  ${'x'.repeat(120)}`;
    const out = wrapProse(text, 40).split('\n');
    for (const l of out.slice(0, -1)) expect(l.length).toBeLessThanOrEqual(40);
    expect(out.every((l, i) => i === out.length - 1 || l.startsWith('  '))).toBe(true);
    expect(out[out.length - 1]).toBe(`site    tCO2e  ${'x'.repeat(120)}`);
  });
});
