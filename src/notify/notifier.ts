// Alertmanager's core in one object: alerts in (provider/mem Put with
// merge), routed and grouped (dispatch/dispatch.go aggregation groups with
// group_wait, group_interval), muted by inhibition and silences
// (notify.MuteStage), deduplicated against what each receiver was last told
// (notify.DedupStage with repeat_interval), and handed to receiver callbacks.
// Timers and clock are injected; no DOM.

import { anyContains, type TimeInterval } from '../model/timeInterval';
import type { TimerHandle, Timers } from '../model/timers';
import { acceptAlert, DEFAULT_RESOLVE_TIMEOUT, isResolved, mergeAlerts, type Alert, type PostedAlert } from './alert';
import { AlertHistory, type HistoryEntry } from './alertHistory';
import { inhibitedBy, type InhibitRuleConfig } from './inhibit';
import { Route, type RouteConfig } from './route';
import { Silences, type SilenceInput, type SilenceView } from './silences';
import { buildNotification, type Notification } from './webhook';
import { errorMessage } from '../model/result';

export interface Receiver {
  name: string;
  /** Whether resolved alerts are sent (send_resolved); default true. */
  sendResolved?: boolean;
  /** Most alerts per notification (webhook max_alerts); 0 is all. */
  maxAlerts?: number;
  notify(n: Notification): void | Promise<void>;
}

export interface NotifierConfig {
  route: RouteConfig;
  receivers: Receiver[];
  inhibitRules?: InhibitRuleConfig[];
  /** Milliseconds; default 5m. */
  resolveTimeout?: number;
  /** Named time intervals the routes' mute_time_intervals and active_time_intervals refer to. */
  timeIntervals?: ReadonlyMap<string, readonly TimeInterval[]>;
}

export interface NotifierDeps extends Timers {
  /** The notifier's own URL, put in notifications (template.Data ExternalURL). */
  externalURL?: string;
  /** After any change to alerts, their status or silences (for the UI). */
  onChange?(): void;
}

/** An alert as the UI lists it, with why it is muted (types.AlertStatus). */
export interface AlertStatusView {
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: number;
  endsAt: number;
  generatorURL: string;
  state: 'active' | 'suppressed';
  silencedBy: string[];
  inhibitedBy: string[];
  receivers: string[];
}

export interface AlertGroupView {
  receiver: string;
  groupKey: string;
  labels: Record<string, string>;
  alerts: AlertStatusView[];
}

export interface ReceiverStatus {
  name: string;
  lastNotify: number;
  lastError: string;
}

/** What a receiver was last told about a group (nflogpb.Entry). */
interface LogEntry {
  firing: Set<string>;
  resolved: Set<string>;
  timestamp: number;
}

// dispatch.go's maintenance interval.
const MAINTENANCE_MS = 30_000;

