import type { EntityManager } from '@mikro-orm/postgresql';
import { queryRows } from '../platform/index.js';
import { selectInbound, toInbound, type InboundMessage, type InboundRow } from './inbound/store.js';
import { toMessage, type MailMessage, type MailRow } from './outbox.js';

/**
 * A privacy request's part in mail (docs/security.md): the messages that involve a person —
 * on their record's timeline, or sent to, copied to or received from one of their addresses.
 */

type Db = Pick<EntityManager, 'execute'>;

export interface PersonMailQuery {
  workspaceId: string;
  recordId: string;
  /** The person's e-mail addresses, any case. */
  addresses: readonly string[];
}

const erasedAddress = 'erased@erased.invalid';

const sentWhere = `workspace_id = ? and (record_id = ?::uuid or timeline_record_ids @> array[?::uuid]
  or exists (select 1 from unnest(array[to_address] || cc_addresses || bcc_addresses) a where lower(a) = any(?::text[])))`;

const receivedWhere = `i.workspace_id = ? and (
  i.id in (select inbound_id from mail_inbound_record where workspace_id = ? and record_id = ?::uuid)
  or lower(coalesce(i.from_address, '')) = any(?::text[])
  or exists (select 1 from unnest(i.to_addresses || i.cc_addresses) a where lower(a) = any(?::text[])))`;

const lowered = (addresses: readonly string[]) =>
  `{${addresses.map((a) => JSON.stringify(a.toLowerCase())).join(',')}}`;

/** Sent and received messages involving the person, oldest first. */
export async function personMail(
  em: EntityManager,
  query: PersonMailQuery,
): Promise<{ sent: MailMessage[]; received: InboundMessage[] }> {
  const addresses = lowered(query.addresses);
  const sent = await queryRows<MailRow>(
    em,
    `select * from mail_message where ${sentWhere} order by created_at, id`,
    [query.workspaceId, query.recordId, query.recordId, addresses],
  );
  const received = await queryRows<InboundRow>(
    em,
    `${selectInbound} where ${receivedWhere} order by i.received_at, i.id`,
    [query.workspaceId, query.workspaceId, query.recordId, addresses, addresses],
  );
  return { sent: sent.map(toMessage), received: received.map(toInbound) };
}

/**
 * In the erasing transaction: the person's messages keep their dates and status, while
 * subject, bodies and the person's addresses are replaced (a message still waiting is
 * failed, never sent to the replacement address); `terms` leave every other message.
 * Returns how many messages changed.
 */
export async function eraseMail(
  db: Db,
  query: PersonMailQuery & { terms: readonly string[] },
): Promise<number> {
  const addresses = lowered(query.addresses);
  const replaceIn = (column: string) =>
    `array(select case when lower(a) = any(?::text[]) then '${erasedAddress}' else a end from unnest(${column}) a)`;
  const sent = await db.execute<{ id: string }[]>(
    `update mail_message set subject = '[erased]', text_body = '[erased]', html_body = null, headers = null,
       to_address = case when lower(to_address) = any(?::text[]) then '${erasedAddress}' else to_address end,
       cc_addresses = ${replaceIn('cc_addresses')}, bcc_addresses = ${replaceIn('bcc_addresses')},
       status = case when status in ('QUEUED', 'SENDING') then 'FAILED' else status end,
       status_reason = case when status in ('QUEUED', 'SENDING') then 'Erased by a privacy request.' else status_reason end
     where ${sentWhere} returning id`,
    [addresses, addresses, addresses, query.workspaceId, query.recordId, query.recordId, addresses],
  );
  const received = await db.execute<{ id: string }[]>(
    `update mail_inbound i set subject = '[erased]', text_body = '[erased]', from_name = null,
       from_address = case when lower(from_address) = any(?::text[]) then '${erasedAddress}' else from_address end,
       to_addresses = ${replaceIn('to_addresses')}, cc_addresses = ${replaceIn('cc_addresses')}
     where ${receivedWhere} returning id`,
    [
      addresses,
      addresses,
      addresses,
      query.workspaceId,
      query.workspaceId,
      query.recordId,
      addresses,
      addresses,
    ],
  );
  let elsewhere = 0;
  for (const term of query.terms.filter((t) => t.trim())) {
    const pattern = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const outbox = await db.execute<{ id: string }[]>(
      `update mail_message set subject = regexp_replace(subject, ?, '[erased]', 'gi'),
         text_body = regexp_replace(text_body, ?, '[erased]', 'gi'),
         html_body = regexp_replace(html_body, ?, '[erased]', 'gi')
       where workspace_id = ? and (strpos(lower(subject), lower(?)) > 0 or strpos(lower(text_body), lower(?)) > 0
         or strpos(lower(coalesce(html_body, '')), lower(?)) > 0) returning id`,
      [pattern, pattern, pattern, query.workspaceId, term, term, term],
    );
    const inbox = await db.execute<{ id: string }[]>(
      `update mail_inbound set subject = regexp_replace(subject, ?, '[erased]', 'gi'),
         text_body = regexp_replace(text_body, ?, '[erased]', 'gi'),
         from_name = regexp_replace(from_name, ?, '[erased]', 'gi')
       where workspace_id = ? and (strpos(lower(subject), lower(?)) > 0 or strpos(lower(text_body), lower(?)) > 0
         or strpos(lower(coalesce(from_name, '')), lower(?)) > 0) returning id`,
      [pattern, pattern, pattern, query.workspaceId, term, term, term],
    );
    elsewhere += outbox.length + inbox.length;
  }
  return sent.length + received.length + elsewhere;
}
