// The rule manager (rules/manager.go): runs each group on its interval at
// its aligned timestamps, keeps state across reloads, restores alerts' `for`
// state from ALERTS_FOR_STATE after a restart, and marks the series of
// removed groups stale. Timers and clock are injected.

import type { TimerHandle, Timers } from '../model/timers';
import type { Storage } from '../tsdb/storage';
import type { AlertView, GroupView, OutgoingAlert, QueryFunc } from './rule';
import { AlertingRule } from './alertingRule';
import type { RuleFile } from './ruleFile';
import { RuleGroup, type GroupDeps } from './ruleGroup';

export interface RuleManagerDeps extends Timers {
  storage: Storage;
  /** Usually engineQueryFunc(queryEngine, storage). */
  query: QueryFunc;
  /**
   * A group's own query function, asked at each evaluation so a change applies
   * from the next one; undefined for `query`. (Vigil lets a group read a remote
   * Prometheus; its output is still appended to `storage`.)
   */
  groupQuery?(file: string, group: string): QueryFunc | undefined;
  externalLabels?: Record<string, string>;
  externalURL?: string;
  /** global.evaluation_interval (ms, default 1m) for groups without their own. */
  evaluationInterval?: number;
  /** global.rule_query_offset (ms, default 0). */
  queryOffset?: number;
  /** Alerts due to the notifier (Prometheus's NotifyFunc); wire it to Notifier.receive. */
  notify?(alerts: OutgoingAlert[]): void;
  /** After a group evaluation changed any alert's state, all active alerts. */
  onAlertsChanged?(alerts: AlertView[]): void;
  /** After every group evaluation (for refreshing rule health views). */
  onEvaluated?(group: GroupView): void;
  /** --rules.alert.for-outage-tolerance, default 1h. */
  outageTolerance?: number;
  /** --rules.alert.for-grace-period, default 10m. */
  forGracePeriod?: number;
  /** --rules.alert.resend-delay, default 1m. */
  resendDelay?: number;
}

export const DEFAULT_OUTAGE_TOLERANCE = 3_600_000;
export const DEFAULT_FOR_GRACE_PERIOD = 600_000;
export const DEFAULT_RESEND_DELAY = 60_000;
const DEFAULT_EVALUATION_INTERVAL = 60_000;

interface Running {
  group: RuleGroup;
  timer: TimerHandle | undefined;
  /** The next evaluation timestamp. */
  next: number;
  /** Evaluations left before restoring `for` state; -1 once done or not needed. */
  restoreAfter: number;
  stopped: boolean;
}

/** A rule file with the name it is known by (the key groups are identified by on reload). */
export interface NamedRuleFile {
  name: string;
  file: RuleFile;
}

export class RuleManager {
  private running = new Map<string, Running>();
  /** False until the first update: groups loaded at start restore their alerts' `for` state (manager.go `restored`). */
  private started = false;
  private lastAlertsSignature = '';
  /** Evaluations under way, so stop() callers and tests can wait for them. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: RuleManagerDeps) {}

  private groupDeps(group: RuleGroup): GroupDeps {
    return {
      storage: this.deps.storage,
      query: this.deps.groupQuery?.(group.file, group.name) ?? this.deps.query,
      externalLabels: this.deps.externalLabels ?? {},
      externalURL: this.deps.externalURL ?? '',
      now: this.deps.now,
      notify: this.deps.notify,
      resendDelay: this.deps.resendDelay ?? DEFAULT_RESEND_DELAY,
    };
  }

  /**
   * Replaces the running groups with those of `files` (manager.go Update):
   * a group with the same file and name takes over the old one's state;
   * groups that disappear have their series marked stale.
   */
  update(files: readonly NamedRuleFile[]): void {
    const shouldRestore = !this.started;
    this.started = true;
    const next = new Map<string, Running>();
    for (const { name: fileName, file } of files) {
      for (const gc of file.groups) {
        const group = new RuleGroup(
          fileName,
          gc,
          gc.interval ?? this.deps.evaluationInterval ?? DEFAULT_EVALUATION_INTERVAL,
          gc.queryOffset ?? this.deps.queryOffset ?? 0,
          !shouldRestore,
        );
        const old = this.running.get(group.key);
        if (old) {
          this.halt(old);
          group.copyState(old.group);
          this.running.delete(group.key);
        }
        const r: Running = { group, timer: undefined, next: 0, restoreAfter: shouldRestore && group.rules.some((x) => x instanceof AlertingRule) ? 2 : -1, stopped: false };
        next.set(group.key, r);
      }
    }
    for (const old of this.running.values()) {
      this.halt(old);
      old.group.markStale(this.deps.storage, this.deps.now());
    }
    this.running = next;
    for (const r of next.values()) this.schedule(r, true);
    this.publishAlerts();
  }

