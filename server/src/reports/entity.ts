import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { User, Workspace } from '../identity/index.js';
import type { DashboardFilters, DashboardWidget, ReportDefinition, ReportSchedule } from './model.js';

/** A saved report; its object is named inside the definition (by key) and kept as an id for cascades. */
@Entity({ tableName: 'report' })
export class ReportRow {
  [OptionalProps]?: 'shared' | 'schedule' | 'templateKey' | 'createdAt' | 'updatedAt';
  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne(() => Workspace, { deleteRule: 'cascade' }) workspace!: Workspace;
  @Property({ type: 'uuid', fieldName: 'object_id' }) objectId!: string;
  @Property({ type: 'text' }) name!: string;
  @Property({ type: 'boolean' }) shared: boolean = false;
  @ManyToOne(() => User, { fieldName: 'owner_id', deleteRule: 'cascade' }) owner!: User;
  @Property({ type: 'json' }) definition!: ReportDefinition;
  @Property({ type: 'json', nullable: true }) schedule?: ReportSchedule | null = null;
  /** The template's stable key when a template installed it (upgrades find it by this). */
  @Property({ type: 'text', nullable: true }) templateKey?: string | null = null;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) createdAt: Date = new Date();
  @Property({ type: 'datetime', columnType: 'timestamptz' }) updatedAt: Date = new Date();
}

@Entity({ tableName: 'dashboard' })
export class DashboardRow {
  [OptionalProps]?: 'shared' | 'widgets' | 'filters' | 'templateKey' | 'createdAt' | 'updatedAt' | 'readAt';
  @PrimaryKey({ type: 'uuid' }) id: string = randomUUID();
  @ManyToOne(() => Workspace, { deleteRule: 'cascade' }) workspace!: Workspace;
  @Property({ type: 'text' }) name!: string;
  @Property({ type: 'boolean' }) shared: boolean = false;
  @ManyToOne(() => User, { fieldName: 'owner_id', deleteRule: 'cascade' }) owner!: User;
  @Property({ type: 'json' }) widgets: DashboardWidget[] = [];
  @Property({ type: 'json' }) filters: DashboardFilters = {
    dateRange: null,
    members: null,
    memberField: null,
  };
  @Property({ type: 'text', nullable: true }) templateKey?: string | null = null;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) createdAt: Date = new Date();
  @Property({ type: 'datetime', columnType: 'timestamptz' }) updatedAt: Date = new Date();
  /** Last opened, to the hour (`noteDashboardRead`): what start-up warming goes by. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true }) readAt?: Date | null = null;
}

export const reportEntities = [ReportRow, DashboardRow];
