/**
 * SQL: the row was written by a transaction a snapshot (a `changeCursor`) did not see, by its
 * `changed_xid` column (stamped by the `stamp_changed_xid` trigger). One parameter: the snapshot.
 * A row of before the column existed (null) is older than any snapshot: not matched.
 */
export const writtenSince = (column: string): string =>
  `not pg_visible_in_snapshot(${column}, ?::pg_snapshot)`;
