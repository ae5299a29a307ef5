import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Workspace } from '../identity/index.js';
import type { Template } from './format.js';

export interface SampleRecordRef {
  object: string;
  id: string;
}

/** A template installed in a workspace, with the definition of the installed version. */
@Entity({ tableName: 'template_install' })
@Unique({ properties: ['workspace', 'key'] })
export class TemplateInstallRow {
  [OptionalProps]?: 'viewIds' | 'sampleRecords' | 'createdAt' | 'updatedAt' | 'installedBy';
  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne(() => Workspace, { deleteRule: 'cascade' }) workspace!: Workspace;
  @Property({ type: 'text' }) key!: string;
  @Property({ type: 'integer' }) version!: number;
  /** The installed version's template, the base that upgrades diff against. */
  @Property({ type: 'json' }) definition!: Template;
  /** Template view key → the saved view's id. */
  @Property({ type: 'json' }) viewIds: Record<string, string> = {};
  /** The sample records created, in creation order. */
  @Property({ type: 'json' }) sampleRecords: SampleRecordRef[] = [];
  @Property({ type: 'uuid', nullable: true }) installedBy?: string | null;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) createdAt: Date = new Date();
  @Property({ type: 'datetime', columnType: 'timestamptz', onUpdate: () => new Date() }) updatedAt: Date =
    new Date();
}

export const templateEntities = [TemplateInstallRow];
