import type { FieldDef, ObjectDef } from '../metadata/index.js';
import { qualified, quote } from '../metadata/index.js';
import { queryRows } from '../platform/index.js';
import type { RecordContext, RecordRow, RecordStore } from '../records/index.js';
import { internationalPhone, normaliseEmail } from '../duplicates/index.js';

/**
 * The person a lead belongs to: found by a normalised e-mail (then phone) among the
 * workspace's people, updated with what the visitor sent, or added. One person per
 * address, however often they write.
 */

export interface PersonMatch {
  id: string;
  created: boolean;
}

const fieldsOfType = (object: ObjectDef, type: FieldDef['type']) =>
  object.fields.filter((f) => f.type === type && !f.archivedAt && f.column);

async function findByEmail(ctx: RecordContext, person: ObjectDef, email: string): Promise<string | null> {
  const columns = fieldsOfType(person, 'EMAIL');
  if (!columns.length) return null;
  // E-mail values are stored lower-cased (the EMAIL type), so equality is the match.
  const [row] = await queryRows<{ id: string }>(
    ctx.em,
    `select id from ${qualified(ctx.metadata.schema, person.table)}
     where deleted_at is null and (${columns.map((f) => `${quote(f.column!)} = ?`).join(' or ')})
     order by created_at, id limit 1`,
    columns.map(() => email),
  );
  return row?.id ?? null;
}

async function findByPhone(
  ctx: RecordContext,
  person: ObjectDef,
  phone: string,
  defaultCountry?: string,
): Promise<string | null> {
  const columns = fieldsOfType(person, 'PHONE');
  if (!columns.length) return null;
  // Stored as typed: narrow by the last seven digits, then compare the normalised numbers.
  const tail = `%${phone.replace(/\D/g, '').slice(-7)}`;
  const digits = (f: FieldDef) => `regexp_replace(${quote(f.column!)}, '\\D', '', 'g')`;
  const rows = await queryRows<Record<string, string | null> & { id: string }>(
    ctx.em,
    `select id, ${columns.map((f, i) => `${quote(f.column!)} as p${i}`).join(', ')}
     from ${qualified(ctx.metadata.schema, person.table)}
     where deleted_at is null and (${columns.map((f) => `${digits(f)} like ?`).join(' or ')})
     order by created_at, id limit 50`,
    columns.map(() => tail),
  );
  const hit = rows.find((row) =>
    columns.some((_, i) => internationalPhone(row[`p${i}`], defaultCountry) === phone),
  );
  return hit?.id ?? null;
}

/** An existing person with this e-mail or phone (normalised), or null. */
export async function findPerson(
  ctx: RecordContext,
  person: ObjectDef,
  values: Record<string, unknown>,
  defaultCountry?: string,
): Promise<string | null> {
  for (const field of fieldsOfType(person, 'EMAIL')) {
    const email = normaliseEmail(values[field.key]);
    const found = email && (await findByEmail(ctx, person, email));
    if (found) return found;
  }
  for (const field of fieldsOfType(person, 'PHONE')) {
    const phone = internationalPhone(values[field.key], defaultCountry);
    const found = phone && (await findByPhone(ctx, person, phone, defaultCountry));
    if (found) return found;
  }
  return null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Finds the person by e-mail or phone and updates what changed, or adds one. */
export async function upsertPerson(
  store: RecordStore,
  ctx: RecordContext,
  person: ObjectDef,
  values: Record<string, unknown>,
  defaultCountry?: string,
): Promise<PersonMatch & { row: RecordRow }> {
  const id = await findPerson(ctx, person, values, defaultCountry);
  if (id) {
    const [current] = await store.getMany(ctx, person, [id]);
    const patch = Object.fromEntries(Object.entries(values).filter(([key, v]) => !same(current?.[key], v)));
    const row = Object.keys(patch).length ? await store.update(ctx, person, { id, patch }) : current!;
    return { id, created: false, row };
  }
  const label = person.fields.find((f) => f.id === person.labelFieldId);
  const named =
    label && (values[label.key] === undefined || values[label.key] === '')
      ? { [label.key]: values.email ?? values.phone ?? 'Unknown' }
      : {};
  // A form or a feed writes but owns nothing: the record starts without an owner.
  const row = await store.create(ctx, person, { owner: null, ...values, ...named });
  return { id: row.id, created: true, row };
}
