import type { LineSource } from '../documents/index.js';
import { quoteLineSource } from '../quotes/index.js';

/**
 * The computed line sources a template's documents may name besides one-to-many relations
 * (`source: quote` on deals). The same ones app/server.ts registers for saved templates: a
 * template is checked at install, and its file by `pnpm templates validate`, against these.
 */
export const templateLineSources: readonly LineSource[] = [quoteLineSource];
