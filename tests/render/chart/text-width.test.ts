import { describe, expect, it } from 'vitest';
import { textWidthPx, vegaTextWidth } from '../../../src/render/chart/text-width.js';

describe('text width from font metrics', () => {
  it('adds Helvetica advance widths: "Hello" = 722 + 556 + 222 + 222 + 556 = 2278 units', () => {
    expect(textWidthPx('Hello', 10)).toBeCloseTo(22.78, 10);
  });

  it('uses the digit width for figures and a default for unlisted characters', () => {
    expect(textWidthPx('1,000', 10)).toBeCloseTo((556 * 4 + 278) / 100, 10);
    expect(textWidthPx('é', 10)).toBeCloseTo(5.56, 10);
  });

  it('takes vega items: default 11 px, trimmed text, capped at the item’s limit', () => {
    expect(vegaTextWidth({}, ' ii ')).toBeCloseTo((222 * 2 * 11) / 1000, 10);
    expect(vegaTextWidth({ fontSize: 20, limit: 50 }, 'WWWW')).toBe(50);
    expect(vegaTextWidth({ fontSize: 10 }, null)).toBe(0);
  });
});
