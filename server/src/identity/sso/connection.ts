import type { EntityManager } from '@mikro-orm/postgresql';
import { BadInput, seal, unseal, queryRows } from '../../platform/index.js';
import { requirePermission } from '../access.js';
import type { IdentityContext, SsoSettings } from '../context.js';
import { Role } from '../roles.js';
import { discover, issuerProblem, redirectUri, type ProviderClient } from './provider.js';

export interface SsoConnection {
  workspaceId: string;
  issuer: string;
  clientId: string;
  domains: string[];
  joinRole: Role;
  updatedAt: Date;
}

/** What an admin sees: never the client secret. */
export interface SsoView {
  /** False without SSO_SECRET_KEY: nothing can be saved. */
  available: boolean;
  redirectUri: string;
  connection: SsoConnection | null;
}

export interface SsoInput {
  issuer: string;
  clientId: string;
  /** Required the first time; left out, the saved one is kept. */
  clientSecret?: string | null;
  domains: string[];
  joinRole?: Role | null;
}

const maxDomains = 50;
const domainPattern =
  /^(?=.{4,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;

interface ConnectionRow {
  workspace_id: string;
  issuer: string;
  client_id: string;
  client_secret_box: string;
  join_role: Role;
  updated_at: string;
  domains: string[] | null;
}

async function readRow(em: EntityManager, workspaceId: string): Promise<ConnectionRow | undefined> {
  const [row] = await queryRows<ConnectionRow>(
    em,
    `select c.*, (select array_agg(d.domain order by d.domain) from sso_domain d where d.workspace_id = c.workspace_id) as domains
     from sso_connection c where c.workspace_id = ?`,
    [workspaceId],
  );
  return row;
}

function toConnection(row: ConnectionRow): SsoConnection {
  return {
    workspaceId: row.workspace_id,
    issuer: row.issuer,
    clientId: row.client_id,
    domains: row.domains ?? [],
    joinRole: row.join_role,
    updatedAt: new Date(row.updated_at),
  };
}

/** The workspace's provider with its secret opened, for a sign-in; null when none is set up (or the key changed). */
export async function loadProvider(
  em: EntityManager,
  settings: SsoSettings,
  workspaceId: string,
): Promise<(SsoConnection & ProviderClient) | null> {
  const row = await readRow(em, workspaceId);
  const clientSecret = row && settings.secretKey ? unseal(settings.secretKey, row.client_secret_box) : null;
  if (!row || clientSecret === null) return null;
  return { ...toConnection(row), clientSecret };
}

/** The workspace whose provider signs in people of `email`'s domain, if any. */
export async function workspaceForEmail(em: EntityManager, email: string): Promise<string | null> {
  const domain = email.slice(email.lastIndexOf('@') + 1);
  const [row] = await queryRows<{ workspace_id: string }>(
    em,
    'select workspace_id from sso_domain where domain = ?',
    [domain],
  );
  return row?.workspace_id ?? null;
}

export async function ssoSettings(ctx: IdentityContext): Promise<SsoView> {
  const { workspaceId } = requirePermission(ctx, 'sso.manage');
  const row = await readRow(ctx.em, workspaceId);
  const settings = ctx.services.sso;
  return {
    available: Boolean(settings.secretKey),
    redirectUri: redirectUri(settings),
    connection: row ? toConnection(row) : null,
  };
}

/**
 * Saves the workspace's provider after discovering it (a wrong or unreachable issuer is
 * BAD_USER_INPUT at `issuer`); the client secret is sealed and never read back by the API.
 */
export async function configureSso(ctx: IdentityContext, input: SsoInput): Promise<SsoView> {
  const { workspaceId } = requirePermission(ctx, 'sso.manage');
  const settings = ctx.services.sso;
  const key = settings.secretKey;
  if (!key) {
    throw new BadInput(
      ['input'],
      'Single sign-on needs SSO_SECRET_KEY on the server (it seals the client secret); ask whoever runs it.',
    );
  }
  const issuer = input.issuer.trim().replace(/\/$/, '');
  const clientId = input.clientId.trim();
  const problem = issuerProblem(settings, issuer);
  if (problem) throw new BadInput(['input', 'issuer'], problem);
  if (!clientId || clientId.length > 500) throw new BadInput(['input', 'clientId'], 'clientId is required.');
  const domains = checkDomains(input.domains);
  const joinRole = input.joinRole ?? Role.MEMBER;
  if (joinRole === Role.OWNER)
    throw new BadInput(['input', 'joinRole'], 'People who join by single sign-on cannot be owners.');
  const saved = await readRow(ctx.em, workspaceId);
  const secret = input.clientSecret ?? (saved ? unseal(key, saved.client_secret_box) : null);
  if (!secret) throw new BadInput(['input', 'clientSecret'], 'clientSecret is required.');
  if (secret.length > 2000) throw new BadInput(['input', 'clientSecret'], 'clientSecret is too long.');
  try {
    await discover(settings, { issuer, clientId, clientSecret: secret });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new BadInput(
      ['input', 'issuer'],
      `No OpenID provider answered at ${issuer}: ${reason.slice(0, 200)}`,
    );
  }
  await ctx.em.transactional(async (em) => {
    await em.execute(
      `insert into sso_connection (workspace_id, issuer, client_id, client_secret_box, join_role, updated_at)
       values (?, ?, ?, ?, ?, now())
       on conflict (workspace_id) do update set issuer = excluded.issuer, client_id = excluded.client_id,
         client_secret_box = excluded.client_secret_box, join_role = excluded.join_role, updated_at = now()`,
      [workspaceId, issuer, clientId, seal(key, secret), joinRole],
    );
    await em.execute('delete from sso_domain where workspace_id = ?', [workspaceId]);
    for (const [index, domain] of domains.entries()) {
      const taken = await queryRows(
        em,
        `insert into sso_domain (domain, workspace_id) values (?, ?) on conflict (domain) do nothing returning domain`,
        [domain, workspaceId],
      );
      if (taken.length === 0)
        throw new BadInput(
          ['input', 'domains', String(index)],
          `${domain} already signs in to another workspace by single sign-on.`,
        );
    }
  });
  return ssoSettings(ctx);
}

/** Turns single sign-on off; sessions it opened stay until they end or are signed out. */
export async function removeSso(ctx: IdentityContext): Promise<boolean> {
  const { workspaceId } = requirePermission(ctx, 'sso.manage');
  const rows = await queryRows(
    ctx.em,
    'delete from sso_connection where workspace_id = ? returning workspace_id',
    [workspaceId],
  );
  return rows.length > 0;
}

/**
 * Domains anyone can get an address at: joining by one of them would let any of its millions of
 * users in. (Ownership of other domains is not proven: docs/security.md says what that means.)
 */
const publicMailDomains = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'yahoo.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'mail.com',
  'yandex.ru',
  'mail.ru',
  'qq.com',
  '163.com',
]);

/** The domains people may join from, lower-cased and without duplicates; BAD_USER_INPUT at the first bad one. */
export function checkDomains(input: string[]): string[] {
  if (input.length > maxDomains) throw new BadInput(['input', 'domains'], `At most ${maxDomains} domains.`);
  const domains = input.map((domain) => domain.trim().toLowerCase().replace(/^@/, ''));
  domains.forEach((domain, index) => {
    if (publicMailDomains.has(domain))
      throw new BadInput(
        ['input', 'domains', String(index)],
        `${domain} is a public mail domain: anyone could join. List your organisation’s own domains.`,
      );
    if (!domainPattern.test(domain))
      throw new BadInput(
        ['input', 'domains', String(index)],
        `“${domain.slice(0, 100)}” is not a domain such as example.com.`,
      );
  });
  return [...new Set(domains)];
}
