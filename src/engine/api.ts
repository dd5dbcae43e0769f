// The typed face the UI calls (over comlink) and the events it hears. Plain
// data only: everything here crosses a worker boundary by structured clone.

import type { ExplainNode } from '../promql/explain';
import type { HistoryEntry } from '../notify/alertHistory';
import type { AlertStatusView, ReceiverStatus } from '../notify/notifier';
import type { SilenceInput, SilenceView } from '../notify/silences';
import type { BacktestSeries } from '../rules/backtest';
import type { AlertView, GroupView } from '../rules/rule';
import type { RemoteWriteStatus } from '../remote/writeQueue';
import type { DroppedTargetView, TargetView } from '../scrape/scrapeManager';

/** A series' raw samples: timestamps in ms beside float64 values. */
export interface SeriesColumns {
  labels: Record<string, string>;
  ts: Float64Array;
  vs: Float64Array;
}

export interface QueryError {
  status: 'error';
  errorType: 'bad_data' | 'execution' | 'timeout' | 'canceled' | 'internal';
  error: string;
  /** The HTTP status a remote source gave with its error answer (absent for this browser's own errors). */
  httpStatus?: number;
}

/** One series of a range result, its values aligned with RangeColumns.times. */
export interface GraphSeries {
  labels: Record<string, string>;
  /** NaN where the series has no sample at that step. */
  vs: Float64Array;
}

/** A range result as the columns uPlot draws: one shared time axis (ms), one value column per series. */
export interface RangeColumns {
  status: 'success';
  resultType: 'matrix';
  times: Float64Array;
  series: GraphSeries[];
  warnings: string[];
  infos: string[];
}

export interface InstantRow {
  labels: Record<string, string>;
  /** Sample time in ms. */
  t: number;
  value: number;
}

export interface InstantResult {
  status: 'success';
  resultType: 'vector' | 'scalar' | 'string' | 'matrix';
  rows: InstantRow[];
  /** For a string result. */
  text?: string;
  /** For a matrix result (range selector at the top level): samples per series. */
  matrix?: SeriesColumns[];
  warnings: string[];
  infos: string[];
}

export interface MetricMeta {
  type: string;
  help: string;
  unit: string;
}

export type { TargetState, TargetView } from '../scrape/scrapeManager';
export type { DroppedTargetView } from '../scrape/scrapeManager';
export type { ExplainNode } from '../promql/explain';
export type { RemoteWriteStatus } from '../remote/writeQueue';

/** One metric name as the explorer lists it; `series` counts those with a recent sample. */
export interface MetricSummary {
  name: string;
  type: string;
  help: string;
  unit: string;
  series: number;
}

/** One label of the series a selector picks: its values (most series first) and counts. */
export interface LabelCardinality {
  name: string;
  /** Distinct values, including any left out of `values`. */
  distinct: number;
  /** Series the selector picked. */
  series: number;
  values: { value: string; series: number }[];
}

/** Where a target is written in prometheus.yml: job, static_configs group, position in its targets. */
export interface TargetPlace {
  job: string;
  group: number;
  index: number;
}

/** A target as written in a static_configs group. */
export interface StaticTarget extends TargetPlace {
  address: string;
  /** scheme://address/path, the job's or the group's. */
  url: string;
  /** The group's labels but `__scheme__` and `__metrics_path__`. */
  labels: Record<string, string>;
}

/** A target as the add/edit form gives it. */
export interface TargetInput {
  job: string;
  url: string;
  labels: Record<string, string>;
}

export type TargetChange =
  | { kind: 'add'; target: TargetInput }
  | { kind: 'replace'; at: TargetPlace; target: TargetInput }
  | { kind: 'remove'; at: TargetPlace };

/** One target-relabelling rule and the labels after it; null once the target is dropped. */
export interface RelabelStep {
  rule: string;
  labels: Record<string, string> | null;
}

export interface RelabelPreview {
  steps: RelabelStep[];
  /** The labels the target's samples get, or null when dropped or invalid. */
  final: Record<string, string> | null;
  /** Why the target is invalid after relabelling (no address, bad interval, …), else ''. */
  error: string;
}

export interface ExplainResult {
  status: 'success';
  tree: ExplainNode;
  warnings: string[];
}

