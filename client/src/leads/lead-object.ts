import type { ObjectDef } from '../metadata';
import type { RatingModelEntry } from './operations';

/**
 * The object a new lead is made in: the first one whose rating model converts (the lead role),
 * else people; null while the objects are not read yet.
 */
export function leadObjectKey(models: RatingModelEntry[], objects: ObjectDef[]): string | null {
  const known = new Set(objects.map((o) => o.key));
  const lead = models.find((m) => m.converts && known.has(m.objectKey));
  if (lead) return lead.objectKey;
  return known.has('person') ? 'person' : (objects[0]?.key ?? null);
}
