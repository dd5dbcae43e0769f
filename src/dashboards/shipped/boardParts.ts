// Small constructors the shipped boards are written with: a panel of a type
// at a grid place with its queries, a row, a query variable. Each starts from
// defaults.ts so a shipped board is what the editor would have made.

import { newPanel, newRow, newTarget } from '../defaults';
import type { FieldConfig, GridPos, Panel, PanelType, Row, Variable } from '../model';

/** A query and its legend template. */
export type Query = [expr: string, legend?: string];

interface PanelSpec {
  title: string;
  at: GridPos;
  queries: Query[];
  unit?: string;
  description?: string;
  field?: Partial<FieldConfig>;
  instant?: boolean;
}

export function panelOf<T extends PanelType>(type: T, id: number, spec: PanelSpec): Extract<Panel, { type: T }> {
  const p = newPanel(type, id, spec.title) as Extract<Panel, { type: T }>;
  p.gridPos = { ...spec.at };
  p.description = spec.description ?? '';
  p.targets = spec.queries.map(([expr, legend], i) => ({ ...newTarget(String.fromCharCode(65 + i), expr), legendFormat: legend ?? '', instant: spec.instant ?? false }));
  p.fieldConfig.defaults = { ...p.fieldConfig.defaults, unit: spec.unit ?? '', ...spec.field };
  return p;
}

export function at(x: number, y: number, w: number, h: number): GridPos {
  return { x, y, w, h };
}

export function rowAt(id: number, title: string, y: number): Row {
  return newRow(id, title, y);
}

/** A query variable of `label_values(...)`, multi-valued with All, refreshed with the time range. */
export function labelValuesVariable(name: string, label: string, query: string, opts: { multi: boolean; includeAll: boolean }): Variable {
  return {
    type: 'query',
    name,
    label,
    description: '',
    hide: 0,
    multi: opts.multi,
    includeAll: opts.includeAll,
    allValue: opts.includeAll ? '.+' : '',
    query,
    regex: '',
    sort: 7,
    refresh: 2,
    options: [],
    current: opts.includeAll ? { text: ['All'], value: ['$__all'] } : { text: [], value: [] },
  };
}
