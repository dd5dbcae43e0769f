// A board (`#/d/<uid>`): its toolbar, variables and ad hoc filters (all kept
// in the URL, so a link reopens the same view), its grid of panels refreshed
// as one batch, and edit mode with settings, the panel editor, save and
// discard. Unsaved edits are kept as a draft and flagged.

import { useEffect, useState } from 'react';
import { useContainerWidth } from 'react-grid-layout';
import { newPanel } from '../../dashboards/defaults';
import type { Dashboard, Panel, PanelType } from '../../dashboards/model';
import { expandRepeats } from '../../dashboards/repeat';
import { zoomOutRange } from '../../dashboards/timeRange';
import { scopeOf } from '../../dashboards/variables';
import { onEngineEvent } from '../engineClient';
import { boardUid, currentRoute, navigate, useRoute } from '../router';
import { useBoard } from '../stores/boardStore';
import { useImportReport } from '../stores/importReportStore';
import { AdhocBar } from './AdhocBar';
import { addPanel, addRow, applyLayout, duplicatePanel, removeItem, replacePanel, toggleRow } from '../../dashboards/boardEdits';
import { BoardGrid, panelWidthPx } from './BoardGrid';
import { BoardSettings } from './BoardSettings';
import { BoardToolbar } from './BoardToolbar';
import { boardParams, boardViewFrom, type BoardView } from './boardUrl';
import { ImportReportView } from './ImportReportView';
import { PANEL_TYPES, PanelEditor } from './panels/PanelEditor';
import { useBoardData } from './useBoardData';
import { useBoardVariables } from './useBoardVariables';
import { VariablesBar } from './VariablesBar';
import './board.css';


export function BoardPage({ uid }: { uid: string }) {
  const status = useBoard((s) => s.status);
  const board = useBoard((s) => (s.uid === uid ? s.board : null));
  useEffect(() => {
    void useBoard.getState().open(uid);
    // Another tab saved, starred or deleted a board: a board with no unsaved edits follows.
    return onEngineEvent((e) => {
      if (e.kind === 'dashboards') void useBoard.getState().reload();
    });
  }, [uid]);
  if (status.state === 'failed') {
    return (
      <div className="page">
        <p className="error" role="alert">
          Board {uid} could not be opened: {status.error}
        </p>
        <a href="#/dashboards">All dashboards</a>
      </div>
    );
  }
  if (!board) return <p className="muted">Opening the board…</p>;
  return <Board board={board} />;
}

