import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requirePermission } from '../../identity/index.js';
import { BadInput, parseId } from '../../platform/index.js';
import { purgeDeletedFiles } from '../purge.js';
import { fileRef } from '../refs.js';
import { liveFiles } from '../rows.js';
import type { FilesContext } from '../services.js';
import { FileRefType } from './types.js';

@Resolver()
export class FileResolver {
  @Query(() => [FileRefType], {
    description: 'Files of this workspace by id, in that order (missing and deleted ones left out).',
  })
  async files(@Ctx() ctx: FilesContext, @Arg('ids', () => [ID]) ids: string[]): Promise<FileRefType[]> {
    const { workspaceId } = requirePermission(ctx, 'records.read');
    if (ids.length > 200) throw new BadInput(['ids'], 'Ask for at most 200 files at once.');
    const parsed = ids.map((id, i) => parseId(['ids', String(i)], id));
    const rows = new Map((await liveFiles(ctx.em, workspaceId, parsed)).map((r) => [r.id, r]));
    return parsed.flatMap((id) => (rows.has(id) ? [fileRef(ctx.services.files, rows.get(id)!)] : []));
  }

  @Mutation(() => Int, {
    description:
      'Removes from storage the files deleted more than olderThanDays ago and uploads never put in a field; answers how many.',
  })
  async purgeDeletedFiles(
    @Ctx() ctx: FilesContext,
    @Arg('olderThanDays', () => Int, { defaultValue: 30 }) olderThanDays: number,
  ): Promise<number> {
    if (olderThanDays < 0) throw new BadInput(['olderThanDays'], 'olderThanDays: 0 or more.');
    return purgeDeletedFiles(ctx, olderThanDays);
  }
}
