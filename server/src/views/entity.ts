import type { Language } from '@crm/contracts';
import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { User, Workspace } from '../identity/index.js';
import type { RecordFilter, SortInput } from '../records/index.js';
import { defaultViewPageSize, type ViewColumn, type ViewKind } from './model.js';

/**
 * A saved view. The object is a plain id (its foreign key is in the migration): views
 * resolve objects and fields through the workspace's metadata, never through entities.
 */
@Entity({ tableName: 'view' })
export class ViewRow {
  [OptionalProps]?:
    'shared' | 'fields' | 'pageSize' | 'position' | 'translations' | 'createdAt' | 'updatedAt';
  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne(() => Workspace, { deleteRule: 'cascade' }) workspace!: Workspace;
  @Property({ type: 'uuid', fieldName: 'object_id' }) objectId!: string;
  @Property({ type: 'text' }) name!: string;
  @Property({ type: 'text' }) type!: ViewKind;
  @Property({ type: 'boolean' }) shared: boolean = false;
  @ManyToOne(() => User, { fieldName: 'owner_id', deleteRule: 'cascade' }) owner!: User;
  @Property({ type: 'json', nullable: true }) filter?: RecordFilter | null;
  @Property({ type: 'json', nullable: true }) sort?: SortInput[] | null;
  @Property({ type: 'json' }) fields: ViewColumn[] = [];
  @Property({ type: 'text', nullable: true }) groupByFieldKey?: string | null;
  @Property({ type: 'text', nullable: true }) calendarFieldKey?: string | null;
  @Property({ type: 'integer' }) pageSize: number = defaultViewPageSize;
  @Property({ type: 'double' }) position: number = 0;
  /** The name in other languages; `name` is the default they fall back to. */
  @Property({ type: 'json' }) translations: Partial<Record<Language, { name?: string }>> = {};
  @Property({ type: 'datetime', columnType: 'timestamptz' }) createdAt: Date = new Date();
  @Property({ type: 'datetime', columnType: 'timestamptz', onUpdate: () => new Date() }) updatedAt: Date =
    new Date();
}

export const viewEntities = [ViewRow];
