import { Liquid, type FS, type LiquidOptions } from 'liquidjs';

/**
 * LiquidJS, sandboxed for templates written by users (merge fields): no file system (no
 * include, render or layout of files), own properties only, and bounds on parse size,
 * render time and memory. Never `eval`: Liquid interprets its own small language.
 */
const noFiles: FS = {
  exists: () => Promise.resolve(false),
  existsSync: () => false,
  readFile: (file) => Promise.reject(new Error(`Templates cannot read files (${file}).`)),
  readFileSync: (file) => {
    throw new Error(`Templates cannot read files (${file}).`);
  },
  resolve: (_dir, file) => file,
};

export function sandboxedLiquid(options: LiquidOptions = {}): Liquid {
  return new Liquid({
    parseLimit: 20_000,
    renderLimit: 1_000,
    memoryLimit: 10_000_000,
    ...options,
    fs: noFiles,
    relativeReference: false,
    ownPropertyOnly: true,
  });
}
