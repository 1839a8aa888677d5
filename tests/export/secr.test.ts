import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisContext } from '../../src/aggregate/footprint.js';
import { secrCsv, SECR_CSV_HEADER } from '../../src/export/secr/csv.js';
import { secrDisclosure, type SecrDisclosure } from '../../src/export/secr/disclosure.js';
import { secrFigures } from '../../src/export/secr/figures.js';
import { secrHtml } from '../../src/export/secr/html.js';
import { mdText, secrMarkdown } from '../../src/export/secr/markdown.js';
import { CONTROL_WORDS, SCOPE3_WORDS, secrMsg } from '../../src/export/secr/secr-text.js';
import { parseConfig } from '../../src/workspace/config.js';
import { userError } from '../helpers.js';
import { CONFIG_JSON, exportWorkspace, HOSTILE, type Workspace } from './fixture.js';

// Published factors used below (data/factors/uk-gov-2023.json and uk-gov-2024.json), kg CO2e per unit.
const GRID = { 2023: 0.20707, 2024: 0.20705 };
const GRID_TD = { 2023: 0.01792, 2024: 0.0183 };
const GRID_WTT_2023 = 0.0459;
const GRID_TD_WTT_2023 = 0.00397;
const GAS = { 2023: 0.18293, 2024: 0.1829 };
const GAS_WTT_2023 = 0.03021;
const DIESEL_LITRE = { 2023: 2.51206, 2024: 2.51279 };
const DIESEL_KWH_GROSS = { 2023: 0.23908, 2024: 0.23902 };
const DIESEL_WTT_LITRE_2023 = 0.61101;
const VAN_AVERAGE_DIESEL_MILE_2024 = 0.40273;
const CAR_SMALL_DIESEL_MILE_2024 = 0.22522;

// 2024/25 by hand.
const ELEC_KWH = 365_000 + 1_000;
const GAS_KWH = 500_000;
const DIESEL_LITRES = 600 + 400;
const SCOPE1_GAS = GAS_KWH * GAS[2024];
const SCOPE1_FLEET = DIESEL_LITRES * DIESEL_LITRE[2024] + 1_000 * VAN_AVERAGE_DIESEL_MILE_2024;
const SCOPE2 = ELEC_KWH * GRID[2024];
const GREY_FLEET = (100 - 12.5) * CAR_SMALL_DIESEL_MILE_2024;
const TOTAL = SCOPE1_GAS + SCOPE1_FLEET + SCOPE2 + GREY_FLEET;
// E1 at the supplier's 0.05 kg/kWh; E2 has no supplier factor and falls back to the grid.
const SCOPE2_MARKET = 365_000 * 0.05 + 1_000 * GRID[2024];

// 2023/24 by hand.
const PREV_SCOPE1 = 400_000 * GAS[2023] + 500 * DIESEL_LITRE[2023];
const PREV_SCOPE2 = 300_000 * GRID[2023];
const PREV_TOTAL = PREV_SCOPE1 + PREV_SCOPE2;

let w: Workspace;
let d: SecrDisclosure;
beforeAll(async () => {
  w = await exportWorkspace();
  d = secrDisclosure(w.ctx, { org: 'acute', period: '2024/25' });
});
afterAll(() => {
  w.ledger.close();
});

function withOrg(over: Record<string, unknown>): AnalysisContext {
  const json = { ...CONFIG_JSON, organisations: [{ ...CONFIG_JSON.organisations[0], ...over }, CONFIG_JSON.organisations[1]] };
  return { ...w.ctx, config: parseConfig(JSON.stringify(json), 'tco2e.config.json'), reads: new Map() };
}

