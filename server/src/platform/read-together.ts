/**
 * Independent reads through one EntityManager: at once, on the pool's connections, or one after
 * the other inside a transaction. A transaction has one connection, which runs one statement at a
 * time anyway: `pg` queues the rest, and warns that version 9 will refuse a query sent while others
 * wait.
 */
export async function readTogether<T extends readonly unknown[]>(
  em: { isInTransaction(): boolean },
  reads: { [K in keyof T]: () => Promise<T[K]> },
): Promise<T> {
  if (!em.isInTransaction()) return (await Promise.all(reads.map((read) => read()))) as unknown as T;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as unknown as T;
}
