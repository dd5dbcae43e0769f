// A panel's frame on the board: a region named by its title (`Panel N` when
// untitled) carrying its data's state for outside checks, a header with the
// description as a tooltip and, in edit mode, the panel's menu; its body is
// the panel type's drawing, or the error text.

import { useState } from 'react';
import type { Panel } from '../../dashboards/model';
import type { PanelData, PanelTime } from './panelData';
import { PanelBody } from './panels/PanelBody';

export const PANEL_HEADER_PX = 30;

export interface PanelMenuActions {
  edit(): void;
  duplicate(): void;
  remove(): void;
}

interface BoardPanelProps {
  panel: Panel;
  /** Title and description with the panel's variables interpolated (a repeat's copy names its value). */
  title: string;
  description: string;
  /** Its place on the board, from 1, naming it when untitled. */
  position: number;
  /** Undefined until the board's first refresh has asked for it. */
  data: PanelData | undefined;
  time: PanelTime;
  width: number;
  height: number;
  editing: boolean;
  actions: PanelMenuActions;
  onZoom(startMs: number, endMs: number): void;
}

const LOADING: PanelData = { state: 'loading', frames: [], error: '', notices: [] };

export function panelName(title: string, position: number): string {
  return title.trim() || `Panel ${position}`;
}

export function BoardPanel({ panel, title, description, position, data = LOADING, time, width, height, editing, actions, onZoom }: BoardPanelProps) {
  const [menu, setMenu] = useState(false);
  const [json, setJson] = useState(false);
  const name = panelName(title, position);
  return (
    <section className="board-panel" role="region" aria-label={name} data-panel-state={data.state} style={{ height }}>
      <header className="board-panel-header">
        <h3 className="board-panel-title" title={description || undefined}>
          {title}
        </h3>
        {description ? (
          <span className="board-panel-info" title={description} aria-label={`About ${name}: ${description}`} role="note">
            i
          </span>
        ) : null}
        {data.state === 'loading' ? <span className="board-panel-loading" aria-hidden="true" /> : null}
        {editing ? (
          <div className="board-panel-menu">
            <button type="button" aria-haspopup="menu" aria-expanded={menu} aria-label={`Menu of ${name}`} onClick={() => setMenu(!menu)}>
              ⋮
            </button>
            {menu ? (
              <div role="menu" aria-label={`Menu of ${name}`} className="board-menu-list">
                {(
                  [
                    ['Edit', actions.edit],
                    ['Duplicate', actions.duplicate],
                    ['View JSON', () => setJson(true)],
                    ['Remove', actions.remove],
                  ] as const
                ).map(([label, act]) => (
                  <button
                    key={label}
                    type="button"
                    role="menuitem"
                    onClick={() => {
                      setMenu(false);
                      act();
                    }}
                  >
                    {label}
                  </button>
                ))}
              </div>
            ) : null}
          </div>
        ) : null}
      </header>
      <div className="board-panel-body">
        {data.state === 'error' ? (
          <p className="error board-panel-error">{data.error}</p>
        ) : (
          <PanelBody panel={panel} data={data} time={time} width={width} height={height - PANEL_HEADER_PX} onZoom={onZoom} />
        )}
      </div>
      {json ? (
        <div className="board-panel-json" role="dialog" aria-label={`JSON of ${name}`}>
          <pre className="mono small">{JSON.stringify(panel, null, 2)}</pre>
          <button type="button" onClick={() => setJson(false)}>
            Close
          </button>
        </div>
      ) : null}
    </section>
  );
}
