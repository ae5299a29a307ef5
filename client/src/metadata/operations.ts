import { gql, type TypedDocumentNode } from '@apollo/client/core';
import type { ApiOperator, FieldType } from './field-type-names';

// The type names live in the client's field-type registry.
export type { FieldType } from './field-type-names';

export type RelationKind = 'MANY_TO_ONE' | 'ONE_TO_MANY' | 'MANY_TO_MANY';

export interface Choice {
  key: string;
  label: string;
  color: string;
  position: number;
}

export interface Pipeline {
  key: string;
  label: string;
  /** OPEN stages, then the closing ones: WON or LOST. */
  stages: { key: string; label: string; color: string; kind: 'OPEN' | 'WON' | 'LOST' }[];
}

export interface FieldDef {
  id: string;
  key: string;
  label: string;
  type: FieldType;
  position: number;
  required: boolean;
  readOnly: boolean;
  system: boolean;
  filterable: boolean;
  /** The filter operators the server accepts for this field. */
  operators: ApiOperator[];
  sortable: boolean;
  /** The records API sorts by it (sortable, and its type orders). */
  canSort: boolean;
  helpText: string | null;
  defaultValue: unknown;
  settings: {
    choices: Choice[] | null;
    defaultCurrency: string | null;
    max: number | null;
    precision: number | null;
    /** NUMBER: false shows values without thousands separators (a year: 2018); null for other types. */
    grouping: boolean | null;
    /** TEXT: the format values must have (VIN), null for any text. */
    format: 'VIN' | null;
    /** TEXT of format VIN: the fields its decoding fills when they are empty. */
    fills: { make: string | null; modelYear: string | null } | null;
    pipelines: Pipeline[] | null;
    relation: { kind: RelationKind; targetObjectKey: string; inverseFieldKey: string | null } | null;
  };
}

export interface ObjectDef {
  id: string;
  key: string;
  pluralKey: string;
  typeName: string;
  labelSingular: string;
  labelPlural: string;
  icon: string | null;
  labelFieldKey: string | null;
  fields: FieldDef[];
}

export const OBJECTS_QUERY: TypedDocumentNode<{ objects: ObjectDef[] }, Record<string, never>> = gql`
  query Objects {
    objects {
      id
      key
      pluralKey
      typeName
      labelSingular
      labelPlural
      icon
      labelFieldKey
      fields {
        id
        key
        label
        type
        position
        required
        readOnly
        system
        filterable
        operators
        sortable
        canSort
        helpText
        defaultValue
        settings {
          choices {
            key
            label
            color
            position
          }
          defaultCurrency
          max
          precision
          grouping
          format
          fills {
            make
            modelYear
          }
          pipelines {
            key
            label
            stages {
              key
              label
              color
              kind
            }
          }
          relation {
            kind
            targetObjectKey
            inverseFieldKey
          }
        }
      }
    }
  }
`;

export const METADATA_CHANGED: TypedDocumentNode<{ metadataChanged: { version: number } }> = gql`
  subscription MetadataChanged {
    metadataChanged {
      version
    }
  }
`;
