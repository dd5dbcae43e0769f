// The board's grid: react-grid-layout with Grafana's 24 columns of 30 px
// rows, moved and resized in edit mode only; rows are full-width headers that
// open and close. On a narrow screen the grid is one column: every panel full
// width, in grid order.

import ReactGridLayout, { type Layout } from 'react-grid-layout';
import 'react-grid-layout/css/styles.css';
import 'react-resizable/css/styles.css';
import { interpolate } from '../../dashboards/interpolate';
import type { ExpandedItem } from '../../dashboards/repeat';
import { GRID_COLUMNS, GRID_ROW_PX, type GridPos, type Panel } from '../../dashboards/model';
import { BoardPanel, type PanelMenuActions } from './BoardPanel';
import type { PanelData, PanelTime } from './panelData';

/** Below this width the grid is one column (a phone held upright). */
export const SINGLE_COLUMN_PX = 600;
const MARGIN_PX = 8;

interface BoardGridProps {
  items: ExpandedItem[];
  data: Map<string, PanelData>;
  time: PanelTime;
  editing: boolean;
  actionsFor(panel: Panel): PanelMenuActions;
  onToggleRow(id: number): void;
  onRemoveRow(id: number): void;
  onMove(positions: Map<number, GridPos>): void;
  onZoom(startMs: number, endMs: number): void;
  /** The grid's width in CSS px, measured by the page (which plans queries by it). */
  width: number;
}

/** A panel's drawn size for a grid height in rows. */
export function heightPx(h: number): number {
  return h * GRID_ROW_PX + (h - 1) * MARGIN_PX;
}

/** The width the grid gives a panel of `w` columns (no padding around the grid, margins between columns). */
export function panelWidthPx(w: number, gridWidth: number): number {
  if (gridWidth < SINGLE_COLUMN_PX) return gridWidth;
  const column = (gridWidth - MARGIN_PX * (GRID_COLUMNS - 1)) / GRID_COLUMNS;
  return Math.max(1, column * w + MARGIN_PX * (w - 1));
}

export function BoardGrid(p: BoardGridProps) {
  const { width } = p;
  const single = width < SINGLE_COLUMN_PX;
  const position = new Map<string, number>();
  let n = 0;
  for (const it of p.items) if (it.kind === 'panel') position.set(it.key, ++n);

  const render = (it: ExpandedItem, w: number) => {
    if (it.kind === 'row') {
      const row = it.row;
      const title = interpolate(row.title, it.scope, 'text');
      return (
        <div key={it.key} className="board-row">
          <button type="button" className="board-row-toggle" aria-expanded={!row.collapsed} onClick={() => p.onToggleRow(row.id)}>
            <span aria-hidden="true">{row.collapsed ? '▸' : '▾'}</span>
            {title}
          </button>
          {row.collapsed ? <span className="muted small">{row.panels.length} panels</span> : null}
          {p.editing ? (
            <button type="button" className="board-row-remove" aria-label={`Remove row ${title}`} onClick={() => p.onRemoveRow(row.id)}>
              ✕
            </button>
          ) : null}
        </div>
      );
    }
    const panel = it.panel;
    return (
      <div key={it.key} className="board-cell">
        <BoardPanel
          panel={panel}
          title={interpolate(panel.title, it.scope, 'text')}
          description={interpolate(panel.description, it.scope, 'text')}
          position={position.get(it.key) ?? 0}
          data={p.data.get(it.key)}
          time={p.time}
          width={w}
          height={heightPx(panel.gridPos.h)}
          editing={p.editing}
          actions={p.actionsFor(panel)}
          onZoom={p.onZoom}
        />
      </div>
    );
  };

  const layout: Layout = p.items.map((it) => {
    const g = it.kind === 'row' ? it.row.gridPos : it.panel.gridPos;
    return { i: it.key, x: g.x, y: g.y, w: it.kind === 'row' ? GRID_COLUMNS : g.w, h: it.kind === 'row' ? 1 : g.h, isResizable: it.kind !== 'row' };
  });
  const idOf = new Map(p.items.map((it) => [it.key, it.kind === 'row' ? it.row.id : it.panel.id]));
  const moved = (l: Layout) => p.onMove(new Map(l.filter((li) => idOf.has(li.i)).map((li) => [idOf.get(li.i)!, { x: li.x, y: li.y, w: li.w, h: li.h }])));

  return (
    <div className="board-grid">
      {single ? (
        <div className="board-stack">{p.items.map((it) => render(it, width))}</div>
      ) : (
        <ReactGridLayout
          width={width}
          layout={layout}
          gridConfig={{ cols: GRID_COLUMNS, rowHeight: GRID_ROW_PX, margin: [MARGIN_PX, MARGIN_PX], containerPadding: [0, 0] }}
          dragConfig={{ enabled: p.editing, handle: '.board-panel-header, .board-row', cancel: 'button, input, select, textarea, [role=menu]' }}
          resizeConfig={{ enabled: p.editing }}
          onDragStop={moved}
          onResizeStop={moved}
        >
          {p.items.map((it) => render(it, panelWidthPx(it.kind === 'row' ? GRID_COLUMNS : it.panel.gridPos.w, width)))}
        </ReactGridLayout>
      )}
    </div>
  );
}
