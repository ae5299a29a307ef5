/**
 * Sets `key` in `map` as its newest entry and, past `capacity`, drops the oldest: the one way the
 * process keeps a cache or a recent-use record from growing without bound (a Map keeps insertion
 * order, so the first key is the oldest).
 */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, capacity: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > capacity) map.delete(map.keys().next().value!);
}
