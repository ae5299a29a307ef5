import type { MikroORM } from '@mikro-orm/postgresql';
import { onEachEvent, queryRows, type EventBus, type Logger } from '../platform/index.js';
import './topics.js';

/** A process trusts its answer this long without hearing of a change (a lost bus message). */
const wantedTtlMs = 5_000;

/**
 * "Does this workspace have an enabled webhook", asked after every record commit: answered
 * from memory, forgotten on every process when an admin changes the workspace's webhooks.
 * A stale "no" would let the consumer pass changes by, so changes are announced on the bus.
 */
export class WantedCache {
  private readonly answers = new Map<string, { value: boolean; at: number }>();
  private stop?: () => Promise<unknown>;

  constructor(
    private readonly orm: MikroORM,
    private readonly events: EventBus,
    private readonly logger: Logger,
  ) {
    this.listen();
  }

  async wanted(workspaceId: string): Promise<boolean> {
    const known = this.answers.get(workspaceId);
    if (known && Date.now() - known.at < wantedTtlMs) return known.value;
    const [row] = await queryRows<{ any: boolean }>(
      this.orm.em.fork(),
      'select exists (select 1 from webhook where workspace_id = ?::uuid and enabled) as any',
      [workspaceId],
    );
    const value = !!row?.any;
    this.answers.set(workspaceId, { value, at: Date.now() });
    return value;
  }

  /** After a commit that changed the workspace's webhooks: here at once, elsewhere by the bus. */
  changed(workspaceId: string): void {
    this.answers.delete(workspaceId);
    this.events.publish('webhooks.changed', 'all', { workspaceId });
  }

  async close(): Promise<void> {
    await this.stop?.();
  }

  private listen(): void {
    this.stop = onEachEvent(
      this.events.subscribe('webhooks.changed', 'all'),
      ({ workspaceId }) => this.answers.delete(workspaceId),
      (error) => this.logger.error({ err: error }, 'webhooks change listener failed'),
    );
  }
}
