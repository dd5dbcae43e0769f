// Grafana dashboard JSON (schema 14 to 41, as exported, shared externally
// with `__inputs`, or wrapped by the HTTP API) read into a Vigil board, with a
// report of everything mapped, changed or left out: nothing is dropped silently.

import { newDashboard, newRow } from './defaults';
import type { SourceContext } from './grafanaDatasources';
import { isRaw, JsonObject, type Notes, type ReportItem } from './grafanaJson';
import { currentPanels, upgradeRows, type PlacedPanel } from './grafanaLayout';
import { readGridPos, readPanel } from './grafanaPanels';
import { datasourceVariables, readVariables } from './grafanaVariables';
import { jsonErrorOffset } from './jsonErrorOffset';
import type { Dashboard, Panel, Row } from './model';
import { fail, ok, type Result } from '../model/result';

export type { ReportItem } from './grafanaJson';

export interface ImportReport {
  schemaVersion: number;
  items: ReportItem[];
}

/** The schema the export writes: Grafana 10.4's, which every later Grafana imports and migrates up from. */
export const GRAFANA_SCHEMA_VERSION = 39;

/** Line and column (from 1) of a JSON.parse failure: the line/column or offset the engine gives, else where a scan finds it. */
export function jsonErrorPlace(text: string, message: string): { line: number; column: number } {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /position (\d+)/.exec(message);
  const offset = pos ? Math.min(Number(pos[1]), text.length) : jsonErrorOffset(text);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function parseJson(text: string): Result<unknown> {
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (e) {
    const message = e instanceof Error ? e.message.replace(/ in JSON at position \d+.*$/, '').replace(/, ".*" is not valid JSON$/s, '') : String(e);
    const { line, column } = jsonErrorPlace(text, e instanceof Error ? e.message : '');
    return fail({ where: 'Dashboard JSON', what: `line ${line}, column ${column}: ${message}`, errorType: 'bad_data', problems: [{ line, column, message }] });
  }
}

/** A uid from the title as Grafana's slugs are made (lower case, dashes), at most Grafana's 40 characters. */
export function uidFromTitle(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug === '' ? 'imported' : slug;
}

export function importGrafana(text: string, opts: { sources: string[] }): Result<{ dashboard: Dashboard; report: ImportReport }> {
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  let raw = parsed.value;
  let path = '';
  // The HTTP API's answer: { dashboard, meta }.
  if (isRaw(raw) && isRaw(raw.dashboard) && raw.panels === undefined && raw.rows === undefined) {
    raw = raw.dashboard;
    path = 'dashboard';
  }
  if (!isRaw(raw)) return fail({ where: 'Dashboard JSON', what: 'a Grafana dashboard is a JSON object', errorType: 'bad_data' });
  if (!Array.isArray(raw.panels) && !Array.isArray(raw.rows) && typeof raw.title !== 'string') {
    return fail({ where: 'Dashboard JSON', what: 'not a Grafana dashboard: it has no panels, rows or title', errorType: 'bad_data' });
  }
  const notes: Notes = [];
  const b = new JsonObject(path, raw, notes);
  const schemaVersion = b.num('schemaVersion') ?? 0;
  if (schemaVersion > 41) b.note('changed', `schema version ${schemaVersion} is newer than Vigil knows (41): read as 41`, 'schemaVersion');
  const dashboard = readBoard(b, schemaVersion, opts.sources);
  return ok({ dashboard, report: { schemaVersion, items: notes } });
}

function readInputs(b: JsonObject): Map<string, string> {
  const inputs = new Map<string, string>();
  for (const i of b.objs('__inputs')) {
    const name = i.str('name');
    if (i.str('type') === 'datasource') inputs.set(name, i.str('pluginId'));
    else if (i.str('type') === 'constant') i.note('unsupported', `input ${name} (a constant to fill in on import) is not asked for: "${i.str('value')}" is used where the board says \${${name}}`);
  }
  b.skip('__requires');
  return inputs;
}

function readBoard(b: JsonObject, schemaVersion: number, sources: string[]): Dashboard {
  const inputs = readInputs(b);
  const templating = b.obj('templating');
  const list = templating.objs('list');
  const ctx: SourceContext = { sources, inputs, variables: datasourceVariables(list), notes: b.notes, seen: new Set() };
  const { variables, filters } = readVariables(list, schemaVersion, ctx);

  const title = b.str('title', 'Imported dashboard') || 'Imported dashboard';
  const givenUid = b.str('uid');
  const board = newDashboard(givenUid || uidFromTitle(title), title);
  if (!givenUid) b.note('changed', `no uid: "${board.uid}" was made from the title`, 'uid');
  board.description = b.str('description');
  board.tags = b.list('tags').filter((t): t is string => typeof t === 'string');
  const time = b.obj('time');
  board.time = { from: time.str('from', 'now-6h'), to: time.str('to', 'now') };
  board.refresh = b.str('refresh');
  if (board.refresh === 'false') board.refresh = '';
  const tz = b.str('timezone');
  board.timezone = tz === 'utc' ? 'utc' : 'browser';
  if (tz !== '' && tz !== 'utc' && tz !== 'browser') b.note('changed', `time zone "${tz}" is shown as the browser's`, 'timezone');
  board.version = b.num('version') ?? 0;
  board.variables = variables;
  board.filters = filters;

  const placed = Array.isArray(b.raw.panels) && (b.raw.panels.length > 0 || !Array.isArray(b.raw.rows)) ? currentPanels(b) : upgradeRows(b);
  board.panels = readPanels(placed, ctx);

  readBoardLeftovers(b);
  return board;
}

function readBoardLeftovers(b: JsonObject): void {
  const annotations = b.obj('annotations');
  for (const a of annotations.objs('list')) {
    // The built-in "Annotations & Alerts" entry every board has.
    if (a.raw.builtIn === 1) continue;
    a.note('unsupported', `annotation "${String(a.raw.name ?? '')}" is not supported and was left out`);
  }
  const tooltip = b.num('graphTooltip');
  if (tooltip) b.note('unsupported', 'a shared crosshair or tooltip across panels is not supported', 'graphTooltip');
  const picker = b.obj('timepicker');
  if (picker.raw.hidden === true) picker.note('unsupported', 'a hidden time picker is shown');
  picker.skip('hidden', 'refresh_intervals', 'time_options', 'collapse', 'enable', 'notice', 'now', 'status', 'type', 'nowDelay');
  picker.leftovers('time picker option');
  if (Array.isArray(b.raw.__elements) ? b.raw.__elements.length > 0 : isRaw(b.raw.__elements) && Object.keys(b.raw.__elements).length > 0) {
    b.note('unsupported', 'library panels are not supported: panels that use them keep only what the board holds', '__elements');
  }
  b.skip('id', 'gnetId', 'editable', 'iteration', 'style', 'hideControls', 'sharedCrosshair', 'fiscalYearStartMonth', 'weekStart', 'schemaVersion', 'panels', 'rows', '__elements', 'annotations', 'graphTooltip', 'timepicker', 'templating', 'nav');
  b.leftovers('dashboard option', { liveNow: false });
}

/** Panels and rows in grid order, ids unique (duplicates renumbered and reported). */
function readPanels(placed: PlacedPanel[], ctx: SourceContext): (Panel | Row)[] {
  const used = new Set<number>();
  let next = 1;
  const all = placed.flatMap((p) => [p, ...p.children]);
  for (const p of all) if (typeof p.raw.id === 'number') next = Math.max(next, p.raw.id + 1);
  const idOf = (p: PlacedPanel): number => {
    const want = p.raw.id;
    if (typeof want === 'number' && Number.isInteger(want) && want > 0 && !used.has(want)) {
      used.add(want);
      return want;
    }
    const id = next++;
    used.add(id);
    if (want !== undefined) ctx.notes.push({ path: `${p.path}.id`, kind: 'changed', what: `panel id ${JSON.stringify(want)} is taken or invalid: renumbered ${id}` });
    return id;
  };
  const out: (Panel | Row)[] = [];
  for (const p of placed) {
    const o = new JsonObject(p.path, p.raw, ctx.notes);
    if (p.raw.type !== 'row') {
      out.push(readPanel(o, idOf(p), ctx));
      continue;
    }
    const row = newRow(idOf(p), o.str('title'), 0);
    // A row header is one grid row high whatever the old layout's band was.
    row.gridPos = { ...readGridPos(o, row.gridPos), x: 0, w: 24, h: 1 };
    row.collapsed = o.bool('collapsed');
    row.repeat = o.str('repeat');
    const children = p.children.map((c) => readPanel(new JsonObject(c.path, c.raw, ctx.notes), idOf(c), ctx));
    if (row.collapsed) row.panels = byGrid(children);
    else out.push(...children);
    o.skip('id', 'type', 'panels', 'datasource', 'targets', 'pluginVersion', 'showTitle', 'titleSize');
    o.leftovers('row option');
    out.push(row);
  }
  return byGrid(out);
}

function byGrid<T extends { gridPos: { x: number; y: number } }>(items: T[]): T[] {
  return [...items].sort((a, b) => a.gridPos.y - b.gridPos.y || a.gridPos.x - b.gridPos.x);
}

