// Alerts handed on to real Alertmanagers, as Prometheus's notifier does
// (notifier/manager.go, alertmanagerset.go, sendloop.go): external labels
// added and alert_relabel_configs applied, one queue per Alertmanager URL,
// posted as API v2 PostableAlerts in batches of 256.
//
// One difference, on purpose: Prometheus drops a batch whose post fails
// (counting it dropped) and relies on the next resend. A browser tab loses
// its Alertmanager more often (a laptop asleep, a proxy restarting), so a
// failed batch stays at the head of its queue and is retried with backoff;
// only a full queue drops, its oldest alerts first, and counts them.

import { Labels } from '../model/labels';
import { compileRule, processBuilder, type RelabelConfig, type RelabelRule } from '../model/relabel';
import { errorMessage } from '../model/result';
import type { TimerHandle, Timers } from '../model/timers';
import { rfc3339, type PostedAlert } from './alert';

/** One `alertmanagers` entry as the sender needs it (config's AlertmanagerConfig fits). */
export interface AlertmanagerSetConfig {
  staticConfigs: readonly { targets: readonly string[]; labels: Record<string, string> }[];
  scheme: string;
  pathPrefix: string;
  apiVersion: string;
  /** Milliseconds. */
  timeout: number;
  relabelConfigs: readonly RelabelConfig[];
  alertRelabelConfigs: readonly RelabelConfig[];
  /** Request headers, the Authorization the config's auth makes included. */
  headers: Record<string, string>;
}

export interface SenderConfig {
  externalLabels: Record<string, string>;
  /** alerting.alert_relabel_configs, applied before any set's own. */
  alertRelabelConfigs: readonly RelabelConfig[];
  alertmanagers: readonly AlertmanagerSetConfig[];
}

export interface SenderDeps extends Timers {
  fetch: typeof fetch;
  /** --alertmanager.notification-queue-capacity (10,000). */
  queueCapacity?: number;
  /** Where the Status page hears of a change in a queue's state. */
  onChange?(): void;
}

/** One Alertmanager's send loop as Status shows it. */
export interface AlertmanagerStatus {
  url: string;
  /** `up` after a post succeeded, `down` after one failed, `unknown` before any. */
  state: 'up' | 'down' | 'unknown';
  lastError: string | null;
  lastErrorAt: number | null;
  lastSuccessAt: number | null;
  /** Alerts acknowledged (prometheus_notifications_sent_total). */
  sent: number;
  /** Alerts in failed posts, once per attempt (prometheus_notifications_errors_total). */
  errors: number;
  /** Alerts pushed out of a full queue (prometheus_notifications_dropped_total). */
  dropped: number;
  /** Alerts waiting, the batch in flight included (prometheus_notifications_queue_length). */
  pending: number;
  capacity: number;
}

export const DEFAULT_QUEUE_CAPACITY = 10_000;
// notifier.DefaultMaxBatchSize.
const MAX_BATCH = 256;
const MIN_BACKOFF = 500;
const MAX_BACKOFF = 5_000;
const ALERTS_PATH = '__alerts_path__';

/** The body Prometheus posts (notifier/util.go alertsToOpenAPIAlerts): models.PostableAlerts in its field order. */
export function postableAlerts(alerts: readonly PostedAlert[]): string {
  return JSON.stringify(
    alerts.map((a) => ({
      annotations: a.annotations,
      endsAt: rfc3339(a.endsAt),
      startsAt: rfc3339(a.startsAt),
      generatorURL: a.generatorURL,
      labels: a.labels,
    })),
  );
}

/** relabelAlerts in notifier/alert.go: external labels fill what an alert lacks, then the rules may rewrite or drop it. */
export function relabelAlerts(alerts: readonly PostedAlert[], externalLabels: Record<string, string>, rules: readonly RelabelRule[]): PostedAlert[] {
  const out: PostedAlert[] = [];
  const external = Object.entries(externalLabels);
  for (const a of alerts) {
    const lb = Labels.from(a.labels).builder();
    for (const [n, v] of external) if (!a.labels[n]) lb.set(n, v);
    if (!processBuilder(lb, rules)) continue;
    out.push({ ...a, labels: lb.labels().toObject() });
  }
  return out;
}