  /** Resolves once no evaluation is running (call after stop() before closing the storage). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Stops every group without marking its series stale (shutdown, as Manager.Stop). */
  stop(): void {
    for (const r of this.running.values()) this.halt(r);
    this.running.clear();
  }

  private halt(r: Running): void {
    r.stopped = true;
    if (r.timer !== undefined) this.deps.clearTimeout(r.timer);
    r.timer = undefined;
  }

  private schedule(r: Running, first: boolean): void {
    const now = this.deps.now();
    // group.go run: the first evaluation waits for the next aligned timestamp.
    if (first) r.next = r.group.evalTimestamp(now) + r.group.interval;
    r.timer = this.deps.setTimeout(() => {
      const p = this.tick(r).finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    }, Math.max(0, r.next - now));
  }

  private async tick(r: Running): Promise<void> {
    r.timer = undefined;
    if (r.stopped) return;
    const now = this.deps.now();
    // Missed iterations are skipped, not caught up (group.go run's `missed`).
    if (now >= r.next + r.group.interval) r.next += Math.floor((now - r.next) / r.group.interval) * r.group.interval;
    const ts = r.next;
    await r.group.eval(ts, this.groupDeps(r.group));
    if (r.stopped) return;
    if (r.restoreAfter > 0 && --r.restoreAfter === 0) {
      // Restored after the second evaluation, so recording rules alerts depend on have run (group.go run).
      await this.restore(r.group);
      r.restoreAfter = -1;
    }
    this.deps.onEvaluated?.(r.group.view());
    this.publishAlerts();
    r.next = ts + r.group.interval;
    this.schedule(r, false);
  }

  private async restore(group: RuleGroup): Promise<void> {
    const querier = this.deps.storage.querier();
    const ts = this.deps.now();
    for (const rule of group.rules) {
      if (rule instanceof AlertingRule) {
        await rule.restoreForState(querier, ts, this.deps.outageTolerance ?? DEFAULT_OUTAGE_TOLERANCE, this.deps.forGracePeriod ?? DEFAULT_FOR_GRACE_PERIOD);
      }
    }
  }

  private publishAlerts(): void {
    if (!this.deps.onAlertsChanged) return;
    const alerts = this.activeAlerts();
    const signature = JSON.stringify(alerts.map((a) => [a.group, a.labels, a.state, a.activeAt, a.annotations]));
    if (signature === this.lastAlertsSignature) return;
    this.lastAlertsSignature = signature;
    this.deps.onAlertsChanged(alerts);
  }

  /** Runs one group now at its current aligned timestamp (for a "evaluate now" button and tests). */
  async evaluateNow(file: string, name: string): Promise<void> {
    const r = this.running.get(`${file};${name}`);
    if (!r) throw new Error(`no rule group ${JSON.stringify(name)} in ${JSON.stringify(file)}`);
    await r.group.eval(r.group.evalTimestamp(this.deps.now()), this.groupDeps(r.group));
    this.deps.onEvaluated?.(r.group.view());
    this.publishAlerts();
  }

  groups(): GroupView[] {
    return [...this.running.values()].map((r) => r.group.view());
  }

  /** Pending, firing and recently resolved alerts of every group. */
  activeAlerts(): AlertView[] {
    const out: AlertView[] = [];
    for (const r of this.running.values()) {
      for (const rule of r.group.rules) if (rule instanceof AlertingRule) out.push(...rule.views(r.group.name).filter((a) => a.state !== 'inactive'));
    }
    return out;
  }
}
