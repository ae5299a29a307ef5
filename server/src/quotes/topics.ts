// The quotes' event topic, merged into the bus's EventTopics.

/** A quote, or one of its lines, changed (routed by `<workspaceId>:<quoteId>`). */
export interface QuoteChanged {
  kind: 'QUOTE_UPDATED' | 'LINE_ADDED' | 'LINE_UPDATED' | 'LINE_REMOVED';
  quoteId: string;
  lineId: string | null;
  /** Who changed it, so an editor can tell its own echo from a colleague's edit. */
  actorId: string;
}

declare module '../platform/index.js' {
  interface EventTopics {
    'quotes.changed': [quote: string, payload: QuoteChanged];
  }
}

export function quoteTopic(workspaceId: string, quoteId: string): string {
  return `${workspaceId}:${quoteId}`;
}