/** AlertmanagerFromGroup and postPath: each static target's URL after relabelling, deduplicated as alertmanagerSet.sync does. */
export function alertmanagerUrls(set: AlertmanagerSetConfig): string[] {
  const rules = set.relabelConfigs.map(compileRule);
  const path = `/${[...set.pathPrefix.split('/'), 'api', set.apiVersion, 'alerts'].filter((p) => p !== '').join('/')}`;
  const urls: string[] = [];
  for (const g of set.staticConfigs) {
    for (const target of g.targets) {
      const lb = Labels.from({ ...g.labels, __address__: target, __scheme__: set.scheme, [ALERTS_PATH]: path }).builder();
      if (!processBuilder(lb, rules)) continue;
      const ls = lb.labels();
      const addr = ls.get('__address__');
      if (addr.includes('/')) throw new Error(`${JSON.stringify(addr)} is not a valid hostname`);
      const url = `${ls.get('__scheme__')}://${addr}${ls.get(ALERTS_PATH)}`;
      if (!urls.includes(url)) urls.push(url);
    }
  }
  return urls;
}

class SendLoop {
  private queue: PostedAlert[] = [];
  private inFlight = 0;
  private backoff = MIN_BACKOFF;
  private retryTimer: TimerHandle | undefined;
  private stopped = false;
  readonly status: AlertmanagerStatus;

  constructor(
    readonly url: string,
    private set: AlertmanagerSetConfig,
    private readonly deps: SenderDeps,
    private readonly capacity: number,
  ) {
    this.status = { url, state: 'unknown', lastError: null, lastErrorAt: null, lastSuccessAt: null, sent: 0, errors: 0, dropped: 0, pending: 0, capacity };
  }

  reconfigure(set: AlertmanagerSetConfig): void {
    this.set = set;
  }

  /** sendLoop.add: a full queue gives up its oldest alerts for the newer ones. */
  add(alerts: readonly PostedAlert[]): void {
    this.queue.push(...alerts);
    this.trim();
    this.kick();
  }

  private trim(): void {
    const over = this.queue.length + this.inFlight - this.capacity;
    if (over > 0) {
      const cut = Math.min(over, this.queue.length);
      this.queue.splice(0, cut);
      this.status.dropped += cut;
    }
    this.status.pending = this.queue.length + this.inFlight;
  }

  private kick(): void {
    if (this.inFlight > 0 || this.retryTimer !== undefined || this.stopped || this.queue.length === 0) return;
    void this.sendOneBatch();
  }

  private async sendOneBatch(): Promise<void> {
    const batch = this.queue.splice(0, MAX_BATCH);
    this.inFlight = batch.length;
    const error = await this.post(batch);
    this.inFlight = 0;
    if (this.stopped) return;
    const now = this.deps.now();
    if (error === null) {
      this.status.sent += batch.length;
      this.status.state = 'up';
      this.status.lastSuccessAt = now;
      this.backoff = MIN_BACKOFF;
    } else {
      this.status.errors += batch.length;
      this.status.state = 'down';
      this.status.lastError = error;
      this.status.lastErrorAt = now;
      this.queue.unshift(...batch);
      this.retryTimer = this.deps.setTimeout(() => {
        this.retryTimer = undefined;
        this.kick();
      }, this.backoff);
      this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF);
    }
    this.trim();
    this.deps.onChange?.();
    this.kick();
  }

  /** sendOne: any 2xx is done; null on success, else the error in Prometheus's words. */
  private async post(batch: PostedAlert[]): Promise<string | null> {
    const ctl = new AbortController();
    const timer = this.deps.setTimeout(() => ctl.abort(), this.set.timeout);
    try {
      const res = await this.deps.fetch(this.url, {
        method: 'POST',
        headers: { ...this.set.headers, 'Content-Type': 'application/json' },
        body: postableAlerts(batch),
        signal: ctl.signal,
      });
      await res.arrayBuffer().catch(() => undefined);
      return res.ok ? null : `bad response status ${res.status} ${res.statusText}`.trimEnd();
    } catch (e) {
      if (ctl.signal.aborted) return `Post "${this.url}": context deadline exceeded`;
      return `Post "${this.url}": ${errorMessage(e)} (unreachable, or refused by CORS)`;
    } finally {
      this.deps.clearTimeout(timer);
    }
  }

  stop(): void {
    this.stopped = true;
    this.deps.clearTimeout(this.retryTimer);
  }
}

