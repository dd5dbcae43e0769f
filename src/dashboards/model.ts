// A dashboard as Vigil keeps it: close to Grafana's JSON model (so import and
// export are mostly renaming), but typed, with defaults filled in, and only
// what Vigil can draw. Plain data: it crosses the worker boundary and is
// stored as is in IndexedDB.

/** The grid is 24 columns wide; `h` counts rows of GRID_ROW_PX. */
export const GRID_COLUMNS = 24;
export const GRID_ROW_PX = 30;

export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type PanelType = 'timeseries' | 'stat' | 'gauge' | 'bargauge' | 'table' | 'heatmap' | 'text';

/** One query of a panel, as a Grafana Prometheus target. */
export interface PanelTarget {
  refId: string;
  expr: string;
  /** `{{label}}` templates the series name; '' uses the series' labels. */
  legendFormat: string;
  /** An instant query at the range's end instead of a range query. */
  instant: boolean;
  /** Lower bound of the step, a duration or a variable (`1m`, `$interval`); '' for none. */
  interval: string;
  hide: boolean;
}

/** A step of the thresholds: from `value` up (null is minus infinity, the base). */
export interface ThresholdStep {
  value: number | null;
  color: string;
}

export interface Thresholds {
  /** `percentage`: values are percent of the field's min..max. */
  mode: 'absolute' | 'percentage';
  steps: ThresholdStep[];
}

/** What a mapped value is shown as; either may be absent. */
export interface MappingResult {
  text?: string;
  color?: string;
}

export type ValueMapping =
  | { type: 'value'; options: Record<string, MappingResult> }
  | { type: 'range'; from: number | null; to: number | null; result: MappingResult }
  | { type: 'regex'; pattern: string; result: MappingResult }
  | { type: 'special'; match: 'null' | 'nan' | 'null+nan' | 'true' | 'false' | 'empty'; result: MappingResult };

/** How values of a field (a series) are shown: Grafana's fieldConfig.defaults, the part Vigil draws. */
export interface FieldConfig {
  /** A Grafana unit id (`bytes`, `percentunit`, `reqps`, `s`, `ms`, `short`, …); '' is `short`. */
  unit: string;
  decimals: number | null;
  min: number | null;
  max: number | null;
  thresholds: Thresholds;
  mappings: ValueMapping[];
  /** Replaces the series name in legends and tooltips when set (may use `${__field.labels.x}`). */
  displayName: string;
  /** A fixed colour for the series; '' picks from the palette. */
  color: string;
}

/** Grafana's overrides: properties (Grafana ids: `unit`, `color`, `custom.fillOpacity`, …) for series matched by name or regex. */
export interface FieldOverride {
  matcher: { id: 'byName' | 'byRegexp'; options: string };
  properties: { id: string; value: unknown }[];
}

export type Reducer = 'last' | 'lastNotNull' | 'first' | 'firstNotNull' | 'mean' | 'max' | 'min' | 'sum' | 'count' | 'range' | 'delta';

export interface LegendOptions {
  mode: 'list' | 'table' | 'hidden';
  placement: 'bottom' | 'right';
  /** Columns of a table legend, in order. */
  calcs: Reducer[];
}

export interface TimeSeriesOptions {
  drawStyle: 'line' | 'bars' | 'points';
  lineWidth: number;
  /** 0..100. */
  fillOpacity: number;
  pointSize: number;
  stacking: 'none' | 'normal' | 'percent';
  /** Log base for the y axis, 0 for linear. */
  logBase: 0 | 2 | 10;
  thresholdsStyle: 'off' | 'line' | 'area' | 'line+area';
  legend: LegendOptions;
  tooltip: 'single' | 'multi' | 'none';
}

export interface StatOptions {
  reducer: Reducer;
  colorMode: 'value' | 'background' | 'none';
  graphMode: 'area' | 'none';
  textMode: 'auto' | 'value' | 'value_and_name' | 'name' | 'none';
}

export interface GaugeOptions {
  reducer: Reducer;
  showThresholdMarkers: boolean;
}

export interface BarGaugeOptions {
  reducer: Reducer;
  orientation: 'horizontal' | 'vertical';
  displayMode: 'basic' | 'gradient' | 'lcd';
}

export interface TableOptions {
  /** Sorted by this column (a label name, or 'Value'); '' keeps the answer's order. */
  sortBy: string;
  sortDesc: boolean;
}

export interface HeatmapOptions {
  /** Bucket counts per step as a rate (`increase` of `_bucket` series) are drawn as colour; `le` names the rows. */
  colorScheme: 'Oranges' | 'Blues' | 'Greens' | 'Reds' | 'Purples' | 'Spectral';
}

export interface TextOptions {
  /** Markdown shown safely; `html` is shown as text, never run. */
  mode: 'markdown' | 'html';
  content: string;
}

