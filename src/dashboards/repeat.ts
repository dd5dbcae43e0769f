// Grafana's repeats: a panel or row with `repeat` drawn once per selected
// value of its variable, each copy seeing that one value, laid out as
// Grafana's DashboardModel.repeatPanel / repeatRow lays them out, and the
// items below pushed down by the height the copies add.

import { GRID_COLUMNS, type GridPos, type Panel, type Row } from './model';
import type { InterpolationScope, ScopedValue } from './interpolate';

export type ExpandedItem =
  | { kind: 'panel'; panel: Panel; scope: InterpolationScope; key: string }
  | { kind: 'row'; row: Row; scope: InterpolationScope; key: string };

/** Each value a variable repeats over (All is every value) with its text. */
function repeatValues(scoped: ScopedValue | undefined): { value: string; text: string }[] {
  if (!scoped) return [];
  return scoped.values.map((value, i) => ({ value, text: scoped.texts.length === scoped.values.length ? scoped.texts[i] : value }));
}

/**
 * The scope a copy sees: the variable bound to one value. It keeps the
 * variable's multi and includeAll, as scenes' LocalValueVariable does, so the
 * Prometheus escaping of the value is the same as when it was selected.
 */
function bind(scope: InterpolationScope, name: string, one: { value: string; text: string }): InterpolationScope {
  const scoped = scope[name];
  return { ...scope, [name]: { ...scoped, values: [one.value], texts: [one.text], all: false, allValue: '' } };
}

function moved(pos: GridPos, change: Partial<GridPos>): GridPos {
  return { ...pos, ...change };
}

/** Pushes every item after `from` down by `dy`, except those beside the source on its grid row (Grafana's isOnTheSameGridRow). */
function pushDown(items: ExpandedItem[], from: number, dy: number, beside?: GridPos): void {
  if (dy === 0) return;
  for (let i = from; i < items.length; i++) {
    const it = items[i];
    const pos = it.kind === 'panel' ? it.panel.gridPos : it.row.gridPos;
    if (beside && pos.y === beside.y && pos.x >= beside.x + beside.w) continue;
    const gridPos = moved(pos, { y: pos.y + dy });
    items[i] = it.kind === 'panel' ? { ...it, panel: { ...it.panel, gridPos } } : { ...it, row: { ...it.row, gridPos } };
  }
}

/** Height a row takes with its panels below it, as getRowHeight: 1 when collapsed or empty. */
function rowHeight(row: Row, panels: ExpandedItem[]): number {
  if (row.collapsed || panels.length === 0) return 1;
  let bottom = row.gridPos.y + 1;
  for (const p of panels) if (p.kind === 'panel') bottom = Math.max(bottom, p.panel.gridPos.y + p.panel.gridPos.h);
  return bottom - row.gridPos.y;
}

/** Repeats each repeating row with the panels of its section, in place. */
function expandRows(items: ExpandedItem[]): ExpandedItem[] {
  const out = [...items];
  for (let i = 0; i < out.length; i++) {
    const it = out[i];
    if (it.kind !== 'row' || it.row.repeat === '') continue;
    const values = repeatValues(it.scope[it.row.repeat]);
    if (values.length === 0) continue;
    let end = i + 1;
    while (end < out.length && out[end].kind === 'panel') end++;
    const section = it.row.collapsed ? [] : out.slice(i + 1, end);
    const height = rowHeight(it.row, section);
    const copies: ExpandedItem[] = [];
    values.forEach((one, n) => {
      const scope = bind(it.scope, it.row.repeat, one);
      const dy = height * n;
      copies.push({ kind: 'row', row: { ...it.row, gridPos: moved(it.row.gridPos, { y: it.row.gridPos.y + dy }) }, scope, key: `${it.key}-${one.value}` });
      for (const p of section) {
        if (p.kind !== 'panel') continue;
        copies.push({ ...p, panel: { ...p.panel, gridPos: moved(p.panel.gridPos, { y: p.panel.gridPos.y + dy }) }, scope, key: `${p.key}-${one.value}` });
      }
    });
    const sectionEnd = it.row.collapsed ? i + 1 : end;
    out.splice(i, sectionEnd - i, ...copies);
    pushDown(out, i + copies.length, height * (values.length - 1));
    i += copies.length - 1;
  }
  return out;
}

/** Repeats each repeating panel in place: side by side (`h`, wrapping at maxPerRow) or stacked (`v`). */
function expandPanels(items: ExpandedItem[]): ExpandedItem[] {
  const out = [...items];
  for (let i = 0; i < out.length; i++) {
    const it = out[i];
    if (it.kind !== 'panel' || it.panel.repeat === '') continue;
    const values = repeatValues(it.scope[it.panel.repeat]);
    if (values.length === 0) continue;
    const pos = it.panel.gridPos;
    const vertical = it.panel.repeatDirection === 'v';
    const maxPerRow = it.panel.maxPerRow > 0 ? it.panel.maxPerRow : 4;
    // repeatPanel: horizontal copies share the row's full width, at most maxPerRow to a row.
    const w = vertical ? pos.w : Math.max(GRID_COLUMNS / values.length, GRID_COLUMNS / maxPerRow);
    const perRow = vertical ? 1 : Math.max(1, Math.floor(GRID_COLUMNS / w + 1e-9));
    const copies: ExpandedItem[] = values.map((one, n) => {
      const gridPos = vertical ? moved(pos, { y: pos.y + n * pos.h }) : { x: (n % perRow) * w, y: pos.y + Math.floor(n / perRow) * pos.h, w, h: pos.h };
      return { kind: 'panel', panel: { ...it.panel, gridPos }, scope: bind(it.scope, it.panel.repeat, one), key: `${it.key}-${one.value}` };
    });
    out.splice(i, 1, ...copies);
    const rows = vertical ? values.length : Math.ceil(values.length / perRow);
    pushDown(out, i + copies.length, (rows - 1) * pos.h, vertical ? undefined : pos);
    i += copies.length - 1;
  }
  return out;
}

/**
 * A board's items as drawn: repeated rows (with the panels of their section,
 * or held inside when collapsed) and repeated panels, one copy per selected
 * value, each with the scope its queries and titles are interpolated with
 * and a key that stays the same across refreshes (`panel-<id>`,
 * `panel-<id>-<value>`, `row-<id>-<value>`). A repeat whose variable has no
 * value leaves the item drawn once.
 */
export function expandRepeats(items: (Panel | Row)[], scope: InterpolationScope): ExpandedItem[] {
  const flat: ExpandedItem[] = items.map((it) =>
    it.kind === 'row' ? { kind: 'row', row: it, scope, key: `row-${it.id}` } : { kind: 'panel', panel: it, scope, key: `panel-${it.id}` },
  );
  return expandPanels(expandRows(flat));
}