describe('SECR disclosure: the figures', () => {
  it('splits energy into electricity, gas and transport, litres of diesel at the set\'s gross calorific value', () => {
    const e = d.thisYear.energyKwh;
    expect(e.electricity).toBeCloseTo(ELEC_KWH, 6);
    expect(e.gas).toBeCloseTo(GAS_KWH, 6);
    // 1,000 litres × (2.51279 kg/l ÷ 0.23902 kg/kWh) = 10,512.9 kWh.
    expect(e.transport).toBeCloseTo(DIESEL_LITRES * DIESEL_LITRE[2024] / DIESEL_KWH_GROSS[2024], 6);
    expect(e.otherFuels).toBe(0);
    expect(d.thisYear.totalKwh).toBeCloseTo(ELEC_KWH + GAS_KWH + e.transport, 6);
  });

  it('says which activity could not be expressed in kWh instead of guessing', () => {
    expect(d.thisYear.notInKwh.map((n) => [n.row, n.source, n.unit, n.quantity])).toEqual([
      ['transport', 'fleet:van', 'miles', 1000],
      ['transport', 'travel:car', 'miles', 87.5],
    ]);
    expect(d.thisYear.notInKwh[0]!.reason).toBe(secrMsg.distanceNotEnergy);
  });

  it('puts gas, fleet, electricity and grey fleet in their scopes; rail stays outside SECR', () => {
    const kg = d.thisYear.kgCo2e;
    expect(kg['scope1.gas']).toBeCloseTo(SCOPE1_GAS, 6);
    expect(kg['scope1.transport']).toBeCloseTo(SCOPE1_FLEET, 6);
    expect(kg['scope1.otherFuels']).toBe(0);
    expect(kg['scope2.electricity']).toBeCloseTo(SCOPE2, 6);
    expect(kg['scope3.greyFleet']).toBeCloseTo(GREY_FLEET, 6);
    expect(kg['scope3.td']).toBe(0);
    expect(d.thisYear.scope1KgCo2e).toBeCloseTo(SCOPE1_GAS + SCOPE1_FLEET, 6);
    expect(d.thisYear.totalKgCo2e).toBeCloseTo(TOTAL, 6);
    // Rail (200 passenger miles × 1.609344 × 0.03546) and the T&D not chosen: held, not counted.
    expect(d.thisYear.outsideKgCo2e).toBeCloseTo(200 * 1.609344 * 0.03546 + ELEC_KWH * GRID_TD[2024], 6);
  });

  it('gives market-based Scope 2 beside location-based where a supplier factor is declared', () => {
    expect(d.thisYear.market).not.toBeNull();
    expect(d.thisYear.market!.scope2KgCo2e).toBeCloseTo(SCOPE2_MARKET, 6);
    expect(d.thisYear.market!.totalKgCo2e).toBeCloseTo(TOTAL - SCOPE2 + SCOPE2_MARKET, 6);
    expect([d.thisYear.market!.supplierKwh, d.thisYear.market!.gridFallbackKwh]).toEqual([365_000, 1_000]);
    expect(d.previousYear!.market).toBeNull();
  });

  it('gives the previous year beside this year, at that year\'s own factors', () => {
    const p = d.previousYear!;
    expect(p.label).toBe('2023/24');
    expect(p.energyKwh.electricity).toBeCloseTo(300_000, 6);
    expect(p.energyKwh.gas).toBeCloseTo(400_000, 6);
    expect(p.energyKwh.transport).toBeCloseTo(500 * DIESEL_LITRE[2023] / DIESEL_KWH_GROSS[2023], 6);
    expect(p.scope1KgCo2e).toBeCloseTo(PREV_SCOPE1, 6);
    expect(p.scope2KgCo2e).toBeCloseTo(PREV_SCOPE2, 6);
    expect(p.scope3KgCo2e).toBe(0);
    expect(p.totalKgCo2e).toBeCloseTo(PREV_TOTAL, 6);
  });

  it('gives intensity per m² and per WTE from the config, and none for a year without the denominator', () => {
    const now = Object.fromEntries(d.thisYear.intensity.map((i) => [i.metric, i.kgCo2ePerUnit]));
    expect(now.floorAreaM2).toBeCloseTo(TOTAL / 10_000, 9);
    expect(now.staffWte).toBeCloseTo(TOTAL / 500, 9);
    const prev = Object.fromEntries(d.previousYear!.intensity.map((i) => [i.metric, i.kgCo2ePerUnit]));
    expect(prev.floorAreaM2).toBeCloseTo(PREV_TOTAL / 10_000, 9);
    expect(prev.staffWte).toBeNull();
  });

  it('states data quality: the estimated gas bill is the estimated share', () => {
    expect(d.thisYear.estimatedShare).toBeCloseTo(SCOPE1_GAS / (TOTAL + 2 * 12.5 * CAR_SMALL_DIESEL_MILE_2024), 9);
    expect([d.thisYear.tier, d.thisYear.tierLabel]).toEqual([2, 'partly estimated']);
    expect([d.previousYear!.estimatedShare, d.previousYear!.tier]).toEqual([0, 1]);
    expect(d.thisYear.gaps).toEqual([{ site: HOSTILE, source: 'electricity', missingMonths: ['2024-05', '2024-06', '2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03'] }]);
  });

  it('--scope3 all adds T&D losses and well-to-tank (the 2024 condensed set publishes no WTT)', () => {
    const all = secrDisclosure(w.ctx, { org: 'acute', period: '2024/25', scope3: 'all' });
    expect(all.thisYear.kgCo2e['scope3.td']).toBeCloseTo(ELEC_KWH * GRID_TD[2024], 6);
    expect(all.thisYear.kgCo2e['scope3.wtt']).toBe(0);
    const p = all.previousYear!;
    expect(p.kgCo2e['scope3.td']).toBeCloseTo(300_000 * GRID_TD[2023], 6);
    expect(p.kgCo2e['scope3.wtt']).toBeCloseTo(300_000 * (GRID_WTT_2023 + GRID_TD_WTT_2023) + 400_000 * GAS_WTT_2023 + 500 * DIESEL_WTT_LITRE_2023, 6);
    expect(p.totalKgCo2e).toBeCloseTo(PREV_TOTAL + p.kgCo2e['scope3.td'] + p.kgCo2e['scope3.wtt'], 6);
    expect(all.thisYear.outsideKgCo2e).toBeCloseTo(200 * 1.609344 * 0.03546, 6);
  });

  it('--scope3 none reports Scope 1 and 2 only', () => {
    const none = secrDisclosure(w.ctx, { org: 'acute', period: '2024/25', scope3: 'none' });
    expect(none.thisYear.scope3KgCo2e).toBe(0);
    expect(none.thisYear.totalKgCo2e).toBeCloseTo(TOTAL - GREY_FLEET, 6);
    expect(none.thisYear.notInKwh.map((n) => n.source)).toEqual(['fleet:van']);
    expect(secrFigures(none).some((f) => f.id.startsWith('scope3.'))).toBe(false);
  });

  it('falls back to per WTE when the year has no floor area', () => {
    const ctx = withOrg({ denominators: [{ year: '2024/25', staffWte: 400 }] });
    const r = secrDisclosure(ctx, { org: 'acute', period: '2024/25' });
    expect(secrFigures(r).filter((f) => f.section === 'intensity').map((f) => [f.id, f.thisYear])).toEqual([
      ['intensity.staffWte', TOTAL / 1000 / 400],
      ['denominator.staffWte', 400],
    ]);
  });
});

