import { gql, type TypedDocumentNode } from '@apollo/client/core';
import { recordChangeEventFields, type RecordChangeEvent } from '@crm/contracts';

const changeFields = recordChangeEventFields.join('\n');

export const RECORD_CHANGED: TypedDocumentNode<
  { recordChanged: RecordChangeEvent },
  { object?: string; id?: string; after?: string | null }
> = gql`
  subscription RecordChanged($object: String, $id: ID, $after: String) {
    recordChanged(object: $object, id: $id, after: $after) {
      ${changeFields}
    }
  }
`;
