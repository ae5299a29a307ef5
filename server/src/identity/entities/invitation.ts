import { randomUUID } from 'node:crypto';
import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Role } from '../roles.js';
import { User } from './user.js';
import { Workspace } from './workspace.js';

/** An admin's invitation to join a workspace; accepted once, by the invited e-mail. */
@Entity({ tableName: 'invitation' })
export class Invitation {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text', unique: true })
  tokenHash!: string;

  @ManyToOne(() => Workspace, { deleteRule: 'cascade' })
  workspace!: Workspace;

  @Property({ type: 'text' })
  email!: string;

  @Enum({ items: () => Role, nativeEnumName: 'member_role' })
  role!: Role;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  invitedBy!: User;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  acceptedAt?: Date | null;
}
