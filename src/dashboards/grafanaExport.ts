// Stand-in for the grafana helper's export: the board in Grafana's JSON model's main fields.

import type { Dashboard } from './model';

export function exportGrafana(board: Dashboard): Record<string, unknown> {
  return {
    uid: board.uid,
    title: board.title,
    description: board.description,
    tags: board.tags,
    time: board.time,
    refresh: board.refresh,
    schemaVersion: 39,
    panels: board.panels.map((p) => (p.kind === 'row' ? { type: 'row', id: p.id, title: p.title, gridPos: p.gridPos, collapsed: p.collapsed, panels: p.panels } : { ...p, kind: undefined })),
    templating: { list: board.variables },
  };
}
