import { gql, type TypedDocumentNode } from '@apollo/client/core';

// Campaigns and the suppression list (docs/email.md "Campaigns"): the admin screen's documents.

export type CampaignStatus = 'SCHEDULED' | 'QUEUEING' | 'SENDING' | 'DONE' | 'FAILED' | 'CANCELLED';
export const activeStatuses: CampaignStatus[] = ['SCHEDULED', 'QUEUEING', 'SENDING'];

export interface CampaignCounts {
  recipients: number;
  queued: number;
  sent: number;
  failed: number;
  bounced: number;
  unsubscribed: number;
  suppressed: number;
  noAddress: number;
  duplicate: number;
}

export interface Campaign {
  id: string;
  name: string;
  viewId: string | null;
  templateId: string | null;
  subject: string;
  status: CampaignStatus;
  statusReason: string | null;
  scheduledAt: string;
  throttle: { messages: number; per: 'SECOND' | 'MINUTE' } | null;
  createdAt: string;
  counts: CampaignCounts;
}

export interface CampaignInput {
  name: string;
  viewId: string;
  templateId?: string | null;
  subject?: string | null;
  text?: string | null;
  scheduledAt?: string | null;
  throttle?: { messages: number; per: 'SECOND' | 'MINUTE' } | null;
}

export interface SuppressedAddress {
  address: string;
  reason: 'UNSUBSCRIBED' | 'ADMIN' | 'BOUNCED';
  createdAt: string;
}

const CAMPAIGN_FIELDS = `
  id name viewId templateId subject status statusReason scheduledAt createdAt
  throttle { messages per }
  counts { recipients queued sent failed bounced unsubscribed suppressed noAddress duplicate }
`;

export const CAMPAIGNS: TypedDocumentNode<{ campaigns: Campaign[] }, { first: number }> = gql`
  query Campaigns($first: Int!) { campaigns(first: $first) { ${CAMPAIGN_FIELDS} } }
`;

/**
 * A campaign as it changes (started, each batch sent, bounced, unsubscribed, cancelled); with
 * `latest`, first the newest campaigns as they are once it listens.
 */
export const CAMPAIGN_CHANGED: TypedDocumentNode<{ campaignChanged: Campaign }, { latest?: number }> = gql`
  subscription CampaignChanged($latest: Int) { campaignChanged(latest: $latest) { ${CAMPAIGN_FIELDS} } }
`;

const statusRank: Record<CampaignStatus, number> = {
  SCHEDULED: 0,
  QUEUEING: 1,
  SENDING: 2,
  DONE: 3,
  FAILED: 3,
  CANCELLED: 3,
};

/**
 * How far on a campaign is: its status only moves forward, and the messages that got an answer
 * (sent, failed, bounced, unsubscribed) only grow while it holds one.
 */
export const campaignProgress = ({ status, counts }: Campaign) =>
  statusRank[status] * 1e9 + counts.sent + counts.failed + counts.bounced + counts.unsubscribed;

export const CREATE_CAMPAIGN: TypedDocumentNode<{ createCampaign: Campaign }, { input: CampaignInput }> = gql`
  mutation CreateCampaign($input: CampaignInput!) { createCampaign(input: $input) { ${CAMPAIGN_FIELDS} } }
`;

export const CANCEL_CAMPAIGN: TypedDocumentNode<{ cancelCampaign: Campaign }, { id: string }> = gql`
  mutation CancelCampaign($id: ID!) { cancelCampaign(id: $id) { ${CAMPAIGN_FIELDS} } }
`;

export const AUDIENCE_VIEWS: TypedDocumentNode<{ views: { id: string; name: string; object: string }[] }> =
  gql`
    query AudienceViews {
      views {
        id
        name
        object
      }
    }
  `;

export const SUPPRESSED: TypedDocumentNode<
  { suppressedAddresses: { nodes: SuppressedAddress[]; hasNextPage: boolean } },
  { search?: string | null }
> = gql`
  query SuppressedAddresses($search: String) {
    suppressedAddresses(first: 200, search: $search) {
      nodes {
        address
        reason
        createdAt
      }
      hasNextPage
    }
  }
`;

export const SUPPRESS: TypedDocumentNode<{ suppressAddresses: number }, { addresses: string[] }> = gql`
  mutation SuppressAddresses($addresses: [String!]!) {
    suppressAddresses(addresses: $addresses)
  }
`;

export const UNSUPPRESS: TypedDocumentNode<{ unsuppressAddress: boolean }, { address: string }> = gql`
  mutation UnsuppressAddress($address: String!) {
    unsuppressAddress(address: $address)
  }
`;
