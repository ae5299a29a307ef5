import type { LocationQuery } from 'vue-router';
import type { ApiFilter } from '../filters';

/** A drill-down's filter from the table's address (`?filter=<json>&from=<title>`); null when none or unreadable. */
export function drillFromQuery(query: LocationQuery): { filter: ApiFilter; from: string | null } | null {
  if (typeof query.filter !== 'string') return null;
  try {
    const filter: unknown = JSON.parse(query.filter);
    if (!filter || typeof filter !== 'object' || Array.isArray(filter)) return null;
    return { filter: filter as ApiFilter, from: typeof query.from === 'string' ? query.from : null };
  } catch {
    return null;
  }
}
