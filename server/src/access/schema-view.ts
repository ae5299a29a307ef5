import type { Role } from '../identity/index.js';
import type { WorkspaceMetadata } from '../metadata/index.js';
import { ruleFor, type Profile } from './model.js';
import type { AccessSnapshot } from './snapshot.js';

/** Archived-looking, so the schema builder leaves it out; the date is never shown. */
const hiddenSince = new Date(0);

/**
 * Which schema a caller gets: profiles that hide nothing share the workspace's full schema
 * (key ''); a profile that hides fields or objects gets its own, where they do not exist, so
 * they cannot be selected, filtered or sorted on.
 */
export function schemaViewKey(snapshot: AccessSnapshot, userId: string, role: Role): string {
  const profile = snapshot.profileOf(userId, role);
  return profile && hidesSomething(profile) ? `profile:${profile.id ?? profile.builtin}` : '';
}

function hidesSomething(profile: Profile): boolean {
  return (
    Object.values(profile.fields).includes('HIDDEN') ||
    profile.defaultObject.read === 'NONE' ||
    Object.values(profile.objects).some((r) => r.read === 'NONE')
  );
}

/** The metadata as `key`'s profile sees it: hidden fields and unreadable objects archived. */
export function metadataForView(
  snapshot: AccessSnapshot,
  metadata: WorkspaceMetadata,
  key: string,
): WorkspaceMetadata {
  if (!key) return metadata;
  const profile =
    snapshot.profiles.find((p) => `profile:${p.id ?? p.builtin}` === key) ??
    (key === 'profile:member' ? snapshot.builtin('member') : snapshot.builtin('viewer'));
  return {
    ...metadata,
    objects: metadata.objects.map((object) => ({
      ...object,
      archivedAt: object.archivedAt ?? (ruleFor(profile, object.id).read === 'NONE' ? hiddenSince : null),
      fields: object.fields.map((field) =>
        profile.fields[field.id] === 'HIDDEN' && !field.archivedAt
          ? { ...field, archivedAt: hiddenSince }
          : field,
      ),
    })),
  };
}
