import { checkTemplateInput, insertDocumentTemplate, installedDocumentKeys } from '../documents/index.js';
import { templateLineSources } from './line-sources.js';
import type { PlanInput, Step } from './plan.js';

/**
 * Document templates: added when missing (by `<template>:<key>`), checked against the
 * workspace's fields as an admin's save is, never changed or removed by an upgrade, so an
 * admin's edits stay.
 */
export async function documentSteps(input: PlanInput): Promise<Step[]> {
  const { template } = input;
  const workspaceId = input.metadata.workspaceId;
  const installed = await installedDocumentKeys(input.em, workspaceId, template.key);
  return (template.documents ?? [])
    .map((document, i) => ({ document, i }))
    .filter(({ document }) => !installed.has(`${template.key}:${document.key}`))
    .map(({ document, i }) => ({
      phase: 6,
      action: 'ADD_DOCUMENT_TEMPLATE',
      target: `${document.object}.${document.key}`,
      description: `Add the document template “${document.name}” for ${document.object}`,
      apply: async (run) => {
        const metadata = await run.refresh();
        // Checked only (no store: nothing is read): relations and the registered sources (quote lines).
        const check = { lineSources: templateLineSources, records: null };
        const fields = checkTemplateInput(check, metadata, document, ['documents', String(i)]);
        await insertDocumentTemplate(
          run.tx.em,
          workspaceId,
          run.actorId,
          fields,
          `${template.key}:${document.key}`,
        );
      },
    }));
}
