import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Workspace } from '../identity/index.js';
import type { FieldOptions, FieldTranslations, FieldType, ObjectTranslations } from './model.js';

@Entity({ tableName: 'object_def' })
export class ObjectDefRow {
  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne(() => Workspace, { deleteRule: 'cascade' }) workspace!: Workspace;
  @Property({ type: 'text' }) key!: string;
  @Property({ type: 'text' }) pluralKey!: string;
  @Property({ type: 'text' }) labelSingular!: string;
  @Property({ type: 'text' }) labelPlural!: string;
  @Property({ type: 'text', nullable: true }) description?: string | null;
  @Property({ type: 'text', nullable: true }) icon?: string | null;
  @Property({ type: 'uuid', nullable: true }) labelFieldId?: string | null;
  @Property({ type: 'text' }) tableName!: string;
  @Property({ type: 'boolean', fieldName: 'is_standard' }) standard: boolean = false;
  @Property({ type: 'double' }) position: number = 0;
  @Property({ type: 'json' }) translations?: ObjectTranslations = {};
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true }) archivedAt?: Date | null;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) createdAt: Date = new Date();
  @Property({ type: 'datetime', columnType: 'timestamptz', onUpdate: () => new Date() }) updatedAt: Date =
    new Date();
}

@Entity({ tableName: 'field_def' })
export class FieldDefRow {
  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne(() => Workspace, { deleteRule: 'cascade' }) workspace!: Workspace;
  @ManyToOne(() => ObjectDefRow, { fieldName: 'object_id', deleteRule: 'cascade' }) object!: ObjectDefRow;
  @Property({ type: 'text' }) key!: string;
  @Property({ type: 'text' }) label!: string;
  @Property({ type: 'text' }) type!: FieldType;
  @Property({ type: 'boolean' }) required: boolean = false;
  @Property({ type: 'boolean', fieldName: 'is_unique' }) unique: boolean = false;
  @Property({ type: 'json', nullable: true }) defaultValue?: unknown;
  @Property({ type: 'text', nullable: true }) helpText?: string | null;
  @Property({ type: 'boolean' }) filterable: boolean = true;
  @Property({ type: 'boolean' }) sortable: boolean = true;
  @Property({ type: 'json' }) options: FieldOptions = {};
  @Property({ type: 'json' }) translations?: FieldTranslations = {};
  @Property({ type: 'text', nullable: true }) columnName?: string | null;
  @Property({ type: 'boolean', fieldName: 'is_standard' }) standard: boolean = false;
  @Property({ type: 'double' }) position: number = 0;
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true }) archivedAt?: Date | null;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) createdAt: Date = new Date();
  @Property({ type: 'datetime', columnType: 'timestamptz', onUpdate: () => new Date() }) updatedAt: Date =
    new Date();
}

export const metadataEntities = [ObjectDefRow, FieldDefRow];