function Board({ board }: { board: Dashboard }) {
  const route = useRoute();
  const dirty = useBoard((s) => s.dirty);
  const editing = useBoard((s) => s.editing);
  const clash = useBoard((s) => s.clash);
  const { edit, view: viewChange, setEditing, save, discard, reload } = useBoard.getState();
  const [panelEditing, setPanelEditing] = useState<number | null>(null);
  const [settings, setSettings] = useState(false);
  const [newType, setNewType] = useState<PanelType>('timeseries');
  const report = useImportReport((s) => (s.last?.uid === board.uid ? s.last : null));
  const { width, containerRef } = useContainerWidth();

  const view = boardViewFrom(route.params, board);
  const setView = (patch: Partial<BoardView>, replace = false) => navigate(`/d/${encodeURIComponent(board.uid)}`, boardParams({ ...view, ...patch }, board), replace);
  const startEditing = route.params.has('editview');
  useEffect(() => {
    // A board just created opens in edit mode (Grafana's editview in the link).
    if (startEditing) setEditing(true);
  }, [startEditing, setEditing]);
  const complete = route.params.has('from') && route.params.has('to');
  // Rewrites the URL on the board's own account (not a person's click) only while it
  // still shows this board: one left a moment ago must not pull the person back.
  const amend = (patch: Partial<BoardView>) => {
    const now = currentRoute();
    if (boardUid(now.path) === board.uid) navigate(now.path, boardParams({ ...boardViewFrom(now.params, board), ...patch }, board), true);
  };
  useEffect(() => {
    // A board opened without a range in its link gets the board's, so the link reopens this view.
    if (complete) return;
    const now = currentRoute();
    if (boardUid(now.path) === board.uid) navigate(now.path, boardParams(boardViewFrom(now.params, board), board), true);
  }, [complete, board]);

  const boardData = useBoardDataFor(board, view, width, (values) => amend({ values }));
  const { items, variables } = boardData;

  const actionsFor = (panel: Panel) => ({
    edit: () => setPanelEditing(panel.id),
    duplicate: () => edit((b) => duplicatePanel(b, panel.id)),
    remove: () => edit((b) => removeItem(b, panel.id)),
  });
  const edited = panelEditing === null ? null : items.find((it) => it.kind === 'panel' && it.panel.id === panelEditing);

  return (
    <div className="page board-page">
      <BoardToolbar
        title={board.title}
        time={view.time}
        resolved={boardData.time}
        refresh={view.refresh}
        timezone={view.timezone}
        editing={editing}
        onTime={(time) => setView({ time })}
        onZoomOut={() => setView({ time: zoomOutRange(view.time, Date.now(), view.timezone) })}
        onRefresh={(refresh) => setView({ refresh }, true)}
        onRefreshNow={boardData.refreshNow}
        onTimezone={(timezone) => setView({ timezone }, true)}
        onEditing={setEditing}
      />
      {dirty ? (
        <div className="board-unsaved" role="status">
          <strong>Unsaved changes</strong>
          <span className="muted small">kept in this browser until you save or discard them</span>
          <button type="button" className="primary" onClick={() => void save()}>
            Save
          </button>
          <button type="button" onClick={discard}>
            Discard
          </button>
        </div>
      ) : null}
      {clash ? (
        <div className="warning" role="alert">
          <p>Not saved: {clash}</p>
          <button type="button" onClick={() => void reload()}>
            Reload the saved board (drops your changes)
          </button>{' '}
          <button type="button" onClick={() => void save(true)}>
            Overwrite it with yours
          </button>
        </div>
      ) : null}
      {report ? (
        <div className="board-import-report">
          <ImportReportView report={report.report} title={`Imported "${report.title}"`} />
          <button type="button" onClick={useImportReport.getState().dismiss}>
            Dismiss import report
          </button>
        </div>
      ) : null}
      {editing ? (
        <div className="board-editbar" role="toolbar" aria-label="Edit board">
          <select aria-label="New panel type" value={newType} onChange={(e) => setNewType(PANEL_TYPES.find(([type]) => type === e.target.value)?.[0] ?? 'timeseries')}>
            {PANEL_TYPES.map(([type, text]) => (
              <option key={type} value={type}>
                {text}
              </option>
            ))}
          </select>
          <button
            type="button"
            onClick={() => {
              const added = addPanel(board, newPanel(newType, 0));
              edit(() => added.board);
              setPanelEditing(added.panel.id);
            }}
          >
            Add panel
          </button>
          <button type="button" onClick={() => edit((b) => addRow(b, 'Row title'))}>
            Add row
          </button>
          <button type="button" aria-pressed={settings} onClick={() => setSettings(!settings)}>
            Settings
          </button>
          {dirty ? null : (
            <button type="button" onClick={() => void save()}>
              Save
            </button>
          )}
        </div>
      ) : null}
      {editing && settings ? <BoardSettings board={board} onChange={edit} onClose={() => setSettings(false)} /> : null}
      <VariablesBar variables={variables.variables} errors={variables.errors} onChoose={(name, values) => setView({ values: { ...view.values, [name]: values } })} />
      <AdhocBar source={board.source} filters={view.filters} onChange={(filters) => setView({ filters })} />
      {boardData.rangeError ? (
        <p className="error" role="alert">
          Time range: {boardData.rangeError}
        </p>
      ) : null}
      {edited && edited.kind === 'panel' ? (
        <button type="button" className="board-back" onClick={() => setPanelEditing(null)}>
          ← Back to board
        </button>
      ) : null}
      {edited && edited.kind === 'panel' ? (
        <PanelEditor
          panel={edited.panel}
          data={boardData.data.get(edited.key) ?? { state: 'loading', frames: [], error: '', notices: [] }}
          time={boardData.time}
          onChange={(panel) => edit((b) => replacePanel(b, panel))}
          onClose={() => setPanelEditing(null)}
        />
      ) : null}
      <div ref={containerRef} className="board-grid-wrap" hidden={edited !== null && edited !== undefined}>
        {board.panels.length === 0 ? <p className="muted">This board has no panels yet. {editing ? 'Add one above.' : 'Press Edit to add one.'}</p> : null}
        <BoardGrid
          items={items}
          data={boardData.data}
          time={boardData.time}
          editing={editing}
          width={width}
          actionsFor={actionsFor}
          onToggleRow={(id) => (editing ? edit : viewChange)((b) => toggleRow(b, id))}
          onRemoveRow={(id) => edit((b) => removeItem(b, id))}
          onMove={(positions) => {
            const moved = applyLayout(board, positions);
            if (moved !== board) edit(() => moved);
          }}
          onZoom={(startMs, endMs) => setView({ time: { from: String(Math.round(startMs)), to: String(Math.round(endMs)) } })}
        />
      </div>
    </div>
  );
}

/** Variables, repeats and panel data of the board as the view chooses them. */
function useBoardDataFor(board: Dashboard, view: BoardView, width: number, onCorrected: (values: Record<string, string[]>) => void) {
  const variables = useBoardVariables(board, view.values, view.time, view.timezone, onCorrected);
  const items = expandRepeats(board.panels, scopeOf(variables.variables, {}));
  const panels = items.flatMap((it) => (it.kind === 'panel' ? [{ key: it.key, panel: it.panel, scope: it.scope, widthPx: panelWidthPx(it.panel.gridPos.w, width) }] : []));
  const data = useBoardData({ panels, time: view.time, timezone: view.timezone, refresh: view.refresh, filters: view.filters, source: board.source });
  return { ...data, items, variables };
}
