import { gql, type TypedDocumentNode } from '@apollo/client/core';
import { workspaceSelection } from '../auth';

export interface PersonalDataErasure {
  object: string;
  recordId: string;
  fields: string[];
  relatedRecords: number;
  comments: number;
  emails: number;
}

export const ERASE_PERSONAL_DATA: TypedDocumentNode<
  { erasePersonalData: PersonalDataErasure },
  { object: string; recordId: string }
> = gql`
  mutation ErasePersonalData($object: String!, $recordId: ID!) {
    erasePersonalData(object: $object, recordId: $recordId) {
      object
      recordId
      fields
      relatedRecords
      comments
      emails
    }
  }
`;

/** The word an admin types to confirm an erasure: it cannot be undone. */
export const erasureConfirmation = 'ERASE';

/** A person's data as a ZIP from `GET /export/privacy/<object>/<id>.zip` (admins; audited). */
export async function fetchPersonalData(objectKey: string, recordId: string): Promise<Blob> {
  const workspace = workspaceSelection.selectedId.value;
  const response = await fetch(
    `/export/privacy/${encodeURIComponent(objectKey)}/${encodeURIComponent(recordId)}.zip`,
    { credentials: 'include', headers: workspace ? { 'x-workspace-id': workspace } : {} },
  );
  if (!response.ok) {
    const text = await response.text();
    let message = `Export failed (${response.status}).`;
    try {
      message = (JSON.parse(text) as { errors?: { message?: string }[] }).errors?.[0]?.message ?? message;
    } catch {
      // Not a GraphQL-shaped answer: keep the status.
    }
    throw new Error(message);
  }
  return response.blob();
}
