/** A widget's place on the dashboard's grid of 24 columns (rows of `rowHeight` pixels). */
export interface WidgetPlace {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export const gridColumns = 24;
export const rowHeight = 40;

/** The grid library's items: `i` is the widget's id. */
export interface GridItem {
  i: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export function gridItems(widgets: readonly WidgetPlace[]): GridItem[] {
  return widgets.map(({ id, x, y, w, h }) => ({ i: id, x, y, w, h }));
}

/** The widgets placed as the grid left them; true when any moved or changed size. */
export function applyLayout<T extends WidgetPlace>(
  widgets: readonly T[],
  layout: readonly GridItem[],
): { widgets: T[]; changed: boolean } {
  let changed = false;
  const placed = widgets.map((widget) => {
    const item = layout.find((l) => String(l.i) === widget.id);
    if (!item) return widget;
    const { x, y, w, h } = item;
    if (x === widget.x && y === widget.y && w === widget.w && h === widget.h) return widget;
    changed = true;
    return { ...widget, x, y, w, h };
  });
  return { widgets: placed, changed };
}

/** Where a new widget goes: half the width, under everything else (or beside the last one when it fits). */
export function nextPlace(widgets: readonly WidgetPlace[], w = 12, h = 8): Omit<WidgetPlace, 'id'> {
  const bottom = widgets.reduce((max, p) => Math.max(max, p.y + p.h), 0);
  const lastRow = widgets.filter((p) => p.y + p.h === bottom);
  const right = lastRow.reduce((max, p) => Math.max(max, p.x + p.w), 0);
  if (lastRow.length && right + w <= gridColumns) {
    const top = Math.min(...lastRow.map((p) => p.y));
    return { x: right, y: top, w, h };
  }
  return { x: 0, y: bottom, w, h };
}
