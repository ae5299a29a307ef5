import { config } from '@vue/test-utils';
import { i18n } from './i18n';

// Files share a worker (isolate: false), so this runs once per file against the same config.
if (!config.global.plugins.includes(i18n)) config.global.plugins.push(i18n);
