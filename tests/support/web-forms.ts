import type { TestClient } from './client.js';

// Web forms over the admin API, and posts to their public door as a browser or a site would.

export const webFormFields = /* GraphQL */ `
  id
  name
  objectKey
  enabled
  hostedUrl
  embedSnippet
  fields { path label required hidden defaultValue }
`;

export interface CreatedForm {
  id: string;
  hostedUrl: string;
  embedSnippet: string;
}

export async function createWebForm(
  client: TestClient,
  input: Record<string, unknown>,
): Promise<CreatedForm> {
  const { createWebForm } = await client.data<{ createWebForm: CreatedForm }>(
    `mutation ($input: WebFormInput!) { createWebForm(input: $input) { ${webFormFields} } }`,
    { input },
  );
  return createWebForm;
}

export interface LoggedSubmission {
  outcome: string;
  reason: string | null;
  recordId: string | null;
  personId: string | null;
  source: string | null;
}

export async function submissionsOf(client: TestClient, formId: string): Promise<LoggedSubmission[]> {
  const { webFormSubmissions } = await client.data<{ webFormSubmissions: { nodes: LoggedSubmission[] } }>(
    `query ($id: ID!) { webFormSubmissions(formId: $id, first: 50) { nodes { outcome reason recordId personId source } } }`,
    { id: formId },
  );
  return webFormSubmissions.nodes;
}

/** A plain HTML form post (no JavaScript), as a browser sends it. */
export function postForm(url: string, values: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...headers },
    body: new URLSearchParams(values).toString(),
    redirect: 'manual',
  });
}

export function postJson(url: string, values: Record<string, unknown>, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(values),
  });
}
