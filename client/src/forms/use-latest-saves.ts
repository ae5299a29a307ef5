import { shallowReactive } from 'vue';

/**
 * Settings that save as they are clicked (switches, checkboxes). Saves go out one at a time,
 * each carrying the value as it stands when it leaves: two quick clicks must not race, since the
 * server may apply concurrent requests in either order, and a click built on the last answer
 * would send a value that drops the click before it. Until its save is answered a key shows the
 * value asked for; a failed save shows the saved value again (the caller says why).
 */
export function useLatestSaves<K, V>(send: (key: K, value: V) => Promise<unknown>) {
  const wanted = shallowReactive(new Map<K, V>());
  let last: Promise<unknown> = Promise.resolve();

  /** What `key` shows: the value asked for while it is being saved, else `saved`. */
  function valueOf(key: K, saved: V): V {
    return wanted.has(key) ? (wanted.get(key) as V) : saved;
  }

  /** Asks for `value`; resolves once it is saved (or carried by an earlier save), rejects with its failure. */
  function save(key: K, value: V): Promise<void> {
    wanted.set(key, value);
    const run = last.then(async () => {
      if (!wanted.has(key)) return;
      const sending = wanted.get(key) as V;
      try {
        await send(key, sending);
      } finally {
        if (wanted.get(key) === sending) wanted.delete(key);
      }
    });
    last = run.catch(() => undefined);
    return run;
  }

  return { valueOf, save };
}
