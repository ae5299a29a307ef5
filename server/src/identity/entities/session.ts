import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { User } from './user.js';

/** A browser sign-in; only the SHA-256 of the cookie value is stored. */
@Entity({ tableName: 'session' })
export class Session {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text', unique: true })
  tokenHash!: string;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: User;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Index()
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'text', nullable: true })
  userAgent?: string | null;

  /** Written at most once a minute (authenticate.ts), for the owner's session list. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  lastUsedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  clientAddress?: string | null;

  /** Began with a user-verified passkey: it meets a workspace's two-factor demand by itself. */
  @Property({ type: 'boolean', default: false })
  multiFactor: boolean = false;
  /** Set for a single sign-on session: it reaches only the workspace whose provider vouched for it. */
  @Property({ type: 'uuid', nullable: true })
  ssoWorkspaceId?: string | null;
}
