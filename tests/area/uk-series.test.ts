/**
 * The UK line of the area report (issue 16, part 3): formed from an edition that holds every
 * authority of the UK, as the sum of the authorities and the rows no authority holds, per resident
 * of their summed population; never from a file cut to a few authorities; never adding a county
 * over its districts or a country or region total row. The file is written here, in the published
 * long layout, with figures chosen so the UK totals can be worked by hand.
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { areaHtml, areaPageData } from '../../src/report/area/index.js';
import { UK_NAME } from '../../src/report/area/words.js';
import { isUkMissing, ukSeries, type UkSeries } from '../../src/area/uk-series.js';
import { importLaGhg } from '../../src/import/import-la-ghg.js';
import { Ledger } from '../../src/store/ledger.js';
import { ROOT } from '../helpers.js';

const HEADER = 'Country,Country Code,Region,Region Code,Second Tier Authority,Local Authority,Local Authority Code,Calendar Year,LA GHG Sector,LA GHG Sub-sector,Greenhouse gas,Territorial emissions (kt CO2e),Emissions within the scope of influence of LAs (kt CO2),Mid-year Population (thousands),Area (km2)';

const NATIONS = [
  { name: 'England', code: 'E92000001', prefix: 'E06', count: 296 },
  { name: 'Wales', code: 'W92000004', prefix: 'W06', count: 22 },
  { name: 'Scotland', code: 'S92000003', prefix: 'S12', count: 32 },
  { name: 'Northern Ireland', code: 'N92000002', prefix: 'N09', count: 11 },
] as const;

/**
 * Every authority has two rows a year: Domestic Electricity 10 kt and Transport 5 kt in 2019,
 * 8 kt and 4 kt in 2020; population 200 thousand, repeated on both rows. Each year also has
 * an unallocated row of 30 kt, a country total row for England and a region total row (named as
 * their Country and Region cells), and a county row (E10) of 999 kt, none of which is an authority.
 * With `drop`, the last `drop` Scottish authorities are left out of 2020.
 */
function wholeUkFile(drop = 0): string {
  const lines = [HEADER];
  for (const year of [2019, 2020]) {
    const [elec, road] = year === 2019 ? [10, 5] : [8, 4];
    for (const n of NATIONS) {
      const count = n.name === 'Scotland' && year === 2020 ? n.count - drop : n.count;
      for (let i = 0; i < count; i++) {
        const code = `${n.prefix}${String(i + 1).padStart(6, '0')}`;
        const name = `${n.name} Authority ${String(i + 1)}`;
        lines.push(`${n.name},${n.code},,,${name},${name},${code},${String(year)},Domestic,Domestic Electricity,CO2,${String(elec)},${String(elec)},200,50`);
        lines.push(`${n.name},${n.code},,,${name},${name},${code},${String(year)},Transport,Road Transport (A roads),CO2,${String(road)},${String(road)},200,50`);
      }
    }
    lines.push(`England,E92000001,,,,Unallocated consumption,,${String(year)},Domestic,Domestic Electricity,CO2,30,30,,`);
    lines.push(`England,E92000001,,,,England,E92000001,${String(year)},Domestic,Domestic Electricity,CO2,77777,77777,56000,130000`);
    lines.push(`England,E92000001,South East,E12000008,,South East,E12000008,${String(year)},Domestic,Domestic Electricity,CO2,8888,8888,9000,19000`);
    lines.push(`England,E92000001,South East,E12000008,Surrey,Surrey,E10000030,${String(year)},Domestic,Domestic Electricity,CO2,999,999,1200,1600`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'tco2e-uk-'));
  const file = join(dir, '2005-20-uk-local-authority-ghg-emissions.csv');
  writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  return file;
}

async function ledgerWith(file: string): Promise<Ledger> {
  const ledger = Ledger.open(join(mkdtempSync(join(tmpdir(), 'tco2e-uk-ledger-')), 'ledger.sqlite'), { create: true });
  await importLaGhg(ledger, { path: file, now: new Date('2025-06-02T09:00:00Z'), toolVersion: '0.1.0' });
  return ledger;
}

const BATCH = { batchId: 1, edition: '2005-2020', basis: 'ghg' as const };

