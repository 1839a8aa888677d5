/**
 * `export lines` reads the ledger as it writes: the same lines `footprint` gives, in the same
 * order, a page at a time from a snapshot taken when the export starts, with the ledger free
 * between pages so that an import can commit while an export is part-way through.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { footprint } from '../../src/aggregate/footprint.js';
import { parsePolicy } from '../../src/convert/policy.js';
import { LINE_COLUMNS, lineRecord, lineValues } from '../../src/export/lines/records.js';
import { selectLines } from '../../src/export/lines/select.js';
import { importEnergy } from '../../src/import/import-energy.js';
import type { EmissionLine } from '../../src/kernel/emission-line.js';
import { loadBuiltinProfiles } from '../../src/map/profiles.js';
import { Ledger } from '../../src/store/ledger.js';
import { exportWorkspace, type Workspace } from './fixture.js';

let w: Workspace;
beforeAll(async () => {
  w = await exportWorkspace();
});
afterAll(() => {
  w.ledger.close();
});

describe('the lines an export writes', () => {
  it('are the lines of `footprint` (location-based, then market-based), in its order, with its warnings', () => {
    for (const q of [{}, { org: 'acute', period: '2024/25' }, { org: 'acute', period: '2023/24' }, { org: 'bare' }] as const) {
      const s = selectLines({ ...w.ctx, reads: new Map() }, q);
      const streamed = [...s.lines];
      s.close();
      const fp = footprint({ ...w.ctx, reads: new Map() }, { orgs: s.orgs, ...(s.from === null ? {} : { from: s.from }), ...(s.to === null ? {} : { to: s.to }) });
      expect(streamed, JSON.stringify(q)).toEqual([...fp.lines, ...fp.marketLines]);
      expect(s.taken).toEqual({ location: fp.lines.length, market: fp.marketLines.length });
      expect(s.warnings()).toEqual(fp.warnings);
    }
  });

  it('give a CSV row with the values of the JSON record, column by column', () => {
    const s = selectLines({ ...w.ctx, reads: new Map() }, {});
    const lines: EmissionLine[] = [...s.lines];
    s.close();
    expect(lines.length).toBeGreaterThan(20);
    for (const l of lines) {
      const record = lineRecord(l);
      expect(lineValues(l)).toEqual(LINE_COLUMNS.map((c) => record[c]));
    }
  });
});

describe('an export part-way through a large ledger', () => {
  /** A ledger of several pages (a page is 5,000 rows): 120 meters, two years of monthly bills, each with its companions. */
  let big: { dir: string; ledger: Ledger; org: { id: string; name: string; kind: 'nhs-trust'; sites: [] } };

  function bills(prefix: string, meters: number): string {
    const rows = ['Site,Meter,Fuel,From,To,Consumption,Unit,Read Type'];
    for (let m = 0; m < meters; m++) {
      for (let k = 0; k < 24; k++) {
        const y = 2022 + Math.floor((k + 3) / 12);
        const month = ((k + 3) % 12) + 1;
        const last = new Date(Date.UTC(y, month, 0)).getUTCDate();
        const mm = String(month).padStart(2, '0');
        rows.push(`Site ${m},${prefix}${String(m).padStart(6, '0')},Electricity,01/${mm}/${y},${last}/${mm}/${y},${1000 + m},kWh,A`);
      }
    }
    return rows.join('\n');
  }

  async function load(ledger: Ledger, name: string, content: string): Promise<void> {
    const path = join(big.dir, name);
    writeFileSync(path, content);
    const r = await importEnergy(ledger, { path, org: big.org, profiles: loadBuiltinProfiles(), library: w.ctx.library, policy: parsePolicy('financial-year'), now: new Date('2025-05-01T09:00:00Z'), toolVersion: '0.1.0' });
    expect(r.status).toBe('stored');
  }

  beforeAll(async () => {
    const dir = join(w.dir, 'big');
    mkdirSync(dir);
    big = { dir, ledger: Ledger.open(join(dir, 'tco2e-ledger.sqlite'), { create: true }), org: { id: 'big', name: 'Big', kind: 'nhs-trust', sites: [] } };
    await load(big.ledger, 'first.csv', bills('1200000', 120));
  });
  afterAll(() => {
    big.ledger.close();
  });

  it('leaves the ledger free, so an import commits at once; and goes on giving the ledger as it was when it started', async () => {
    const config = { ...w.config, organisations: [{ ...w.config.organisations[1]!, id: 'big' }] };
    const ctx = { ledger: big.ledger, library: w.ctx.library, config, reads: new Map() };
    const before = footprint(ctx, { orgs: ['big'] });
    const expected = [...before.lines, ...before.marketLines];
    expect(before.lines.length).toBeGreaterThan(2 * 5_000);

    const s = selectLines(ctx, {});
    const it = s.lines[Symbol.iterator]();
    const taken: EmissionLine[] = [];
    for (let i = 0; i < 7_000; i++) taken.push(it.next().value as EmissionLine);

    // Another command imports while the export is part-way (into its second page), and does not
    // wait at all: a reader that held the ledger would make its commit fail at once.
    const previous = process.env.TCO2E_BUSY_TIMEOUT_MS;
    process.env.TCO2E_BUSY_TIMEOUT_MS = '0';
    const other = Ledger.open(big.ledger.path);
    try {
      await load(other, 'second.csv', bills('1900000', 10));
    } finally {
      other.close();
      if (previous === undefined) delete process.env.TCO2E_BUSY_TIMEOUT_MS;
      else process.env.TCO2E_BUSY_TIMEOUT_MS = previous;
    }

    for (let r = it.next(); r.done !== true; r = it.next()) taken.push(r.value);
    s.close();
    expect(taken).toEqual(expected);
    // A new export sees the import.
    const after = selectLines({ ...ctx, reads: new Map() }, {});
    const now = footprint({ ...ctx, reads: new Map() }, { orgs: ['big'] });
    expect([...after.lines]).toEqual([...now.lines, ...now.marketLines]);
    expect(now.lines.length).toBeGreaterThan(before.lines.length);
    after.close();
  });
});
