// A member whose permission profile reads only the listings they own, for the benchmarks that
// compare a record-scoped caller with the admin (permissions.bench.ts, profile.ts).
import pg from 'pg';
import { type Api, graphql } from './lib.js';
import type { ObjectLayout } from './listing.js';

/** A member invited by the admin and signed up with the invitation: their own session. */
async function newAgent(admin: Api): Promise<Api> {
  const email = `agent-${Date.now()}@example.com`;
  const { data } = await graphql<{ inviteMember: { token: string } }>(
    admin,
    `
      mutation ($input: InviteMemberInput!) {
        inviteMember(input: $input) {
          token
        }
      }
    `,
    { input: { email, role: 'MEMBER' } },
  );
  const { data: joined, response } = await graphql<{ signUp: { user: { id: string } } }>(
    { url: admin.url },
    `
      mutation ($input: SignUpInput!) {
        signUp(input: $input) {
          user {
            id
          }
        }
      }
    `,
    {
      input: {
        email,
        password: 'a long enough password',
        name: 'Agent',
        invitationToken: data.inviteMember.token,
      },
    },
  );
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('crm_session='))!;
  return { url: admin.url, cookie, workspaceId: admin.workspaceId, userId: joined.signUp.user.id };
}

/**
 * A new member owning `share` of the listings (chosen at random), with a profile that reads,
 * updates and deletes only their own; the table vacuumed and analysed after the owner change.
 */
export async function scopedAgent(
  pool: pg.Pool,
  admin: Api,
  listing: ObjectLayout,
  share: number,
): Promise<Api> {
  const agent = await newAgent(admin);
  await pool.query(`update ${listing.table} set owner_id = $1 where random() < $2`, [agent.userId, share]);
  await pool.query(`vacuum analyze ${listing.table}`);
  const { data } = await graphql<{ savePermissionProfile: { id: string } }>(
    admin,
    `
      mutation ($input: PermissionProfileInput!) {
        savePermissionProfile(input: $input) {
          id
        }
      }
    `,
    {
      input: {
        name: 'Agent',
        objects: [{ objectKey: 'listing', read: 'OWN', create: true, update: 'OWN', delete: 'OWN' }],
      },
    },
  );
  await graphql(
    admin,
    `
      mutation ($u: ID!, $p: ID) {
        assignMemberProfile(userId: $u, profileId: $p)
      }
    `,
    {
      u: agent.userId,
      p: data.savePermissionProfile.id,
    },
  );
  return agent;
}
