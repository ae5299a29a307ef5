import { Reader, Writer } from './sync-message.js';

/** One client's entry in a y-protocols awareness update; `state` null removes the client. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

/** The entries of an awareness update; throws on a malformed one. */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const reader = new Reader(update);
  const count = reader.varUint();
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = reader.varUint();
    const clock = reader.varUint();
    const state: unknown = JSON.parse(reader.varString());
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
      throw new TypeError('an awareness state is an object or null');
    }
    entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
  }
  return entries;
}

export function encodeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
  const writer = new Writer().varUint(entries.length);
  for (const entry of entries) {
    writer.varUint(entry.clientId).varUint(entry.clock).varString(JSON.stringify(entry.state));
  }
  return writer.toUint8Array();
}
