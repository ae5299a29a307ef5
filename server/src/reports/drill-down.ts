import { BadInput } from '../platform/index.js';
import type { RecordFilter } from '../records/index.js';
import type { DashboardFilters, ReportDefinition } from './model.js';
import { resolveReport, type FieldRef, type ResolvedGroup } from './resolve.js';
import { dashboardFilters, reportConditions, type ReportReader } from './run.js';

/**
 * The records behind one cell of a report, as a view filter (the records API's `filter`): the
 * report's filter, the dashboard's, and one condition per group-by key. A date bucket becomes
 * `{gte: first instant, lt: next bucket's}` in the report's time zone.
 */
export async function drillDownFilter(
  reader: ReportReader,
  definition: ReportDefinition,
  dashboard: DashboardFilters | null,
  keys: (string | null)[],
  currency?: string | null,
): Promise<{ object: string; filter: RecordFilter }> {
  const report = resolveReport(reader.metadata, definition, ['definition']);
  if (keys.length !== report.groups.length)
    throw new BadInput(['keys'], `keys: one per group-by (${report.groups.length}), null for an empty one.`);
  const parts: RecordFilter[] = [];
  if (definition.filter) parts.push(definition.filter);
  for (const { filter } of dashboardFilters(report, dashboard)) parts.push(filter);
  for (const [i, group] of report.groups.entries())
    parts.push(await keyFilter(reader, group, keys[i] ?? null, report.timeZone, ['keys', String(i)]));
  // A money report's cell is one currency's: its records are that currency's only.
  if (report.currency && currency !== undefined) parts.push(currencyFilter(report.currency, currency));
  const filter: RecordFilter = parts.length === 1 ? parts[0]! : { and: parts };
  // What the client will send back must compile: checked here with the same compiler.
  reportConditions(reader, { ...report, definition: { ...definition, filter } }, null, ['keys']);
  return { object: report.object.key, filter };
}

/** The records whose money is in `code` (null: without an amount). */
function currencyFilter(ref: FieldRef, code: string | null): RecordFilter {
  if (code !== null && !/^[A-Z]{3}$/.test(code))
    throw new BadInput(['currency'], 'currency: an ISO 4217 code as in ReportRow.currency, or null.');
  const own = ref.via ? ref.field.key : ref.path;
  const condition: RecordFilter = { [own]: code === null ? { isEmpty: true } : { currency: code } };
  if (!ref.via) return condition;
  const related: RecordFilter = { [ref.via.key]: { is: condition } };
  return code === null ? { or: [{ [ref.via.key]: { isEmpty: true } }, related] } : related;
}

async function keyFilter(
  reader: ReportReader,
  group: ResolvedGroup,
  key: string | null,
  timeZone: string,
  path: string[],
): Promise<RecordFilter> {
  const own = group.via ? group.field.key : group.path;
  const condition =
    key === null ? { isEmpty: true } : await valueCondition(reader, group, key, timeZone, path);
  if (!group.via) return { [own]: condition };
  const related: RecordFilter = { [group.via.key]: { is: { [own]: condition } } };
  // An empty key is also a record with no related record at all.
  return key === null ? { or: [{ [group.via.key]: { isEmpty: true } }, related] } : related;
}

async function valueCondition(
  reader: ReportReader,
  group: ResolvedGroup,
  key: string,
  timeZone: string,
  path: string[],
): Promise<Record<string, unknown>> {
  const { type } = group.field;
  if (group.bucket) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(key))
      throw new BadInput(path, 'A date bucket’s key is its first day, YYYY-MM-DD.');
    const unit = group.bucket.toLowerCase();
    if (type === 'DATE') {
      const [row] = await reader.em.execute<{ end: string }[]>(
        `select (?::date + interval '1 ${unit}')::date::text as end`,
        [key],
      );
      return { gte: key, lt: row!.end };
    }
    const [row] = await reader.em.execute<{ start: Date; end: Date }[]>(
      `select (?::timestamp at time zone ?) as start, ((?::timestamp + interval '1 ${unit}') at time zone ?) as end`,
      [key, timeZone, key, timeZone],
    );
    return { gte: new Date(row!.start).toISOString(), lt: new Date(row!.end).toISOString() };
  }
  if (type === 'NUMBER' || type === 'PERCENT' || type === 'RATING' || type === 'DURATION')
    return { eq: Number(key) };
  if (type === 'BOOLEAN') return { eq: key === 'true' };
  return { eq: key };
}
