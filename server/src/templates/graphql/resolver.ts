import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireCaller, requirePermission } from '../../identity/index.js';
import { loadTemplate, listTemplates } from '../catalog.js';
import { TemplateInstallRow } from '../entity.js';
import { exportWorkspace } from '../export.js';
import { installTemplate, planTemplate, type TemplateContext, type TemplateServices } from '../install.js';
import { removeSampleData } from '../sample-removal.js';
import { listPhotoImports } from '../photo-imports.js';
import { TemplatePhotoImportType, TemplatePlanType, TemplateSummaryType } from './types.js';

function services(ctx: TemplateContext): TemplateServices {
  return {
    records: ctx.services.records,
    schemaConflicts: ctx.services.schemaConflicts,
    templatesDir: ctx.services.templatesDir,
    events: ctx.services.events,
    automationTimeTriggers: ctx.services.automationTimeTriggers,
    templatePhotos: ctx.services.templatePhotos,
  };
}

@Resolver()
export class TemplateResolver {
  @Query(() => [TemplateSummaryType], {
    description: 'The valid templates of the server, with the version installed in the current workspace.',
  })
  async templates(@Ctx() ctx: TemplateContext): Promise<TemplateSummaryType[]> {
    const caller = requireCaller(ctx);
    const installs = caller.workspace
      ? await ctx.em.find(TemplateInstallRow, { workspace: caller.workspace.id })
      : [];
    const entries = await listTemplates(ctx.services.templatesDir);
    return entries.flatMap(({ template, error }) => {
      if (!template) {
        ctx.services.logger.warn({ err: error }, 'template skipped: it does not validate');
        return [];
      }
      const install = installs.find((i) => i.key === template.key);
      return [
        {
          key: template.key,
          name: template.name,
          description: template.description,
          version: template.version,
          installedVersion: install?.version ?? null,
          hasSampleData: Object.values(template.sampleData ?? {}).some((records) => records.length > 0),
          sampleRecordCount: install?.sampleRecords.length ?? 0,
        },
      ];
    });
  }

  @Query(() => TemplatePlanType, { description: 'The dry run of installTemplate (admins).' })
  async templatePlan(
    @Arg('key', () => String) key: string,
    @Arg('withSampleData', () => Boolean, { defaultValue: false }) withSampleData: boolean,
    @Ctx() ctx: TemplateContext,
  ): Promise<TemplatePlanType> {
    const access = requirePermission(ctx, 'templates.install');
    const template = await loadTemplate(ctx.services.templatesDir, key);
    return planTemplate(ctx.em, access.workspaceId, template, withSampleData);
  }

  @Query(() => String, {
    description:
      'The workspace as the YAML text of a template (admins): custom objects, custom fields of standard objects, pipelines, shared views and, withData, records as sample data.',
  })
  async exportWorkspaceTemplate(
    @Arg('withData', () => Boolean, { defaultValue: false }) withData: boolean,
    @Arg('key', () => String, { nullable: true }) key: string | null,
    @Arg('name', () => String, { nullable: true }) name: string | null,
    @Ctx() ctx: TemplateContext,
  ): Promise<string> {
    const access = requirePermission(ctx, 'templates.install');
    return exportWorkspace(ctx.em, access.workspaceId, {
      withData,
      key,
      name,
      records: ctx.services.records,
      actorId: access.caller.user.id,
    });
  }

  @Mutation(() => TemplatePlanType, {
    description: 'Installs a template or upgrades it to the file’s version, in one transaction (admins).',
  })
  async installTemplate(
    @Arg('key', () => String) key: string,
    @Arg('withSampleData', () => Boolean, { defaultValue: false }) withSampleData: boolean,
    @Ctx() ctx: TemplateContext,
  ): Promise<TemplatePlanType> {
    requirePermission(ctx, 'templates.install');
    const template = await loadTemplate(ctx.services.templatesDir, key);
    return installTemplate(ctx, services(ctx), template, withSampleData);
  }

  @Query(() => [TemplatePhotoImportType], {
    description:
      'The photos upgrades of this template fetch from URL fields into IMAGE fields, failed ones first, then newest (admins).',
  })
  async templatePhotoImports(
    @Arg('key', () => String) key: string,
    @Ctx() ctx: TemplateContext,
  ): Promise<TemplatePhotoImportType[]> {
    const access = requirePermission(ctx, 'templates.install');
    return listPhotoImports(ctx.em, access.workspaceId, key);
  }

  @Mutation(() => Int, {
    description: 'Deletes the template’s sample records nobody has changed since (admins); returns how many.',
  })
  async removeTemplateSampleData(
    @Arg('key', () => String) key: string,
    @Ctx() ctx: TemplateContext,
  ): Promise<number> {
    return removeSampleData(ctx, ctx.services.records, key);
  }
}
