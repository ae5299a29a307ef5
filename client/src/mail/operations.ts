import { gql, type TypedDocumentNode } from '@apollo/client/core';

// E-mail templates and sending from a record (docs/email.md "Templates", "Send from a record").

export interface MailTemplate {
  id: string;
  object: string;
  name: string;
  subject: string;
  bodyHtml: string;
  bodyText: string | null;
}

export interface MailTemplateInput {
  object: string;
  name: string;
  subject: string;
  bodyHtml: string;
  bodyText: string | null;
}

export interface MergeField {
  path: string;
  label: string;
  type: string;
}

export interface MailPreview {
  subject: string;
  html: string;
  text: string;
  missing: string[];
}

export interface MailPreviewInput {
  object: string;
  recordId: string;
  templateId?: string | null;
  subject?: string | null;
  bodyHtml?: string | null;
  bodyText?: string | null;
}

export interface SendRecordMailInput {
  object: string;
  recordId: string;
  to: string;
  cc: string[];
  bcc: string[];
  ccMemberIds: string[];
  templateId: string | null;
  subject: string | null;
  body: string | null;
  /** Files of the record (its FILE and IMAGE fields), by id. */
  attachments: string[];
}

/** A file the record holds, offered as an attachment. */
export interface AttachableFile {
  id: string;
  name: string;
  size: number;
  contentType: string;
}

export const MAIL_ATTACHABLE_FILES: TypedDocumentNode<{ files: AttachableFile[] }, { ids: string[] }> = gql`
  query MailAttachableFiles($ids: [ID!]!) {
    files(ids: $ids) {
      id
      name
      size
      contentType
    }
  }
`;

const TEMPLATE_FIELDS = 'id object name subject bodyHtml bodyText';

export const MAIL_TEMPLATES: TypedDocumentNode<
  { mailTemplates: MailTemplate[] },
  { object?: string | null }
> = gql`
    query MailTemplates($object: String) {
      mailTemplates(object: $object) { ${TEMPLATE_FIELDS} }
    }
  `;

export const MAIL_MERGE_FIELDS: TypedDocumentNode<
  { mailTemplateMergeFields: MergeField[] },
  { object: string }
> = gql`
  query MailTemplateMergeFields($object: String!) {
    mailTemplateMergeFields(object: $object) {
      path
      label
      type
    }
  }
`;

export const MAIL_PREVIEW: TypedDocumentNode<
  { mailTemplatePreview: MailPreview },
  { input: MailPreviewInput }
> = gql`
  query MailTemplatePreview($input: MailTemplatePreviewInput!) {
    mailTemplatePreview(input: $input) {
      subject
      html
      text
      missing
    }
  }
`;

export const MAIL_RECIPIENTS: TypedDocumentNode<
  { mailTemplateRecipients: { address: string; label: string }[] },
  { object: string; recordId: string }
> = gql`
  query MailTemplateRecipients($object: String!, $recordId: ID!) {
    mailTemplateRecipients(object: $object, recordId: $recordId) {
      address
      label
    }
  }
`;

export const CREATE_MAIL_TEMPLATE: TypedDocumentNode<
  { createMailTemplate: MailTemplate },
  { input: MailTemplateInput }
> = gql`
  mutation CreateMailTemplate($input: MailTemplateInput!) {
    createMailTemplate(input: $input) { ${TEMPLATE_FIELDS} }
  }
`;

export const UPDATE_MAIL_TEMPLATE: TypedDocumentNode<
  { updateMailTemplate: MailTemplate },
  { id: string; input: MailTemplateInput }
> = gql`
  mutation UpdateMailTemplate($id: ID!, $input: MailTemplateInput!) {
    updateMailTemplate(id: $id, input: $input) { ${TEMPLATE_FIELDS} }
  }
`;

export const DELETE_MAIL_TEMPLATE: TypedDocumentNode<{ deleteMailTemplate: boolean }, { id: string }> = gql`
  mutation DeleteMailTemplate($id: ID!) {
    deleteMailTemplate(id: $id)
  }
`;

export const SEND_RECORD_MAIL: TypedDocumentNode<
  { sendRecordMail: { id: string; status: string } },
  { input: SendRecordMailInput }
> = gql`
  mutation SendRecordMail($input: SendRecordMailInput!) {
    sendRecordMail(input: $input) {
      id
      status
    }
  }
`;

/** "a@x.test, b@y.test" as a list (blanks dropped). */
export function addressList(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((a) => a.trim())
    .filter(Boolean);
}
