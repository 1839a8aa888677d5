/**
 * The fleet issue's benchmark: fuel-card transactions (200,000 lines), the staff travel survey
 * (50,000 responses) and monthly bills (10 years × 300 meters), each against papaparse's plain
 * parse of the same file. On a shared machine the load changes from one minute to the next, so
 * every import run is paired with a papaparse run just before it and the ratio is the median of
 * the pairs' ratios, not a ratio of medians taken minutes apart. Files come from the same
 * generators as the Imports section; each run is a fresh process (see `once` in import.ts).
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { BOARD_SITES, BOARD_YEARS, writeBoardWorkspace } from './board.js';
import { writeFuelCardFile, writeSurveyFile } from './generate.js';
import { once, type Run } from './import.js';

const PAIRS = 5;

interface Case {
  readonly label: string;
  readonly rows: number;
  readonly file: string;
  readonly kind: 'energy' | 'fleet' | 'journeys';
  readonly profile: string;
  /** The target, where it sets one. */
  readonly target: string;
}

const mid = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A row of the paired table: the medians of import runs each paired with a papaparse run of the same file. */
export function pairedRow(label: string, rows: number, file: string, pairs: readonly { readonly base: Run; readonly imp: Run }[], target: string): string {
  const imports = pairs.map((p) => p.imp);
  const cells = [
    label,
    rows.toLocaleString('en-GB'),
    `${(statSync(file).size / 2 ** 20).toFixed(0)} MB`,
    `${(mid(pairs.map((p) => p.base.ms)) / 1000).toFixed(2)} s`,
    `${(mid(imports.map((r) => r.ms)) / 1000).toFixed(2)} s`,
    `${mid(pairs.map((p) => p.imp.ms / p.base.ms)).toFixed(2)}×`,
    `${(mid(imports.map((r) => r.cpuMs)) / 1000).toFixed(2)} s`,
    `${mid(pairs.map((p) => p.imp.cpuMs / p.base.cpuMs)).toFixed(2)}×`,
    `${Math.max(...imports.map((r) => r.peakRssMb)).toFixed(0)} MB`,
    target,
  ];
  return `| ${cells.join(' | ')} |`;
}

function measure(c: Case): string {
  const pairs = Array.from({ length: PAIRS }, () => ({ base: once('papaparse', c.file), imp: once(c.kind, c.profile, c.file) }));
  return pairedRow(c.label, c.rows, c.file, pairs, c.target);
}

/** The survey's generated responses take the fixture's question texts as their header. */
function surveyHeader(): { header: string; width: number } {
  const fixture = readFileSync(fileURLToPath(new URL('../fixtures/journeys/staff-travel-survey-2024.csv', import.meta.url)), 'utf8');
  const header = fixture.replace(/^\uFEFF/, '').split(/\r?\n/)[0]!;
  return { header, width: Papa.parse<string[]>(header).data[0]!.length };
}

export async function benchFleet(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'tco2e-bench-fleet-'));
  const cards = join(dir, 'cards.csv');
  const survey = join(dir, 'survey.csv');
  const { header, width } = surveyHeader();
  const bills = writeBoardWorkspace();
  const cases: Case[] = [
    { label: 'fuel-card transactions', rows: await writeFuelCardFile(cards, 200_000), file: cards, kind: 'fleet', profile: 'fuel-card', target: 'under 8× and 1.5 s; under 250 MB' },
    { label: 'travel survey responses', rows: await writeSurveyFile(survey, header, width, 50_000), file: survey, kind: 'journeys', profile: 'travel-survey', target: 'recorded' },
    { label: `monthly bills, ${BOARD_YEARS} years × ${BOARD_SITES * 2} meters`, rows: bills.rows, file: bills.bills, kind: 'energy', profile: 'energy-bill', target: 'recorded' },
  ];
  return [
    '## Fleet, survey and bill imports',
    '',
    `End to end into a new ledger, each import run paired with papaparse's plain streaming parse of the same file run just before it; ${PAIRS} pairs, medians (the ratios are medians of the pairs' ratios; peak RSS is the highest of the import runs). CPU time is user + system, every thread.`,
    '',
    '| file | rows | size | papaparse | import | ratio | import CPU | CPU-time ratio | import peak RSS | issue target |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...cases.map(measure),
  ].join('\n');
}
