import { Kind, type ValueNode } from 'graphql';

/**
 * Where a value nests deeper than `maxDepth` (objects and lists each count one level), or
 * null. Walked with an explicit stack: graphql-js coerces variables and argument literals
 * recursively, so their depth has to be known before they reach it.
 */
export function tooDeepAt(value: unknown, maxDepth: number): string[] | null {
  return walk<unknown>(value, maxDepth, (node) => {
    if (Array.isArray(node)) return node.map((item, i) => [String(i), item] as const);
    if (typeof node === 'object' && node !== null) return Object.entries(node);
    return null;
  });
}

/** The same for an argument's literal in a document (`filter: {not: {not: …}}`). */
export function literalTooDeepAt(value: ValueNode, maxDepth: number): string[] | null {
  return walk<ValueNode>(value, maxDepth, (node) => {
    if (node.kind === Kind.LIST) return node.values.map((item, i) => [String(i), item] as const);
    if (node.kind === Kind.OBJECT)
      return node.fields.map((field) => [field.name.value, field.value] as const);
    return null;
  });
}

type Children<T> = (node: T) => readonly (readonly [string, T])[] | null;

function walk<T>(root: T, maxDepth: number, childrenOf: Children<T>): string[] | null {
  const stack: { node: T; depth: number; parent: number; key: string }[] = [
    { node: root, depth: 0, parent: -1, key: '' },
  ];
  // Entries stay in `visited` so a path can be rebuilt from parent indexes, without a copy per level.
  const visited: { parent: number; key: string }[] = [];
  while (stack.length) {
    const { node, depth, parent, key } = stack.pop()!;
    const children = childrenOf(node);
    if (!children) continue;
    const index = visited.push({ parent, key }) - 1;
    if (depth + 1 > maxDepth) return pathTo(visited, index);
    for (const [childKey, child] of children)
      stack.push({ node: child, depth: depth + 1, parent: index, key: childKey });
  }
  return null;
}

function pathTo(visited: readonly { parent: number; key: string }[], index: number): string[] {
  const path: string[] = [];
  for (let i = index; i > 0; i = visited[i]!.parent) path.push(visited[i]!.key);
  return path.reverse();
}
