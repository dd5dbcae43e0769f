// The engine: wires storage, scraping and queries, owns the timers, counts
// itself, and answers the UI's typed API. One per origin (see sharedWorker.ts).

import { realTimers, type Timers } from '../model/timers';
import type { SilenceInput } from '../notify/silences';
import type { BacktestSeries } from '../rules/backtest';
import { registerRemoteMetrics } from '../remote/remoteMetrics';
import { RemoteWriteStorage } from '../remote/remoteWriteStorage';
import type { RemoteWriteStatus } from '../remote/writeQueue';
import type { AlertmanagerStatus } from '../notify/alertmanagerSender';
import { parseConfig, type PrometheusConfig } from '../config/prometheusConfig';
import { DEFAULT_QUERY_LIMITS, limitsProblem, type QueryLimits } from '../promql/queryLimits';
import { ScrapeManager } from '../scrape/scrapeManager';
import { threadTurn } from '../scrape/threadTurn';
import { memoryTsdb } from '../tsdb/memoryTsdb';
import { DEFAULT_RETENTION_MS, deleteTsdb, openTsdb, type Tsdb } from '../tsdb/tsdb';
import type { DataSource, TimeWindow } from '../model/dataSource';
import { InFlight } from '../model/inFlight';
import type { InstantResult, MetricMeta, RangeColumns } from '../model/queryResult';
import { errorMessage, fail, ok, type Result, type TextProblem } from '../model/result';
import type {
  AlertingViews,
  BacktestRequest,
  BatchQuery,
  Dashboard,
  DashboardSummary,
  DroppedTargetView,
  EngineApi,
  EngineEvent,
  EngineRole,
  ExplainResult,
  ExportedData,
  LabelCardinality,
  MetricSummary,
  RelabelPreview,
  RuleFileText,
  SaveDashboardOptions,
  StaticTarget,
  StorageStatus,
  TargetChange,
  TargetView,
  YamlCheck,
  YamlFileKind,
} from './api';
import type { MappingShape } from '../config/yamlShape';
import { YAML_FILES } from './yamlFiles';
import { EngineAlerting } from './alerting';
import { BoardStore } from './boardStore';
import { SHIPPED_DASHBOARDS } from '../dashboards/shipped/index';
import { runBatch, type BatchAnswer } from './queryBatch';
import { defaultConfigYaml } from './defaultConfig';
import { answered, EngineQueries } from './engineQueries';
import { Explore } from './explore';
import { applyTargetChange, relabelSteps, staticTargets } from './targetEdits';
import { scrapeMetrics } from './scrapeMetrics';
import { largeTargets } from './targetShare';
import { SelfMetrics } from './selfMetrics';
import { SettingsStore } from './settingsStore';
import { RemoteSources, sourceQueryFunc } from './remoteSources';
import { parseSourceHeaders } from './sourceHeaders';
import { QUOTA_SHARE, StorageKeeper, storageEstimate, type StorageBudget } from './storageKeeper';
import { virtualFetch } from './virtualTargets';

export interface EngineOptions {
  origin: string;
  host: string;
  fetch: typeof fetch;
  now(): number;
  role: EngineRole;
  /** IndexedDB database names (tests use their own). */
  settingsDb?: string;
  tsdbDb?: string;
  boardsDb?: string;
  /** How often the head is checkpointed: at most this much is lost when the tab dies. */
  checkpointEveryMs?: number;
  retentionMs?: number;
  /** Size limit for stored blocks; by default a share of the origin's storage quota. */
  maxBytes?: number;
  /** Width of a block's time window (Prometheus's 2 h by default). */
  chunkRangeMs?: number;
  /** Called once the data is wiped and this engine has stopped (the worker then closes). */
  onWiped?(): void;
  /** Each phase of the start as it begins, so a page can say what the engine is doing meanwhile. */
  onStartup?(phase: string, done?: number, total?: number): void;
  /**
   * Why the stored samples are not used: set after a start that could not restore them, the engine keeps
   * this session's samples in memory and leaves the store as it is.
   */
  readOnly?: string;
}

const CONFIG_KEY = 'prometheus.yml';
const SOURCE_HEADERS_KEY = 'remote_source_headers';
const QUERY_LIMITS_KEY = 'query_limits';
export const DEFAULT_TSDB_DB = 'vigil-tsdb';
const DEFAULT_CHECKPOINT_MS = 10_000;
const DONE: Result<void> = ok(undefined);

