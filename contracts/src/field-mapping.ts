/**
 * Whether one field's stored value may be copied into another field as it is (lead
 * conversion's maps): the server refuses a map that breaks this, and the client's editor
 * offers and suggests only the pairs it allows. Types as the field-type registry names them.
 */

export interface MappedField {
  type: string;
  /** SELECT / MULTI_SELECT: the option keys. */
  choices?: readonly string[] | null;
  /** RELATION: the target object's key and the relation's kind. */
  relationTarget?: string | null;
  relationKind?: string | null;
}

/** Plain text of any kind fits a TEXT field; e-mail, phone and URL keep their own checks. */
const plainTextSources = new Set(['TEXT', 'EMAIL', 'PHONE', 'URL']);

/** Why `from`'s value cannot fill `to`, or null when it can. */
export function fieldFillIssue(from: MappedField, to: MappedField): string | null {
  if (to.type === 'TEXT' && plainTextSources.has(from.type)) return null;
  if (to.type === 'LONG_TEXT' && (plainTextSources.has(from.type) || from.type === 'LONG_TEXT')) return null;
  if (from.type !== to.type) return `a ${from.type} field cannot fill a ${to.type} field`;
  if (to.type === 'RELATION') {
    if (from.relationTarget !== to.relationTarget || from.relationKind !== to.relationKind)
      return `the relations point at different objects`;
    if (to.relationKind !== 'MANY_TO_ONE') return 'only to-one relations are copied';
  }
  if (to.type === 'SELECT' || to.type === 'MULTI_SELECT') {
    const missing = (from.choices ?? []).filter((c) => !(to.choices ?? []).includes(c));
    if (missing.length) return `the options ${missing.join(', ')} are not options of the target`;
  }
  if (to.type === 'STAGE') return 'stages are set by the target’s own pipeline';
  return null;
}
