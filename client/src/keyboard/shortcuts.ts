import { onBeforeUnmount, onMounted } from 'vue';

/**
 * Keyboard shortcuts, kept few and listed in docs/client.md:
 * `/` focuses the search, `n` opens the new-record form of the table shown,
 * `g h` goes home, `g 1`…`g 9` opens the sidebar's objects, `Esc` closes what is open.
 */
export type Shortcut = 'search' | 'new-record' | 'close' | 'go-home' | `go-object-${number}`;

export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** Typing in an input, a text area or an editor. */
  inField: boolean;
}

/** The shortcut a key press makes, given the previous key (for `g` sequences); pure. */
export function shortcutFor(press: KeyPress, previousKey: string | null): Shortcut | null {
  if (press.key === 'Escape') return 'close';
  if (press.inField || press.ctrlKey || press.metaKey || press.altKey) return null;
  if (previousKey === 'g') {
    if (press.key === 'h') return 'go-home';
    if (/^[1-9]$/.test(press.key)) return `go-object-${Number(press.key)}`;
    return null;
  }
  if (press.key === '/') return 'search';
  if (press.key === 'n') return 'new-record';
  return null;
}

type Handler = (shortcut: Shortcut) => boolean | void;
const handlers = new Set<Handler>();

/** Lets a component act on shortcuts while it is mounted; returning true stops the others. */
export function useShortcut(handler: Handler): void {
  onMounted(() => handlers.add(handler));
  onBeforeUnmount(() => handlers.delete(handler));
}

function inField(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (/^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName) || element.isContentEditable);
}

/** Installed once by the shell. */
export function useShortcutListener(): void {
  let previousKey: string | null = null;
  const listener = (event: KeyboardEvent) => {
    const shortcut = shortcutFor({ ...event, key: event.key, inField: inField(event.target) }, previousKey);
    previousKey = shortcut || inField(event.target) ? null : event.key;
    if (!shortcut) return;
    // Newest handler first: a dialog registered last closes before the page under it.
    for (const handler of [...handlers].reverse()) {
      if (handler(shortcut) === true) {
        if (shortcut !== 'close') event.preventDefault();
        return;
      }
    }
  };
  onMounted(() => window.addEventListener('keydown', listener));
  onBeforeUnmount(() => window.removeEventListener('keydown', listener));
}
