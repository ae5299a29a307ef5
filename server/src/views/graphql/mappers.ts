import type { Language } from '@crm/contracts';
import { BadInput } from '../../platform/index.js';
import type { RecordFilter, SortInput } from '../../records/index.js';
import type { ViewKind, ViewPatch } from '../model.js';
import type { SavedView } from '../saved-view.js';
import type { CreateViewInput, UpdateViewInput } from './inputs.js';
import type { ViewObjectType } from './types.js';

/**
 * Input as a patch: what is left out stays. On create a null means the default; on update
 * it clears what can be cleared and is refused elsewhere (a view always has a name).
 */
export function toViewPatch(
  input: CreateViewInput | UpdateViewInput,
  nulls: 'default' | 'refuse',
): ViewPatch {
  const kept = <T>(key: string, value: T | null | undefined): T | undefined => {
    if (value !== null) return value;
    if (nulls === 'default') return undefined;
    throw new BadInput(['input', key], `${key}: cannot be null; leave it out to keep it.`);
  };
  const patch: ViewPatch = {};
  const set = <K extends keyof ViewPatch>(key: K, value: ViewPatch[K] | undefined) => {
    if (value !== undefined) patch[key] = value;
  };
  set('name', kept('name', input.name));
  set('type', kept('type', input.type) as ViewKind | undefined);
  set('shared', kept('shared', input.shared));
  set('pageSize', kept('pageSize', input.pageSize));
  set('position', kept('position', input.position));
  set(
    'fields',
    kept('fields', input.fields)?.map((f) => ({ key: f.key, width: f.width ?? null })),
  );
  set('filter', input.filter as RecordFilter | null | undefined);
  set('sort', input.sort as SortInput[] | null | undefined);
  set('groupByField', input.groupByField);
  set('calendarField', input.calendarField);
  return patch;
}

/** The model and its GraphQL type differ only in enum typing. */
/** A view as the API shows it: its name in the caller's language, and every name for admins. */
export const toViewObject = (view: SavedView, language: Language) =>
  ({
    ...view,
    name: view.translations[language]?.name || view.name,
    labels: { default: { name: view.name }, ...view.translations },
  }) as unknown as ViewObjectType;
