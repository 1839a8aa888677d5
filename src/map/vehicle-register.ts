/**
 * A vehicle register: one row per vehicle (registration, type, size, fuel, base site), stored so
 * mileage and fuel-card files can be joined to it. It carries no activity of its own.
 */

import type { z } from 'zod';
import type { VehicleRecord } from '../store/records.js';
import { RowReader, type CellContext } from './cells.js';
import { resolveColumns } from './columns.js';
import { rejected, yields, type RowMapper } from './mapped.js';
import type { VehicleRegisterProfile } from './profile-schema.js';
import { FUEL_HELP, SIZE_HELP, VEHICLE_TYPE_HELP, normaliseRegistration, parseVehicleFuel, parseVehicleSize, parseVehicleType } from './vehicles.js';

type Profile = z.infer<typeof VehicleRegisterProfile>;

export type RegisterVehicle = Omit<VehicleRecord, 'org'>;

export function registerMapper(profile: Profile, ctx: CellContext): RowMapper<RegisterVehicle> {
  const col = resolveColumns(ctx.header, profile.columns);
  const seen = new Map<string, number>();
  return {
    map(line, cells) {
      const r = new RowReader(ctx, line, cells);
      const registration = normaliseRegistration(r.text(col.registration));
      if (registration === '') r.problem(col.registration, 'missing_registration', 'the registration is empty');
      const typeText = r.text(col.vehicleType);
      const vehicleType = parseVehicleType(typeText);
      if (vehicleType === undefined) {
        r.problem(col.vehicleType, typeText === '' ? 'missing_vehicle_type' : 'unknown_vehicle_type', `${typeText === '' ? 'the vehicle type is empty' : `"${typeText}" is not a vehicle type tco2e knows`}: use ${VEHICLE_TYPE_HELP}`);
      }
      const sizeText = r.text(col.size);
      const size = vehicleType === undefined ? undefined : parseVehicleSize(vehicleType, sizeText);
      if (vehicleType !== undefined && size === undefined) r.problem(col.size, 'unknown_size', `"${sizeText}" is not a size of ${vehicleType} tco2e knows: use ${SIZE_HELP[vehicleType]}`);
      const fuelText = r.text(col.fuel);
      const fuel = parseVehicleFuel(fuelText);
      if (fuel === undefined) {
        r.problem(col.fuel, fuelText === '' ? 'missing_fuel' : 'unknown_fuel', `${fuelText === '' ? 'the fuel is empty' : `"${fuelText}" is not a vehicle fuel tco2e knows`}: use ${FUEL_HELP}`);
      }
      if (registration !== '' && r.problems.length === 0) {
        const earlier = seen.get(registration);
        if (earlier !== undefined) r.problem(col.registration, 'duplicate_registration', `${registration} is already on line ${earlier} of this register`);
        else seen.set(registration, line);
      }
      if (r.problems.length > 0 || vehicleType === undefined || size === undefined || fuel === undefined) return rejected(r.problems);
      return yields({ line, registration, vehicleType, size, fuel, site: r.text(col.site) || null });
    },
  };
}