export interface ConfigProblem {
  line: number;
  column: number;
  message: string;
}

/** The store's figures and the browser's storage budget, for the Status page. */
export interface StorageStatus {
  series: number;
  samples: number;
  chunks: number;
  blocks: number;
  storedBytes: number;
  bytesPerSample: number;
  headSeries: number;
  minTimeMs: number | null;
  maxTimeMs: number | null;
  topMetricsBySeries: { name: string; count: number }[];
  topLabelsByValues: { name: string; count: number }[];
  topLabelPairsBySeries: { name: string; value: string; count: number }[];
  seriesCreated: number;
  seriesRemoved: number;
  retentionMs: number;
  /** Size budget for blocks; null when unlimited. */
  maxBytes: number | null;
  /** navigator.storage.estimate() in the worker; null where the browser lacks it. */
  usageBytes: number | null;
  quotaBytes: number | null;
  /** The last time retention dropped data, and why, in plain words. */
  lastDrop: { atMs: number; message: string } | null;
  lastCheckpointMs: number | null;
  lastCheckpointError: string;
}

/** A rule group as the Rules page shows it, with where its queries read: a remote's URL, or '' for this browser's store. */
export interface RuleGroupStatus extends GroupView {
  source: string;
}

/** Everything the Alerts and Rules pages show. */
export interface AlertingViews {
  groups: RuleGroupStatus[];
  /** Alerts as the notifier holds them: active or muted, and why. */
  alerts: AlertStatusView[];
  /** Alerts as the rules hold them: pending, firing, recently resolved. */
  ruleAlerts: AlertView[];
  silences: SilenceView[];
  history: HistoryEntry[];
  webhookUrl: string;
  receivers: ReceiverStatus[];
}

export interface RuleFileText {
  name: string;
  text: string;
}

/** One alerting rule (YAML of a single rule, `- alert: …`) run over stored history. */
export interface BacktestRequest {
  ruleYaml: string;
  startMs: number;
  endMs: number;
  stepMs: number;
}

export type EngineEvent =
  | { kind: 'targets' }
  | { kind: 'alerts' }
  /** The stored samples were wiped: every tab reloads onto a fresh engine. */
  | { kind: 'wiped' }
  | { kind: 'rules' }
  | { kind: 'storage'; message: string }
  | { kind: 'data'; appendedAtMs: number }
  | { kind: 'config' }
  | { kind: 'role'; role: EngineRole };

/** A tab's engine either owns scraping and writing (leader) or only reads. */
export type EngineRole = 'shared' | 'leader' | 'follower';

