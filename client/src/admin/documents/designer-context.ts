import { inject, nextTick, provide, shallowRef, type InjectionKey } from 'vue';
import type { LineSourceItem, MergeField } from './operations';
import { insertedAt } from './block-form';

// What the designer's parts share however deep they sit: the object's merge fields and line
// sources, the server's message for a block, and the text box a picked merge field goes into.

type Writable = HTMLInputElement | HTMLTextAreaElement;
interface MergeTarget {
  element: Writable;
  write(text: string): void;
}

export interface Designer {
  mergeFields(): MergeField[];
  lineSources(): LineSourceItem[];
  /** The refused save's or preview's message for block `index` (and its `part`, if named). */
  errorAt(index: number): { part: string | null; message: string } | null;
  /** Called by a merge-aware text box on focus: picked merge fields go there. */
  target(element: Writable, write: (text: string) => void): void;
  /** Puts `{{ path }}` where the cursor was in the text box last focused; false when none was. */
  insert(path: string): Promise<boolean>;
}

const designerKey: InjectionKey<Designer> = Symbol('document-designer');

export function provideDesigner(parts: Pick<Designer, 'mergeFields' | 'lineSources' | 'errorAt'>): Designer {
  const current = shallowRef<MergeTarget | null>(null);
  const designer: Designer = {
    ...parts,
    target: (element, write) => void (current.value = { element, write }),
    async insert(path) {
      const target = current.value;
      if (!target?.element.isConnected) return false;
      const { element } = target;
      const next = insertedAt(element.value, element.selectionStart, element.selectionEnd, `{{ ${path} }}`);
      target.write(next.text);
      await nextTick();
      element.focus();
      element.setSelectionRange(next.cursor, next.cursor);
      return true;
    },
  };
  provide(designerKey, designer);
  return designer;
}

export function useDesigner(): Designer {
  const designer = inject(designerKey);
  if (!designer) throw new Error('A designer part outside DocumentTemplateEditor.');
  return designer;
}
