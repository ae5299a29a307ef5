// graphql-js reads NODE_ENV once, as it loads, and outside production runs a slower
// `instanceof` that looks for a second copy of itself on every failed check (a few per
// field of every row). The config's default is production, so the process's must be too,
// before graphql loads: entry points import this module first.
process.env.NODE_ENV ??= 'production';
