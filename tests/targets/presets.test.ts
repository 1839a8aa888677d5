import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPresets, parsePresets } from '../../src/targets/presets.js';
import { userError } from '../helpers.js';

const IDS = ['sds-2014-28pct', 'cca-2020-34pct', 'cca-2025-50pct', 'nhs-carbon-footprint-2040', 'nhs-carbon-footprint-plus-2045', 'council-net-zero-2030', 'uk-net-zero-2050', 'area-carbon-neutral-2050', 'area-carbon-neutral-2030'];

describe('shipped presets', () => {
  const presets = loadPresets();
  const byId = (id: string) => presets.find((p) => p.id === id)!;

  it('are exactly the ids configs refer to', () => {
    expect(presets.map((p) => p.id).sort()).toEqual([...IDS].sort());
  });

  it('each cite a publication (title, publisher, date) and say how they read it', () => {
    for (const p of presets) {
      expect(p.source.title.length, p.id).toBeGreaterThan(10);
      expect(p.source.publisher.length, p.id).toBeGreaterThan(3);
      expect(p.source.date, p.id).toMatch(/^\d{4}(-\d{2})?/);
      expect(p.note.length, p.id).toBeGreaterThan(100);
    }
  });

  it('carry the published figures', () => {
    expect(byId('sds-2014-28pct')).toMatchObject({ basis: 'financial', baselineYear: 2013, targetYear: 2020, reductionPct: 28 });
    expect(byId('cca-2020-34pct')).toMatchObject({ basis: 'calendar', baselineYear: 1990, targetYear: 2020, reductionPct: 34 });
    expect(byId('cca-2025-50pct')).toMatchObject({ basis: 'calendar', baselineYear: 1990, targetYear: 2025, reductionPct: 50 });
    expect(byId('uk-net-zero-2050')).toMatchObject({ basis: 'calendar', baselineYear: 1990, targetYear: 2050, reductionPct: 100 });
    expect(byId('council-net-zero-2030')).toMatchObject({ baselineYear: null, targetYear: 2030, reductionPct: 100 });
    expect(byId('nhs-carbon-footprint-plus-2045')).toMatchObject({ baselineYear: 1990, targetYear: 2045, reductionPct: 100, sources: null });
  });

  it('model a range milestone through its midpoint, keeping the range', () => {
    const nhs = byId('nhs-carbon-footprint-2040');
    expect(nhs).toMatchObject({ baselineYear: 1990, targetYear: 2040, reductionPct: 100 });
    expect(nhs.interim).toEqual([{ reductionPct: 80, fromYear: 2028, toYear: 2032, pathwayYear: 2030 }]);
    // (2036 + 2039) / 2 = 2037.5
    expect(byId('nhs-carbon-footprint-plus-2045').interim).toEqual([{ reductionPct: 80, fromYear: 2036, toYear: 2039, pathwayYear: 2037.5 }]);
  });

  it('leave staff commuting out of the NHS Carbon Footprint but keep fleet and business travel', () => {
    const sources = byId('nhs-carbon-footprint-2040').sources!;
    expect(sources).toEqual(expect.arrayContaining(['electricity', 'gas', 'fleet', 'travel']));
    expect(sources.some((s) => s.startsWith('commuting'))).toBe(false);
  });
});

describe('presets file validation', () => {
  const valid = {
    id: 'x', name: 'X', basis: 'calendar', baselineYear: 2000, targetYear: 2010, reductionPct: 50, scopes: [1],
    source: { title: 'A publication', publisher: 'A publisher', date: '2001' }, note: 'How it is read.',
  };

  it('refuses a preset without a source, naming the path', () => {
    const noSource = Object.fromEntries(Object.entries(valid).filter(([k]) => k !== 'source'));
    const r = parsePresets({ version: 1, presets: [noSource] }, 'presets.json');
    expect(r.presets).toEqual([]);
    expect(r.problems.some((p) => p.startsWith('presets.json: presets.0.source:'))).toBe(true);
  });

  it('refuses duplicate ids, a backwards range and a bad date', () => {
    const r = parsePresets({
      version: 1,
      presets: [valid, { ...valid, interim: [{ from: 2006, to: 2004, reductionPct: 20 }], source: { ...valid.source, date: 'May 2001' } }],
    }, 'p.json');
    expect(r.problems).toContain('p.json: presets.1.id: "x" is used by another preset');
    expect(r.problems.some((p) => p.startsWith('p.json: presets.1.source.date: must be YYYY'))).toBe(true);
    expect(r.problems.some((p) => p.startsWith('p.json: presets.1.interim.0'))).toBe(true);
  });

  it('loadPresets turns an invalid or unreadable file into a UserError listing the problems', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tco2e-presets-'));
    writeFileSync(join(dir, 'presets.json'), JSON.stringify({ version: 1, presets: [{ ...valid, note: '' }] }));
    const e = userError(() => loadPresets(dir));
    expect(e.code).toBe('presets_invalid');
    expect(e.message).toContain('presets.0.note: must say how the preset reads its source');
    writeFileSync(join(dir, 'presets.json'), '{');
    expect(userError(() => loadPresets(dir)).code).toBe('presets_unreadable');
  });
});
