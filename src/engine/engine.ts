// The engine: wires storage, scraping and queries, owns the timers, counts
// itself, and answers the UI's typed API. One per origin (see sharedWorker.ts).

import { realTimers, type Timers } from '../model/timers';
import type { SilenceInput } from '../notify/silences';
import type { BacktestSeries } from '../rules/backtest';
import { registerRemoteMetrics } from '../remote/remoteMetrics';
import { RemoteWriteStorage } from '../remote/remoteWriteStorage';
import type { RemoteWriteStatus } from '../remote/writeQueue';
import { parseConfig, type PrometheusConfig } from '../config/prometheusConfig';
import { ScrapeManager } from '../scrape/scrapeManager';
import { threadTurn } from '../scrape/threadTurn';
import { DEFAULT_RETENTION_MS, deleteTsdb, openTsdb, type Tsdb } from '../tsdb/tsdb';
import type {
  AlertingViews,
  BacktestRequest,
  ConfigProblem,
  EngineApi,
  EngineEvent,
  EngineRole,
  InstantResult,
  MetricMeta,
  QueryError,
  RangeColumns,
  RuleFileText,
  StorageStatus,
  TargetView,
} from './api';
import { EngineAlerting } from './alerting';
import { defaultConfigYaml } from './defaultConfig';
import { EngineQueries } from './engineQueries';
import { Explore } from './explore';
import type { DroppedTargetView, ExplainResult, LabelCardinality, MetricSummary, RelabelPreview, StaticTarget, TargetChange } from './api';
import { applyTargetChange, relabelSteps, staticTargets } from './targetEdits';
import { scrapeMetrics } from './scrapeMetrics';
import { SelfMetrics } from './selfMetrics';
import { SettingsStore } from './settingsStore';
import { RemoteSources } from './remoteSources';
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
  /** How often the head is checkpointed: at most this much is lost when the tab dies. */
  checkpointEveryMs?: number;
  retentionMs?: number;
  /** Size limit for stored blocks; by default a share of the origin's storage quota. */
  maxBytes?: number;
  /** Width of a block's time window (Prometheus's 2 h by default). */
  chunkRangeMs?: number;
  /** Called once the data is wiped and this engine has stopped (the worker then closes). */
  onWiped?(): void;
}

