import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'app_user' })
export class User {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Stored lower-cased; unique. */
  @Property({ type: 'text', unique: true })
  email!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', hidden: true, lazy: true })
  passwordHash!: string;

  /** IANA name; null until chosen (the client sends the browser's on first sign-in): UTC. */
  @Property({ type: 'text', nullable: true })
  timeZone: string | null = null;

  /** The interface language (en, de, it, zh); null until chosen: the browser's. */
  @Property({ type: 'text', nullable: true })
  language: string | null = null;

  /** When the address was last proven theirs (a verification link, or an invitation link). */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  emailVerifiedAt: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();
}
