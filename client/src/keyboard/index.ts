// Keyboard: the few shortcuts of the app (listed in the README) and their handlers.
export { useShortcut, useShortcutListener } from './shortcuts';