describe('SECR disclosure: refusals', () => {
  it('refuses a year with neither floor area nor WTE, saying what to add', () => {
    const e = userError(() => secrDisclosure(withOrg({ denominators: [{ year: '2024/25', beds: 300 }] }), { org: 'acute', period: '2024/25' }));
    expect(e.code).toBe('secr_no_denominator');
    expect(e.message).toBe(secrMsg.noDenominator('acute', '2024/25'));
    expect(e.hint).toContain('"year": "2024/25"');
  });

  it('refuses a calendar year, a year with no data and an unknown organisation', () => {
    expect(userError(() => secrDisclosure(w.ctx, { org: 'acute', period: '2024' })).code).toBe('secr_needs_financial_year');
    expect(userError(() => secrDisclosure(w.ctx, { org: 'acute', period: '2019/20' })).code).toBe('secr_no_data');
    expect(userError(() => secrDisclosure(w.ctx, { org: 'nobody', period: '2024/25' })).code).toBe('unknown_org');
  });

  it('a first year has no previous year: shown as not held, never as zero', () => {
    const first = secrDisclosure(w.ctx, { org: 'acute', period: '2023/24' });
    expect(first.previousYear).toBeNull();
    expect(secrMarkdown(first)).toContain('| Measure | 2023/24 | 2022/23 (no data held) | Unit |');
    expect(secrCsv(first).split('\r\n')).toContain('energy,Electricity,300000,,kWh');
  });
});

describe('SECR disclosure: methodology', () => {
  it('names the factor set of each year, the GHG Protocol, the boundary and the Scope 3 choice', () => {
    const md = secrMarkdown(d);
    expect(md).toContain(`${secrMsg.factorSet(2024)} (DESNZ, condensed set v1.1)`);
    expect(md).toContain(`${secrMsg.factorSet(2023)} (DESNZ, flat file v1.1)`);
    expect(md).toContain('UK Government GHG Conversion Factors for Company Reporting 2024');
    expect(md).toContain('GHG Protocol Corporate Accounting and Reporting Standard');
    expect(md).toContain(mdText(CONTROL_WORDS.operational));
    expect(md).toContain(mdText(SCOPE3_WORDS['grey-fleet']));
    expect(md).toContain(mdText(secrMsg.supplierFactor('Green Co', 'Green Co fuel mix disclosure 2024')));
    const financial = secrMarkdown(secrDisclosure(w.ctx, { org: 'acute', period: '2024/25', control: 'financial' }));
    expect(financial).toContain(mdText(CONTROL_WORDS.financial));
  });
});

