import type { Reader } from '@crm/contracts';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  qualified,
  quote,
  type FieldDef,
  type ObjectDef,
  type Path,
  type WorkspaceMetadata,
} from '../../metadata/index.js';
import { BadInput } from '../../platform/index.js';
import { compileFilter, type FilterLimits, type RecordFilter } from '../../records/index.js';

/**
 * The e-mail field a campaign to `object` writes to: the one named, else the object's first
 * EMAIL field. An object without one cannot be a campaign's audience.
 */
export function emailFieldOf(object: ObjectDef, key: string | null | undefined, path: Path): FieldDef {
  const emails = object.fields.filter((f) => f.type === 'EMAIL' && !f.archivedAt && f.column);
  if (key) {
    const field = emails.find((f) => f.key === key);
    if (!field)
      throw new BadInput(
        [...path.slice(0, -1), 'emailField'],
        `emailField: “${key.slice(0, 70)}” is not an e-mail field of ${object.labelPlural}.`,
      );
    return field;
  }
  if (!emails.length)
    throw new BadInput(
      path,
      `${path.at(-1)}: the view lists ${object.labelPlural}, which have no e-mail field; a campaign needs one.`,
    );
  return emails[0]!;
}

export interface Audience {
  metadata: WorkspaceMetadata;
  object: ObjectDef;
  emailField: FieldDef;
  filter: RecordFilter | null;
  reader: Reader;
  limits?: FilterLimits;
}

/**
 * Writes a campaign's recipients: the records the view's filter matches now (compiled by the
 * records' query compiler, as the view itself lists them), in creation order, each with its
 * address or why it gets none (no address, suppressed, a duplicate of an earlier record's).
 * Sendable ones come first, numbered from 1 in `position`. Returns how many may be sent to.
 */
export async function writeRecipients(
  em: Pick<EntityManager, 'execute'>,
  campaign: { id: string; workspaceId: string },
  audience: Audience,
): Promise<number> {
  const { metadata, object, emailField, filter, reader, limits } = audience;
  const predicate = compileFilter({ metadata, object, alias: 't', reader, limits }, filter, ['filter']);
  const email = `nullif(trim(t.${quote(emailField.column!)}), '')`;
  const [row] = await em.execute<{ sendable: string }[]>(
    `with matched as (
       select t.id, ${email} as address, t.created_at from ${qualified(metadata.schema, object.table)} t
       where t.deleted_at is null ${predicate ? `and (${predicate.sql})` : ''}
     ), judged as (
       select m.*, case
         when m.address is null then 'NO_ADDRESS'
         when exists (select 1 from mail_suppression s where s.workspace_id = ? and s.address = lower(m.address))
           then 'SUPPRESSED'
         when row_number() over (partition by lower(m.address) order by m.created_at, m.id) > 1 then 'DUPLICATE'
         else 'PENDING' end as status
       from matched m
     ), inserted as (
       insert into mail_campaign_recipient (campaign_id, record_id, position, address, status)
       select ?, id, row_number() over (order by status <> 'PENDING', created_at, id), address, status from judged
       returning status
     )
     select count(*) filter (where status = 'PENDING') as sendable from inserted`,
    [...(predicate?.params ?? []), campaign.workspaceId, campaign.id],
  );
  return Number(row?.sendable ?? 0);
}
