// Edits of a board's grid as pure functions: add, duplicate, replace and
// remove panels and rows, open and close rows (Grafana's DashboardModel
// toggleRow), and positions from a drag.

import { nextPanelId } from './defaults';
import type { Dashboard, GridPos, Panel, Row } from './model';
import { GRID_COLUMNS } from './model';

type Item = Panel | Row;

function bottom(items: Item[]): number {
  return items.reduce((m, it) => Math.max(m, it.gridPos.y + it.gridPos.h), 0);
}

/** Grid order: top to bottom, then left to right; an open row's panels follow it. */
function sorted(items: Item[]): Item[] {
  return [...items].sort((a, b) => a.gridPos.y - b.gridPos.y || a.gridPos.x - b.gridPos.x);
}

/** The panel, with a free id, under everything else. */
export function addPanel(board: Dashboard, panel: Panel): { board: Dashboard; panel: Panel } {
  const placed: Panel = { ...panel, id: nextPanelId(board), gridPos: { ...panel.gridPos, x: 0, y: bottom(board.panels) } };
  return { board: { ...board, panels: [...board.panels, placed] }, panel: placed };
}

export function addRow(board: Dashboard, title: string): Dashboard {
  const row: Row = { kind: 'row', id: nextPanelId(board), title, gridPos: { x: 0, y: bottom(board.panels), w: GRID_COLUMNS, h: 1 }, collapsed: false, panels: [], repeat: '' };
  return { ...board, panels: [...board.panels, row] };
}

function mapPanels(board: Dashboard, f: (p: Panel) => Panel): Dashboard {
  return { ...board, panels: board.panels.map((it) => (it.kind === 'row' ? { ...it, panels: it.panels.map(f) } : f(it))) };
}

export function replacePanel(board: Dashboard, panel: Panel): Dashboard {
  return mapPanels(board, (p) => (p.id === panel.id ? panel : p));
}

/** A copy beside the panel when it fits on the same line, else under it. */
export function duplicatePanel(board: Dashboard, id: number): Dashboard {
  const at = board.panels.findIndex((it) => it.id === id);
  const original = board.panels[at];
  if (!original || original.kind !== 'panel') return board;
  const g = original.gridPos;
  const gridPos: GridPos = g.x + 2 * g.w <= GRID_COLUMNS ? { ...g, x: g.x + g.w } : { ...g, y: g.y + g.h };
  const copy: Panel = { ...structuredClone(original), id: nextPanelId(board), gridPos };
  const panels = [...board.panels];
  panels.splice(at + 1, 0, copy);
  return { ...board, panels };
}

/** Removes a panel or a row (a closed row with the panels it holds; an open row's panels stay). */
export function removeItem(board: Dashboard, id: number): Dashboard {
  return {
    ...board,
    panels: board.panels.filter((it) => it.id !== id).map((it) => (it.kind === 'row' ? { ...it, panels: it.panels.filter((p) => p.id !== id) } : it)),
  };
}

/** Opens a closed row (its panels back on the grid under it, what follows pushed down) or closes an open one. */
export function toggleRow(board: Dashboard, id: number): Dashboard {
  const at = board.panels.findIndex((it) => it.id === id);
  const row = board.panels[at];
  if (!row || row.kind !== 'row') return board;
  const items = [...board.panels];
  if (row.collapsed) {
    const top = Math.min(...row.panels.map((p) => p.gridPos.y));
    const shift = row.gridPos.y + 1 - (Number.isFinite(top) ? top : 0);
    const opened = row.panels.map((p) => ({ ...p, gridPos: { ...p.gridPos, y: p.gridPos.y + shift } }));
    const height = opened.length > 0 ? bottom(opened) - (row.gridPos.y + 1) : 0;
    const after = items.slice(at + 1).map((it) => ({ ...it, gridPos: { ...it.gridPos, y: it.gridPos.y + height } }));
    return { ...board, panels: [...items.slice(0, at), { ...row, collapsed: false, panels: [] }, ...opened, ...after] };
  }
  let end = at + 1;
  while (end < items.length && items[end].kind !== 'row') end++;
  const held = items.slice(at + 1, end) as Panel[];
  return { ...board, panels: [...items.slice(0, at), { ...row, collapsed: true, panels: held }, ...items.slice(end)] };
}

/** Positions from the grid (by item id); the same board when nothing moved. */
export function applyLayout(board: Dashboard, positions: Map<number, GridPos>): Dashboard {
  let moved = false;
  const items = board.panels.map((it) => {
    const g = positions.get(it.id);
    if (!g || (g.x === it.gridPos.x && g.y === it.gridPos.y && g.w === it.gridPos.w && g.h === it.gridPos.h)) return it;
    moved = true;
    return { ...it, gridPos: { x: g.x, y: g.y, w: g.w, h: g.h } };
  });
  return moved ? { ...board, panels: sorted(items) } : board;
}
