/**
 * Mileage and telematics: distance driven per vehicle (by registration, joined to the vehicle
 * register) or per kind of vehicle (type, size and fuel in the row), on a date, over a period or
 * in a month. Values in the row override the register's. A plug-in car or van gives two
 * activities: its tailpipe distance and the grid electricity it used, per distance.
 */

import type { z } from 'zod';
import { UserError } from '../kernel/errors.js';
import type { VehicleRecord } from '../store/records.js';
import type { ActivityDraft } from './activity-draft.js';
import { calendarise } from './calendarise.js';
import { RowReader, type CellContext } from './cells.js';
import { resolveColumns } from './columns.js';
import { excluded, rejected, yields, type RowMapper } from './mapped.js';
import { parseMonth } from './energy-bill.js';
import type { MileageProfile } from './profile-schema.js';
import {
  FUEL_HELP, SIZE_HELP, VEHICLE_TYPE_HELP, distanceKeys, normaliseRegistration, parseVehicleFuel, parseVehicleSize, parseVehicleType,
  type VehicleFuel, type VehicleType,
} from './vehicles.js';

type Profile = z.infer<typeof MileageProfile>;

export function mileageMapper(
  profile: Profile,
  ctx: CellContext,
  vehicles: ReadonlyMap<string, VehicleRecord>,
  meterSite: (meter: string) => string | undefined,
): RowMapper<ActivityDraft[]> {
  const col = resolveColumns(ctx.header, profile.columns);
  const when = col.date !== undefined ? 'date' : col.periodStart !== undefined && col.periodEnd !== undefined ? 'period' : col.month !== undefined ? 'month' : undefined;
  if (when === undefined) {
    throw new UserError('no_period_column', `${ctx.file}: found no date, period start and end, or month column for the profile "${profile.id}".`, 'A mileage file must say when the distance was driven: add a date or month column, or choose a profile that names the file\'s columns.');
  }
  const unit = profile.distanceUnit;
  return {
    map(line, cells) {
      const r = new RowReader(ctx, line, cells);
      const distance = r.number(col.distance);
      if (distance === null) r.problem(col.distance, 'missing_distance', 'the distance is empty');
      else if (distance !== undefined && distance < 0) r.problem(col.distance, 'negative_distance', 'the distance is negative: correct the reading (a correction belongs on the line it corrects)');

      let period: { start: string; end: string } | undefined;
      if (when === 'date') {
        const d = r.date(col.date, 'the date');
        if (d) period = { start: d.iso, end: d.iso };
      } else if (when === 'period') {
        period = r.period(col.periodStart, col.periodEnd);
      } else {
        period = parseMonth(r.text(col.month));
        if (period === undefined) r.problem(col.month, 'bad_month', 'is not a month: write it like 2024-04, 04/2024 or Apr-24');
      }

      const registration = normaliseRegistration(r.text(col.registration));
      const vehicle = registration === '' ? undefined : vehicles.get(registration);
      const typeText = r.text(col.vehicleType);
      const rowType = typeText === '' ? undefined : parseVehicleType(typeText);
      if (typeText !== '' && rowType === undefined) r.problem(col.vehicleType, 'unknown_vehicle_type', `"${typeText}" is not a vehicle type tco2e knows: use ${VEHICLE_TYPE_HELP}`);
      const type: VehicleType | undefined = rowType ?? vehicle?.vehicleType;
      const fuelText = r.text(col.fuel);
      const rowFuel = fuelText === '' ? undefined : parseVehicleFuel(fuelText);
      if (fuelText !== '' && rowFuel === undefined) r.problem(col.fuel, 'unknown_fuel', `"${fuelText}" is not a vehicle fuel tco2e knows: use ${FUEL_HELP}`);
      const fuel: VehicleFuel | undefined = rowFuel ?? (vehicle?.fuel as VehicleFuel | undefined) ?? (type === 'motorbike' ? 'unknown' : undefined);
      const sizeText = r.text(col.size);
      let size: string | undefined;
      if (type !== undefined) {
        size = sizeText === '' ? (vehicle !== undefined && vehicle.vehicleType === type ? vehicle.size : 'average') : parseVehicleSize(type, sizeText);
        if (size === undefined) r.problem(col.size, 'unknown_size', `"${sizeText}" is not a size of ${type} tco2e knows: use ${SIZE_HELP[type]}`);
      }
      const missing = [type === undefined && typeText === '' ? 'vehicle type' : '', fuel === undefined && fuelText === '' ? 'fuel' : ''].filter(Boolean).join(' and ');
      if (missing !== '') {
        // A registration in the register always brings its type and fuel: here it is not in it.
        if (registration !== '') r.problem(col.registration, 'unknown_vehicle', `${registration} is not in the vehicle register and the row does not give its ${missing}: import the vehicle register first (tco2e import fleet register.csv), or add ${missing} to the file`);
        else r.problem(col.registration ?? col.vehicleType, 'missing_vehicle', `the row gives neither a registration nor the ${missing}: add a registration (and import the vehicle register), or the ${missing}`);
      }
      if (r.problems.length > 0 || distance === undefined || distance === null || period === undefined || type === undefined || fuel === undefined || size === undefined) {
        return rejected(r.problems);
      }
      const keys = distanceKeys(type, size, fuel);
      if ('problem' in keys) {
        r.problem(col.vehicleType ?? col.registration, 'no_distance_factor', keys.problem);
        return rejected(r.problems);
      }
      if (distance === 0) {
        return excluded({ file: ctx.file, line, column: ctx.header[col.distance!] ?? '', value: r.text(col.distance), code: 'no_distance', message: 'no distance was driven (0): nothing to count' });
      }

      const meter = registration === '' ? null : registration;
      const site = r.text(col.site) || vehicle?.site || (meter === null ? undefined : meterSite(meter)) || null;
      const extra: Record<string, string | number | boolean> = { vehicle: `${type} ${size} ${fuel}` };
      if (vehicle !== undefined) extra.register = true;
      const parts = calendarise(period.start, period.end);
      const whole = parts.length === 1;
      const activities = parts.flatMap((p) => {
        const base = {
          line, site, meter, use: 'owned' as const, periodStart: p.start, periodEnd: p.end, quantity: distance * p.share, unit, estimated: false, direction: 'import' as const,
          apportionedFrom: whole ? null : { start: period.start, end: period.end, days: p.days, totalDays: p.totalDays, share: p.share }, extra,
        };
        const out: ActivityDraft[] = [];
        // A battery-electric vehicle has no tailpipe: its emissions are the grid electricity it
        // used (Scope 2), counted once by the EV electricity factor.
        if (fuel !== 'bev' || keys.electricityKey === undefined) out.push({ ...base, source: `fleet:${type}`, factorKey: keys.key });
        if (keys.electricityKey !== undefined) out.push({ ...base, source: `fleet:${type}:electricity`, factorKey: keys.electricityKey });
        return out;
      });
      return yields(activities);
    },
  };
}
