import { gql, type TypedDocumentNode } from '@apollo/client/core';

// Web forms and the ADF lead feed (docs/forms.md): the admin screen's documents.

export interface WebFormField {
  path: string;
  label: string | null;
  helpText: string | null;
  required: boolean;
  hidden: boolean;
  defaultValue: string | null;
}

export interface WebFormSettings {
  thankYouMessage: string;
  redirectUrl: string | null;
  consentText: string | null;
  recordName: string | null;
  personField: string | null;
  powDifficulty: number;
  updateRepeats: boolean;
  /** A follow-up form: opened by a signed link to one record (an automation's e-mail), it updates it. */
  updatesRecord: boolean;
}

export interface WebForm extends WebFormSettings {
  id: string;
  key: string | null;
  name: string;
  objectKey: string;
  fields: WebFormField[];
  enabled: boolean;
  hostedUrl: string;
  embedSnippet: string;
}

export type WebFormInput = Omit<WebForm, 'id' | 'key' | 'hostedUrl' | 'embedSnippet'>;

export interface WebFormSubmission {
  id: string;
  outcome: 'CREATED' | 'UPDATED' | 'SPAM' | 'REJECTED';
  reason: string | null;
  recordId: string | null;
  source: string | null;
  values: string;
  createdAt: string;
}

export interface LeadFeed {
  url: string;
  enabled: boolean;
}

export interface LeadFeedMessage {
  id: string;
  outcome: 'CREATED' | 'UPDATED' | 'REJECTED';
  reason: string | null;
  body: string;
  createdAt: string;
}

const webFormFields = gql`
  fragment WebFormFields on WebForm {
    id
    key
    name
    objectKey
    enabled
    hostedUrl
    embedSnippet
    thankYouMessage
    redirectUrl
    consentText
    recordName
    personField
    powDifficulty
    updateRepeats
    updatesRecord
    fields {
      path
      label
      helpText
      required
      hidden
      defaultValue
    }
  }
`;

export const WEB_FORMS: TypedDocumentNode<{ webForms: WebForm[] }> = gql`
  query WebForms {
    webForms {
      ...WebFormFields
    }
  }
  ${webFormFields}
`;

export const CREATE_WEB_FORM: TypedDocumentNode<{ createWebForm: WebForm }, { input: WebFormInput }> = gql`
  mutation CreateWebForm($input: WebFormInput!) {
    createWebForm(input: $input) {
      ...WebFormFields
    }
  }
  ${webFormFields}
`;

export const UPDATE_WEB_FORM: TypedDocumentNode<
  { updateWebForm: WebForm },
  { id: string; input: WebFormInput }
> = gql`
  mutation UpdateWebForm($id: ID!, $input: WebFormInput!) {
    updateWebForm(id: $id, input: $input) {
      ...WebFormFields
    }
  }
  ${webFormFields}
`;

export const DELETE_WEB_FORM: TypedDocumentNode<{ deleteWebForm: boolean }, { id: string }> = gql`
  mutation DeleteWebForm($id: ID!) {
    deleteWebForm(id: $id)
  }
`;

export const WEB_FORM_SUBMISSIONS: TypedDocumentNode<
  { webFormSubmissions: { nodes: WebFormSubmission[] } },
  { formId: string }
> = gql`
  query WebFormSubmissions($formId: ID!) {
    webFormSubmissions(formId: $formId, first: 50) {
      nodes {
        id
        outcome
        reason
        recordId
        source
        values
        createdAt
      }
    }
  }
`;

export const LEAD_FEED: TypedDocumentNode<{ leadFeed: LeadFeed | null }> = gql`
  query LeadFeed {
    leadFeed {
      url
      enabled
    }
  }
`;

export const ROTATE_LEAD_FEED_URL: TypedDocumentNode<{ rotateLeadFeedUrl: LeadFeed }> = gql`
  mutation RotateLeadFeedUrl {
    rotateLeadFeedUrl {
      url
      enabled
    }
  }
`;

export const LEAD_FEED_MESSAGES: TypedDocumentNode<{ leadFeedMessages: { nodes: LeadFeedMessage[] } }> = gql`
  query LeadFeedMessages {
    leadFeedMessages(first: 50) {
      nodes {
        id
        outcome
        reason
        body
        createdAt
      }
    }
  }
`;

/** A form back as the input that saves it (its switch or settings changed). */
export function inputOf(form: WebForm, patch: Partial<WebFormInput> = {}): WebFormInput {
  const { id: _id, key: _key, hostedUrl: _h, embedSnippet: _e, ...input } = form;
  return { ...input, fields: form.fields.map((f) => ({ ...f })), ...patch };
}
