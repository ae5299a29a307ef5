import type { HocuspocusProvider } from '@hocuspocus/provider';
import { Extension, type Editor } from '@tiptap/core';
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import * as Y from 'yjs';
import { docFromText, mapOffset, offsetOf, posOf, textChange, textOf, type TextDelta } from './plain-text';

export type Awareness = NonNullable<HocuspocusProvider['awareness']>;

export interface PresenceUser {
  id: string;
  name: string;
  color: string;
}

interface BindingOptions {
  ytext: Y.Text | null;
  awareness: Awareness | null;
  /** The field key announced in awareness while this editor has the focus. */
  field: string;
}

interface CursorState {
  anchor: unknown;
  head: unknown;
}

const remoteKey = new PluginKey('y-text-remote');
const cursorsKey = new PluginKey<DecorationSet>('y-text-cursors');

/**
 * Binds the editor to the field's Y.Text, character by character, and draws the
 * others' carets and selections from awareness (`cursor`: Yjs relative positions, as
 * docs/api.md "WS /collab" describes). TipTap's Collaboration extension binds a Y.XmlFragment
 * instead, which the server neither stores nor projects into the record.
 */
export const YTextBinding = Extension.create<BindingOptions>({
  name: 'yTextBinding',

  addOptions() {
    return { ytext: null, awareness: null, field: '' };
  },

  addProseMirrorPlugins() {
    const { awareness, ytext } = this.options;
    return [
      new Plugin<DecorationSet>({
        key: cursorsKey,
        state: {
          init: () => DecorationSet.empty,
          apply: (tr, previous, _old, state) =>
            tr.getMeta(cursorsKey) || tr.docChanged
              ? remoteCursors(state.doc, ytext, awareness)
              : previous.map(tr.mapping, tr.doc),
        },
        props: { decorations: (state) => cursorsKey.getState(state) },
      }),
    ];
  },

  onCreate() {
    const { ytext, awareness } = this.options;
    if (!ytext) return;
    const editor = this.editor;
    /** Shows the Y.Text; after another's change (`delta`), the local selection moves with the text. */
    const showText = (delta?: TextDelta) => {
      const { state, view } = editor;
      const local = liveSelection(view);
      const anchor = offsetOf(state.doc, local.anchor);
      const head = offsetOf(state.doc, local.head);
      const doc = docFromText(state.schema, ytext.toString());
      const tr = state.tr.replaceWith(0, state.doc.content.size, doc.content).setMeta(remoteKey, true);
      tr.setMeta('addToHistory', false);
      if (delta) {
        const to = (offset: number) => posOf(tr.doc, mapOffset(offset, delta));
        tr.setSelection(TextSelection.create(tr.doc, to(anchor), to(head)));
      }
      view.dispatch(tr);
    };
    const onRemote = (event: Y.YTextEvent, transaction: Y.Transaction) => {
      if (transaction.origin !== binding) showText(event.delta as TextDelta);
    };
    const binding = { editor };
    ytext.observe(onRemote);
    showText();

    /** Tells the others where this caret is (Yjs relative positions survive their edits). */
    const announceSelection = () => {
      if (!awareness || !editor.isFocused) return;
      const { doc, selection } = editor.state;
      const relative = (pos: number) =>
        Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(ytext, offsetOf(doc, pos)));
      const cursor: CursorState = { anchor: relative(selection.anchor), head: relative(selection.head) };
      awareness.setLocalStateField('cursor', cursor);
      awareness.setLocalStateField('field', this.options.field);
    };
    const onUpdate = ({ transaction }: { transaction: { getMeta(key: PluginKey): unknown } }) => {
      if (transaction.getMeta(remoteKey)) return;
      const change = textChange(ytext.toString(), textOf(editor.state.doc));
      if (change.remove === 0 && change.insert === '') return;
      ytext.doc!.transact(() => {
        if (change.remove) ytext.delete(change.index, change.remove);
        if (change.insert) ytext.insert(change.index, change.insert);
      }, binding);
    };
    const onBlur = () => {
      awareness?.setLocalStateField('cursor', null);
      awareness?.setLocalStateField('field', null);
    };
    const redrawCursors = () => {
      if (!editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(cursorsKey, true));
    };
    editor.on('update', onUpdate);
    editor.on('selectionUpdate', announceSelection);
    editor.on('update', announceSelection);
    editor.on('focus', announceSelection);
    editor.on('blur', onBlur);
    awareness?.on('change', redrawCursors);
    editor.on('destroy', () => {
      ytext.unobserve(onRemote);
      awareness?.off('change', redrawCursors);
    });
  },
});

type View = Editor['view'];

/**
 * The selection as the person sees it. The browser moves the caret first (Home, a click)
 * and the editor reads it a moment later; a change arriving in between must not put the
 * caret back where it was, so the DOM's selection wins while the editor has the focus.
 */
function liveSelection(view: View): { anchor: number; head: number } {
  const dom = view.hasFocus() ? (view.root as Document).getSelection() : null;
  if (
    dom?.anchorNode &&
    dom.focusNode &&
    view.dom.contains(dom.anchorNode) &&
    view.dom.contains(dom.focusNode)
  ) {
    try {
      return {
        anchor: view.posAtDOM(dom.anchorNode, dom.anchorOffset),
        head: view.posAtDOM(dom.focusNode, dom.focusOffset),
      };
    } catch {
      // A node the editor does not map (a caret widget): fall back to the editor's selection.
    }
  }
  return { anchor: view.state.selection.anchor, head: view.state.selection.head };
}

function remoteCursors(
  doc: Parameters<typeof offsetOf>[0],
  ytext: Y.Text | null,
  awareness: Awareness | null,
): DecorationSet {
  if (!ytext?.doc || !awareness) return DecorationSet.empty;
  const decorations: Decoration[] = [];
  awareness.getStates().forEach((state, clientId) => {
    const cursor = state.cursor as CursorState | null | undefined;
    const user = state.user as PresenceUser | undefined;
    if (clientId === awareness.clientID || !cursor || !user) return;
    const absolute = (json: unknown) =>
      Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), ytext.doc!);
    const anchor = absolute(cursor.anchor);
    const head = absolute(cursor.head);
    if (!anchor || !head) return;
    const headPos = posOf(doc, head.index);
    const anchorPos = posOf(doc, anchor.index);
    decorations.push(
      Decoration.widget(headPos, () => caret(user), { key: `caret-${clientId}-${user.color}`, side: 10 }),
    );
    if (anchorPos !== headPos) {
      decorations.push(
        Decoration.inline(Math.min(anchorPos, headPos), Math.max(anchorPos, headPos), {
          style: `background-color: ${user.color}33`,
        }),
      );
    }
  });
  return DecorationSet.create(doc, decorations);
}

/** A caret in the other person's colour; its name label is drawn by CSS, so it is not text. */
function caret(user: PresenceUser): HTMLElement {
  const element = document.createElement('span');
  element.className = 'collab-caret';
  element.style.borderColor = user.color;
  element.style.setProperty('--caret', user.color);
  element.dataset.name = user.name;
  element.dataset.testid = 'collab-caret';
  return element;
}
