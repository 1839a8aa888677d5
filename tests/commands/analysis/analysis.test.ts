/**
 * Command-level tests of the analysis commands (`emissions`, `progress`, `compare`, `travel`) on
 * one workspace holding the analysis fixture, imported through the CLI. The expected figures
 * are worked out by hand in `expected.ts`.
 */

import { rmSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { compareCases } from './compare.cases.js';
import { emissionsCases } from './emissions.cases.js';
import { progressCases } from './progress.cases.js';
import { travelCases } from './travel.cases.js';
import { buildWorkspace } from './workspace.js';

let workspace = '';
beforeAll(() => {
  workspace = buildWorkspace();
}, 120_000);
afterAll(() => {
  if (workspace !== '') rmSync(workspace, { recursive: true, force: true });
});

const dir = (): string => workspace;
emissionsCases(dir);
progressCases(dir);
compareCases(dir);
travelCases(dir);
