/**
 * One small chart kept as a golden SVG, so any change in how charts look shows up as a diff to
 * review. A missing golden is written locally (never in CI); a difference writes
 * `*-changed.svg` beside it and fails.
 */

import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stackedByYearChart } from '../../../src/render/chart/kinds/stacked-by-year.js';
import { renderChartSvg } from '../../../src/render/chart/render-svg.js';
import { ROOT } from '../../helpers.js';
import { stackedSample } from '../samples.js';

function golden(name: string, actual: string): void {
  const path = join(ROOT, 'tests/render/golden', name);
  const changed = path.replace(/(\.[^.]+)$/, '-changed$1');
  if (!existsSync(path)) {
    if (process.env.CI) throw new Error(`golden file ${name} is missing; run the tests locally to write it, review it and commit it`);
    writeFileSync(path, actual);
    return;
  }
  const expected = readFileSync(path, 'utf8');
  if (actual === expected) {
    rmSync(changed, { force: true });
    return;
  }
  writeFileSync(changed, actual);
  expect(actual, `${name} differs from its golden file; compare it with ${changed}`).toBe(expected);
}

describe('golden chart', () => {
  it('stacked emissions by source', async () => {
    const { svg } = await renderChartSvg(stackedByYearChart({ ...stackedSample, width: 240, height: 160 }).spec);
    // One element per line, so a change reads as a small diff; text between tags is untouched.
    golden('stacked-by-year.svg', svg.replace(/></g, '>\n<') + '\n');
  });
});
