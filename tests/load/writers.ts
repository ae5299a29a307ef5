import http from 'node:http';

export interface WriterCredentials {
  cookie: string;
  workspaceId: string;
}

export interface WriteTotals {
  ok: number;
  failed: number;
  /** The first few failures, to print. */
  failures: string[];
}

const create = `mutation ($name: String!) { createCompany(input: { name: $name }) { id } }`;
const update = `mutation ($id: ID!, $name: String!) { updateCompany(id: $id, input: { name: $name }) { id } }`;

/**
 * Several HTTP clients on keep-alive connections, paced together at `perSecond`: the
 * k-th write is due at start + k / perSecond, so a slow answer delays only its own client.
 * Each writer holds credentials for every workspace and turns to the next one on each
 * write; writes alternate between creating companies and renaming ones this writer created
 * in that workspace.
 */
export async function driveWrites(options: {
  url: string;
  /** Per writer, one person's credentials in each workspace. */
  writers: WriterCredentials[][];
  perSecond: number;
  durationMs: number;
}): Promise<WriteTotals & { elapsedMs: number }> {
  const totals: WriteTotals = { ok: 0, failed: 0, failures: [] };
  // One keep-alive connection per writer.
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.writers.length });
  const started = Date.now();
  const total = Math.floor((options.perSecond * options.durationMs) / 1000);
  let next = 0;
  await Promise.all(
    options.writers.map(async (workspaces, index) => {
      const created = workspaces.map((): string[] => []);
      for (let turn = 0; ; turn++) {
        const k = next++;
        // The phase ends on time: a server slower than the target rate just gets fewer writes.
        if (k >= total || Date.now() >= started + options.durationMs) return;
        const wait = started + (k * 1000) / options.perSecond - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const workspace = turn % workspaces.length;
        const mine = created[workspace]!;
        const renaming = mine.length > 0 && k % 5 < 2;
        const variables = renaming
          ? { id: mine[k % mine.length], name: `Renamed ${index}-${k}` }
          : { name: `Load ${index}-${k}` };
        try {
          const data = await post(
            options.url,
            agent,
            workspaces[workspace]!,
            renaming ? update : create,
            variables,
          );
          if (!renaming) mine.push((data.createCompany as { id: string }).id);
          totals.ok++;
        } catch (error) {
          totals.failed++;
          if (totals.failures.length < 5) totals.failures.push(String(error));
        }
      }
    }),
  );
  agent.destroy();
  return { ...totals, elapsedMs: Date.now() - started };
}

/** One GraphQL request; resolves with `data` or rejects with the errors or the HTTP failure. */
export function post(
  url: string,
  agent: http.Agent,
  credentials: WriterCredentials,
  query: string,
  variables: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${url}/graphql`,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          cookie: credentials.cookie,
          'x-workspace-id': credentials.workspaceId,
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          try {
            const parsed = JSON.parse(text) as { data?: Record<string, unknown>; errors?: unknown[] };
            if (parsed.errors?.length || !parsed.data) reject(new Error(JSON.stringify(parsed.errors)));
            else resolve(parsed.data);
          } catch {
            reject(
              new Error(
                `HTTP ${response.statusCode}: ${text
                  .replace(/<[^>]*>|\s+/g, ' ')
                  .trim()
                  .slice(0, 200)}`,
              ),
            );
          }
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
