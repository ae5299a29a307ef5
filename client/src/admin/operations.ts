import { gql, type TypedDocumentNode } from '@apollo/client/core';
import { type BoardStage, stageFields, type StageKind } from '../boards/operations';
import type { Choice, FieldType, RelationKind } from '../metadata';

// Admin documents (docs/metadata.md, docs/pipelines.md, docs/views.md and docs/api.md
// "Authentication, workspaces and roles"): what the admin screens read and write.

export type OnDelete = 'RESTRICT' | 'SET_NULL' | 'CASCADE';

export interface AdminPipeline {
  key: string;
  label: string;
  stages: BoardStage[];
}

export interface AdminField {
  id: string;
  key: string;
  label: string;
  type: FieldType;
  position: number;
  required: boolean;
  unique: boolean;
  readOnly: boolean;
  system: boolean;
  standard: boolean;
  helpText: string | null;
  defaultValue: unknown;
  archivedAt: string | null;
  settings: {
    choices: Choice[] | null;
    defaultCurrency: string | null;
    max: number | null;
    precision: number | null;
    grouping: boolean | null;
    pipelines: AdminPipeline[] | null;
    relation: {
      kind: RelationKind;
      targetObjectKey: string;
      inverseFieldKey: string | null;
      onDelete: OnDelete | null;
    } | null;
  };
}

export interface AdminObject {
  id: string;
  key: string;
  pluralKey: string;
  labelSingular: string;
  labelPlural: string;
  icon: string | null;
  description: string | null;
  labelFieldKey: string | null;
  standard: boolean;
  archivedAt: string | null;
  fields: AdminField[];
  archivedFields: AdminField[];
}

const fieldSelection = `
  id
  key
  label
  type
  position
  required
  unique
  readOnly
  system
  standard
  helpText
  defaultValue
  archivedAt
  settings {
    choices { key label color position }
    defaultCurrency
    max
    precision
    grouping
    pipelines { key label stages { ${stageFields} } }
    relation { kind targetObjectKey inverseFieldKey onDelete }
  }
`;

const objectSelection = `
  id
  key
  pluralKey
  labelSingular
  labelPlural
  icon
  description
  labelFieldKey
  standard
  archivedAt
  fields { ${fieldSelection} }
  archivedFields { ${fieldSelection} }
`;

export const ADMIN_OBJECTS: TypedDocumentNode<{ objects: AdminObject[] }, Record<string, never>> = gql`
  query AdminObjects {
    objects(includeArchived: true) {
      ${objectSelection}
    }
  }
`;

export const CREATE_OBJECT = gql`
  mutation AdminCreateObject($input: CreateObjectInput!) {
    createObject(input: $input) {
      id
      key
    }
  }
`;
export const UPDATE_OBJECT = gql`
  mutation AdminUpdateObject($object: String!, $input: UpdateObjectInput!) {
    updateObject(object: $object, input: $input) {
      id
      key
    }
  }
`;
export const ARCHIVE_OBJECT = gql`
  mutation AdminArchiveObject($object: String!) {
    archiveObject(object: $object) {
      id
      archivedAt
    }
  }
`;
export const RESTORE_OBJECT = gql`
  mutation AdminRestoreObject($object: String!) {
    restoreObject(object: $object) {
      id
      archivedAt
    }
  }
`;

export const CREATE_FIELD = gql`
  mutation AdminCreateField($input: CreateFieldInput!) {
    createField(input: $input) {
      id
      key
    }
  }
`;
export const UPDATE_FIELD = gql`
  mutation AdminUpdateField($id: ID!, $input: UpdateFieldInput!) {
    updateField(id: $id, input: $input) {
      id
    }
  }
`;
export const ARCHIVE_FIELD = gql`
  mutation AdminArchiveField($id: ID!) {
    archiveField(id: $id) {
      id
      archivedAt
    }
  }
`;
export const RESTORE_FIELD = gql`
  mutation AdminRestoreField($id: ID!) {
    restoreField(id: $id) {
      id
      archivedAt
    }
  }
`;

