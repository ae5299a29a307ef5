import type { JobTasks } from '../../jobs/index.js';
import type { TimelineSource } from '../../timeline/index.js';
import type { InboundDeps } from './deps.js';
import { inboundTasks } from './poll.js';
import { receiveRawMail } from './receive.js';
import type { InboundServices } from './services.js';
import { inboundTimelineSource } from './timeline-source.js';

export interface InboundMailParts {
  /** The mailbox reads, for the process's job queue. */
  tasks: JobTasks;
  timelineSource: TimelineSource;
  services: InboundServices['inboundMail'];
}

/** Inbound mail for one process (API server or worker), bound to its database, bus and store. */
export function createInboundMail(deps: InboundDeps): InboundMailParts {
  return {
    tasks: inboundTasks(deps),
    timelineSource: inboundTimelineSource(deps.events),
    services: { settings: deps.settings, receive: (ctx, raw) => receiveRawMail(deps, ctx, raw) },
  };
}