describe('SECR disclosure: Markdown', () => {
  const md = (): string => secrMarkdown(d);

  it('has the sections in order, each table with this year beside the previous one', () => {
    const headings = md().split('\n').filter((l) => l.startsWith('#'));
    expect(headings).toEqual([
      '# Streamlined Energy and Carbon Reporting: &lt;script&gt;alert(1)&lt;/script&gt;, 2024/25',
      '## UK energy use', '## Greenhouse gas emissions', '## Intensity ratios', '## Methodology', '## Data quality', '## Energy efficiency action taken',
    ]);
    const lines = md().split('\n');
    expect(lines).toContain('| Measure | 2024/25 | 2023/24 | Unit |');
    expect(lines).toContain('| Electricity | 366,000 | 300,000 | kWh |');
    expect(lines).toContain('| Gas | 500,000 | 400,000 | kWh |');
    expect(lines).toContain('| Not expressed in kWh: fleet:van | 1,000 | 0 | miles |');
    expect(lines).toContain('| **Total gross emissions (Scope 2 location-based)** | **170.2** | **136.5** | tCO2e |');
    expect(lines).toContain('| Scope 2 (market-based) | 18.5 | – | tCO2e |');
    expect(lines).toContain('| Intensity: emissions per m² of floor area | 17.02 | 13.65 | kgCO2e/m² |');
  });

  it('leaves energy efficiency measures as an explicit field for the organisation', () => {
    expect(md()).toContain('**Principal measures taken in 2024/25:** \\[To be completed by the organisation\\]');
  });

  it('escapes names: no raw HTML, no table breaking', () => {
    expect(md()).not.toContain('<script>');
    expect(md()).toContain('- &lt;script&gt;alert(1)&lt;/script&gt;, electricity: 2024-05');
    expect(mdText('a|b *c* _d_ # [e](f)')).toBe('a\\|b \\*c\\* \\_d\\_ \\# \\[e\\](f)');
  });
});

describe('SECR disclosure: HTML fragment', () => {
  const page = (): string => secrHtml(d);

  it('escapes an organisation and a site named <script>', () => {
    expect(page()).not.toContain('<script>');
    expect(page()).toContain('<h1>Streamlined Energy and Carbon Reporting: &lt;script&gt;alert(1)&lt;/script&gt;, 2024/25</h1>');
    expect(page()).toContain('<li>&lt;script&gt;alert(1)&lt;/script&gt;, electricity: 2024-05');
  });

  it('is a fragment of sections with tables, and the field for the organisation to complete', () => {
    const html = page();
    expect(html.startsWith('<article class="secr-disclosure">')).toBe(true);
    expect(html).not.toContain('<html');
    for (const id of ['secr-energy', 'secr-emissions', 'secr-intensity', 'secr-methodology', 'secr-quality', 'secr-efficiency']) expect(html).toContain(`id="${id}"`);
    expect(html).toContain('<th scope="row">Electricity</th><td class="num">366,000</td><td class="num">300,000</td><td>kWh</td>');
    expect(html).toContain('<dd><strong>[To be completed by the organisation]</strong></dd>');
  });
});

describe('SECR disclosure: CSV', () => {
  const rows = (): string[] => secrCsv(d).split('\r\n');

  it('has one row per figure: section, measure, this year, previous year, unit, at full precision', () => {
    const r = rows();
    expect(r[0]).toBe(SECR_CSV_HEADER.join(','));
    expect(r[1]).toBe('period,Financial year,2024/25,2023/24,');
    expect(r).toContain('energy,Electricity,366000,300000,kWh');
    const scope2 = r.find((x) => x.startsWith('emissions,Scope 2: purchased electricity (location-based),'))!.split(',');
    expect([Number(scope2[2]) * 1000, Number(scope2[3]) * 1000, scope2[4]]).toEqual([expect.closeTo(SCOPE2, 6), expect.closeTo(PREV_SCOPE2, 6), 'tCO2e']);
    expect(r).toContain('energy_not_in_kwh,Not expressed in kWh: travel:car,87.5,0,miles');
    const market = r.find((x) => x.startsWith('emissions,Scope 2 (market-based),'))!;
    expect(market.split(',')[3]).toBe('');
    const total = r.find((x) => x.startsWith('emissions,Total gross emissions (Scope 2 location-based),'))!.split(',');
    expect(Number(total[2])).toBeCloseTo(TOTAL / 1000, 9);
    expect(Number(total[3])).toBeCloseTo(PREV_TOTAL / 1000, 9);
    expect(r.length - 2).toBe(secrFigures(d).length + 1); // header and period row; the text ends with CRLF
  });

  it('carries figures only: the narrative stays in Markdown and HTML', () => {
    expect(secrCsv(d)).not.toContain('To be completed');
    expect(new Set(rows().slice(1, -1).map((x) => x.split(',')[0]))).toEqual(new Set(['period', 'energy', 'energy_not_in_kwh', 'emissions', 'intensity', 'quality']));
  });
});
