/**
 * EV charging sessions from the organisation's own charge points: energy delivered to fleet
 * vehicles, counted as grid electricity (Scope 2 for an owned fleet, with its T&D losses and
 * well-to-tank where published). One row per session, by vehicle or by charger.
 */

import type { z } from 'zod';
import { UserError } from '../kernel/errors.js';
import type { Problem } from '../kernel/problem.js';
import { msg } from '../messages.js';
import type { VehicleRecord } from '../store/records.js';
import type { ActivityDraft } from './activity-draft.js';
import { RowReader, type CellContext } from './cells.js';
import { resolveColumns } from './columns.js';
import { unitInHeader } from './detect/units-in-header.js';
import { excluded, rejected, yields, type RowMapper } from './mapped.js';
import { MangledIds } from './meter-ids.js';
import type { EvChargingProfile } from './profile-schema.js';
import { normaliseRegistration } from './vehicles.js';

type Profile = z.infer<typeof EvChargingProfile>;

/**
 * The unit of the energy column: the one its header states (`Energy (Wh)`, `MWh Delivered`),
 * else the profile's. A column stated in kW is a charger's power, not the energy it delivered:
 * a session's kWh cannot be had from it without its duration, so the file is refused.
 */
function energyUnit(profile: Profile, column: string, file: string): Profile['unit'] | 'Wh' {
  const stated = unitInHeader(column);
  if (stated?.kind === 'power') throw new UserError('power_not_energy', msg.powerNotEnergy(file, column), msg.powerNotEnergyHint);
  return stated?.kind === 'energy' && (stated.unit === 'Wh' || stated.unit === 'kWh' || stated.unit === 'MWh') ? stated.unit : profile.unit;
}

/**
 * Sessions to activities; at the end, `warnings()` names any charger id a spreadsheet has damaged
 * (a registration always has letters, so it cannot be).
 */
export function evChargingMapper(
  profile: Profile,
  ctx: CellContext,
  vehicles: ReadonlyMap<string, VehicleRecord>,
  meterSite: (meter: string) => string | undefined,
): RowMapper<ActivityDraft> & { warnings(): Problem[] } {
  const col = resolveColumns(ctx.header, profile.columns);
  const unit = energyUnit(profile, col.quantity === undefined ? '' : (ctx.header[col.quantity] ?? ''), ctx.file);
  const ids = new MangledIds(ctx, col.charger, 'charger');
  let rows = 0;
  return {
    warnings: () => ids.warnings(rows),
    map(line, cells) {
      const r = new RowReader(ctx, line, cells);
      ids.note(rows++, line, r.text(col.charger));
      const date = r.date(col.date, 'the charging date');
      const energy = r.number(col.quantity);
      if (energy === null) r.problem(col.quantity, 'missing_quantity', `the energy delivered (${unit}) is empty`);
      else if (energy !== undefined && energy < 0) r.problem(col.quantity, 'negative_quantity', `the energy delivered is negative (${energy} ${unit}): a charge point delivers energy, it does not take it back`);
      if (r.problems.length > 0 || date === undefined || energy === undefined || energy === null) return rejected(r.problems);
      if (energy === 0) {
        return excluded({ file: ctx.file, line, column: ctx.header[col.quantity!] ?? '', value: r.text(col.quantity), code: 'no_energy', message: 'the session delivered no energy (0): nothing to count' });
      }
      const registration = normaliseRegistration(r.text(col.registration));
      const charger = r.text(col.charger);
      const vehicle = registration === '' ? undefined : vehicles.get(registration);
      const meter = registration || charger || null;
      const site = r.text(col.site) || (charger === '' ? undefined : meterSite(charger)) || vehicle?.site || (registration === '' ? undefined : meterSite(registration)) || null;
      const extra: Record<string, string> = {};
      if (charger !== '') extra.charger = charger;
      if (vehicle !== undefined) extra.vehicleType = vehicle.vehicleType;
      return yields({
        line, site, meter, source: 'fleet:ev-charging', factorKey: 'electricity.grid', use: 'owned', periodStart: date.iso, periodEnd: date.iso,
        quantity: energy, unit, estimated: false, direction: 'import', apportionedFrom: null, extra,
      });
    },
  };
}