/** The store's restore phases (headRestore) as the page words them. */
const RESTORE_PHASES: Record<string, string> = {
  blocked: 'waiting for an older Vigil engine (another tab, or one closing) to let go of the store',
  read: 'reading the store',
  series: 'restoring series',
  blocks: 'indexing stored blocks',
  snapshot: 'restoring open chunks',
  log: 'replaying recent samples',
};

/** Limits saved by an earlier version may lack a newer one: Prometheus's default fills it. */
function storedLimits(json: string): QueryLimits {
  const saved = { ...DEFAULT_QUERY_LIMITS, ...(JSON.parse(json) as Partial<QueryLimits>) };
  return limitsProblem(saved) === '' ? saved : { ...DEFAULT_QUERY_LIMITS };
}

/** A text that does not load (prometheus.yml, a rule file): every problem for the editor, the first in words. */
function textFailure(where: string, problems: TextProblem[]): Result<never> {
  return fail({ where, what: problems.map((p) => p.message).join('; '), problems });
}

export class Engine implements EngineApi {
  private readonly listeners = new Set<(e: EngineEvent) => void>();
  private readonly metrics = new SelfMetrics();
  private readonly scrape: ScrapeManager;
  private readonly queries: EngineQueries;
  private configYaml = '';
  private currentRole: EngineRole;
  private readonly keeper: StorageKeeper;
  private readonly remote: RemoteWriteStorage;
  private readonly alertingRoom: EngineAlerting;
  private readonly remoteSources: RemoteSources;

  private constructor(
    private readonly opts: EngineOptions,
    private readonly settings: SettingsStore,
    private readonly boards: BoardStore,
    private readonly tsdb: Tsdb,
    budget: StorageBudget,
  ) {
    this.currentRole = opts.role;
    const timers: Timers = { ...realTimers, now: opts.now };
    // Scrapes and rules append through the remote-write tap; queries read the store itself.
    this.remote = new RemoteWriteStorage(tsdb, { fetch: opts.fetch, ...timers, indexedDB: globalThis.indexedDB });
    const fetchFn = virtualFetch(opts.origin, () => this.metrics.expose(), opts.now, opts.fetch);
    this.scrape = new ScrapeManager({
      storage: this.remote.storage,
      fetch: fetchFn,
      ...timers,
      pageProtocol: new URL(opts.origin).protocol,
      yieldThread: threadTurn,
    });
    const inFlight = new InFlight();
    this.queries = new EngineQueries(tsdb, this.metrics, inFlight);
    this.remoteSources = new RemoteSources(opts.fetch, opts.now, inFlight);
    this.alertingRoom = new EngineAlerting({
      storage: this.remote.storage,
      readStorage: tsdb,
      engine: this.queries.promql,
      remoteQuery: (baseUrl) => sourceQueryFunc(this.source(baseUrl), baseUrl),
      settings,
      fetch: opts.fetch,
      timers,
      externalURL: opts.origin,
      onChange: (kind) => this.emit({ kind }),
    });
    this.keeper = new StorageKeeper(tsdb, budget, opts.now, this.metrics, (message) => this.emit({ kind: 'storage', message }));
    this.registerSelfMetrics();
    registerRemoteMetrics(this.metrics, () => this.remote.statuses());
    const countScrapes = scrapeMetrics(this.metrics);
    this.scrape.onChange(() => {
      countScrapes(this.scrape.targets());
      this.emit({ kind: 'targets' });
    });
  }

  static async start(opts: EngineOptions): Promise<Engine> {
    const phase = opts.onStartup ?? (() => {});
    phase('opening the settings');
    const settings = await SettingsStore.open(opts.settingsDb);
    const boards = await BoardStore.open(opts.boardsDb);
    await boards.seed(SHIPPED_DASHBOARDS, opts.now());
    const { quota } = await storageEstimate();
    const budget: StorageBudget = {
      retentionMs: opts.retentionMs ?? DEFAULT_RETENTION_MS,
      maxBytes: opts.maxBytes ?? (quota === null ? null : Math.floor(quota * QUOTA_SHARE)),
    };
    const tsdb =
      opts.readOnly !== undefined
        ? memoryTsdb({ chunkRange: opts.chunkRangeMs }, opts.readOnly)
        : await openTsdb({
            onProgress: (p) => phase(RESTORE_PHASES[p.phase] ?? p.phase, p.done, p.total),
            name: opts.tsdbDb ?? DEFAULT_TSDB_DB,
            retentionMs: budget.retentionMs,
            maxBytes: budget.maxBytes ?? undefined,
            chunkRange: opts.chunkRangeMs,
          });
    phase('loading the configuration, rules and silences');
    const engine = new Engine(opts, settings, boards, tsdb, budget);
    engine.configYaml = (await settings.get(CONFIG_KEY)) ?? defaultConfigYaml(opts.host);
    await engine.alertingRoom.load();
    const headers = parseSourceHeaders((await settings.get(SOURCE_HEADERS_KEY)) ?? '');
    if (headers.ok) engine.remoteSources.useHeaders(headers.sources);
    const limits = await settings.get(QUERY_LIMITS_KEY);
    if (limits !== undefined) engine.queries.promql.setLimits(storedLimits(limits));
    if (opts.role !== 'follower') engine.startWriting();
    return engine;
  }

