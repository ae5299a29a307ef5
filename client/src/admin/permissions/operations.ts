import { gql, type TypedDocumentNode } from '@apollo/client/core';

// Permission profiles, member assignments, teams and granting fields (docs/permissions.md):
// the admin screen's documents.

export type AccessScope = 'NONE' | 'OWN' | 'TEAM' | 'ALL';
export const accessScopes: AccessScope[] = ['NONE', 'OWN', 'TEAM', 'ALL'];
export type FieldAccessLevel = 'HIDDEN' | 'READ_ONLY' | 'EDITABLE';
export const fieldAccessLevels: FieldAccessLevel[] = ['EDITABLE', 'READ_ONLY', 'HIDDEN'];

export interface ObjectRule {
  read: AccessScope;
  create: boolean;
  update: AccessScope;
  delete: AccessScope;
}

export interface PermissionProfile {
  id: string;
  /** "member" or "viewer" for the built-in ones. */
  builtin: string | null;
  name: string;
  defaultObject: ObjectRule;
  objects: (ObjectRule & { objectKey: string })[];
  fields: { objectKey: string; fieldKey: string; access: FieldAccessLevel }[];
}

export interface PermissionProfileInput {
  name: string;
  defaultObject: ObjectRule;
  objects: (ObjectRule & { objectKey: string })[];
  fields: { objectKey: string; fieldKey: string; access: FieldAccessLevel }[];
}

export interface Team {
  id: string;
  name: string;
  parentId: string | null;
  memberIds: string[];
}

const profileFields = gql`
  fragment PermissionProfileFields on PermissionProfile {
    id
    builtin
    name
    defaultObject {
      read
      create
      update
      delete
    }
    objects {
      objectKey
      read
      create
      update
      delete
    }
    fields {
      objectKey
      fieldKey
      access
    }
  }
`;

export const PERMISSION_PROFILES: TypedDocumentNode<{ permissionProfiles: PermissionProfile[] }> = gql`
  query PermissionProfiles {
    permissionProfiles {
      ...PermissionProfileFields
    }
  }
  ${profileFields}
`;

export const SAVE_PROFILE: TypedDocumentNode<
  { savePermissionProfile: PermissionProfile },
  { id: string | null; input: PermissionProfileInput }
> = gql`
  mutation SavePermissionProfile($id: ID, $input: PermissionProfileInput!) {
    savePermissionProfile(id: $id, input: $input) {
      ...PermissionProfileFields
    }
  }
  ${profileFields}
`;

export const DELETE_PROFILE: TypedDocumentNode<{ deletePermissionProfile: boolean }, { id: string }> = gql`
  mutation DeletePermissionProfile($id: ID!) {
    deletePermissionProfile(id: $id)
  }
`;

export const MEMBER_PROFILES: TypedDocumentNode<{
  memberProfiles: { userId: string; profileId: string | null }[];
}> = gql`
  query MemberProfiles {
    memberProfiles {
      userId
      profileId
    }
  }
`;

export const ASSIGN_PROFILE: TypedDocumentNode<
  { assignMemberProfile: boolean },
  { userId: string; profileId: string | null }
> = gql`
  mutation AssignMemberProfile($userId: ID!, $profileId: ID) {
    assignMemberProfile(userId: $userId, profileId: $profileId)
  }
`;

export const TEAMS: TypedDocumentNode<{ teams: Team[] }> = gql`
  query Teams {
    teams {
      id
      name
      parentId
      memberIds
    }
  }
`;

export const SAVE_TEAM: TypedDocumentNode<
  { saveTeam: Team },
  { id: string | null; input: { name: string; parentId: string | null; memberIds: string[] } }
> = gql`
  mutation SaveTeam($id: ID, $input: TeamInput!) {
    saveTeam(id: $id, input: $input) {
      id
      name
      parentId
      memberIds
    }
  }
`;

export const DELETE_TEAM: TypedDocumentNode<{ deleteTeam: boolean }, { id: string }> = gql`
  mutation DeleteTeam($id: ID!) {
    deleteTeam(id: $id)
  }
`;

export const GRANTING_FIELDS: TypedDocumentNode<{
  grantingFields: { objectKey: string; fieldKeys: string[] }[];
}> = gql`
  query GrantingFields {
    grantingFields {
      objectKey
      fieldKeys
    }
  }
`;

export const SET_GRANTING_FIELDS: TypedDocumentNode<
  { setGrantingFields: boolean },
  { objectKey: string; fieldKeys: string[] }
> = gql`
  mutation SetGrantingFields($objectKey: String!, $fieldKeys: [String!]!) {
    setGrantingFields(objectKey: $objectKey, fieldKeys: $fieldKeys)
  }
`;
