// The typed face the UI calls (over comlink) and the events it hears. Plain
// data only: everything here crosses a worker boundary by structured clone.

import type { ExplainNode } from '../promql/explain';
import type { HistoryEntry } from '../notify/alertHistory';
import type { AlertStatusView, ReceiverStatus } from '../notify/notifier';
import type { SilenceInput, SilenceView } from '../notify/silences';
import type { BacktestSeries } from '../rules/backtest';
import type { AlertView, GroupView } from '../rules/rule';
import type { RemoteWriteStatus } from '../remote/writeQueue';
import type { AlertmanagerStatus } from '../notify/alertmanagerSender';
import type { DroppedTargetView, TargetView } from '../scrape/scrapeManager';
import type { LargeTarget } from './targetShare';
import type { TimeWindow } from '../model/dataSource';
import type { InstantResult, MetricMeta, RangeColumns } from '../model/queryResult';
import type { Result, TextProblem } from '../model/result';
import type { MappingShape } from '../config/yamlShape';
import type { QueryLimits } from '../promql/queryLimits';
import type { Dashboard, DashboardSummary } from '../dashboards/model';

export type { TargetState, TargetView } from '../scrape/scrapeManager';
export type { DroppedTargetView } from '../scrape/scrapeManager';
export type { ExplainNode } from '../promql/explain';
export type { RemoteWriteStatus } from '../remote/writeQueue';
export type { AlertmanagerStatus } from '../notify/alertmanagerSender';
export type { SilenceInput, SilenceView } from '../notify/silences';
export type { BacktestSeries } from '../rules/backtest';
export type { QueryLimits } from '../promql/queryLimits';
export type { Dashboard, DashboardSummary } from '../dashboards/model';
export type { MappingShape, YamlShape } from '../config/yamlShape';

/** One query of a board's refresh: a range query, or an instant one at `timeMs`. */
export type BatchQuery = { source: string; expr: string } & (
  | { kind: 'range'; startMs: number; endMs: number; stepMs: number }
  | { kind: 'instant'; timeMs: number }
);

/** How a board's save may go: `overwrite` replaces a board of the same uid saved by someone else (an import asks first). */
export interface SaveDashboardOptions {
  overwrite: boolean;
}

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

/** An export: OpenMetrics text of every float sample, and the native histogram samples no text format carries. */
export interface ExportedData {
  text: string;
  histogramSamplesLeftOut: number;
}

export interface ExplainResult {
  tree: ExplainNode;
  warnings: string[];
}

/** The store's figures and the browser's storage budget, for the Status page. */
export interface StorageStatus {
  series: number;
  samples: number;
  chunks: number;
  blocks: number;
  storedBytes: number;
  bytesPerSample: number;
  /** Block pages queries read, held in memory for the next query, and the most that may be held. */
  pageCacheBytes: number;
  pageCacheMaxBytes: number;
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
  /** What opening the store could not restore, or why it is not in use (a read-only start). */
  restoreWarnings: string[];
  /** Targets that bring a large share of the series in memory, each with its warning. */
  largeTargets: LargeTarget[];
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
  /**
   * What alertmanager.yml's Vigil receivers were told; null when none is
   * saved, and then every unmuted alert reaches the banner and the desktop.
   */
  routed: { banner: BannerNotice[]; desktop: DesktopNotice[] } | null;
}

/** A notification a `vigil_banner_configs` receiver got, for its group's alerts still active. */
export interface BannerNotice {
  key: string;
  receiver: string;
  title: string;
  text: string;
  fingerprints: string[];
}

/** A notification a `vigil_desktop_configs` receiver got; ids rise, so a tab shows only ones newer than it saw. */
export interface DesktopNotice {
  id: number;
  title: string;
  text: string;
  tag: string;
}

/** A YAML file Vigil edits: prometheus.yml, a rule file or alertmanager.yml. */
export type YamlFileKind = 'prometheus' | 'rules' | 'alertmanager';

