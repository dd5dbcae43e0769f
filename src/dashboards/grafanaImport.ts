// Stand-in for the grafana helper's import: Vigil's own JSON as is, Grafana's
// title, uid, tags, time, refresh and panels' queries; the rest reported.

import { newDashboard, newPanel, newTarget } from './defaults';
import type { Dashboard, Panel, PanelType } from './model';
import { fail, ok, type Result } from '../model/result';

export interface ImportReport {
  schemaVersion: number;
  items: { path: string; kind: 'unsupported' | 'mapped' | 'changed'; what: string }[];
}

const TYPES: Record<string, PanelType> = {
  graph: 'timeseries',
  timeseries: 'timeseries',
  singlestat: 'stat',
  stat: 'stat',
  gauge: 'gauge',
  bargauge: 'bargauge',
  table: 'table',
  heatmap: 'heatmap',
  text: 'text',
};

/** Line and column (1-based) of a JSON.parse failure, from V8's "at position N". */
function jsonPlace(text: string, message: string): { line: number; column: number } {
  const m = /position (\d+)/.exec(message);
  const at = m ? Number(m[1]) : text.length;
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

type Json = Record<string, unknown>;
const str = (v: unknown, d = ''): string => (typeof v === 'string' ? v : d);

export function importGrafana(text: string, _opts: { sources: string[] }): Result<{ dashboard: Dashboard; report: ImportReport }> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const { line, column } = jsonPlace(text, message);
    return fail({ where: 'Dashboard JSON', what: `line ${line}, column ${column}: ${message}`, problems: [{ line, column, message }] });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail({ where: 'Dashboard JSON', what: 'not a dashboard: expected a JSON object' });
  const j = raw as Json;
  const report: ImportReport = { schemaVersion: typeof j.schemaVersion === 'number' ? j.schemaVersion : 0, items: [] };
  const board = newDashboard(str(j.uid) || `imported-${Date.now().toString(36)}`, str(j.title, 'Imported dashboard'));
  if (Array.isArray(j.variables) && !('schemaVersion' in j)) return ok({ dashboard: { ...board, ...(j as Partial<Dashboard>) }, report });
  board.tags = Array.isArray(j.tags) ? j.tags.filter((t): t is string => typeof t === 'string') : [];
  const time = j.time as Json | undefined;
  if (time) board.time = { from: str(time.from, 'now-1h'), to: str(time.to, 'now') };
  board.refresh = str(j.refresh);
  const panels = Array.isArray(j.panels) ? (j.panels as Json[]) : [];
  panels.forEach((p, i) => {
    const type = TYPES[str(p.type)];
    if (!type) {
      report.items.push({ path: `panels[${i}]`, kind: 'unsupported', what: `panel type ${str(p.type)}` });
      return;
    }
    const panel: Panel = newPanel(type, typeof p.id === 'number' ? p.id : i + 1, str(p.title));
    const g = p.gridPos as Partial<Panel['gridPos']> | undefined;
    if (g) panel.gridPos = { x: g.x ?? 0, y: g.y ?? 0, w: g.w ?? 12, h: g.h ?? 8 };
    const targets = Array.isArray(p.targets) ? (p.targets as Json[]) : [];
    if (type !== 'text') panel.targets = targets.map((t, k) => ({ ...newTarget(str(t.refId, String.fromCharCode(65 + k)), str(t.expr)), legendFormat: str(t.legendFormat) }));
    if (str(p.type) === 'graph') report.items.push({ path: `panels[${i}]`, kind: 'mapped', what: 'graph → time series' });
    board.panels.push(panel);
  });
  if (j.templating) report.items.push({ path: 'templating', kind: 'unsupported', what: 'variables (stand-in importer)' });
  return ok({ dashboard: board, report });
}
