import { describe, expect, it } from 'vitest';
import { keepPushed, withPushed } from '../../apollo';
import { deliveryProgress, type WebhookDelivery } from './operations';

const delivery = (status: WebhookDelivery['status'], attempts: number) =>
  ({ id: 'd', createdAt: '2026-12-06T10:00:00.000Z', status, attempts }) as WebhookDelivery;

describe('a delivery read and pushed', () => {
  it('keeps the later attempt, whichever of read and push came last', () => {
    const pushed = new Map<string, WebhookDelivery>();
    keepPushed(pushed, delivery('DELIVERED', 2), deliveryProgress);
    keepPushed(pushed, delivery('RETRYING', 1), deliveryProgress);
    expect(withPushed([delivery('PENDING', 0)], pushed, deliveryProgress)).toEqual([
      delivery('DELIVERED', 2),
    ]);
  });

  it('shows a redelivery (PENDING again, as the mutation answered) until its next attempt is pushed', () => {
    const pushed = new Map<string, WebhookDelivery>();
    keepPushed(pushed, delivery('RETRYING', 3), deliveryProgress);
    expect(withPushed([delivery('PENDING', 3)], pushed, deliveryProgress)).toEqual([delivery('PENDING', 3)]);
    keepPushed(pushed, delivery('DELIVERED', 4), deliveryProgress);
    expect(withPushed([delivery('PENDING', 3)], pushed, deliveryProgress)).toEqual([
      delivery('DELIVERED', 4),
    ]);
  });
});
