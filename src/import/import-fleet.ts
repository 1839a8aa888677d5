/**
 * Importing a fleet file: fuel-card transactions, a vehicle register, mileage or telematics, or
 * EV charging sessions. Fuel-card and mileage rows are joined to the organisation's vehicle
 * register (the latest active import of each registration) for the vehicle's type, size and fuel.
 */

import { UserError } from '../kernel/errors.js';
import { msg } from '../messages.js';
import { evChargingMapper } from '../map/ev-charging.js';
import { resolveColumns } from '../map/columns.js';
import { datesFromValues } from '../map/detect/date-values.js';
import { fuelCardMapper, netRefunds, nettedLine, nettingEntry, nettingProblem, type NettedLine } from '../map/fuel-card.js';
import { FuelMonths } from '../map/fuel-months.js';
import { loadProductRules, productMatcher } from '../map/fuel-products.js';
import { mileageMapper } from '../map/mileage.js';
import { registerMapper } from '../map/vehicle-register.js';
import type { Ledger } from '../store/ledger.js';
import type { VehicleRecord } from '../store/records.js';
import { implausibleQuantity, plausibleQuantity } from '../units/plausible.js';
import { completeImport } from './complete.js';
import { dateParserFor, openForImport, type OpenedFile } from './open.js';
import { importDay, notYetBegun } from './plausible.js';
import { readMappedRows } from './read-rows.js';
import type { ImportRequest } from './request.js';
import { ImportSession } from './session.js';
import { readerFor, type ShapeInput, type ShapeTable } from './shapes.js';
import type { ImportSummary } from './summary.js';

export type { ImportRequest } from './request.js';

export interface FleetImportSummary extends ImportSummary {
  /** Vehicles stored in the register by this import (or that would be, for --dry-run). */
  readonly vehicles: number;
  /** Fuel-card lines left out as not fuel, by reason (AdBlue, car wash…). */
  readonly nonFuel: readonly { readonly reason: string; readonly count: number }[];
}

/** A fleet import also needs the organisation's vehicle register, as stored before this import. */
interface FleetRequest extends ImportRequest {
  readonly vehicles: ReadonlyMap<string, VehicleRecord>;
}

type FleetShape = 'fuel-card' | 'vehicle-register' | 'mileage' | 'ev-charging';

const FLEET_SHAPES: ShapeTable<FleetShape, FleetRequest> = {
  'fuel-card': readFuelCards,
  'vehicle-register': async ({ req, opened, profile, session }) => {
    await readMappedRows(opened, req, session, registerMapper(profile, opened.ctx), (vehicle) => session.vehicles.push(vehicle));
  },
  mileage: async ({ req, opened, profile, session }) => {
    const mapper = mileageMapper(profile, opened.ctx, req.vehicles, opened.meterSite);
    await readMappedRows(opened, req, session, mapper, (activities) => session.rows.push(activities));
  },
  'ev-charging': async ({ req, opened, profile, session }) => {
    const mapper = evChargingMapper(profile, opened.ctx, req.vehicles, opened.meterSite);
    await readMappedRows(opened, req, session, mapper, (activity) => session.rows.push([activity]));
    session.warnings.push(...mapper.warnings());
  },
};

