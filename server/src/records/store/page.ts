import type { PageLead } from '../query/null-split.js';
import type { Sql } from '../query/sql.js';

type Row = Record<string, unknown>;

/**
 * A page's rows: its first half alone when that has lately filled the shape's page and does so
 * now, else the whole statement. Either is one statement, so a page never mixes two snapshots.
 */
export async function readPage(
  run: (statement: Sql) => Promise<Row[]>,
  page: Sql,
  lead: PageLead | null,
  limit: number,
): Promise<Row[]> {
  if (lead?.outcome.filled) {
    const rows = await run(lead.statement);
    if (rows.length >= limit) return rows;
  }
  const rows = await run(page);
  if (lead) {
    // The first half filled the page when the page's last row is one of the first half's.
    const last = rows[limit - 1];
    lead.outcome.filled = last !== undefined && (last[lead.column] === null) === lead.emptyFirst;
  }
  return rows;
}