export interface StageInput {
  key?: string;
  label?: string;
  color?: string;
  kind?: StageKind;
  probability?: number;
  requiredFields?: string[];
  wipLimit?: number;
}

const pipelineSelection = `key label stages { ${stageFields} }`;

export const CREATE_PIPELINE = gql`
  mutation AdminCreatePipeline($input: CreatePipelineInput!) { createPipeline(input: $input) { ${pipelineSelection} } }
`;
export const RENAME_PIPELINE = gql`
  mutation AdminRenamePipeline($object: String!, $pipeline: String!, $label: String!) {
    renamePipeline(object: $object, pipeline: $pipeline, label: $label) { ${pipelineSelection} }
  }
`;
export const ADD_STAGE = gql`
  mutation AdminAddStage($object: String!, $pipeline: String!, $input: StageInput!, $before: String) {
    addStage(object: $object, pipeline: $pipeline, input: $input, before: $before) { ${pipelineSelection} }
  }
`;
/** A condition a record must meet to enter a stage (a filter; `deadlineField` shown with a refusal). */
export interface StageCondition {
  label: string;
  filter: unknown;
  deadlineField: string | null;
}

/**
 * One object's stages with their entry conditions: read apart, when the conditions editor opens,
 * as every object's at once would cost more than the API allows.
 */
export const STAGE_CONDITIONS: TypedDocumentNode<
  {
    object: {
      fields: {
        key: string;
        settings: { pipelines: { stages: { key: string; requires: StageCondition[] }[] }[] | null };
      }[];
    } | null;
  },
  { object: string }
> = gql`
  query AdminStageConditions($object: String!) {
    object(key: $object) {
      fields {
        key
        settings {
          pipelines {
            stages {
              key
              requires {
                label
                filter
                deadlineField
              }
            }
          }
        }
      }
    }
  }
`;

export const UPDATE_STAGE = gql`
  mutation AdminUpdateStage($object: String!, $stage: String!, $input: UpdateStageInput!) {
    updateStage(object: $object, stage: $stage, input: $input) { ${pipelineSelection} }
  }
`;
export const REORDER_STAGES = gql`
  mutation AdminReorderStages($object: String!, $pipeline: String!, $stageKeys: [String!]!) {
    reorderStages(object: $object, pipeline: $pipeline, stageKeys: $stageKeys) { ${pipelineSelection} }
  }
`;
export const REMOVE_STAGE = gql`
  mutation AdminRemoveStage($object: String!, $stage: String!, $moveRecordsTo: String) {
    removeStage(object: $object, stage: $stage, moveRecordsTo: $moveRecordsTo) {
      movedRecords
    }
  }
`;

export interface Invitation {
  id: string;
  email: string;
  role: string;
  expiresAt: string;
}

export const INVITATIONS: TypedDocumentNode<{ invitations: Invitation[] }, Record<string, never>> = gql`
  query AdminInvitations {
    invitations {
      id
      email
      role
      expiresAt
    }
  }
`;
export const INVITE_MEMBER = gql`
  mutation AdminInviteMember($input: InviteMemberInput!) {
    inviteMember(input: $input) {
      token
      invitation {
        id
        email
        role
        expiresAt
      }
    }
  }
`;
export const REVOKE_INVITATION = gql`
  mutation AdminRevokeInvitation($id: ID!) {
    revokeInvitation(id: $id)
  }
`;
export const UPDATE_MEMBER_ROLE = gql`
  mutation AdminUpdateMemberRole($input: UpdateMemberRoleInput!) {
    updateMemberRole(input: $input) {
      role
      user {
        id
      }
    }
  }
`;
export const REMOVE_MEMBER = gql`
  mutation AdminRemoveMember($userId: ID!) {
    removeMember(userId: $userId)
  }
`;

export interface AdminView {
  id: string;
  name: string;
  type: string;
  shared: boolean;
  editable: boolean;
  owner: { id: string; name: string };
}

