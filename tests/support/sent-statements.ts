import { createRequire } from 'node:module';

/** One statement the server sent through `pg`: its text, its prepared name if any, and the client. */
export interface SentStatement {
  text: string;
  name: string | undefined;
  client: PgClient;
}

/** The part of pg's client a test looks at: what it has prepared (pg's own record). */
export interface PgClient {
  connection?: { parsedStatements?: Record<string, string> };
}

type QueryFn = (...args: unknown[]) => unknown;

/**
 * What the server (it runs in this process) sends to PostgreSQL from now on, through either
 * copy of `pg` it loads (its own, and knex's under MikroORM).
 */
export function sentStatements(): { take(): SentStatement[] } {
  const crm = createRequire(createRequire(import.meta.url).resolve('@crm/server'));
  const orm = createRequire(crm.resolve('@mikro-orm/postgresql'));
  const knex = createRequire(createRequire(orm.resolve('@mikro-orm/knex')).resolve('knex'));
  let sent: SentStatement[] = [];
  for (const pg of new Set([crm('pg'), knex('pg')]) as Set<{ Client: { prototype: object } }>) {
    const prototype = pg.Client.prototype as { query: QueryFn; __sent?: (statement: SentStatement) => void };
    if (!prototype.__sent) {
      const query = prototype.query;
      prototype.query = function (this: PgClient, ...args: unknown[]) {
        const [first] = args;
        const config =
          typeof first === 'string' ? { text: first } : (first as { text?: string; name?: string });
        prototype.__sent?.({ text: String(config?.text), name: config?.name, client: this });
        return query.apply(this, args);
      };
    }
    prototype.__sent = (statement) => void sent.push(statement);
  }
  return {
    take: () => {
      const taken = sent;
      sent = [];
      return taken;
    },
  };
}
