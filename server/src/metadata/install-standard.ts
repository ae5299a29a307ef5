import { Conflict } from '../platform/index.js';
import { pluralOf } from './keys.js';
import type { WorkspaceMetadata } from './model.js';
import { addObject, type NewObject } from './objects.js';
import { standardObjects } from './standard-objects.js';
import type { MetadataTx } from './transaction.js';

export interface StandardObjectsPlan {
  /** Standard objects the workspace lacks, in the order they are added (targets of relations first). */
  missing: NewObject[];
  /** Keys of the standard objects it has (archived ones included: an admin's archive stands). */
  present: string[];
}

/**
 * What adding the standard objects to an existing workspace would do. An admin's own object
 * holding a standard object's key or plural key refuses the whole install (CONFLICT naming
 * both), so nothing is added beside it under a key the quotes module would then misread.
 */
export function planStandardObjects(metadata: WorkspaceMetadata): StandardObjectsPlan {
  const plan: StandardObjectsPlan = { missing: [], present: [] };
  for (const object of standardObjects) {
    const pluralKey = object.pluralKey ?? pluralOf(object.key);
    const same = metadata.objects.find((o) => o.key === object.key);
    if (same?.standard) {
      plan.present.push(object.key);
      continue;
    }
    const keys = [object.key, pluralKey];
    const clash = same ?? metadata.objects.find((o) => keys.includes(o.key) || keys.includes(o.pluralKey));
    if (clash)
      throw new Conflict(
        `Your object “${clash.labelSingular}” (key “${clash.key}”, plural “${clash.pluralKey}”) holds the key of the standard object “${object.key}”, so the standard objects cannot be added: keep using yours, or ask for it to be migrated.`,
        { reason: 'STANDARD_OBJECT_CLASH', standardObject: object.key, clashingObject: clash.key },
      );
    plan.missing.push(object);
  }
  return plan;
}

/** Adds the missing standard objects (their tables, fields and relations), in the caller's metadata transaction. */
export async function installStandardObjects(tx: MetadataTx): Promise<StandardObjectsPlan> {
  const plan = planStandardObjects(tx.metadata);
  for (const object of plan.missing)
    await addObject(tx, {
      ...object,
      standard: true,
      fields: object.fields?.map((f) => ({ ...f, standard: true })),
    });
  return plan;
}