interface PanelBase {
  kind: 'panel';
  /** Unique within the board. */
  id: number;
  title: string;
  description: string;
  gridPos: GridPos;
  /** Where the panel's queries go: '' for this browser, a URL, or '$var' for a datasource variable; undefined follows the board's. */
  source?: string;
  targets: PanelTarget[];
  /** Lower bound of the step for every target ('' none): Grafana's "Min interval". */
  interval: string;
  /** Repeated once per value of this variable ('' for none). */
  repeat: string;
  repeatDirection: 'h' | 'v';
  maxPerRow: number;
  fieldConfig: { defaults: FieldConfig; overrides: FieldOverride[] };
}

export type Panel =
  | (PanelBase & { type: 'timeseries'; options: TimeSeriesOptions })
  | (PanelBase & { type: 'stat'; options: StatOptions })
  | (PanelBase & { type: 'gauge'; options: GaugeOptions })
  | (PanelBase & { type: 'bargauge'; options: BarGaugeOptions })
  | (PanelBase & { type: 'table'; options: TableOptions })
  | (PanelBase & { type: 'heatmap'; options: HeatmapOptions })
  | (PanelBase & { type: 'text'; options: TextOptions });

/** A row header across the grid. A collapsed row holds its panels; an open one's panels follow it in `Dashboard.panels`. */
export interface Row {
  kind: 'row';
  id: number;
  title: string;
  gridPos: GridPos;
  collapsed: boolean;
  panels: Panel[];
  repeat: string;
}

/** What a variable holds now: one value, or several; ALL_VALUE stands for All. */
export interface VariableCurrent {
  text: string[];
  value: string[];
}

export const ALL_VALUE = '$__all';

/** One choice of a variable: what is shown and what is interpolated. */
export interface VariableOption {
  text: string;
  value: string;
}

interface VariableBase {
  name: string;
  /** Shown instead of the name when set. */
  label: string;
  description: string;
  /** 0 shows label and control, 1 the control only, 2 nothing. */
  hide: 0 | 1 | 2;
  current: VariableCurrent;
}

interface MultiValue {
  multi: boolean;
  includeAll: boolean;
  /** Interpolated for All instead of every value joined; '' for none. */
  allValue: string;
}

export type Variable =
  | (VariableBase &
      MultiValue & {
        type: 'query';
        /** `label_values(label)`, `label_values(selector, label)`, `label_names()`, `metrics(regex)`, `query_result(expr)`. */
        query: string;
        /** Applied to each result: keep matches; a capture group (or `(?<text>…)`/`(?<value>…)`) extracts. '' keeps all. */
        regex: string;
        /** Grafana's sort ids: 0 none, 1/2 alphabetical asc/desc, 3/4 numerical asc/desc, 5/6 alphabetical case-insensitive asc/desc, 7/8 natural asc/desc. */
        sort: number;
        /** 1 when the board loads, 2 also when the time range changes. */
        refresh: 1 | 2;
        source?: string;
        /** The last options found, shown until the next look-up answers. */
        options: VariableOption[];
      })
  | (VariableBase & MultiValue & { type: 'custom'; /** Comma-separated; `text : value` pairs. */ query: string; options: VariableOption[] })
  | (VariableBase & { type: 'constant'; query: string })
  | (VariableBase & { type: 'textbox'; /** The default value. */ query: string })
  | (VariableBase & {
      type: 'interval';
      /** Comma-separated durations. */
      query: string;
      auto: boolean;
      /** With auto: the range divided into this many steps… */
      autoCount: number;
      /** …but never less than this. */
      autoMin: string;
      options: VariableOption[];
    })
  | (VariableBase & MultiValue & { type: 'datasource'; /** Sources offered: '' this browser, else URLs. */ options: VariableOption[] });

export type AdhocOperator = '=' | '!=' | '=~' | '!~';

/** A label filter applied to every selector of every panel. */
export interface AdhocFilter {
  key: string;
  operator: AdhocOperator;
  value: string;
}

export interface TimeRangeSpec {
  /** Grafana's spelling: `now-6h`, `now/d`, or an absolute time (ms since the epoch or ISO). */
  from: string;
  to: string;
}

export interface Dashboard {
  /** Unique on this origin; the route and the import's clash check use it. */
  uid: string;
  title: string;
  description: string;
  tags: string[];
  time: TimeRangeSpec;
  /** '' off, 'live' as scrapes land, else a duration (`5s`, `1m`). */
  refresh: string;
  timezone: 'browser' | 'utc';
  /** Where panels' queries go unless a panel says: '' for this browser, or a URL. */
  source: string;
  variables: Variable[];
  filters: AdhocFilter[];
  /** In grid order: panels and rows, each open row's panels after it. */
  panels: (Panel | Row)[];
  /** Bumped on every save; a save of an older version is refused as a clash. */
  version: number;
}

/** A board as the list shows it. */
export interface DashboardSummary {
  uid: string;
  title: string;
  tags: string[];
  starred: boolean;
  updatedMs: number;
}
