import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * graphql ships CommonJS (`main`) and ESM (`module`) without an `exports` map. Node, and so
 * the real server and the packages Vitest leaves external (type-graphql, Apollo, graphql-ws),
 * load the CommonJS one; Vite would give the server's own imports the ESM one, and two
 * copies of graphql refuse each other's schemas. One copy, as in production.
 */
export const singleGraphql = { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] };
