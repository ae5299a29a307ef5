import { gql, type TypedDocumentNode } from '@apollo/client/core';

/** A comment of a record's thread; mentions are `<@userId>` tokens in `body` (docs/comments.md). */
export interface Comment {
  id: string;
  authorId: string | null;
  authorName: string | null;
  body: string;
  mentions: { userId: string; name: string }[];
  createdAt: string;
  editedAt: string | null;
}

export interface CommentPage {
  nodes: Comment[];
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: number;
}

export interface CommentChangeEvent {
  kind: 'ADDED' | 'EDITED' | 'DELETED';
  commentId: string;
  comment: Comment | null;
}

const fields = `id authorId authorName body mentions { userId name } createdAt editedAt`;

interface ThreadVariables {
  object: string;
  recordId: string;
}

export const COMMENTS_QUERY: TypedDocumentNode<
  { comments: CommentPage; followingRecord: boolean; commentsCursor: string },
  ThreadVariables & { first: number; after?: string | null }
> = gql`
  query Comments($object: String!, $recordId: ID!, $first: Int!, $after: String) {
    comments(object: $object, recordId: $recordId, first: $first, after: $after) {
      nodes { ${fields} }
      hasNextPage
      endCursor
      totalCount
    }
    followingRecord(object: $object, recordId: $recordId)
    commentsCursor: changeCursor
  }
`;

export const COMMENT_CHANGED: TypedDocumentNode<
  { commentChanged: CommentChangeEvent },
  ThreadVariables & { after: string | null }
> = gql`
  subscription CommentChanged($object: String!, $recordId: ID!, $after: String) {
    commentChanged(object: $object, recordId: $recordId, after: $after) {
      kind
      commentId
      comment { ${fields} }
    }
  }
`;

export const ADD_COMMENT: TypedDocumentNode<{ addComment: Comment }, ThreadVariables & { body: string }> =
  gql`
  mutation AddComment($object: String!, $recordId: ID!, $body: String!) {
    addComment(object: $object, recordId: $recordId, body: $body) { ${fields} }
  }
`;

export const EDIT_COMMENT: TypedDocumentNode<{ editComment: Comment }, { id: string; body: string }> = gql`
  mutation EditComment($id: ID!, $body: String!) {
    editComment(id: $id, body: $body) { ${fields} }
  }
`;

export const DELETE_COMMENT: TypedDocumentNode<{ deleteComment: string }, { id: string }> = gql`
  mutation DeleteComment($id: ID!) {
    deleteComment(id: $id)
  }
`;

export const FOLLOW_RECORD: TypedDocumentNode<{ followRecord: boolean }, ThreadVariables> = gql`
  mutation FollowRecord($object: String!, $recordId: ID!) {
    followRecord(object: $object, recordId: $recordId)
  }
`;

export const UNFOLLOW_RECORD: TypedDocumentNode<{ unfollowRecord: boolean }, ThreadVariables> = gql`
  mutation UnfollowRecord($object: String!, $recordId: ID!) {
    unfollowRecord(object: $object, recordId: $recordId)
  }
`;
