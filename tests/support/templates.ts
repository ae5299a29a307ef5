import { readFileSync } from 'node:fs';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SignedUpUser } from './client.js';

/**
 * The version a shipped template's file says (`templates/<key>/template.yaml`), so tests of
 * installs and upgrades follow the file instead of naming a number each bump must edit.
 */
export function shippedTemplateVersion(key: string): number {
  const file = fileURLToPath(new URL(`../../templates/${key}/template.yaml`, import.meta.url));
  const match = /^version: (\d+)$/m.exec(readFileSync(file, 'utf8'));
  if (!match) throw new Error(`templates/${key}/template.yaml has no version line`);
  return Number(match[1]);
}

/**
 * A shipped template's text relabelled as an earlier `version`, for tests that publish older
 * versions of it: its upgrade data steps (`migrations`) belong to later versions and go.
 */
export function asEarlierVersion(text: string, version: number): string {
  return text
    .replace(/^version: \d+$/m, `version: ${version}`)
    .replace(/^migrations:\n(?:[ \t].*(?:\n|$))*/m, '');
}

/** Copies a shipped template's folder (its file and its sample photos) to `dir/<key>/`. */
export async function copyShippedTemplate(key: string, dir: string): Promise<void> {
  const folder = fileURLToPath(new URL(`../../templates/${key}/`, import.meta.url));
  await cp(folder, path.join(dir, key), { recursive: true });
}

/**
 * Serves `text`, a version of template `key` published before it had translations, from
 * `dir/<key>/`: the folder's `translations/` goes, since its files name parts that version lacks.
 */
export async function publishUntranslated(dir: string, key: string, text: string): Promise<void> {
  await mkdir(path.join(dir, key), { recursive: true });
  await rm(path.join(dir, key, 'translations'), { recursive: true, force: true });
  await writeFile(path.join(dir, key, 'template.yaml'), text);
}

/** What an install did: the versions and its steps. */
export interface InstallPlan {
  fromVersion: number | null;
  toVersion: number;
  steps: { action: string; target: string }[];
}

/** Installs (or upgrades to) the published version of template `key` in the user's workspace. */
export async function installTemplateAs(
  user: SignedUpUser,
  key: string,
  withSampleData: boolean,
): Promise<InstallPlan> {
  const data = await user.client.data<{ installTemplate: InstallPlan }>(
    `mutation ($key: String!, $withSampleData: Boolean!) {
      installTemplate(key: $key, withSampleData: $withSampleData) { fromVersion toVersion steps { action target } }
    }`,
    { key, withSampleData },
  );
  return data.installTemplate;
}

/** The id of the record named `name`, read through the list query `type` (`people`, `deals`). */
export async function idOf(user: SignedUpUser, type: string, name: string): Promise<string> {
  const data = await user.client.data<Record<string, { nodes: { id: string }[] }>>(
    `query ($name: String!) { ${type}(filter: { name: { eq: $name } }) { nodes { id } } }`,
    { name },
  );
  return Object.values(data)[0]!.nodes[0]!.id;
}

export interface TaskSummary {
  name: string;
  dueAt: string | null;
  assigneeId: string | null;
  dealId: string | null;
}

/** The workspace's tasks (the first 100): what rules created, due when, for whom. */
export async function taskSummaries(user: SignedUpUser): Promise<TaskSummary[]> {
  const { tasks } = await user.client.data<{ tasks: { nodes: TaskSummary[] } }>(
    `query { tasks(first: 100) { nodes { name dueAt assigneeId dealId } } }`,
  );
  return tasks.nodes;
}
