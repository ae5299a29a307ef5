import { randomUUID } from 'node:crypto';
import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Role } from '../roles.js';
import { User } from './user.js';
import { Workspace } from './workspace.js';

@Entity({ tableName: 'membership' })
@Unique({ properties: ['workspace', 'user'] })
export class Membership {
  [OptionalProps]?: 'away';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: User;

  @Enum({ items: () => Role, nativeEnumName: 'member_role' })
  role!: Role;

  /** Away (holiday, leave): round-robin assignment passes them over. */
  @Property({ type: 'boolean', default: false })
  away: boolean = false;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();
}