export const ADMIN_VIEWS: TypedDocumentNode<{ views: AdminView[] }, { object: string }> = gql`
  query AdminViews($object: String!) {
    views(object: $object) {
      id
      name
      type
      shared
      editable
      owner {
        id
        name
      }
    }
  }
`;
export const SHARE_VIEW = gql`
  mutation AdminShareView($id: ID!, $shared: Boolean!) {
    updateView(id: $id, input: { shared: $shared }) {
      id
      shared
    }
  }
`;

// Templates (the templates module's contract, admins only).
export interface TemplateSummary {
  key: string;
  name: string;
  description: string;
  version: number;
  installedVersion: number | null;
  hasSampleData: boolean;
  /** Its sample records still untouched in this workspace. */
  sampleRecordCount: number;
}

export interface TemplatePlan {
  key: string;
  fromVersion: number | null;
  toVersion: number;
  upToDate: boolean;
  steps: { action: string; target: string; description: string }[];
}

const planSelection = `key fromVersion toVersion upToDate steps { action target description }`;

export const TEMPLATES: TypedDocumentNode<{ templates: TemplateSummary[] }, Record<string, never>> = gql`
  query AdminTemplates {
    templates {
      key
      name
      description
      version
      installedVersion
      hasSampleData
      sampleRecordCount
    }
  }
`;
export const TEMPLATE_PLAN: TypedDocumentNode<
  { templatePlan: TemplatePlan },
  { key: string; withSampleData: boolean }
> = gql`
  query AdminTemplatePlan($key: String!, $withSampleData: Boolean!) {
    templatePlan(key: $key, withSampleData: $withSampleData) { ${planSelection} }
  }
`;
export const INSTALL_TEMPLATE: TypedDocumentNode<
  { installTemplate: TemplatePlan },
  { key: string; withSampleData: boolean }
> = gql`
  mutation AdminInstallTemplate($key: String!, $withSampleData: Boolean!) {
    installTemplate(key: $key, withSampleData: $withSampleData) { ${planSelection} }
  }
`;
export const REMOVE_SAMPLE_DATA: TypedDocumentNode<{ removeTemplateSampleData: number }, { key: string }> =
  gql`
    mutation AdminRemoveSampleData($key: String!) {
      removeTemplateSampleData(key: $key)
    }
  `;

// Reminders (docs/jobs-and-notifications.md): an admin's rules per DATE/DATETIME field.
export interface ReminderRule {
  id: string;
  object: string;
  field: string;
  minutesBefore: number;
  timeOfDay: string | null;
  recipients: string[];
  doneField: string | null;
  doneValues: string[];
}
export interface ReminderRuleInput {
  minutesBefore: number;
  timeOfDay: string | null;
  recipients: string[];
  doneField: string | null;
  doneValues: string[] | null;
}
const reminderRuleFields = 'id object field minutesBefore timeOfDay recipients doneField doneValues';
export const REMINDER_RULES: TypedDocumentNode<{ reminderRules: ReminderRule[] }, { object: string }> = gql`
  query AdminReminderRules($object: String!) {
    reminderRules(object: $object) { ${reminderRuleFields} }
  }
`;
export const SET_REMINDER_RULES: TypedDocumentNode<
  { setReminderRules: ReminderRule[] },
  { object: string; field: string; rules: ReminderRuleInput[] }
> = gql`
  mutation AdminSetReminderRules($object: String!, $field: String!, $rules: [ReminderRuleInput!]!) {
    setReminderRules(object: $object, field: $field, rules: $rules) { ${reminderRuleFields} }
  }
`;

export const WORKSPACE_SECURITY: TypedDocumentNode<
  { workspace: { id: string; requireTwoFactor: boolean } },
  Record<string, never>
> = gql`
  query WorkspaceSecurity {
    workspace {
      id
      requireTwoFactor
    }
  }
`;

export const SET_REQUIRE_TWO_FACTOR: TypedDocumentNode<
  { setRequireTwoFactor: { id: string; requireTwoFactor: boolean } },
  { required: boolean }
> = gql`
  mutation SetRequireTwoFactor($required: Boolean!) {
    setRequireTwoFactor(required: $required) {
      id
      requireTwoFactor
    }
  }
`;
