import { describe, expect, it } from 'vitest';
import { keepPushed, withPushed } from '../../apollo';
import { campaignProgress, type Campaign, type CampaignStatus } from './operations';

const campaign = (status: CampaignStatus, sent: number, bounced = 0) =>
  ({
    id: 'c',
    createdAt: '2026-12-06T10:00:00.000Z',
    status,
    counts: { sent, failed: 0, bounced, unsubscribed: 0 },
  }) as Campaign;

describe('a campaign read and pushed', () => {
  it('keeps the one further on: a later status, then more answered messages', () => {
    const pushed = new Map<string, Campaign>();
    keepPushed(pushed, campaign('DONE', 10), campaignProgress);
    keepPushed(pushed, campaign('SENDING', 9), campaignProgress);
    expect(withPushed([campaign('QUEUEING', 0)], pushed, campaignProgress)).toEqual([campaign('DONE', 10)]);
    // A bounce after the end is news: the same status, one more answer.
    keepPushed(pushed, campaign('DONE', 10, 1), campaignProgress);
    expect(withPushed([campaign('DONE', 10)], pushed, campaignProgress)).toEqual([campaign('DONE', 10, 1)]);
  });

  it('shows a cancel the mutation answered over an earlier push of the campaign sending', () => {
    const pushed = new Map<string, Campaign>();
    keepPushed(pushed, campaign('SENDING', 4), campaignProgress);
    expect(withPushed([campaign('CANCELLED', 4)], pushed, campaignProgress)).toEqual([
      campaign('CANCELLED', 4),
    ]);
  });
});