function nonFuelOf(problems: readonly { code: string; message: string }[]): FleetImportSummary['nonFuel'] {
  const counts = new Map<string, number>();
  for (const p of problems) if (p.code === 'non_fuel') counts.set(p.message, (counts.get(p.message) ?? 0) + 1);
  return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

export async function importFleet(ledger: Ledger, req: ImportRequest): Promise<FleetImportSummary> {
  const opened = await openForImport(ledger, req, 'fleet');
  if ('status' in opened) {
    const id = opened.batchId!;
    return { ...opened, vehicles: ledger.batchCounts(id).vehicles, nonFuel: nonFuelOf(ledger.batchProblems(id).filter((p) => p.severity === 'excluded')) };
  }
  const session = new ImportSession();
  const fleetReq: FleetRequest = { ...req, vehicles: ledger.activeVehicles(req.org.id) };
  const dated = await withDatesFromValues(opened);
  await readerFor(FLEET_SHAPES, dated, 'fleet')({ ledger, req: fleetReq, opened: dated, session });
  const summary = await completeImport(ledger, req, dated, 'fleet', session);
  const kept = summary.status === 'stored' || summary.status === 'dry-run';
  return { ...summary, vehicles: kept ? session.vehicles.length : 0, nonFuel: nonFuelOf(session.excluded) };
}

/** Rows looked at to see how a file writes its dates. */
const DATE_SAMPLE_ROWS = 50;

/** The date fields a fleet layout may have. */
const DATE_FIELDS = ['date', 'periodStart', 'periodEnd'] as const;

/**
 * The file as opened, reading its dates as its values show them where neither the profile's
 * format nor the recognised shapes read them (`20240402` from a card provider's API): the
 * profile's reading first, the values' after it. Dates that read two ways stop the import.
 */
async function withDatesFromValues(opened: OpenedFile): Promise<OpenedFile> {
  const spec = opened.profile.columns as Readonly<Record<string, readonly string[] | undefined>>;
  const col = resolveColumns(opened.ctx.header, spec);
  const columns = DATE_FIELDS.map((f) => col[f]).filter((i): i is number => i !== undefined);
  if (columns.length === 0) return opened;
  const sample: (readonly string[])[] = [];
  for await (const batch of opened.csv.batches()) {
    sample.push(...batch.slice(0, DATE_SAMPLE_ROWS - sample.length).map((r) => r.cells));
    if (sample.length >= DATE_SAMPLE_ROWS) break;
  }
  const base = opened.ctx.parseDate;
  let format: string | undefined;
  for (const i of new Set(columns)) {
    const seen = datesFromValues(sample.map((cells) => cells[i] ?? ''), base);
    const column = opened.ctx.header[i] ?? '';
    if (seen.kind === 'ambiguous') throw new UserError('ambiguous_dates', msg.datesAmbiguous(opened.fileName, column, seen.example, seen.formats, seen.readings), msg.datesAmbiguousHint(seen.formats));
    if (seen.kind === 'format') format ??= seen.format;
  }
  if (format === undefined) return opened;
  const byValues = dateParserFor(format, opened.profile.excelDates);
  const parseDate: OpenedFile['ctx']['parseDate'] = (text) => {
    const r = base(text);
    return r.ok ? r : byValues(text);
  };
  return { ...opened, ctx: { ...opened.ctx, parseDate } };
}

/**
 * Each purchase is checked as a reading (plausible, not in the future) and joins its vehicle's
 * month for its fuel (`FuelMonths`) as it is read; refunds are held aside. Refunds can only be
 * netted once every line is known: at the end, each is matched to its purchase, and the pair
 * taken out of the months. The months are stored with their purchases as read.
 */
async function readFuelCards({ req, opened, profile, session }: ShapeInput<'fuel-card', FleetRequest>): Promise<void> {
  const mapper = fuelCardMapper(profile, opened.ctx, productMatcher(loadProductRules()), req.vehicles, opened.meterSite);
  const months = new FuelMonths();
  const refunds: NettedLine[] = [];
  const today = importDay(req.now);
  const file = opened.fileName;
  await readMappedRows(opened, req, session, mapper, (l) => {
    if (l.quantity < 0) {
      refunds.push(nettedLine(l));
      return;
    }
    const d = l.draft;
    const problem = !plausibleQuantity(d.quantity, d.unit) ? implausibleQuantity(d.line, d.quantity, d.unit, mapper.quantityColumn) : d.periodStart > today ? notYetBegun(d.line, d.periodStart, today) : undefined;
    if (problem === undefined) months.add(d);
    else session.reject(l.line, [], [{ file, ...problem }]);
  });
  if (refunds.length > 0) netInto(months, refunds, session, file, mapper.quantityColumn);
  for (const { record, draft } of months.months(req.org.id)) {
    session.fuelMonths.push(record);
    session.rows.push([draft]);
  }
}

/** Refunds netted against the purchases held in `months`: each pair excluded, a refund with no purchase rejected. */
function netInto(months: FuelMonths, refunds: readonly NettedLine[], session: ImportSession, file: string, quantityColumn: string): void {
  const wanted = new Set(refunds.map((r) => `${r.registration}|${r.key}`));
  const lines = [...refunds, ...months.purchasesOf(wanted)].sort((a, b) => a.line - b.line);
  const netting = netRefunds(lines.map(nettingEntry));
  const refunded = new Set<number>();
  for (const l of lines) {
    const p = nettingProblem(l, netting, file, quantityColumn);
    if (p === undefined) continue;
    if (p.severity === 'rejected') {
      session.reject(l.line, [], [p.problem]);
      continue;
    }
    session.excluded.push(p.problem);
    refunded.add(l.line);
  }
  months.remove(refunded);
  // In the order of the file, as a second read gave them: the summary's examples are the first.
  session.excluded.sort((a, b) => a.line - b.line);
}
