import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { hashPassword, Membership, Role, User, Workspace } from '../identity/index.js';
import { provisionWorkspace } from '../metadata/index.js';
import { installInTransaction, loadTemplate, TemplateInstallRow } from '../templates/index.js';
import { workspaceSchemaParts } from './database.js';
import type { AppServices } from './services.js';

export interface DemoLogin {
  email: string;
  password: string;
  workspace: string;
}

/** The demo user's workspaces, each with a template and its sample data. */
const demoWorkspaces = [
  { name: 'Demo Agency', template: 'real-estate' },
  { name: 'Demo Car Dealer', template: 'car-dealer' },
  { name: 'Demo Boat Dealer', template: 'boat-dealer' },
];

/**
 * Makes sure the demo account and its workspaces exist, each with its template
 * installed. The password is random on first start and kept in the data folder, so
 * the printed login stays valid. Starting again changes nothing.
 */
export async function ensureDemoWorkspace(
  orm: MikroORM,
  dataDir: string,
  services: AppServices,
): Promise<DemoLogin> {
  const file = path.join(dataDir, 'demo-login.json');
  let login: DemoLogin;
  if (existsSync(file)) {
    login = JSON.parse(await readFile(file, 'utf8')) as DemoLogin;
  } else {
    login = {
      email: 'demo@example.com',
      password: randomBytes(9).toString('base64url'),
      workspace: 'Demo Agency',
    };
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, JSON.stringify(login, null, 2), { mode: 0o600 });
  }
  const userId = await orm.em.fork().transactional(async (em) => {
    const user =
      (await em.findOne(User, { email: login.email })) ??
      em.create(User, {
        email: login.email,
        name: 'Demo User',
        passwordHash: await hashPassword(login.password),
        createdAt: new Date(),
      });
    await em.flush();
    return user.id;
  });
  for (const demo of demoWorkspaces) await ensureDemo(orm, services, userId, demo);
  return login;
}

async function ensureDemo(
  orm: MikroORM,
  services: AppServices,
  userId: string,
  demo: (typeof demoWorkspaces)[number],
): Promise<void> {
  const template = await loadTemplate(services.templatesDir, demo.template);
  const tasks = await orm.em.fork().transactional(async (em: EntityManager) => {
    const membership = await em.findOne(
      Membership,
      { user: userId, workspace: { name: demo.name } },
      { populate: ['workspace'] },
    );
    let workspace = membership?.workspace;
    const created = !workspace;
    if (!workspace) {
      workspace = em.create(Workspace, { name: demo.name, createdAt: new Date() });
      em.create(Membership, { workspace, user: userId, role: Role.OWNER, createdAt: new Date() });
      await em.flush();
      await provisionWorkspace(em, workspace.id, workspaceSchemaParts);
    } else if (await em.count(TemplateInstallRow, { workspace: workspace.id, key: template.key })) {
      return [];
    }
    const { afterCommit } = await installInTransaction(em, services, workspace.id, template, {
      withSampleData: true,
      actorId: userId,
      newWorkspace: created,
    });
    return afterCommit;
  });
  for (const task of tasks) await task();
}
