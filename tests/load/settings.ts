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
  users: number;
  /** When to SIGKILL one server and restart Redis, as fractions of the write phase. */
  killAt: number;
  redisRestartAt: number;
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
    users: number('LOAD_USERS', 20),
    killAt: number('LOAD_KILL_AT', 0.35),
    redisRestartAt: number('LOAD_REDIS_RESTART_AT', 0.7),
    settleSeconds: number('LOAD_SETTLE_SECONDS', 60),
  };
  if (settings.processes < 2) throw new Error('LOAD_PROCESSES: at least 2, one of them is killed');
  if (settings.subscriptionsPerSocket > 50) throw new Error('LOAD_SUBSCRIPTIONS_PER_SOCKET: at most 50');
  return settings;
}
