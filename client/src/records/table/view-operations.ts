import { gql, type TypedDocumentNode } from '@apollo/client/core';

/** A saved view (docs/views.md); the table shows the TABLE ones. */
export interface SavedView {
  id: string;
  name: string;
  type: 'TABLE' | 'BOARD' | 'CALENDAR';
  shared: boolean;
  editable: boolean;
  filter: unknown;
  sort: unknown;
  fields: { key: string; width: number | null }[];
  groupByField: string | null;
  /** The DATE or DATETIME field a CALENDAR view places its records by. */
  calendarField: string | null;
  pageSize: number;
  problems: string[];
}

export interface ViewInput {
  object?: string;
  name?: string;
  type?: 'TABLE';
  shared?: boolean;
  filter?: unknown;
  sort?: unknown;
  fields?: { key: string }[];
  groupByField?: string | null;
}

const viewFields = `
  id
  name
  type
  shared
  editable
  filter
  sort
  fields {
    key
    width
  }
  groupByField
  calendarField
  pageSize
  problems
`;

export const VIEWS_QUERY: TypedDocumentNode<{ views: SavedView[] }, { object: string }> = gql`
  query Views($object: String!) {
    views(object: $object) {
      ${viewFields}
    }
  }
`;

/** Every view you can see, of every object: the sidebar lists the calendars, My day reads them. */
export const ALL_VIEWS: TypedDocumentNode<
  { views: (Pick<SavedView, 'id' | 'name' | 'type' | 'calendarField'> & { object: string })[] },
  Record<string, never>
> = gql`
  query AllViews {
    views {
      id
      name
      type
      object
      calendarField
    }
  }
`;

export const CREATE_VIEW: TypedDocumentNode<{ createView: SavedView }, { input: ViewInput }> = gql`
  mutation CreateView($input: CreateViewInput!) {
    createView(input: $input) {
      ${viewFields}
    }
  }
`;

export const UPDATE_VIEW: TypedDocumentNode<{ updateView: SavedView }, { id: string; input: ViewInput }> =
  gql`
  mutation UpdateView($id: ID!, $input: UpdateViewInput!) {
    updateView(id: $id, input: $input) {
      ${viewFields}
    }
  }
`;

export const DELETE_VIEW: TypedDocumentNode<{ deleteView: boolean }, { id: string }> = gql`
  mutation DeleteView($id: ID!) {
    deleteView(id: $id)
  }
`;

export const VIEW_CHANGED: TypedDocumentNode<{ viewChanged: { kind: string; viewId: string } }> = gql`
  subscription ViewChanged {
    viewChanged {
      kind
      viewId
    }
  }
`;