  private registerSelfMetrics(): void {
    const m = this.metrics;
    const loops = m.gauge('vigil_scrape_loops', 'Scrape loops running in this engine (one per target).');
    const leader = m.gauge('vigil_engine_leader', '1 when this engine scrapes and writes, 0 when it only reads.');
    const headSeries = m.gauge('vigil_tsdb_head_series', 'Series in the in-memory head.');
    const series = m.gauge('vigil_tsdb_series', 'Series stored, head and blocks.');
    const samples = m.gauge('vigil_tsdb_samples', 'Samples stored, head and blocks.');
    const storedBytes = m.gauge('vigil_tsdb_storage_bytes', 'Bytes of chunk data in IndexedDB.');
    m.onCollect(() => {
      loops(this.scrape.loopCount());
      leader(this.currentRole === 'follower' ? 0 : 1);
      // Totals only: the cardinality tops walk every label pair, seconds at 800,000 series, on every self-scrape.
      const st = this.tsdb.totals();
      headSeries(st.headSeries);
      series(st.series);
      samples(st.samples);
      storedBytes(st.storedBytes);
    });
  }

  private startWriting(): void {
    this.applyConfig();
    this.keeper.start(this.opts.checkpointEveryMs ?? DEFAULT_CHECKPOINT_MS);
  }

  private applyConfig(): void {
    const parsed = parseConfig(this.configYaml);
    if (parsed.ok) this.run(parsed.config);
  }

  /** Puts a configuration to work: only the engine that writes scrapes, evaluates rules and sends. */
  private run(config: PrometheusConfig): void {
    this.scrape.apply(config);
    void this.remote.applyConfig(config.remoteWrite, config.global.externalLabels);
    this.alertingRoom.start(config.global.evaluationInterval, config.global.externalLabels);
    this.alertingRoom.sendTo(config.alerting, config.global.externalLabels);
  }

