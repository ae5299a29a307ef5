import { describe, expect, it } from 'vitest';
import { applyLayout, gridItems, nextPlace } from './dashboard-layout';

const widgets = [
  { id: 'a', x: 0, y: 0, w: 12, h: 8, chart: 'BAR' },
  { id: 'b', x: 12, y: 0, w: 12, h: 8, chart: 'PIE' },
];

describe('dashboard layout', () => {
  it('round-trips the grid items and says when something moved', () => {
    const layout = gridItems(widgets);
    expect(applyLayout(widgets, layout).changed).toBe(false);
    layout[1] = { ...layout[1]!, x: 0, y: 8, w: 24 };
    const { widgets: moved, changed } = applyLayout(widgets, layout);
    expect(changed).toBe(true);
    expect(moved[1]).toEqual({ id: 'b', x: 0, y: 8, w: 24, h: 8, chart: 'PIE' });
    expect(moved[0]).toBe(widgets[0]);
  });

  it('puts a new widget beside the last one when it fits, else below', () => {
    expect(nextPlace([])).toEqual({ x: 0, y: 0, w: 12, h: 8 });
    expect(nextPlace(widgets.slice(0, 1))).toEqual({ x: 12, y: 0, w: 12, h: 8 });
    expect(nextPlace(widgets)).toEqual({ x: 0, y: 8, w: 12, h: 8 });
  });
});