interface SendSet {
  config: AlertmanagerSetConfig;
  rules: RelabelRule[];
  loops: SendLoop[];
  /** Why no Alertmanager of this set can be reached (Prometheus logs "Creating discovered Alertmanagers failed"). */
  problem?: string;
}

function urlsOrProblem(config: AlertmanagerSetConfig, index: number): { urls: string[]; problem?: string } {
  try {
    return { urls: alertmanagerUrls(config) };
  } catch (e) {
    return { urls: [], problem: `alertmanagers[${index}]: ${errorMessage(e)}` };
  }
}

/** The notifier Manager: Send() fans alerts out to every Alertmanager of every set. */
export class AlertmanagerSender {
  private externalLabels: Record<string, string> = {};
  private rules: RelabelRule[] = [];
  private sets: SendSet[] = [];
  private readonly capacity: number;

  constructor(private readonly deps: SenderDeps) {
    this.capacity = deps.queueCapacity ?? DEFAULT_QUEUE_CAPACITY;
  }

  /**
   * ApplyConfig: an Alertmanager whose URL stays keeps its queue and counts
   * (as Prometheus keeps a send loop whose set's config hash is unchanged);
   * one no longer configured is stopped with its queue. A set whose target
   * relabels into no valid hostname is kept as a problem Status shows.
   */
  configure(cfg: SenderConfig): void {
    const old = new Map(this.sets.flatMap((s) => s.loops.map((l) => [l.url, l] as const)));
    const sets = cfg.alertmanagers.map((config, i) => ({ config, rules: config.alertRelabelConfigs.map(compileRule), ...urlsOrProblem(config, i) }));
    this.externalLabels = { ...cfg.externalLabels };
    this.rules = cfg.alertRelabelConfigs.map(compileRule);
    const kept = new Set<SendLoop>();
    this.sets = sets.map(({ config, rules, urls, problem }) => ({
      config,
      rules,
      problem,
      loops: urls.map((url) => {
        const prior = old.get(url);
        if (prior && !kept.has(prior)) {
          kept.add(prior);
          prior.reconfigure(config);
          return prior;
        }
        return new SendLoop(url, config, this.deps, this.capacity);
      }),
    }));
    for (const l of old.values()) if (!kept.has(l)) l.stop();
  }

  /** Manager.Send. */
  send(alerts: readonly PostedAlert[]): void {
    const relabelled = relabelAlerts(alerts, this.externalLabels, this.rules);
    if (relabelled.length === 0) return;
    for (const s of this.sets) {
      const out = s.rules.length > 0 ? relabelAlerts(relabelled, {}, s.rules) : relabelled;
      if (out.length === 0) continue;
      for (const l of s.loops) l.add(out);
    }
  }

  statuses(): AlertmanagerStatus[] {
    return this.sets.flatMap((s) => {
      const loops = s.loops.map((l) => ({ ...l.status }));
      if (s.problem === undefined) return loops;
      const none = { state: 'down' as const, lastErrorAt: null, lastSuccessAt: null, sent: 0, errors: 0, dropped: 0, pending: 0, capacity: this.capacity };
      return [...loops, { ...none, url: '', lastError: s.problem }];
    });
  }

  stop(): void {
    for (const s of this.sets) for (const l of s.loops) l.stop();
    this.sets = [];
  }
}
