import { requirePermission } from '../identity/index.js';
import { loadMetadata } from '../metadata/index.js';
import { NotFound } from '../platform/index.js';
import { checkForm, type FormInput } from './definition.js';
import { formTarget } from './form-fields.js';
import { findFeed, rotateFeedSecret, setFeedEnabled, type LeadFeed } from './lead-feed-store.js';
import type { WebForm } from './model.js';
import { embedSnippet } from './pages.js';
import type { WebFormsContext } from './services.js';
import { deleteFormRow, findForm, insertForm, updateFormRow } from './store.js';

/** Form and lead feed administration (admins): the resolvers' operations. */

const access = (ctx: WebFormsContext) => requirePermission(ctx, 'forms.manage');

export async function createForm(ctx: WebFormsContext, input: FormInput): Promise<WebForm> {
  const { workspaceId } = access(ctx);
  const spec = checkForm(await loadMetadata(ctx.em, workspaceId), input);
  return insertForm(ctx.em, workspaceId, spec);
}

export async function updateForm(ctx: WebFormsContext, id: string, input: FormInput): Promise<WebForm> {
  const { workspaceId } = access(ctx);
  const spec = checkForm(await loadMetadata(ctx.em, workspaceId), input);
  const form = await updateFormRow(ctx.em, workspaceId, id, spec);
  if (!form) throw new NotFound('Form');
  return form;
}

export async function deleteForm(ctx: WebFormsContext, id: string): Promise<boolean> {
  const { workspaceId } = access(ctx);
  if (!(await deleteFormRow(ctx.em, workspaceId, id))) throw new NotFound('Form');
  return true;
}

export async function getForm(ctx: WebFormsContext, id: string): Promise<WebForm> {
  const { workspaceId } = access(ctx);
  const form = await findForm(ctx.em, workspaceId, id);
  if (!form) throw new NotFound('Form');
  return form;
}

export const hostedUrl = (ctx: WebFormsContext, form: WebForm) =>
  `${ctx.services.publicBaseUrl()}/forms/${form.id}`;

export async function formSnippet(ctx: WebFormsContext, form: WebForm): Promise<string> {
  const target = formTarget(await loadMetadata(ctx.em, form.workspaceId), form);
  return target ? embedSnippet(form, target, ctx.services.publicBaseUrl()) : '';
}

export async function leadFeed(ctx: WebFormsContext): Promise<LeadFeed | null> {
  return findFeed(ctx.em, access(ctx).workspaceId);
}

export async function rotateLeadFeed(ctx: WebFormsContext): Promise<LeadFeed> {
  return rotateFeedSecret(ctx.em, access(ctx).workspaceId);
}

export async function enableLeadFeed(ctx: WebFormsContext, enabled: boolean): Promise<LeadFeed> {
  const feed = await setFeedEnabled(ctx.em, access(ctx).workspaceId, enabled);
  if (!feed) throw new NotFound('Lead feed');
  return feed;
}

export const feedUrl = (ctx: WebFormsContext, feed: LeadFeed) =>
  `${ctx.services.publicBaseUrl()}/feeds/adf/${feed.secret}`;
