import type { EntityManager, EventArgs, EventSubscriber } from '@mikro-orm/core';
import { Workspace } from '../identity/index.js';
import { FieldDefRow, ObjectDefRow } from './entities.js';

/**
 * How many metadata rows (objects, fields, the workspace) each entity manager's flushes have
 * written, so work that needs the current metadata between steps (a template install's steps)
 * reloads it only after some changed: a reload is three queries and ~150 rows merged, and most
 * of an install's steps (views, reports, sample records…) change none.
 */
const writes = new WeakMap<EntityManager, number>();

function seen(args: EventArgs<unknown>): void {
  noteMetadataWrite(args.em);
}

/** Registered with the ORM (app/database.ts): counts every flushed metadata row. */
export const metadataWriteCounter: EventSubscriber = {
  getSubscribedEntities: () => [ObjectDefRow, FieldDefRow, Workspace],
  afterCreate: seen,
  afterUpdate: seen,
  afterDelete: seen,
  afterUpsert: seen,
};

/** For metadata rows written without the unit of work (a native delete). */
export function noteMetadataWrite(em: EntityManager): void {
  writes.set(em, (writes.get(em) ?? 0) + 1);
}

/** The metadata rows `em` has written so far: compare two readings to know if any changed. */
export function metadataWritesOf(em: EntityManager): number {
  return writes.get(em) ?? 0;
}
