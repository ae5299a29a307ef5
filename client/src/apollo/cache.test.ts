import { gql } from '@apollo/client/core';
import { describe, expect, it } from 'vitest';
import { createCache } from './cache';

const inbox = gql`
  query Inbox($first: Int!) {
    notifications(first: $first) {
      unreadCount
    }
    inboxCursor: changeCursor
  }
`;
const quotes = gql`
  query Quotes($dealId: ID!) {
    quotes(dealId: $dealId) {
      id
    }
    quotesCursor: changeCursor
  }
`;
const plain = gql`
  query Plain {
    changeCursor
  }
`;

describe('the cache', () => {
  it('keeps each aliased changeCursor with its own read, apart from every other', () => {
    const cache = createCache();
    cache.writeQuery({
      query: inbox,
      variables: { first: 20 },
      data: { notifications: { __typename: 'NotificationPage', unreadCount: 1 }, inboxCursor: '10:12:' },
    });
    cache.writeQuery({
      query: quotes,
      variables: { dealId: 'a' },
      data: { quotes: [], quotesCursor: '20:20:' },
    });
    cache.writeQuery({
      query: quotes,
      variables: { dealId: 'b' },
      data: { quotes: [], quotesCursor: '30:31:30' },
    });
    cache.writeQuery({ query: plain, data: { changeCursor: '40:40:' } });

    expect(
      cache.readQuery<{ inboxCursor: string }>({ query: inbox, variables: { first: 20 } })?.inboxCursor,
    ).toBe('10:12:');
    const quotesOf = (dealId: string) =>
      cache.readQuery<{ quotesCursor: string }>({ query: quotes, variables: { dealId } })?.quotesCursor;
    expect(quotesOf('a')).toBe('20:20:');
    expect(quotesOf('b')).toBe('30:31:30');
    expect(cache.readQuery<{ changeCursor: string }>({ query: plain })?.changeCursor).toBe('40:40:');
  });
});
