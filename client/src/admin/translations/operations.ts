import { gql, type TypedDocumentNode } from '@apollo/client/core';

/** Labels as admins translate them: `default` and one entry per language (docs/i18n.md). */
export type LabelSet = Record<string, Record<string, unknown> | undefined>;

export interface TranslatableObject {
  key: string;
  labelPlural: string;
  labels: LabelSet;
  fields: { key: string; system: boolean; labels: LabelSet }[];
}

export interface TranslatableView {
  id: string;
  name: string;
  shared: boolean;
  labels: LabelSet;
}

export const TRANSLATABLE_OBJECTS: TypedDocumentNode<
  { objects: TranslatableObject[] },
  Record<string, never>
> = gql`
  query TranslatableObjects {
    objects {
      key
      labelPlural
      labels
      fields {
        key
        system
        labels
      }
    }
  }
`;

export const TRANSLATABLE_VIEWS: TypedDocumentNode<{ views: TranslatableView[] }, { object: string }> = gql`
  query TranslatableViews($object: String!) {
    views(object: $object) {
      id
      name
      shared
      labels
    }
  }
`;

export const SET_LABEL_TRANSLATIONS: TypedDocumentNode<
  { setLabelTranslations: { key: string } },
  { object: string; language: string; labels: unknown }
> = gql`
  mutation SetLabelTranslations($object: String!, $language: String!, $labels: JSON!) {
    setLabelTranslations(object: $object, language: $language, labels: $labels) {
      key
    }
  }
`;

export const TRANSLATE_VIEW: TypedDocumentNode<
  { translateView: { id: string } },
  { id: string; language: string; name: string }
> = gql`
  mutation TranslateView($id: ID!, $language: String!, $name: String!) {
    translateView(id: $id, language: $language, name: $name) {
      id
    }
  }
`;