  private emit(e: EngineEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        this.listeners.delete(l);
      }
    }
  }

  async becomeLeader(): Promise<void> {
    if (this.currentRole !== 'follower') return;
    this.currentRole = 'leader';
    this.startWriting();
    this.emit({ kind: 'role', role: this.currentRole });
  }

  async subscribe(listener: (e: EngineEvent) => void): Promise<void> {
    this.listeners.add(listener);
  }

  /** Passes on an event of the engine this one reads from (a follower hears its leader's scrapes). */
  relay(e: EngineEvent): void {
    if (e.kind !== 'role') this.emit(e);
  }

  async role(): Promise<EngineRole> {
    return this.currentRole;
  }

  /** The data source a `source` argument names: '' for this browser's store, else a remote's base URL. */
  private source(source: string): DataSource {
    return source === '' ? this.queries : this.remoteSources.at(source);
  }

  async rangeQuery(source: string, expr: string, startMs: number, endMs: number, stepMs: number, queryId?: string): Promise<Result<RangeColumns>> {
    return this.source(source).rangeQuery(expr, startMs, endMs, stepMs, queryId);
  }

  async instantQuery(source: string, expr: string, timeMs: number, queryId?: string): Promise<Result<InstantResult>> {
    return this.source(source).instantQuery(expr, timeMs, queryId);
  }

  async labelNames(source: string, match?: string[]): Promise<Result<string[]>> {
    return this.source(source).labelNames(match);
  }

  async labelValues(source: string, name: string, match?: string[]): Promise<Result<string[]>> {
    return this.source(source).labelValues(name, match);
  }

  async series(source: string, match: string[], window?: TimeWindow): Promise<Result<Record<string, string>[]>> {
    return this.source(source).series(match, window);
  }

  async metadata(source: string, metric?: string): Promise<Result<Record<string, MetricMeta[]>>> {
    return this.source(source).metadata(metric);
  }

  async cancelQuery(source: string, queryId: string): Promise<void> {
    return this.source(source).cancel(queryId);
  }

  async getConfig(): Promise<string> {
    return this.configYaml;
  }

  async setConfig(yaml: string): Promise<Result<void>> {
    const parsed = parseConfig(yaml);
    if (!parsed.ok) return textFailure(CONFIG_KEY, parsed.problems);
    this.configYaml = yaml;
    await this.settings.set(CONFIG_KEY, yaml);
    if (this.currentRole !== 'follower') this.run(parsed.config);
    this.emit({ kind: 'config' });
    return DONE;
  }

  async targets(): Promise<TargetView[]> {
    return this.scrape.targets();
  }

  async flush(): Promise<void> {
    if (this.currentRole !== 'follower') await this.keeper.checkpoint();
  }

  async storageStatus(): Promise<StorageStatus> {
    const status = await this.keeper.status();
    return { ...status, largeTargets: largeTargets(this.scrape.targets(), status.headSeries) };
  }

  async selfMetrics(): Promise<string> {
    return this.metrics.expose();
  }

  async stop(): Promise<void> {
    this.scrape.stop();
    await this.alertingRoom.stop();
    await this.remote.stop();
    await this.keeper.stop();
    await this.tsdb.close();
    this.settings.close();
    this.boards.close();
  }

  // The explorer pages, Explain, and data export and import (explore.ts).
  private explorer?: Explore;
  private explore(): Explore {
    return (this.explorer ??= new Explore(this.tsdb, this.opts.now, this.queries.promql));
  }

  async metricSummaries(source: string): Promise<Result<MetricSummary[]>> {
    return source === '' ? answered(() => this.explore().metrics()) : this.remoteSources.metricSummaries(source);
  }

  async labelCardinality(source: string, selector: string): Promise<Result<LabelCardinality[]>> {
    return source === '' ? this.explore().labels(selector) : this.remoteSources.labelCardinality(source, selector);
  }

  async explainQuery(expr: string, startMs: number, endMs: number, stepMs: number): Promise<Result<ExplainResult>> {
    return this.explore().explain(expr, startMs, endMs, stepMs);
  }

  async droppedTargets(): Promise<DroppedTargetView[]> {
    return this.scrape.droppedTargets();
  }

  async exportData(): Promise<ExportedData> {
    return this.explore().exportOpenMetrics();
  }

  async importData(text: string): Promise<Result<{ samples: number; rejected: number }>> {
    if (this.currentRole === 'follower') return fail({ where: 'import', what: 'another tab’s engine writes the data; import from that tab' });
    try {
      return ok(this.explore().importExposition(text));
    } catch (e) {
      return fail({ where: 'import', what: errorMessage(e) });
    }
  }

  // The Targets page's form and relabelling preview (targetEdits.ts).
  async staticTargets(): Promise<StaticTarget[]> {
    return staticTargets(this.configYaml);
  }

  async changeTargets(change: TargetChange): Promise<Result<void>> {
    const edit = applyTargetChange(this.configYaml, change);
    return edit.ok ? this.setConfig(edit.yaml) : textFailure(CONFIG_KEY, edit.problems);
  }

  async relabelPreview(job: string, discoveredLabels: Record<string, string>): Promise<RelabelPreview> {
    return relabelSteps(this.configYaml, job, discoveredLabels);
  }

  // Rules, alerts, silences and the webhook (alerting.ts).
  async ruleFiles(): Promise<RuleFileText[]> {
    return this.alertingRoom.ruleFiles();
  }

  async setRuleFile(name: string, text: string): Promise<Result<void>> {
    const r = await this.alertingRoom.setRuleFile(name, text);
    return r.ok ? DONE : textFailure(name, r.problems);
  }

  async deleteRuleFile(name: string): Promise<void> {
    return this.alertingRoom.deleteRuleFile(name);
  }

  async setRuleGroupSource(file: string, group: string, source: string): Promise<Result<void>> {
    const r = await this.alertingRoom.setGroupSource(file, group, source);
    return r.ok ? DONE : fail({ where: `${file}: ${group}`, what: r.error });
  }

  async alerting(): Promise<AlertingViews> {
    return this.alertingRoom.views();
  }

  async createSilence(input: SilenceInput): Promise<Result<string>> {
    const r = this.alertingRoom.createSilence(input);
    return r.ok ? ok(r.id) : fail({ where: 'silence', what: r.error });
  }

  async expireSilence(id: string): Promise<void> {
    this.alertingRoom.expireSilence(id);
  }

  async setWebhook(url: string): Promise<void> {
    return this.alertingRoom.setWebhook(url);
  }

  async backtest(req: BacktestRequest): Promise<Result<BacktestSeries[]>> {
    try {
      return ok(await this.alertingRoom.backtest(req));
    } catch (e) {
      return fail({ where: 'backtest', what: errorMessage(e), errorType: 'bad_data' });
    }
  }

  async wipeData(): Promise<Result<void>> {
    if (this.currentRole === 'follower') return fail({ where: 'wipe', what: 'another tab’s engine holds the data; wipe it from that tab' });
    await this.stop();
    const name = this.opts.tsdbDb ?? DEFAULT_TSDB_DB;
    // Tabs reload onto a new engine as soon as they hear this; the deletion waits for their connections to close.
    this.emit({ kind: 'wiped' });
    const deleted = await deleteTsdb(name);
    this.opts.onWiped?.();
    return deleted;
  }

  async checkYaml(kind: YamlFileKind, text: string): Promise<YamlCheck> {
    return YAML_FILES[kind].check(text);
  }

  async yamlShape(kind: YamlFileKind): Promise<MappingShape> {
    return YAML_FILES[kind].shape;
  }

  async formatQuery(expr: string): Promise<Result<string>> {
    return this.queries.format(expr);
  }

  async remoteWriteStatus(): Promise<RemoteWriteStatus[]> {
    return this.remote.statuses();
  }

  async alertmanagerStatus(): Promise<AlertmanagerStatus[]> {
    return this.alertingRoom.alertmanagers();
  }

  async alertmanagerConfig(): Promise<string> {
    return this.alertingRoom.alertmanagerConfigText();
  }

  async setAlertmanagerConfig(text: string): Promise<Result<void>> {
    const r = await this.alertingRoom.setAlertmanagerConfig(text);
    if (!r.ok) return textFailure('alertmanager.yml', r.problems);
    this.emit({ kind: 'alerts' });
    return DONE;
  }

  async routesTest(labels: Record<string, string>): Promise<Result<{ receivers: string; tree: string }>> {
    const r = this.alertingRoom.routesTest(labels);
    return r ? ok(r) : fail({ where: 'alertmanager.yml', what: 'no alertmanager.yml saved: alerts go to the banner and the webhook' });
  }

  // Headers for remote sources (sourceHeaders.ts).
  async sourceHeaders(): Promise<string> {
    return (await this.settings.get(SOURCE_HEADERS_KEY)) ?? '';
  }

  async setSourceHeaders(text: string): Promise<Result<void>> {
    const r = parseSourceHeaders(text);
    if (!r.ok) return fail({ where: 'source headers', what: r.error });
    await this.settings.set(SOURCE_HEADERS_KEY, text);
    this.remoteSources.useHeaders(r.sources);
    return DONE;
  }

  async queryLimits(): Promise<{ limits: QueryLimits; defaults: QueryLimits }> {
    return { limits: this.queries.promql.currentLimits(), defaults: { ...DEFAULT_QUERY_LIMITS } };
  }

  async setQueryLimits(limits: QueryLimits): Promise<Result<void>> {
    const problem = limitsProblem(limits);
    if (problem !== '') return fail({ where: 'query limits', what: problem });
    await this.settings.set(QUERY_LIMITS_KEY, JSON.stringify(limits));
    this.queries.promql.setLimits(limits);
    return DONE;
  }

  // Boards (boardStore.ts): every change is heard by every tab.
  async dashboards(): Promise<DashboardSummary[]> {
    return this.boards.list();
  }

  async dashboard(uid: string): Promise<Result<Dashboard>> {
    return this.boards.get(uid);
  }

  async saveDashboard(board: Dashboard, opts: SaveDashboardOptions): Promise<Result<Dashboard>> {
    const r = await this.boards.save(board, opts.overwrite, this.opts.now());
    if (r.ok) this.emit({ kind: 'dashboards' });
    return r;
  }

  async deleteDashboard(uid: string): Promise<Result<void>> {
    const r = await this.boards.delete(uid);
    if (r.ok) this.emit({ kind: 'dashboards' });
    return r;
  }

  async starDashboard(uid: string, starred: boolean): Promise<void> {
    if (await this.boards.star(uid, starred)) this.emit({ kind: 'dashboards' });
  }

  async queryBatch(queries: BatchQuery[]): Promise<BatchAnswer[]> {
    return runBatch(queries, (q) =>
      q.kind === 'range' ? this.rangeQuery(q.source, q.expr, q.startMs, q.endMs, q.stepMs) : this.instantQuery(q.source, q.expr, q.timeMs),
    );
  }
}
