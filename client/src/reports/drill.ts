import type { RouteLocationRaw } from 'vue-router';

/**
 * Where a drill-down goes: the object's records table narrowed by the bucket's filter
 * (the records API's filter, carried in the address so the page can be shared).
 */
export function drillRoute(objectKey: string, filter: unknown, title?: string): RouteLocationRaw {
  return {
    name: 'records',
    params: { object: objectKey },
    query: { filter: JSON.stringify(filter), ...(title ? { from: title } : {}) },
  };
}