export interface EngineApi {
  rangeQuery(expr: string, startMs: number, endMs: number, stepMs: number, queryId?: string): Promise<RangeColumns | QueryError>;
  instantQuery(expr: string, timeMs: number, queryId?: string): Promise<InstantResult | QueryError>;
  labelNames(match?: string[]): Promise<string[]>;
  labelValues(name: string, match?: string[]): Promise<string[]>;
  series(match: string[]): Promise<Record<string, string>[]>;
  metadata(metric?: string): Promise<Record<string, MetricMeta[]>>;
  getConfig(): Promise<string>;
  setConfig(yaml: string): Promise<{ ok: true } | { ok: false; problems: ConfigProblem[] }>;
  targets(): Promise<TargetView[]>;
  /** The engine's own metrics as Prometheus text, as `/metrics` would serve them. */
  selfMetrics(): Promise<string>;
  role(): Promise<EngineRole>;
  storageStatus(): Promise<StorageStatus>;
  /** Checkpoints the head now (a tab that is going away asks, so a reload loses nearly nothing). */
  flush(): Promise<void>;
  /** Every metric name with TYPE, HELP, UNIT and its recent series count. */
  metricSummaries(): Promise<MetricSummary[]>;
  /** Labels of the series a selector picks, with each value's series count. */
  labelCardinality(selector: string): Promise<LabelCardinality[] | QueryError>;
  /** The query's evaluated tree with each node's series, samples and time. */
  explainQuery(expr: string, startMs: number, endMs: number, stepMs: number): Promise<ExplainResult | QueryError>;
  /** Targets target relabelling dropped, with the labels they were discovered with. */
  droppedTargets(): Promise<DroppedTargetView[]>;
  /** The targets written in static_configs, for the add/edit/remove form. */
  staticTargets(): Promise<StaticTarget[]>;
  /** Applies a form's change to prometheus.yml (comments kept) and reloads it, or says why not. */
  changeTargets(change: TargetChange): Promise<{ ok: true } | { ok: false; problems: ConfigProblem[] }>;
  /** What each of the job's relabel rules does to a target's discovered labels. */
  relabelPreview(job: string, discoveredLabels: Record<string, string>): Promise<RelabelPreview>;
  /** Every stored sample as OpenMetrics text. */
  exportData(): Promise<string>;
  /** Stores the samples of a Prometheus text or OpenMetrics exposition; refused whole on a parse error. */
  importData(text: string): Promise<{ ok: true; samples: number; rejected: number } | { ok: false; error: string }>;
  /** Calls `listener` on every engine event until the tab goes away (a comlink proxy over the port). */
  ruleFiles(): Promise<RuleFileText[]>;
  /** Validated as `promtool check rules`; a broken file never replaces the working one. */
  setRuleFile(name: string, text: string): Promise<{ ok: true } | { ok: false; problems: ConfigProblem[] }>;
  deleteRuleFile(name: string): Promise<void>;
  /**
   * Evaluates a rule group's queries against a Prometheus-compatible HTTP API
   * (its output still stored here, its alerts still raised here); '' for this
   * browser's store. Kept beside the rule files, which stay promtool's format.
   */
  setRuleGroupSource(file: string, group: string, baseUrl: string): Promise<{ ok: true } | { ok: false; error: string }>;
  alerting(): Promise<AlertingViews>;
  createSilence(input: SilenceInput): Promise<{ ok: true; id: string } | { ok: false; error: string }>;
  expireSilence(id: string): Promise<void>;
  /** Where notifications are also POSTed, as Alertmanager's webhook JSON; '' for none. */
  setWebhook(url: string): Promise<void>;
  backtest(req: BacktestRequest): Promise<BacktestSeries[] | QueryError>;
  remoteWriteStatus(): Promise<RemoteWriteStatus[]>;
  /** The expression in Prometheus's canonical spelling, or why it does not parse. */
  formatQuery(expr: string): Promise<{ status: 'success'; text: string } | QueryError>;
  /** Deletes every stored sample (configuration, rules and silences stay); the engine then ends. */
  wipeData(): Promise<{ ok: true } | { ok: false; error: string }>;
  /** The same queries against a Prometheus-compatible HTTP API at `baseUrl` instead of this browser's store; a newer one with the same `queryId` cancels the older. */
  remoteRangeQuery(baseUrl: string, expr: string, startMs: number, endMs: number, stepMs: number, queryId?: string): Promise<RangeColumns | QueryError>;
  remoteInstantQuery(baseUrl: string, expr: string, timeMs: number, queryId?: string): Promise<InstantResult | QueryError>;
  /** Headers sent to remote sources by URL prefix, as typed: a URL, then `Name: value` lines indented below it. */
  sourceHeaders(): Promise<string>;
  /** Refused with the line and cause when a URL or header line does not read; applies to the next request. */
  setSourceHeaders(text: string): Promise<{ ok: true } | { ok: false; error: string }>;
  /** The remote's label, series and metadata APIs, for completion; failures as the remote's own error. */
  remoteLabelNames(baseUrl: string, match?: string[]): Promise<string[] | QueryError>;
  remoteLabelValues(baseUrl: string, name: string, match?: string[]): Promise<string[] | QueryError>;
  remoteSeries(baseUrl: string, match: string[]): Promise<Record<string, string>[] | QueryError>;
  remoteMetadata(baseUrl: string, metric?: string): Promise<Record<string, MetricMeta[]> | QueryError>;
  /** metricSummaries and labelCardinality for the metrics explorer, answered by the remote. */
  remoteMetricSummaries(baseUrl: string): Promise<MetricSummary[] | QueryError>;
  remoteLabelCardinality(baseUrl: string, selector: string): Promise<LabelCardinality[] | QueryError>;
  subscribe(listener: (e: EngineEvent) => void): Promise<void>;
}
