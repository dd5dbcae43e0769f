// The old `rows` layout (schema < 16) laid out on the 24-column grid as
// Grafana does it: a port of DashboardMigrator.upgradeToGridLayout and its
// RowArea (grafana/grafana public/app/features/dashboard/state/DashboardMigrator.ts).
// The result is the current shape: panels with gridPos and `type: 'row'` panels.

import { isRaw, JsonObject, type Notes, type Raw } from './grafanaJson';

/** A panel of the current model, with the JSON path it was read from. */
export interface PlacedPanel {
  path: string;
  raw: Raw;
  /** A row's panels (collapsed rows carry theirs). */
  children: PlacedPanel[];
}

// app/core/constants.ts
const GRID_CELL_HEIGHT = 30;
const GRID_CELL_VMARGIN = 8;
const MIN_PANEL_HEIGHT = GRID_CELL_HEIGHT * 3;
const DEFAULT_ROW_HEIGHT = 250;
const DEFAULT_PANEL_SPAN = 4;
const COLUMNS = 24;

/** Pixels to grid rows: a cell is 30 px with an 8 px margin. */
export function gridHeight(height: unknown): number {
  let px = typeof height === 'string' ? parseInt(height.replace('px', ''), 10) : typeof height === 'number' ? height : DEFAULT_ROW_HEIGHT;
  if (!Number.isFinite(px)) px = DEFAULT_ROW_HEIGHT;
  if (px < MIN_PANEL_HEIGHT) px = MIN_PANEL_HEIGHT;
  return Math.ceil(px / (GRID_CELL_HEIGHT + GRID_CELL_VMARGIN));
}

/** Columns filled so far in one band of a row, as heights from the band's top. */
class RowArea {
  area: number[];

  constructor(
    readonly height: number,
    public yPos: number,
  ) {
    this.area = new Array<number>(COLUMNS).fill(0);
  }

  addPanel(g: { x: number; y: number; w: number; h: number }): void {
    for (let i = g.x; i < g.x + g.w; i++) {
      if (!this.area[i] || g.y + g.h - this.yPos > this.area[i]) this.area[i] = g.y + g.h - this.yPos;
    }
  }

  position(width: number, callOnce = false): { x: number; y: number } | null {
    let start: number | undefined;
    let end: number | undefined;
    for (let i = this.area.length - 1; i >= 0; i--) {
      if (this.height - this.area[i] <= 0) break;
      if (end === undefined) end = i;
      else if (i < this.area.length - 1 && this.area[i] <= this.area[i + 1]) start = i;
      else break;
    }
    if (start !== undefined && end !== undefined && end - start >= width - 1) {
      return { x: start, y: Math.max(...this.area.slice(start)) };
    }
    if (callOnce) return null;
    this.yPos += this.height;
    this.area.fill(0);
    return this.position(width, true);
  }
}

export function upgradeRows(board: JsonObject): PlacedPanel[] {
  const rows = board.objs('rows');
  const notes: Notes = board.notes;
  const out: PlacedPanel[] = [];
  let maxId = 0;
  for (const r of rows) for (const p of r.list('panels')) if (isRaw(p) && typeof p.id === 'number') maxId = Math.max(maxId, p.id);
  let nextRowId = maxId + 1;
  const showRows = rows.some((r) => Boolean(r.raw.collapse) || Boolean(r.raw.showTitle) || Boolean(r.raw.repeat));
  let yPos = 0;
  for (const r of rows) {
    if (r.raw.repeatIteration) continue;
    const rowHeight = gridHeight(r.take('height') ?? DEFAULT_ROW_HEIGHT);
    const collapsed = r.bool('collapse');
    let row: PlacedPanel | null = null;
    if (showRows) {
      const raw: Raw = { id: nextRowId++, type: 'row', title: r.str('title'), collapsed, repeat: r.str('repeat'), gridPos: { x: 0, y: yPos, w: COLUMNS, h: rowHeight } };
      row = { path: r.path, raw, children: [] };
      yPos++;
    }
    // Without row headers Grafana drops the rows' titles too.
    r.skip('title', 'showTitle', 'repeat', 'collapse', 'titleSize', 'repeatIteration', 'repeatRowId');
    const area = new RowArea(rowHeight, yPos);
    for (const p of r.objs('panels')) {
      const span = typeof p.raw.span === 'number' && p.raw.span > 0 ? p.raw.span : DEFAULT_PANEL_SPAN;
      const w = Math.floor(span) * (COLUMNS / 12);
      const h = p.raw.height !== undefined ? gridHeight(p.raw.height) : rowHeight;
      const pos = area.position(w) ?? { x: 0, y: 0 };
      yPos = area.yPos;
      const gridPos = { x: pos.x, y: yPos + pos.y, w, h };
      area.addPanel(gridPos);
      const raw: Raw = { ...p.raw, gridPos };
      delete raw.span;
      delete raw.height;
      const placed = { path: p.path, raw, children: [] };
      if (row && collapsed) row.children.push(placed);
      else out.push(placed);
    }
    r.leftovers('row option');
    if (row) out.push(row);
    if (!(row && collapsed)) yPos += rowHeight;
  }
  if (rows.length > 0) notes.push({ path: 'rows', kind: 'changed', what: `the old rows layout was laid out on the 24-column grid as Grafana 5 does (span × 2 columns, height in 38 px grid rows)` });
  return out;
}

/** Panels of the current model, rows' panels as their children. */
export function currentPanels(board: JsonObject): PlacedPanel[] {
  return board.objs('panels').map((p) => ({
    path: p.path,
    raw: p.raw,
    children: p.raw.type === 'row' ? p.objs('panels').map((c) => ({ path: c.path, raw: c.raw, children: [] })) : [],
  }));
}
