/**
 * The sample dataset, file by file: `buildSamples()` makes every file in memory, `writeSamples()`
 * writes them under a folder. Deterministic: the same bytes on every run.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { claimFiles } from './claims.js';
import { configFile, manifestFile } from './config.js';
import { energyBillFiles } from './energy-bills.js';
import { fleetFiles } from './fleet.js';
import { halfHourlyFile } from './half-hourly.js';
import { surveyFiles } from './surveys.js';
import type { SampleFile } from './types.js';
import { visitorSurveyFile } from './visitor-survey.js';

export type { SampleFile } from './types.js';
export { MANIFEST, type ManifestEntry } from './config.js';

export function buildSamples(): SampleFile[] {
  return [configFile(), manifestFile(), ...energyBillFiles(), halfHourlyFile(), ...fleetFiles(), ...surveyFiles(), visitorSurveyFile(), ...claimFiles()];
}

/** Writes every file under `dir`; returns the paths written, relative to it. */
export function writeSamples(dir: string): string[] {
  const files = buildSamples();
  for (const f of files) {
    const path = join(dir, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.bytes);
  }
  return files.map((f) => f.path);
}
