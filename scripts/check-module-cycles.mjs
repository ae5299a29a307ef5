// Fails when modules import each other in a loop: server/src/<module> and client/src/<feature>
// are the nodes, an import from a file of one into a file of another is an edge. Cycles
// inside one module are its own business; between modules they tangle the layers. Test
// files are left out: a test may drive its module through the composed app.
import { cruise } from 'dependency-cruiser';

const roots = ['server/src', 'client/src'];

/** `server/src/records/store/write.ts` → `server/src/records`; null for files at a root. */
function moduleOf(file) {
  const match = /^((?:server|client)\/src\/[^/]+)\//.exec(file);
  return match ? match[1] : null;
}

/** Module → module → one file-level import that makes the edge, for the message. */
function moduleGraph(modules) {
  const graph = new Map();
  for (const { source, dependencies } of modules) {
    const from = moduleOf(source);
    if (!from) continue;
    if (!graph.has(from)) graph.set(from, new Map());
    for (const { resolved } of dependencies) {
      const to = moduleOf(resolved);
      if (!to || to === from) continue;
      if (!graph.get(from).has(to)) graph.get(from).set(to, `${source} → ${resolved}`);
    }
  }
  return graph;
}

/** Strongly connected components with more than one module (Tarjan). */
function cycles(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const found = [];
  let next = 0;
  const visit = (node) => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    for (const target of graph.get(node)?.keys() ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node), low.get(target)));
      } else if (stack.includes(target)) {
        low.set(node, Math.min(low.get(node), index.get(target)));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      component.push(member);
    } while (member !== node);
    if (component.length > 1) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

const { output } = await cruise(roots, {
  tsPreCompilationDeps: true,
  doNotFollow: { path: 'node_modules' },
  exclude: { path: ['node_modules', '\\.test\\.ts$'] },
});
const graph = moduleGraph(output.modules);
const loops = cycles(graph);
for (const component of loops) {
  console.error(`Import cycle between modules: ${component.join(', ')}`);
  for (const from of component) {
    for (const [to, via] of graph.get(from)) if (component.includes(to)) console.error(`  ${via}`);
  }
}
if (loops.length > 0) process.exit(1);
console.log(`No import cycles between ${graph.size} modules (${output.summary.totalCruised} files).`);
