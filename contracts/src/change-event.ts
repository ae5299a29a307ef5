/** What a write did to a record; `convert` turned it into another object's record. */
export type ChangeKind = 'create' | 'update' | 'delete' | 'restore' | 'convert';

/**
 * One committed change of one record, as `recordChanged` pushes it and `recordHistory` lists it
 * (GraphQL type `RecordChangeEvent`). `At` is the time: a `Date` where the server builds the
 * event, the ISO-8601 text the client receives.
 */
export interface RecordChangeEvent<At = string> {
  /** The `record_change` id: increasing in the order the feed delivers changes; resume with `after`. */
  changeId: string;
  /** The object's key. */
  object: string;
  recordId: string;
  kind: ChangeKind;
  /** The record's version after this change. */
  version: number;
  actorId: string | null;
  at: At;
  changedFields: string[];
  /** Field key → new value, as the records API shows it. */
  values: Record<string, unknown>;
  /** Field key → previous value. */
  previous: Record<string, unknown>;
}

// Typed as a map so that a field added to the event and not here fails to compile.
const selected: Record<keyof RecordChangeEvent, true> = {
  changeId: true,
  object: true,
  recordId: true,
  kind: true,
  version: true,
  actorId: true,
  at: true,
  changedFields: true,
  values: true,
  previous: true,
};

/** Every field of the event, for a GraphQL selection that asks for all of them. */
export const recordChangeEventFields = Object.keys(selected) as (keyof RecordChangeEvent)[];
