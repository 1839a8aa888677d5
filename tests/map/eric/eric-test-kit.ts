/** Reading the ERIC fixtures the way a published file is read, and short names for expected quantities. */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { isEricHeadingRow, type EricChpFlow, type EricElectricityPart, type EricFuel, type EricQuantity, type EricWasteRoute } from '../../../src/map/eric/index.js';
import { ROOT } from '../../helpers.js';

export const FIXTURES = join(ROOT, 'tests', 'fixtures', 'eric');

export interface EricFixture {
  /** The line of section names above the header, when the file has one. */
  readonly heading: readonly string[] | undefined;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** A fixture parsed as comma CSV (as ERIC is published), its heading row set apart by `isEricHeadingRow`. */
export function readEricFixture(name: string): EricFixture {
  const text = readFileSync(join(FIXTURES, name), 'utf8');
  const parsed = Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`${name}: ${JSON.stringify(parsed.errors)}`);
  const [first, ...rest] = parsed.data;
  if (first === undefined) throw new Error(`${name} is empty`);
  if (!isEricHeadingRow(first)) return { heading: undefined, header: first, rows: rest };
  const [header, ...rows] = rest;
  if (header === undefined) throw new Error(`${name} has a heading row and no header`);
  return { heading: first, header, rows };
}

export const el = (part: EricElectricityPart): EricQuantity => ({ kind: 'electricity', part });
export const fuel = (f: EricFuel): EricQuantity => ({ kind: 'fuel', fuel: f });
export const chp = (flow: EricChpFlow): EricQuantity => ({ kind: 'chp', flow });
export const waste = (route: EricWasteRoute): EricQuantity => ({ kind: 'waste', route });
export const water: EricQuantity = { kind: 'water', what: 'volume' };
export const sewage: EricQuantity = { kind: 'sewage', what: 'volume' };
export const floorArea: EricQuantity = { kind: 'floor_area' };
export const generatedSolar: EricQuantity = { kind: 'generated', what: 'solar' };
export const generatedRenewables: EricQuantity = { kind: 'generated', what: 'onsite_renewables' };
export const businessMiles: EricQuantity = { kind: 'mileage', what: 'business' };
export const patientMiles: EricQuantity = { kind: 'mileage', what: 'patient_transport' };
