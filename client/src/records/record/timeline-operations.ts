import { gql, type TypedDocumentNode } from '@apollo/client/core';

/** One timeline entry as the API sends it; `data`'s shape depends on `kind` (docs/api.md). */
export interface TimelineItem {
  id: string;
  kind: string;
  at: string;
  actorId: string | null;
  /** A member's name, or "Automation: <rule>" for a rule's writes. */
  actorName?: string | null;
  object: string;
  recordId: string;
  data: Record<string, unknown>;
}

export interface TimelinePage {
  nodes: TimelineItem[];
  hasNextPage: boolean;
  endCursor: string | null;
}

const itemFields = 'id kind at actorId actorName object recordId data';

export const TIMELINE: TypedDocumentNode<
  { timeline: TimelinePage; changeCursor: string },
  { object: string; recordId: string; first?: number; after?: string | null; kinds?: string[] | null }
> = gql`
  query Timeline($object: String!, $recordId: ID!, $first: Int, $after: String, $kinds: [String!]) {
    timeline(object: $object, recordId: $recordId, first: $first, after: $after, kinds: $kinds) {
      nodes { ${itemFields} }
      hasNextPage
      endCursor
    }
    changeCursor
  }
`;

export const TIMELINE_KINDS: TypedDocumentNode<{ timelineKinds: string[] }, Record<string, never>> = gql`
  query TimelineKinds {
    timelineKinds
  }
`;

export const TIMELINE_CHANGED: TypedDocumentNode<
  { timelineChanged: { item: TimelineItem; removed: boolean } },
  { object: string; recordId: string; after: string | null }
> = gql`
  subscription TimelineChanged($object: String!, $recordId: ID!, $after: String) {
    timelineChanged(object: $object, recordId: $recordId, after: $after) {
      item { ${itemFields} }
      removed
    }
  }
`;
