import { nginxBinary, nginxInstalled } from './nginx-proxy.js';

/** Every size of the load test, from the environment; the defaults are the full-size run of issue 12. */
export interface LoadSettings {
  processes: number;
  subscribers: number;
  subscriptionsPerSocket: number;
  coEditors: number;
  editorsPerDocument: number;
  writesPerSecond: number;
  writers: number;
  durationSeconds: number;
  /** Workspaces the subscribers, co-editors and writes are spread over. */
  workspaces: number;
  /** People in each workspace (owner + members): spreads the per-user caps. */
  users: number;
  /** When to SIGKILL one server and restart Redis, as fractions of the write phase. */
  killAt: number;
  redisRestartAt: number;
  /** nginx (as docs/examples deploys it) when installed, or the test's own Node proxy. */
  proxy: 'nginx' | 'node';
  /** How long the end checks may wait for the last deliveries and the debounced projections. */
  settleSeconds: number;
}

function number(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name}=${raw}: must be a non-negative number`);
  return value;
}

function proxyKind(): LoadSettings['proxy'] {
  const raw = process.env.LOAD_PROXY ?? (nginxInstalled() ? 'nginx' : 'node');
  if (raw !== 'nginx' && raw !== 'node') throw new Error(`LOAD_PROXY=${raw}: nginx or node`);
  if (raw === 'nginx' && !nginxInstalled()) throw new Error(`LOAD_PROXY=nginx: ${nginxBinary} not found`);
  return raw;
}

export function loadSettings(): LoadSettings {
  const settings: LoadSettings = {
    processes: number('LOAD_PROCESSES', 3),
    subscribers: number('LOAD_SUBSCRIBERS', 2000),
    subscriptionsPerSocket: number('LOAD_SUBSCRIPTIONS_PER_SOCKET', 50),
    coEditors: number('LOAD_COEDITORS', 50),
    editorsPerDocument: number('LOAD_EDITORS_PER_DOCUMENT', 5),
    writesPerSecond: number('LOAD_WRITES_PER_SECOND', 500),
    writers: number('LOAD_WRITERS', 16),
    durationSeconds: number('LOAD_DURATION_SECONDS', 60),
    workspaces: number('LOAD_WORKSPACES', 20),
    users: number('LOAD_USERS', 5),
    killAt: number('LOAD_KILL_AT', 0.35),
    redisRestartAt: number('LOAD_REDIS_RESTART_AT', 0.7),
    settleSeconds: number('LOAD_SETTLE_SECONDS', 60),
    proxy: proxyKind(),
  };
  if (settings.workspaces < 1) throw new Error('LOAD_WORKSPACES: at least 1');
  if (settings.processes < 2) throw new Error('LOAD_PROCESSES: at least 2, one of them is killed');
  if (settings.subscriptionsPerSocket > 50) throw new Error('LOAD_SUBSCRIPTIONS_PER_SOCKET: at most 50');
  return settings;
}
