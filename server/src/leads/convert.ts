import { activeFields, activeObjects, type ObjectDef, type WorkspaceMetadata } from '../metadata/index.js';
import { findLikelyDuplicates, readRules, rulesWithFields } from '../duplicates/index.js';
import { BadInput, NotFound } from '../platform/index.js';
import { writeTogether, type RecordContext, type RecordRow, type SqlRecordStore } from '../records/index.js';
import type { LeadConversion } from './model.js';
import type { StoredModel } from './models.js';

/**
 * Lead conversion: one transaction makes the company, the person (or finds them by an exact
 * e-mail/phone match) and the deal, links them to each other and the lead to them, and
 * marks the lead. The lead stays, with its history, pointing at what it became.
 */

export interface Converted {
  personId: string;
  personCreated: boolean;
  companyId: string | null;
  dealId: string | null;
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '';

function mapped(map: Record<string, string> | undefined, lead: RecordRow): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(map ?? {})
      .map(([to, from]) => [to, lead[from]] as const)
      .filter(([, value]) => !isEmpty(value)),
  );
}

/** `from`'s many-to-one field pointing at `to`, if it has one. */
function pointer(from: ObjectDef, to: ObjectDef | undefined): string | undefined {
  return activeFields(from).find(
    (f) =>
      f.type === 'RELATION' &&
      f.options.relationKind === 'MANY_TO_ONE' &&
      f.options.targetObjectId === to?.id,
  )?.key;
}

async function existingPerson(ctx: RecordContext, person: ObjectDef, values: Record<string, unknown>) {
  const exact = rulesWithFields(person, await readRules(ctx.em, ctx.metadata.workspaceId, person)).filter(
    (r) => r.rule.match === 'EXACT',
  );
  const [match] = await findLikelyDuplicates(ctx.em, ctx.metadata, person, exact, values, { limit: 1 });
  return match?.recordId;
}

export async function convertLead(
  em: RecordContext['em'],
  metadata: WorkspaceMetadata,
  actorId: string,
  store: SqlRecordStore,
  stored: StoredModel,
  leadId: string,
): Promise<Converted> {
  const conversion: LeadConversion | null | undefined = stored.model.conversion;
  if (!conversion)
    throw new BadInput(['objectKey'], `${stored.object.labelPlural} do not play the lead role.`);
  const find = (key: string) => activeObjects(metadata).find((o) => o.key === key);
  const [person, company, deal] = [find('person')!, find('company'), find('deal')];
  return writeTogether(em, metadata, actorId, async (ctx) => {
    const [lead] = await store.getMany(ctx, stored.object, [leadId]);
    if (!lead) throw new NotFound(`${stored.object.labelSingular} ${leadId}`);
    const linkToPerson = conversion.link?.person;
    if (linkToPerson && lead[linkToPerson])
      throw new BadInput(['id'], 'This lead has already been converted.');
    const companyValues = mapped(conversion.company, lead);
    const companyId =
      company && Object.keys(companyValues).length
        ? (await store.create(ctx, company, companyValues)).id
        : null;
    const personValues = mapped(conversion.person, lead);
    const personCompany = pointer(person, company);
    const found = await existingPerson(ctx, person, personValues);
    const personId =
      found ??
      (
        await store.create(ctx, person, {
          ...personValues,
          ...(companyId && personCompany ? { [personCompany]: companyId } : {}),
        })
      ).id;
    let dealId: string | null = null;
    if (deal && conversion.deal) {
      const links: Record<string, unknown> = {};
      const toPerson = pointer(deal, person);
      const toCompany = pointer(deal, company);
      if (toPerson) links[toPerson] = personId;
      if (toCompany && companyId) links[toCompany] = companyId;
      dealId = (await store.create(ctx, deal, { ...mapped(conversion.deal, lead), ...links })).id;
    }
    const patch: Record<string, unknown> = {};
    if (linkToPerson) patch[linkToPerson] = personId;
    if (conversion.link?.company && companyId) patch[conversion.link.company] = companyId;
    if (conversion.link?.deal && dealId) patch[conversion.link.deal] = dealId;
    if (conversion.mark) patch[conversion.mark.field] = conversion.mark.value;
    if (Object.keys(patch).length) await store.update(ctx, stored.object, { id: leadId, patch });
    return { personId, personCreated: !found, companyId, dealId };
  });
}
