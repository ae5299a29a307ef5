import { unitLineSource, type LineSource } from '../documents/index.js';
import { quoteLineSource } from '../quotes/index.js';

/**
 * The computed line sources documents may name besides one-to-many relations (`source: quote`
 * on deals): the one list, which app/server.ts registers for saved templates and against which a
 * template is checked at install and its file by `pnpm templates validate`.
 */
export const templateLineSources: readonly LineSource[] = [
  quoteLineSource,
  // The boat dealer's package: the deal's boat (its price is the hull's), its engines and trailers.
  unitLineSource({
    objectKey: 'deal',
    key: 'boatPackage',
    label: 'Boat package',
    via: 'boat',
    unitLine: 'Hull',
    parts: ['engines', 'trailers'],
    priceField: 'price',
    totalLabel: 'Package price',
  }),
];