const CONFIG_KEY = 'prometheus.yml';
const SOURCE_HEADERS_KEY = 'remote_source_headers';
const TSDB_DB = 'vigil-tsdb';
const DEFAULT_CHECKPOINT_MS = 10_000;

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
    this.queries = new EngineQueries(tsdb, this.metrics);
    this.remoteSources = new RemoteSources(opts.fetch, opts.now);
    this.alertingRoom = new EngineAlerting({
      storage: this.remote.storage,
      readStorage: tsdb,
      engine: this.queries.promql,
      remoteQuery: (baseUrl) => this.remoteSources.queryFunc(baseUrl),
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
    const settings = await SettingsStore.open(opts.settingsDb);
    const { quota } = await storageEstimate();
    const budget: StorageBudget = {
      retentionMs: opts.retentionMs ?? DEFAULT_RETENTION_MS,
      maxBytes: opts.maxBytes ?? (quota === null ? null : Math.floor(quota * QUOTA_SHARE)),
    };
    const tsdb = await openTsdb({
      name: opts.tsdbDb ?? TSDB_DB,
      retentionMs: budget.retentionMs,
      maxBytes: budget.maxBytes ?? undefined,
      chunkRange: opts.chunkRangeMs,
    });
    const engine = new Engine(opts, settings, tsdb, budget);
    engine.configYaml = (await settings.get(CONFIG_KEY)) ?? defaultConfigYaml(opts.host);
    await engine.alertingRoom.load();
    const headers = parseSourceHeaders((await settings.get(SOURCE_HEADERS_KEY)) ?? '');
    if (headers.ok) engine.remoteSources.useHeaders(headers.sources);
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
      const st = this.tsdb.stats();
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

  async rangeQuery(expr: string, startMs: number, endMs: number, stepMs: number, queryId?: string): Promise<RangeColumns | QueryError> {
    return this.queries.range(expr, startMs, endMs, stepMs, queryId);
  }

  async instantQuery(expr: string, timeMs: number, queryId?: string): Promise<InstantResult | QueryError> {
    return this.queries.instant(expr, timeMs, queryId);
  }

  async labelNames(match?: string[]): Promise<string[]> {
    return this.queries.labelNames(match);
  }

  async labelValues(name: string, match?: string[]): Promise<string[]> {
    return this.queries.labelValues(name, match);
  }

  async series(match: string[]): Promise<Record<string, string>[]> {
    return this.queries.series(match);
  }

  async metadata(metric?: string): Promise<Record<string, MetricMeta[]>> {
    return this.queries.metadata(metric);
  }

  async getConfig(): Promise<string> {
    return this.configYaml;
  }

  async setConfig(yaml: string): Promise<{ ok: true } | { ok: false; problems: ConfigProblem[] }> {
    const parsed = parseConfig(yaml);
    if (!parsed.ok) return { ok: false, problems: parsed.problems };
    this.configYaml = yaml;
    await this.settings.set(CONFIG_KEY, yaml);
    if (this.currentRole !== 'follower') this.run(parsed.config);
    this.emit({ kind: 'config' });
    return { ok: true };
  }

  async targets(): Promise<TargetView[]> {
    return this.scrape.targets();
  }

  async flush(): Promise<void> {
    if (this.currentRole !== 'follower') await this.keeper.checkpoint();
  }

  async storageStatus(): Promise<StorageStatus> {
    return this.keeper.status();
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
  }

  // The explorer pages, Explain, and data export and import (explore.ts).
  private explorer?: Explore;
  private explore(): Explore {
    return (this.explorer ??= new Explore(this.tsdb, this.opts.now));
  }

  async metricSummaries(): Promise<MetricSummary[]> {
    return this.explore().metrics();
  }

  async labelCardinality(selector: string): Promise<LabelCardinality[] | QueryError> {
    return this.explore().labels(selector);
  }

  async explainQuery(expr: string, startMs: number, endMs: number, stepMs: number): Promise<ExplainResult | QueryError> {
    return this.explore().explain(expr, startMs, endMs, stepMs);
  }

  async droppedTargets(): Promise<DroppedTargetView[]> {
    return this.scrape.droppedTargets();
  }

  async exportData(): Promise<string> {
    return this.explore().exportOpenMetrics();
  }

  async importData(text: string): Promise<{ ok: true; samples: number; rejected: number } | { ok: false; error: string }> {
    if (this.currentRole === 'follower') return { ok: false, error: 'another tab’s engine writes the data; import from that tab' };
    try {
      return { ok: true, ...this.explore().importExposition(text) };
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  }

  // The Targets page's form and relabelling preview (targetEdits.ts).
  async staticTargets(): Promise<StaticTarget[]> {
    return staticTargets(this.configYaml);
  }

  async changeTargets(change: TargetChange): Promise<{ ok: true } | { ok: false; problems: ConfigProblem[] }> {
    const edit = applyTargetChange(this.configYaml, change);
    return edit.ok ? this.setConfig(edit.yaml) : edit;
  }

  async relabelPreview(job: string, discoveredLabels: Record<string, string>): Promise<RelabelPreview> {
    return relabelSteps(this.configYaml, job, discoveredLabels);
  }

  // Rules, alerts, silences and the webhook (alerting.ts).
  async ruleFiles(): Promise<RuleFileText[]> {
    return this.alertingRoom.ruleFiles();
  }

  async setRuleFile(name: string, text: string): Promise<{ ok: true } | { ok: false; problems: ConfigProblem[] }> {
    return this.alertingRoom.setRuleFile(name, text);
  }

  async deleteRuleFile(name: string): Promise<void> {
    return this.alertingRoom.deleteRuleFile(name);
  }

  async setRuleGroupSource(file: string, group: string, baseUrl: string): Promise<{ ok: true } | { ok: false; error: string }> {
    return this.alertingRoom.setGroupSource(file, group, baseUrl);
  }

  async alerting(): Promise<AlertingViews> {
    return this.alertingRoom.views();
  }

  async createSilence(input: SilenceInput): Promise<{ ok: true; id: string } | { ok: false; error: string }> {
    return this.alertingRoom.createSilence(input);
  }

  async expireSilence(id: string): Promise<void> {
    this.alertingRoom.expireSilence(id);
  }

  async setWebhook(url: string): Promise<void> {
    return this.alertingRoom.setWebhook(url);
  }

  async backtest(req: BacktestRequest): Promise<BacktestSeries[] | QueryError> {
    try {
      return await this.alertingRoom.backtest(req);
    } catch (e) {
      return { status: 'error', errorType: 'bad_data', error: e instanceof Error ? e.message : String(e) };
    }
  }

  async wipeData(): Promise<{ ok: true } | { ok: false; error: string }> {
    if (this.currentRole === 'follower') return { ok: false, error: 'another tab’s engine holds the data; wipe it from that tab' };
    await this.stop();
    const name = this.opts.tsdbDb ?? TSDB_DB;
    // Tabs reload onto a new engine as soon as they hear this; the deletion waits for their connections to close.
    this.emit({ kind: 'wiped' });
    const deleted = await deleteTsdb(name);
    this.opts.onWiped?.();
    return deleted;
  }

  async formatQuery(expr: string): Promise<{ status: 'success'; text: string } | QueryError> {
    return this.queries.format(expr);
  }

  async remoteWriteStatus(): Promise<RemoteWriteStatus[]> {
    return this.remote.statuses();
  }

  // A Prometheus-compatible HTTP API in place of this browser's store (remoteSources.ts).
  async remoteRangeQuery(baseUrl: string, expr: string, startMs: number, endMs: number, stepMs: number, queryId?: string): Promise<RangeColumns | QueryError> {
    return this.remoteSources.rangeQuery(baseUrl, expr, startMs, endMs, stepMs, queryId);
  }

  async remoteInstantQuery(baseUrl: string, expr: string, timeMs: number, queryId?: string): Promise<InstantResult | QueryError> {
    return this.remoteSources.instantQuery(baseUrl, expr, timeMs, queryId);
  }

  async sourceHeaders(): Promise<string> {
    return (await this.settings.get(SOURCE_HEADERS_KEY)) ?? '';
  }

  async setSourceHeaders(text: string): Promise<{ ok: true } | { ok: false; error: string }> {
    const r = parseSourceHeaders(text);
    if (!r.ok) return r;
    await this.settings.set(SOURCE_HEADERS_KEY, text);
    this.remoteSources.useHeaders(r.sources);
    return { ok: true };
  }

  async remoteLabelNames(baseUrl: string, match?: string[]): Promise<string[] | QueryError> {
    return this.remoteSources.at(baseUrl).labelNames(match);
  }

  async remoteLabelValues(baseUrl: string, name: string, match?: string[]): Promise<string[] | QueryError> {
    return this.remoteSources.at(baseUrl).labelValues(name, match);
  }

  async remoteSeries(baseUrl: string, match: string[]): Promise<Record<string, string>[] | QueryError> {
    return this.remoteSources.at(baseUrl).series(match);
  }

  async remoteMetadata(baseUrl: string, metric?: string): Promise<Record<string, MetricMeta[]> | QueryError> {
    return this.remoteSources.at(baseUrl).metadata(metric);
  }

  async remoteMetricSummaries(baseUrl: string): Promise<MetricSummary[] | QueryError> {
    return this.remoteSources.metricSummaries(baseUrl);
  }

  async remoteLabelCardinality(baseUrl: string, selector: string): Promise<LabelCardinality[] | QueryError> {
    return this.remoteSources.labelCardinality(baseUrl, selector);
  }
}
