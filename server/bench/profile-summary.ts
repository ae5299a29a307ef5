// Where a benchmark's CPU profile spent its time, in a terminal: self time by package (a
// sample counts for the nearest frame that belongs to a package or to server/src, so node's
// internals count for whoever called them), then the functions with the most self time.
// Time in a socket write (`writeBuffer`, `writev`) is listed apart: on a busy machine it is
// mostly the process waiting for a core after waking PostgreSQL, not work of its own.
//
//   BENCH_PROFILE=/tmp/prof pnpm --filter @crm/server run bench:writes
//   pnpm --filter @crm/server exec tsx bench/profile-summary.ts /tmp/prof/writes-create-x8.cpuprofile [rows]
import { readFile } from 'node:fs/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const waiting = new Set(['writeBuffer', 'writev', '(idle)']);
const special = new Set(['(garbage collector)', '(program)']);

function owner(url: string): string | undefined {
  const pnpm = /node_modules\/\.pnpm\/((?:@[^+/]+\+)?[^@/]+)/.exec(url);
  if (pnpm) return pnpm[1]!.replace('+', '/');
  const src = /\/server\/src\/([^/]+)\//.exec(url);
  if (src) return `src/${src[1]}`;
  if (url.includes('/server/bench/')) return 'bench (the client)';
  return undefined;
}

function top(totals: Map<string, number>, all: number, rows: number): string {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, rows)
    .map(([name, time]) => `${((time / all) * 100).toFixed(1).padStart(5)}%  ${name}`)
    .join('\n');
}

async function main(): Promise<void> {
  const [file, rowsArg] = process.argv.slice(2);
  if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [rows]');
  const rows = Number(rowsArg ?? 25);
  const profile = JSON.parse(await readFile(file, 'utf8')) as Profile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);

  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const time = profile.timeDeltas[i] ?? 0;
    all += time;
    const leaf = nodes.get(id)!.callFrame;
    const fn = `${leaf.functionName || '(anonymous)'} ${owner(leaf.url) ?? leaf.url.split('/').pop() ?? ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + time);
    let name =
      waiting.has(leaf.functionName) || special.has(leaf.functionName) ? leaf.functionName : undefined;
    for (let at: number | undefined = id; !name && at !== undefined; at = parents.get(at))
      name = owner(nodes.get(at)!.callFrame.url);
    name ??= 'node (no package on the stack)';
    byOwner.set(name, (byOwner.get(name) ?? 0) + time);
  });
  console.log(
    `${(all / 1000).toFixed(0)} ms sampled\n\nBy package (self time, node internals to their caller):`,
  );
  console.log(top(byOwner, all, rows));
  console.log('\nFunctions by self time:');
  console.log(top(byFunction, all, rows));
}

await main();
