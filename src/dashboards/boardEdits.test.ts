import { describe, expect, it } from 'vitest';
import { newDashboard, newPanel, newRow } from './defaults';
import type { Dashboard, Panel } from './model';
import { addPanel, addRow, applyLayout, duplicatePanel, removeItem, toggleRow } from './boardEdits';

function at(p: Panel, x: number, y: number, w = 12, h = 8): Panel {
  return { ...p, gridPos: { x, y, w, h } };
}

function board(): Dashboard {
  const b = newDashboard('b', 'B');
  b.panels = [at(newPanel('stat', 1, 'a'), 0, 0), newRow(2, 'Row', 8), at(newPanel('stat', 3, 'b'), 0, 9), at(newPanel('stat', 4, 'c'), 12, 9), newRow(5, 'Last', 17), at(newPanel('stat', 6, 'd'), 0, 18)];
  return b;
}

const ids = (b: Dashboard) => b.panels.map((p) => p.id);

describe('board edits', () => {
  it('closes a row over its panels and opens it again where it was', () => {
    const closed = toggleRow(board(), 2);
    expect(ids(closed)).toEqual([1, 2, 5, 6]);
    expect(closed.panels[1]).toMatchObject({ collapsed: true, panels: [{ id: 3 }, { id: 4 }] });
    const opened = toggleRow(closed, 2);
    expect(ids(opened)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(opened.panels.map((p) => p.gridPos.y)).toEqual([0, 8, 9, 9, 25, 26]);
  });

  it('adds a panel with a free id under everything, and a row', () => {
    const { board: b, panel } = addPanel(board(), newPanel('timeseries', 0));
    expect(panel).toMatchObject({ id: 7, gridPos: { x: 0, y: 26 } });
    expect(addRow(b, 'New').panels.at(-1)).toMatchObject({ kind: 'row', id: 8, title: 'New', gridPos: { y: 34, w: 24 } });
  });

  it('duplicates beside when it fits, else under', () => {
    const b = duplicatePanel(board(), 1);
    expect(b.panels[1]).toMatchObject({ id: 7, title: 'a', gridPos: { x: 12, y: 0 } });
    expect(duplicatePanel(b, 4).panels.find((p) => p.id === 8)?.gridPos).toMatchObject({ x: 12, y: 17 });
  });

  it('removes a closed row with its panels', () => {
    expect(ids(removeItem(toggleRow(board(), 2), 2))).toEqual([1, 5, 6]);
  });

  it('takes moved positions and keeps grid order; nothing moved is the same board', () => {
    const b = board();
    expect(applyLayout(b, new Map([[1, { x: 0, y: 0, w: 12, h: 8 }]]))).toBe(b);
    expect(ids(applyLayout(b, new Map([[1, { x: 0, y: 30, w: 12, h: 8 }]])))).toEqual([2, 3, 4, 5, 6, 1]);
  });
});
