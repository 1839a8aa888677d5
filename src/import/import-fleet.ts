/**
 * Importing a fleet file: fuel-card transactions, a vehicle register, mileage or telematics, or
 * EV charging sessions. Fuel-card and mileage rows are joined to the organisation's vehicle
 * register (the latest active import of each registration) for the vehicle's type, size and fuel.
 */

import { UserError } from '../kernel/errors.js';
import { evChargingMapper } from '../map/ev-charging.js';
import type { ActivityDraft } from '../map/activity-draft.js';
import { fuelCardMapper, netRefunds, nettingEntry, nettingProblem, type NettingEntry } from '../map/fuel-card.js';
import { loadProductRules, productMatcher } from '../map/fuel-products.js';
import { mileageMapper } from '../map/mileage.js';
import { registerMapper } from '../map/vehicle-register.js';
import type { Ledger } from '../store/ledger.js';
import { Collected, completeImport, openForImport, readAllRows, type ImportRequest } from './pipeline.js';
import type { ImportSummary } from './summary.js';

export type { ImportRequest } from './pipeline.js';

export interface FleetImportSummary extends ImportSummary {
  /** Vehicles stored in the register by this import (or that would be, for --dry-run). */
  readonly vehicles: number;
  /** Fuel-card lines left out as not fuel, by reason (AdBlue, car wash…). */
  readonly nonFuel: readonly { readonly reason: string; readonly count: number }[];
}

function nonFuelOf(problems: readonly { code: string; message: string }[]): FleetImportSummary['nonFuel'] {
  const counts = new Map<string, number>();
  for (const p of problems) if (p.code === 'non_fuel') counts.set(p.message, (counts.get(p.message) ?? 0) + 1);
  return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

/** Rows per hand-over from the second read of a fuel-card file to conversion and storage. */
const LATE_ROWS_CHUNK = 256;

export async function importFleet(ledger: Ledger, req: ImportRequest): Promise<FleetImportSummary> {
  const opened = await openForImport(ledger, req, 'fleet');
  if ('status' in opened) {
    const id = opened.batchId!;
    return { ...opened, vehicles: ledger.batchCounts(id).vehicles, nonFuel: nonFuelOf(ledger.batchProblems(id).filter((p) => p.severity === 'excluded')) };
  }
  const { profile, meterSite } = opened;
  const { ctx } = opened;
  const vehicles = ledger.activeVehicles(req.org.id);
  const c = new Collected();

  if (profile.shape === 'fuel-card') {
    const mapper = fuelCardMapper(profile, ctx, productMatcher(loadProductRules()), vehicles, meterSite);
    // Refunds can only be netted once every line is known, so the first read keeps just what
    // netting needs; a second read maps the rows again and streams each kept line into the batch.
    const entries: NettingEntry[] = [];
    await readAllRows(opened, req, (line, cells) => {
      const row = mapper.map(line, cells);
      if (row.kind === 'excluded') c.excluded.push(row.problem);
      else if (row.kind === 'rejected') c.reject(line, cells, row.problems);
      else entries.push(nettingEntry(row.fuel));
    }, c);
    const netting = netRefunds(entries);
    entries.length = 0;
    c.lateRows = async function* () {
      for await (const batch of opened.csv.batches()) {
        let rows: ActivityDraft[][] = [];
        for (const { line, cells } of batch) {
          const row = mapper.map(line, cells);
          if (row.kind !== 'fuel') continue; // counted by the first read
          const p = nettingProblem(row.fuel, netting, opened.fileName, mapper.quantityColumn);
          if (p === undefined) rows.push([row.fuel.draft]);
          else if (p.severity === 'excluded') c.excluded.push(p.problem);
          else c.reject(line, cells, [p.problem]);
          // Small hand-overs: drafts die young, before the garbage collector would promote them.
          if (rows.length >= LATE_ROWS_CHUNK) {
            yield rows;
            rows = [];
          }
        }
        if (rows.length > 0) yield rows;
      }
    };
  } else if (profile.shape === 'vehicle-register') {
    const mapper = registerMapper(profile, ctx);
    await readAllRows(opened, req, (line, cells) => {
      const row = mapper.map(line, cells);
      if ('problems' in row) c.reject(line, cells, row.problems);
      else c.vehicles.push(row.vehicle);
    }, c);
  } else if (profile.shape === 'mileage') {
    const mapper = mileageMapper(profile, ctx, vehicles, meterSite);
    await readAllRows(opened, req, (line, cells) => {
      const row = mapper.map(line, cells);
      if (row.kind === 'excluded') c.excluded.push(row.problem);
      else if (row.kind === 'rejected') c.reject(line, cells, row.problems);
      else {
        c.rows.push(row.activities);
      }
    }, c);
  } else if (profile.shape === 'ev-charging') {
    const mapper = evChargingMapper(profile, ctx, vehicles, meterSite);
    await readAllRows(opened, req, (line, cells) => {
      const row = mapper.map(line, cells);
      if (row.kind === 'excluded') c.excluded.push(row.problem);
      else if (row.kind === 'rejected') c.reject(line, cells, row.problems);
      else {
        c.rows.push([row.activity]);
      }
    }, c);
  } else {
    throw new UserError('profile_not_supported', `Profile "${profile.id}" (${profile.shape}) is not a fleet profile.`, 'Use a fuel-card, vehicle-register, mileage or ev-charging profile.');
  }
  const summary = await completeImport(ledger, req, opened, 'fleet', c);
  const kept = summary.status === 'stored' || summary.status === 'dry-run';
  return { ...summary, vehicles: kept ? c.vehicles.length : 0, nonFuel: nonFuelOf(c.excluded) };
}