describe('the UK line', () => {
  it('sums every authority and the unallocated row, per resident of the summed population, as worked by hand', async () => {
    const ledger = await ledgerWith(wholeUkFile());
    const uk = ukSeries(ledger, BATCH, 2019);
    expect(isUkMissing(uk)).toBe(false);
    const u = uk as UkSeries;
    // 361 authorities (296 + 22 + 32 + 11). 2019: 361 × (10 + 5) + 30 = 5,445 kt; 2020: 361 × (8 + 4) + 30 = 4,362 kt.
    // The England and South East totals (77,777 and 8,888 kt) and Surrey county (999 kt) are never added.
    expect(u.years.map((y) => [y.year, y.territorialTCo2e, y.unallocatedTCo2e, y.authorities])).toEqual([[2019, 5_445_000, 30_000, 361], [2020, 4_362_000, 30_000, 361]]);
    // Population: 361 × 200 thousand = 72,200 thousand, each authority's counted once though on two rows.
    expect(u.years[0]!.populationThousands).toBe(72_200);
    // Per resident: 5,445 kt ÷ 72,200 thousand = 0.0754155 t; 2020: 4,362 ÷ 72,200 = 0.0604155 t.
    expect(u.years[0]!.tPerResident).toBeCloseTo(0.0754155, 7);
    expect(u.years[1]!.tPerResident).toBeCloseTo(0.0604155, 7);
    // Index on 2019: 4,362 ÷ 5,445 × 100 = 80.1102.
    expect(u.years[1]!.index).toBeCloseTo(80.1102, 4);
    expect(u.years[0]!.index).toBe(100);
    expect(u.partialYears).toEqual([]);
    ledger.close();
  });

  it('draws no UK for a year the edition does not hold whole, and says which', async () => {
    const ledger = await ledgerWith(wholeUkFile(1));
    const u = ukSeries(ledger, BATCH, 2019) as UkSeries;
    expect(u.years.map((y) => y.year)).toEqual([2019]);
    expect(u.partialYears).toEqual([2020]);
    ledger.close();
  });

  it('draws none from a file cut to a few authorities, saying what it holds', async () => {
    const ledger = Ledger.open(join(mkdtempSync(join(tmpdir(), 'tco2e-uk-ledger-')), 'ledger.sqlite'), { create: true });
    await importLaGhg(ledger, { path: join(ROOT, 'tests/fixtures/la-ghg/la-ghg-2005-2020.csv'), now: new Date('2025-06-02T09:00:00Z'), toolVersion: '0.1.0' });
    const uk = ukSeries(ledger, BATCH, 2019);
    expect(isUkMissing(uk)).toBe(true);
    if (isUkMissing(uk)) expect(uk.reason).toMatch(/does not hold the whole UK.*holds 3 in England, 0 in Wales, 0 in Scotland, 0 in Northern Ireland in 2020/);
    ledger.close();
  });

  it('the area report draws the UK beside the authority, per resident and indexed on the same base year', async () => {
    const ledger = await ledgerWith(wholeUkFile());
    const d = areaPageData(ledger, { codes: ['W06000001'], now: new Date('2025-06-02T09:00:00Z'), toolVersion: '0.1.0' });
    expect(d.baseYear).toBe(2019);
    expect(isUkMissing(d.uk)).toBe(false);
    // The authority: 12 ÷ 15 = 80.0 on 2019; the UK 80.1102, with its unallocated row.
    expect(d.territorial.series[0]!.years[1]!.index).toBeCloseTo(80, 6);
    expect((d.uk as UkSeries).years[1]!.index).toBeCloseTo(80.1102, 4);
    // On the page: a UK column in the per-resident chart's table (0.08 and 0.06 t) and the index's (80 and 80.1 in 2020).
    const { html } = await areaHtml(ledger, { codes: ['W06000001'], now: new Date('2025-06-02T09:00:00Z'), toolVersion: '0.1.0' });
    const perResident = /<figure class="chart" id="per-resident"[\s\S]*?<\/figure>/.exec(html)![0];
    expect(perResident).toContain(`${UK_NAME} (tCO₂e per resident)`);
    expect(perResident).toMatch(/<th scope="row">2020<\/th><td[^>]*>0\.06<\/td><td[^>]*>0\.06<\/td>/);
    const indexed = /<figure class="chart" id="indexed"[\s\S]*?<\/figure>/.exec(html)![0];
    expect(indexed).toMatch(/<th scope="row">2020<\/th><td[^>]*>80<\/td><td[^>]*>80\.1<\/td>/);
    expect(html).toContain('the sum of all 361 local authorities');
    ledger.close();
  });
});