/** What checking a YAML file found: errors refuse it, warnings (a field Vigil ignores) do not. */
export interface YamlCheck {
  errors: TextProblem[];
  warnings: TextProblem[];
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
  | { kind: 'role'; role: EngineRole }
  /** A board was saved, starred or deleted in some tab. */
  | { kind: 'dashboards' };

/** What the engine is doing before it can answer: a phase of its start (with progress where it counts), ready, or stopped and why. */
export type EngineStartup =
  | { state: 'starting'; phase: string; done: number; total: number }
  | { state: 'ready' }
  | { state: 'failed'; error: string };

/** A tab's engine either owns scraping and writing (leader) or only reads. */
export type EngineRole = 'shared' | 'leader' | 'follower';

/**
 * The engine's calls. A `source` argument names the data source asked: '' for
 * this browser's store, else the base URL of a Prometheus-compatible HTTP API;
 * the answers are the same either way. A call that can fail answers a Result.
 */
export interface EngineApi {
  /** A newer query with the same `queryId` cancels the older. */
  rangeQuery(source: string, expr: string, startMs: number, endMs: number, stepMs: number, queryId?: string): Promise<Result<RangeColumns>>;
  instantQuery(source: string, expr: string, timeMs: number, queryId?: string): Promise<Result<InstantResult>>;
  labelNames(source: string, match?: string[]): Promise<Result<string[]>>;
  labelValues(source: string, name: string, match?: string[]): Promise<Result<string[]>>;
  series(source: string, match: string[], window?: TimeWindow): Promise<Result<Record<string, string>[]>>;
  metadata(source: string, metric?: string): Promise<Result<Record<string, MetricMeta[]>>>;
  /** Cancels the source's query running under `queryId`. */
  cancelQuery(source: string, queryId: string): Promise<void>;
  /** Every metric name with TYPE, HELP, UNIT and its recent series count. */
  metricSummaries(source: string): Promise<Result<MetricSummary[]>>;
  /** Labels of the series a selector picks, with each value's series count. */
  labelCardinality(source: string, selector: string): Promise<Result<LabelCardinality[]>>;
  getConfig(): Promise<string>;
  /** Refused with each problem's line and column when prometheus.yml does not load. */
  setConfig(yaml: string): Promise<Result<void>>;
  targets(): Promise<TargetView[]>;
  /** The engine's own metrics as Prometheus text, as `/metrics` would serve them. */
  selfMetrics(): Promise<string>;
  role(): Promise<EngineRole>;
  storageStatus(): Promise<StorageStatus>;
  /** Checkpoints the head now (a tab that is going away asks, so a reload loses nearly nothing). */
  flush(): Promise<void>;
  /** The query's evaluated tree with each node's series, samples and time (this browser's store only). */
  explainQuery(expr: string, startMs: number, endMs: number, stepMs: number): Promise<Result<ExplainResult>>;
  /** Targets target relabelling dropped, with the labels they were discovered with. */
  droppedTargets(): Promise<DroppedTargetView[]>;
  /** The targets written in static_configs, for the add/edit/remove form. */
  staticTargets(): Promise<StaticTarget[]>;
  /** Applies a form's change to prometheus.yml (comments kept) and reloads it, or says why not. */
  changeTargets(change: TargetChange): Promise<Result<void>>;
  /** What each of the job's relabel rules does to a target's discovered labels. */
  relabelPreview(job: string, discoveredLabels: Record<string, string>): Promise<RelabelPreview>;
  /** Every stored float sample as OpenMetrics text; native histogram samples are counted, not written. */
  exportData(): Promise<ExportedData>;
  /** Stores the samples of a Prometheus text or OpenMetrics exposition; refused whole on a parse error. */
  importData(text: string): Promise<Result<{ samples: number; rejected: number }>>;
  /** Checks a YAML file as saving it would, changing nothing: for the editor's diagnostics while typing. */
  checkYaml(kind: YamlFileKind, text: string): Promise<YamlCheck>;
  /** The keys each mapping of a YAML file kind takes, for the editor's completion. */
  yamlShape(kind: YamlFileKind): Promise<MappingShape>;
  ruleFiles(): Promise<RuleFileText[]>;
  /** Validated as `promtool check rules`; a broken file never replaces the working one. */
  setRuleFile(name: string, text: string): Promise<Result<void>>;
  deleteRuleFile(name: string): Promise<void>;
  /**
   * Evaluates a rule group's queries against a data source (its output still
   * stored here, its alerts still raised here). Kept beside the rule files,
   * which stay promtool's format.
   */
  setRuleGroupSource(file: string, group: string, source: string): Promise<Result<void>>;
  alerting(): Promise<AlertingViews>;
  /** The new silence's id. */
  createSilence(input: SilenceInput): Promise<Result<string>>;
  expireSilence(id: string): Promise<void>;
  /** Where notifications are also POSTed, as Alertmanager's webhook JSON; '' for none. */
  setWebhook(url: string): Promise<void>;
  backtest(req: BacktestRequest): Promise<Result<BacktestSeries[]>>;
  remoteWriteStatus(): Promise<RemoteWriteStatus[]>;
  /** Each Alertmanager alerts are posted to (prometheus.yml's alerting section): its URL, state and counts. */
  alertmanagerStatus(): Promise<AlertmanagerStatus[]>;
  /** alertmanager.yml as saved; '' when none (alerts then go to the banner and the webhook). */
  alertmanagerConfig(): Promise<string>;
  /** Checked as `amtool check-config`; problems with line and column. '' removes it. */
  setAlertmanagerConfig(text: string): Promise<Result<void>>;
  /** The receivers these labels reach (`amtool config routes test`) and the tree as text; an error when no alertmanager.yml is saved. */
  routesTest(labels: Record<string, string>): Promise<Result<{ receivers: string; tree: string }>>;
  /** The expression in Prometheus's canonical spelling, or why it does not parse. */
  formatQuery(expr: string): Promise<Result<string>>;
  /** Deletes every stored sample (configuration, rules and silences stay); the engine then ends. */
  wipeData(): Promise<Result<void>>;
  /** Headers sent to remote sources by URL prefix, as typed: a URL, then `Name: value` lines indented below it. */
  sourceHeaders(): Promise<string>;
  /** Refused with the line and cause when a URL or header line does not read; applies to the next request. */
  setSourceHeaders(text: string): Promise<Result<void>>;
  /** The limits every query runs under, and Prometheus's defaults for them. */
  queryLimits(): Promise<{ limits: QueryLimits; defaults: QueryLimits }>;
  /** Refused, saying which, when a limit is not a whole number (or the timeout is under a second); applies to queries started after. */
  setQueryLimits(limits: QueryLimits): Promise<Result<void>>;
  /** Every board on this origin, for the Dashboards page. */
  dashboards(): Promise<DashboardSummary[]>;
  /** A board by uid; a `not_found` failure when there is none. */
  dashboard(uid: string): Promise<Result<Dashboard>>;
  /**
   * Stores the board with its version bumped and answers it. Refused, saying
   * why, when the uid is taken by another board and `overwrite` is false, or
   * when the stored version is newer than the one the edit started from.
   */
  saveDashboard(board: Dashboard, opts: SaveDashboardOptions): Promise<Result<Dashboard>>;
  deleteDashboard(uid: string): Promise<Result<void>>;
  starDashboard(uid: string, starred: boolean): Promise<void>;
  /** A board's refresh in one call: identical queries are evaluated once; answers come in the order asked. */
  queryBatch(queries: BatchQuery[]): Promise<Result<RangeColumns | InstantResult>[]>;
  /** Calls `listener` on every engine event until the tab goes away (a comlink proxy over the port). */
  subscribe(listener: (e: EngineEvent) => void): Promise<void>;
}

/** What a tab reaches in the worker: the engine, and the worker's own answers that do not wait for the engine to start. */
export interface WorkerApi extends EngineApi {
  /** Answered at once, even while the engine restores the store: the page shows it instead of waiting. */
  startup(): Promise<EngineStartup>;
  /** After a start that failed: deletes the stored samples (configuration, rules and silences stay) and ends the worker, so a reload starts afresh. */
  wipeFailedStart(): Promise<Result<void>>;
  /** After a start that failed: starts again without the stored samples, keeping this session's in memory and leaving the store as it is. */
  startReadOnly(): Promise<Result<void>>;
}
