/**
 * One small chart kept as a golden SVG, so any change in how charts look shows up as a diff to
 * review (see tests/golden.ts); and the line breaks that make such a diff readable, which must
 * never change what the SVG draws or says.
 */

import { describe, expect, it } from 'vitest';
import { stackedByYearChart } from '../../../src/render/chart/kinds/stacked-by-year.js';
import { breakSvgLines, renderChartSvg } from '../../../src/render/chart/render-svg.js';
import { expectGolden } from '../../golden.js';
import { stackedSample } from '../samples.js';

describe('golden chart', () => {
  it('stacked emissions by source', async () => {
    const { svg } = await renderChartSvg(stackedByYearChart({ ...stackedSample, width: 240, height: 160 }).spec);
    // renderChartSvg puts one tag per line, so a change reads as a small diff.
    expectGolden('tests/render/golden/stacked-by-year.svg', svg + '\n');
  });
});

describe('the SVG broken over lines', () => {
  it('breaks only between two tags inside an element that holds nothing but tags', () => {
    const svg = '<svg><defs><clipPath id="c"><rect/></clipPath></defs><g><path d="M0,0"/><g/></g></svg>';
    expect(breakSvgLines(svg)).toBe('<svg>\n<defs>\n<clipPath id="c">\n<rect/>\n</clipPath>\n</defs>\n<g>\n<path d="M0,0"/>\n<g/>\n</g>\n</svg>');
  });

  it('never inside text, tspan, title or desc, nor inside a tag', () => {
    const text = '<text x="1" aria-label="a &gt; b"><tspan x="0">one</tspan><tspan x="0" dy="10"> two </tspan></text>';
    const svg = `<svg><title>T</title><desc>D</desc><g>${text}</g></svg>`;
    expect(breakSvgLines(svg)).toBe(`<svg>\n<title>T</title>\n<desc>D</desc>\n<g>\n${text}\n</g>\n</svg>`);
  });

  it('leaves markup it does not expect as it is', () => {
    for (const svg of ['<svg><!-- c --><g></g></svg>', '<svg><g></svg>', '<svg><g></g>', '<svg><text>a > b</text><g></g></svg>']) {
      expect(breakSvgLines(svg)).toBe(svg);
    }
  });

  it('a rendered chart is its one-line form with line breaks between tags, and nothing else', async () => {
    const { svg } = await renderChartSvg(stackedByYearChart(stackedSample).spec);
    const oneLine = svg.replace(/>\n</g, '><');
    expect(oneLine).not.toContain('\n');
    expect(breakSvgLines(oneLine)).toBe(svg);
    // Every text element sits whole on one line.
    for (const line of svg.split('\n')) expect(line.split('<text').length, line).toBe(line.split('</text>').length);
  });
});
