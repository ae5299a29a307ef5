import { randomUUID } from 'node:crypto';
import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'workspace' })
export class Workspace {
  [OptionalProps]?: 'createdAt' | 'metadataVersion' | 'requireTwoFactor';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  /** Bumped by every metadata change; schemas are cached per version. */
  @Property({ type: 'integer' })
  metadataVersion: number = 1;

  /** The PostgreSQL schema of this workspace's records, set when it is provisioned. */
  @Property({ type: 'text', nullable: true })
  schemaName?: string | null;

  /** Members without two-factor sign-in are refused this workspace's data (TWO_FACTOR_REQUIRED). */
  @Property({ type: 'boolean' })
  requireTwoFactor: boolean = false;
}