/** dispatch.go alertsSlice order: by job, then instance, then all labels. */
function compareAlerts(a: Alert, b: Alert): number {
  for (const k of ['job', 'instance']) {
    const x = a.labels[k];
    const y = b.labels[k];
    if (x === undefined && y === undefined) continue;
    if (x === undefined) return 1;
    if (y === undefined) return -1;
    if (x !== y) return x < y ? -1 : 1;
  }
  const ka = JSON.stringify(Object.entries(a.labels).sort());
  const kb = JSON.stringify(Object.entries(b.labels).sort());
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function isSubset(a: Set<string>, b: Set<string>): boolean {
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function labelSetString(labels: Record<string, string>): string {
  return `{${Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(', ')}}`;
}

class AggregationGroup {
  readonly alerts = new Map<string, Alert>();
  hasFlushed = false;
  timer: TimerHandle | undefined;
  nextAt = 0;

  constructor(
    readonly route: Route,
    readonly labels: Record<string, string>,
    readonly key: string,
  ) {}
}

export class Notifier {
  private root: Route;
  private receivers = new Map<string, Receiver>();
  private inhibitRules: InhibitRuleConfig[];
  private resolveTimeout: number;
  private timeIntervals: ReadonlyMap<string, readonly TimeInterval[]>;
  private readonly alerts = new Map<string, Alert>();
  private groups = new Map<string, AggregationGroup>();
  private readonly log = new Map<string, LogEntry>();
  private readonly receiverStatus = new Map<string, ReceiverStatus>();
  private readonly silences: Silences;
  private readonly history = new AlertHistory();
  private maintenanceTimer: TimerHandle | undefined;
  private boundaryTimer: TimerHandle | undefined;
  private stopped = false;

  constructor(
    private readonly deps: NotifierDeps,
    config: NotifierConfig,
  ) {
    this.silences = new Silences(deps.now);
    this.root = new Route(config.route);
    this.inhibitRules = config.inhibitRules ?? [];
    this.resolveTimeout = config.resolveTimeout ?? DEFAULT_RESOLVE_TIMEOUT;
    this.timeIntervals = config.timeIntervals ?? new Map();
    for (const r of config.receivers) this.receivers.set(r.name, r);
    this.scheduleMaintenance();
  }

  /** Applies a new routing configuration; alerts are regrouped, as Alertmanager's reload restarts the dispatcher. */
  configure(config: NotifierConfig): void {
    for (const g of this.groups.values()) this.deps.clearTimeout(g.timer);
    this.groups.clear();
    this.root = new Route(config.route);
    this.inhibitRules = config.inhibitRules ?? [];
    this.resolveTimeout = config.resolveTimeout ?? DEFAULT_RESOLVE_TIMEOUT;
    this.timeIntervals = config.timeIntervals ?? new Map();
    this.receivers = new Map(config.receivers.map((r) => [r.name, r]));
    for (const a of this.alerts.values()) this.dispatch(a);
  }

  /** Takes alerts from a rule evaluator (Prometheus's NotifyFunc target). */
  receive(posted: readonly PostedAlert[]): void {
    if (this.stopped) return;
    const now = this.deps.now();
    for (const p of posted) {
      let alert = acceptAlert(p, now, this.resolveTimeout);
      const old = this.alerts.get(alert.fingerprint);
      // provider/mem Put: merge when the activity ranges overlap.
      if (old && ((alert.endsAt > old.startsAt && alert.endsAt < old.endsAt) || (alert.startsAt > old.startsAt && alert.startsAt < old.endsAt))) {
        alert = mergeAlerts(old, alert, now);
      }
      this.alerts.set(alert.fingerprint, alert);
      if (isResolved(alert, now)) this.history.resolved(alert.fingerprint, alert.endsAt);
      else this.history.firing(alert.fingerprint, alert.labels, alert.annotations, alert.startsAt);
      this.dispatch(alert);
    }
    this.changed();
  }

  private dispatch(alert: Alert): void {
    const now = this.deps.now();
    for (const route of this.root.match(alert.labels)) {
      const labels = route.groupLabels(alert.labels);
      const key = `${route.key()}:${labelSetString(labels)}`;
      let g = this.groups.get(key);
      if (!g) {
        g = new AggregationGroup(route, labels, key);
        this.groups.set(key, g);
        this.arm(g, route.opts.groupWait);
      }
      g.alerts.set(alert.fingerprint, alert);
      // aggrGroup.insert: flush at once when the alert has already waited group_wait.
      if (!g.hasFlushed && alert.startsAt + route.opts.groupWait < now) this.arm(g, 0);
    }
  }

  private arm(g: AggregationGroup, ms: number): void {
    if (g.timer !== undefined) this.deps.clearTimeout(g.timer);
    g.nextAt = this.deps.now() + ms;
    g.timer = this.deps.setTimeout(() => void this.flush(g), ms);
  }

  private async flush(g: AggregationGroup): Promise<void> {
    if (this.stopped || this.groups.get(g.key) !== g) return;
    this.arm(g, g.route.opts.groupInterval);
    g.hasFlushed = true;
    if (g.alerts.size === 0) return;
    const now = this.deps.now();
    const snapshot = [...g.alerts.values()].map((a) => {
      // Firing alerts go out without an end, so receivers do not see them resolve as time passes.
      return isResolved(a, now) ? { ...a } : { ...a, endsAt: 0 };
    });
    snapshot.sort(compareAlerts);
    const ok = await this.notify(g, snapshot, now);
    if (ok) {
      // DeleteIfNotModified: drop the resolved alerts just sent unless they changed meanwhile.
      for (const a of snapshot) {
        if (a.endsAt === 0) continue;
        const cur = g.alerts.get(a.fingerprint);
        if (cur && cur.updatedAt === a.updatedAt) g.alerts.delete(a.fingerprint);
      }
    }
  }

  /** The notification pipeline for one group: mute, dedup, send; true when done (nothing left to retry). */
  private async notify(g: AggregationGroup, alerts: Alert[], now: number): Promise<boolean> {
    if (this.timeMuted(g.route, now)) return true;
    const all = [...this.alerts.values()];
    const unmuted = alerts.filter((a) => inhibitedBy(this.inhibitRules, a.labels, all, now).length === 0 && this.silences.mutedBy(a.labels).length === 0);
    if (unmuted.length === 0) return true;
    const receiverName = g.route.opts.receiver;
    const receiver = this.receivers.get(receiverName);
    if (!receiver) return true;
    const firing = new Set(unmuted.filter((a) => a.endsAt === 0).map((a) => a.fingerprint));
    const resolved = new Set(unmuted.filter((a) => a.endsAt !== 0).map((a) => a.fingerprint));
    const logKey = `${g.key}|${receiverName}`;
    const entry = this.log.get(logKey);
    const sendResolved = receiver.sendResolved ?? true;
    if (!this.needsUpdate(entry, firing, resolved, sendResolved, g.route.opts.repeatInterval, now)) return true;
    let toSend = unmuted;
    if (!sendResolved) {
      toSend = unmuted.filter((a) => a.endsAt === 0);
    }
    const status = this.receiverStatus.get(receiverName) ?? { name: receiverName, lastNotify: 0, lastError: '' };
    this.receiverStatus.set(receiverName, status);
    if (toSend.length > 0) {
      try {
        await receiver.notify(buildNotification(receiverName, g.key, g.labels, toSend, this.deps.externalURL ?? '', now, receiver.maxAlerts ?? 0));
        status.lastNotify = now;
        status.lastError = '';
      } catch (e) {
        // Not logged as notified, so the next flush tries again.
        status.lastError = errorMessage(e);
        return false;
      }
    }
    this.log.set(logKey, { firing, resolved, timestamp: now });
    return true;
  }

  /**
   * TimeMuteStage and TimeActiveStage: a route is quiet inside any of its
   * mute intervals and, when it names active intervals, outside all of them.
   * Nothing is logged as sent, so the group notifies once the time comes.
   */
  private timeMuted(route: Route, now: number): boolean {
    const active = (name: string) => anyContains(this.timeIntervals.get(name) ?? [], now);
    if (route.muteTimeIntervals.some(active)) return true;
    return route.activeTimeIntervals.length > 0 && !route.activeTimeIntervals.some(active);
  }

  /** DedupStage.needsUpdate. */
  private needsUpdate(entry: LogEntry | undefined, firing: Set<string>, resolved: Set<string>, sendResolved: boolean, repeat: number, now: number): boolean {
    if (!entry) return firing.size > 0;
    if (!isSubset(firing, entry.firing)) return true;
    // All resolved: tell the receiver if it was told of any firing, so it clears them.
    if (firing.size === 0) return entry.firing.size > 0;
    if (sendResolved && !isSubset(resolved, entry.resolved)) return true;
    return entry.timestamp <= now - repeat;
  }

  private scheduleMaintenance(): void {
    this.maintenanceTimer = this.deps.setTimeout(() => {
      this.maintain();
      if (!this.stopped) this.scheduleMaintenance();
    }, MAINTENANCE_MS);
  }

  /** dispatch.go doMaintenance and the provider's GC: empty groups go, resolved alerts leave the store and close their history. */
  private maintain(): void {
    const now = this.deps.now();
    let changed = false;
    for (const [fp, a] of this.alerts) {
      if (!isResolved(a, now)) continue;
      this.history.resolved(fp, a.endsAt);
      const grouped = [...this.groups.values()].some((g) => g.alerts.has(fp));
      if (!grouped) {
        this.alerts.delete(fp);
        changed = true;
      }
    }
    for (const [key, g] of this.groups) {
      if (g.alerts.size === 0) {
        this.deps.clearTimeout(g.timer);
        this.groups.delete(key);
      }
    }
    this.silences.gc();
    if (changed) this.changed();
  }

  private changed(): void {
    // Wake when the next silence starts or ends, so muting changes are seen on time.
    if (this.boundaryTimer !== undefined) this.deps.clearTimeout(this.boundaryTimer);
    this.boundaryTimer = undefined;
    const next = this.silences.nextBoundary();
    if (next !== undefined && !this.stopped) {
      this.boundaryTimer = this.deps.setTimeout(() => {
        this.boundaryTimer = undefined;
        this.changed();
      }, next - this.deps.now());
    }
    this.deps.onChange?.();
  }

  // ---- silences ----

  /** Creates or updates a silence; returns its id, or throws with Alertmanager's validation message. */
  setSilence(input: SilenceInput): string {
    const id = this.silences.set(input);
    this.changed();
    return id;
  }

  expireSilence(id: string): void {
    this.silences.expire(id);
    this.changed();
  }

  listSilences(): SilenceView[] {
    return this.silences.list();
  }

  /** Silences saved earlier (from listSilences), put back after a reload. */
  loadSilences(saved: SilenceView[]): void {
    this.silences.load(saved.map(({ state: _state, ...s }) => s));
    this.changed();
  }

  // ---- views ----

  private status(a: Alert, all: Alert[], now: number): AlertStatusView {
    const silencedBy = this.silences.mutedBy(a.labels);
    const inhibited = inhibitedBy(this.inhibitRules, a.labels, all, now);
    return {
      fingerprint: a.fingerprint,
      labels: { ...a.labels },
      annotations: { ...a.annotations },
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      generatorURL: a.generatorURL,
      state: silencedBy.length > 0 || inhibited.length > 0 ? 'suppressed' : 'active',
      silencedBy,
      inhibitedBy: inhibited,
      receivers: this.root.match(a.labels).map((r) => r.opts.receiver),
    };
  }

  /** Alerts not yet resolved, with their muting (GET /api/v2/alerts). */
  listAlerts(): AlertStatusView[] {
    const now = this.deps.now();
    const all = [...this.alerts.values()];
    return all.filter((a) => !isResolved(a, now)).sort(compareAlerts).map((a) => this.status(a, all, now));
  }

  /** Aggregation groups and their unresolved alerts (GET /api/v2/alerts/groups). */
  listGroups(): AlertGroupView[] {
    const now = this.deps.now();
    const all = [...this.alerts.values()];
    return [...this.groups.values()]
      .map((g) => ({
        receiver: g.route.opts.receiver,
        groupKey: g.key,
        labels: { ...g.labels },
        alerts: [...g.alerts.values()].filter((a) => !isResolved(a, now)).sort(compareAlerts).map((a) => this.status(a, all, now)),
      }))
      .filter((g) => g.alerts.length > 0);
  }

  /** Newest first; plain data to persist and to show. */
  listHistory(): HistoryEntry[] {
    return this.history.list();
  }

  /** History saved earlier (from listHistory), put back after a reload. */
  loadHistory(saved: readonly HistoryEntry[]): void {
    this.history.load(saved);
  }

  /** Per receiver, when it was last notified and the last delivery error. */
  receiverStatuses(): ReceiverStatus[] {
    return [...this.receiverStatus.values()].map((s) => ({ ...s }));
  }

  stop(): void {
    this.stopped = true;
    for (const g of this.groups.values()) this.deps.clearTimeout(g.timer);
    if (this.maintenanceTimer !== undefined) this.deps.clearTimeout(this.maintenanceTimer);
    if (this.boundaryTimer !== undefined) this.deps.clearTimeout(this.boundaryTimer);
  }
}
