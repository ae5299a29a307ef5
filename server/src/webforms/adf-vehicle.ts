import { activeFields, decodeVin, type FieldDef, type ObjectDef } from '../metadata/index.js';
import type { RecordContext, RecordStore } from '../records/index.js';
import type { AdfVehicle } from './adf-parse.js';
import { findRelated } from './lookup.js';

/**
 * The vehicle (or boat) of interest of an ADF lead: the stock record its VIN, HIN or stock
 * number names, else a new record made from the ADF vehicle block and marked not in stock
 * (the template's `notInStock` status choice; without one the status is left empty, never
 * the field's in-stock default), so the deal still says what the customer asked about.
 */

/** The status choice the car- and boat-dealer templates give a vehicle the dealer does not hold. */
export const notInStockStatus = 'notInStock';

export const describeVehicle = (v: AdfVehicle) => [v.year, v.make, v.model, v.trim].filter(Boolean).join(' ');

/** A HIN (boats) or VIN: ADF has only <vin>; some boat portals send <hin>. */
const identifierOf = (v: AdfVehicle) => v.hin ?? v.vin;

async function matchVehicle(
  ctx: RecordContext,
  relation: FieldDef,
  vehicles: AdfVehicle[],
): Promise<string | null> {
  for (const vehicle of vehicles)
    for (const key of [identifierOf(vehicle), vehicle.stock]) {
      if (!key) continue;
      const found = await findRelated(ctx, ctx.metadata, relation, key);
      if ('id' in found) return found.id;
    }
  return null;
}

/** The record's values from the ADF block, for the fields the object has (by the templates' keys). */
function vehicleValues(object: ObjectDef, vehicle: AdfVehicle): Record<string, unknown> {
  const fields = new Map(activeFields(object).map((f) => [f.key, f]));
  // The feed writes as the workspace, no member: nobody owns what it makes.
  const values: Record<string, unknown> = fields.has('owner') ? { owner: null } : {};
  const text = (key: string, value: string | null) => {
    if (value && fields.get(key)?.type === 'TEXT') values[key] = value.slice(0, 200);
  };
  const label = fields.get(object.fields.find((f) => f.id === object.labelFieldId)?.key ?? 'name');
  const identifier = identifierOf(vehicle);
  if (label?.type === 'TEXT')
    values[label.key] = (describeVehicle(vehicle) || identifier || '').slice(0, 200);
  text('make', vehicle.make);
  text('model', vehicle.model);
  text('trim', vehicle.trim);
  // A VIN the field's format refuses stays out: the lead matters more than the vehicle's VIN.
  const vinField = fields.get('vin');
  if (vinField?.options.format !== 'VIN' || (identifier && decodeVin(identifier).valid))
    text('vin', identifier);
  text('hin', identifier);
  const year = Number(vehicle.year);
  if (fields.get('year')?.type === 'NUMBER' && Number.isInteger(year) && year > 1800 && year < 3000)
    values.year = year;
  const choice = (key: string, wanted: string | null) => {
    const field = fields.get(key);
    if (field?.type !== 'SELECT') return undefined;
    return field.options.choices?.find((c) => c.key === wanted)?.key ?? null;
  };
  const status = choice('status', notInStockStatus);
  if (status !== undefined) values.status = status;
  const condition = choice('condition', vehicle.status?.toLowerCase() ?? null);
  if (condition) values.condition = condition;
  return values;
}

/** The id of the vehicle of interest, found in stock or made; null when the message names none. */
export async function vehicleOfInterest(
  records: RecordStore,
  ctx: RecordContext,
  relation: FieldDef,
  vehicles: AdfVehicle[],
): Promise<string | null> {
  const found = await matchVehicle(ctx, relation, vehicles);
  if (found) return found;
  const object = ctx.metadata.objects.find((o) => o.id === relation.options.targetObjectId);
  const vehicle = vehicles.find((v) => identifierOf(v) || describeVehicle(v));
  if (!object || !vehicle) return null;
  return (await records.create(ctx, object, vehicleValues(object, vehicle))).id;
}
