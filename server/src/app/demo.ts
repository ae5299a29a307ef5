import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { hashPassword, Membership, Role, User, Workspace } from '../identity/index.js';
import { provisionWorkspace } from '../metadata/index.js';

export interface DemoLogin {
  email: string;
  password: string;
  workspace: string;
}

/**
 * Makes sure the demo account and its workspace exist. The password is random on
 * first start and kept in the data folder, so the printed login stays valid.
 */
export async function ensureDemoWorkspace(orm: MikroORM, dataDir: string): Promise<DemoLogin> {
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
  await orm.em.fork().transactional(async (em) => {
    let user = await em.findOne(User, { email: login.email }, { populate: ['passwordHash'] });
    if (!user) {
      user = em.create(User, {
        email: login.email,
        name: 'Demo User',
        passwordHash: await hashPassword(login.password),
        createdAt: new Date(),
      });
    }
    if (!(await em.count(Membership, { user }))) {
      const workspace = em.create(Workspace, { name: login.workspace, createdAt: new Date() });
      em.create(Membership, { workspace, user, role: Role.OWNER, createdAt: new Date() });
      await em.flush();
      await provisionWorkspace(em, workspace.id);
    }
  });
  return login;
}
