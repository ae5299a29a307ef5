import { describe, expect, it } from 'vitest';
import { newMember, newUser } from '../support/client.js';
import { useServer } from '../support/server.js';

// A member marked away (round-robin assignment passes them over): set by themselves or an admin.

const setAway = /* GraphQL */ `
  mutation ($userId: ID!, $away: Boolean!) {
    setMemberAway(userId: $userId, away: $away) {
      user {
        id
      }
      away
    }
  }
`;
const members = /* GraphQL */ `
  query {
    members {
      user {
        id
      }
      away
    }
  }
`;

describe('member away flag', () => {
  const server = useServer();

  it('is set by the member themselves and by admins, shown on the members query, refused to others', async () => {
    const owner = await newUser(server);
    const ann = await newMember(server, owner, 'MEMBER');
    const bob = await newMember(server, owner, 'MEMBER');
    const awayOf = async (userId: string) => {
      const { members: list } = await owner.client.data<{
        members: { user: { id: string }; away: boolean }[];
      }>(members);
      return list.find((m) => m.user.id === userId)?.away;
    };
    expect(await awayOf(ann.userId)).toBe(false);

    const mine = await ann.client.data(setAway, { userId: ann.userId, away: true });
    expect(mine.setMemberAway).toEqual({ user: { id: ann.userId }, away: true });
    expect(await awayOf(ann.userId)).toBe(true);

    const refused = await bob.client.request(setAway, { userId: ann.userId, away: false });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await awayOf(ann.userId)).toBe(true);

    await owner.client.data(setAway, { userId: ann.userId, away: false });
    expect(await awayOf(ann.userId)).toBe(false);

    const stranger = await newUser(server);
    const notHere = await owner.client.request(setAway, { userId: stranger.userId, away: true });
    expect(notHere.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
