import type { LineSource } from '../documents/index.js';
import { quoteLineSource } from '../quotes/index.js';

/**
 * The computed line sources documents may name besides one-to-many relations (`source: quote`
 * on deals): the one list, which app/server.ts registers for saved templates and against which a
 * template is checked at install and its file by `pnpm templates validate`.
 */
export const templateLineSources: readonly LineSource[] = [quoteLineSource];
