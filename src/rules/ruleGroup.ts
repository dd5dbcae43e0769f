// A rule group (rules/group.go): its rules evaluated in order at one
// timestamp, their output appended in one commit per rule, stale markers for
// series a rule stopped producing, and the evaluation timestamp aligned to a
// per-group offset so groups with the same interval spread out.

import type { Labels } from '../model/labels';
import { STALE_NAN } from '../model/staleNaN';
import type { Storage } from '../tsdb/storage';
import { AlertingRule } from './alertingRule';
import { RecordingRule } from './recordingRule';
import type { RuleConfig, RuleGroupConfig } from './ruleFile';
import { queryEscape } from './templateFuncs';
import { xxhash64 } from '../model/xxhash64';
import type { GroupView, OutgoingAlert, QueryFunc, Rule, RuleView } from './rule';
import { errorMessage } from '../model/result';

export interface GroupDeps {
  storage: Storage;
  query: QueryFunc;
  externalLabels: Record<string, string>;
  externalURL: string;
  /** Wall-clock ms, for evaluation durations. */
  now(): number;
  /** Prometheus's NotifyFunc: alerts due to the notifier after each evaluation. */
  notify?(alerts: OutgoingAlert[]): void;
  /** How often a firing alert is re-sent (--rules.alert.resend-delay, 1m). */
  resendDelay: number;
}

/** A group's rules with group labels applied under each rule's own (manager.go LoadGroups). */
function withGroupLabels(rule: RuleConfig, groupLabels: Record<string, string>): RuleConfig {
  if (Object.keys(groupLabels).length === 0) return rule;
  return { ...rule, labels: { ...groupLabels, ...rule.labels } };
}

export class RuleGroup {
  readonly rules: Rule[];
  lastEvaluation = 0;
  evaluationDurationMs = 0;
  /** Per rule, the series its last successful evaluation wrote, by label key. */
  private seriesInPreviousEval: Map<string, Labels>[];

  constructor(
    readonly file: string,
    readonly config: RuleGroupConfig,
    /** Milliseconds; the group's own or the global default. */
    readonly interval: number,
    readonly queryOffset: number,
    restored: boolean,
  ) {
    this.rules = config.rules.map((r) => {
      const rc = withGroupLabels(r, config.labels);
      return r.kind === 'alerting' ? new AlertingRule(rc, restored) : new RecordingRule(rc);
    });
    this.seriesInPreviousEval = this.rules.map(() => new Map());
  }

  get name(): string {
    return this.config.name;
  }

  /** Identity across reloads, as Prometheus's GroupKey(file, name). */
  get key(): string {
    return `${this.file};${this.name}`;
  }

  /**
   * The latest aligned evaluation time at or before `startTime`
   * (group.go EvalTimestamp): a multiple of the interval plus an offset from a
   * hash of the group's name and file.
   */
  evalTimestamp(startTime: number): number {
    const offset = this.offsetMs();
    const adjNow = startTime - offset;
    const base = adjNow - (((adjNow % this.interval) + this.interval) % this.interval);
    return base + offset;
  }

  /**
   * group.go hash(): xxhash of the labels {file, name} as labels.Hash lays
   * them out, taken modulo the interval in nanoseconds as Go's Duration is.
   */
  private offsetMs(): number {
    // Each name and value followed by the 0xff separator byte (not UTF-8 text).
    const enc = new TextEncoder();
    const parts = ['file', this.file, 'name', this.name].map((p) => enc.encode(p));
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0));
    let at = 0;
    for (const p of parts) {
      bytes.set(p, at);
      bytes[at + p.length] = 0xff;
      at += p.length + 1;
    }
    return Number((xxhash64(bytes) % (BigInt(this.interval) * 1_000_000n)) / 1_000_000n);
  }

  /** Evaluates every rule at ts (group.go Eval). A failing rule is marked bad and leaves its stored series as they were. */
  async eval(ts: number, deps: GroupDeps): Promise<void> {
    const groupStart = deps.now();
    for (let i = 0; i < this.rules.length; i++) {
      const rule = this.rules[i];
      const start = deps.now();
      let vector;
      try {
        vector = await rule.eval(ts, {
          query: deps.query,
          externalLabels: deps.externalLabels,
          externalURL: deps.externalURL,
          queryOffset: this.queryOffset,
          limit: this.config.limit,
        });
      } catch (e) {
        rule.health = 'err';
        rule.lastError = errorMessage(e);
        rule.lastEvaluation = ts;
        rule.evaluationDurationMs = deps.now() - start;
        continue;
      }
      rule.health = 'ok';
      rule.lastError = '';
      if (rule instanceof AlertingRule && deps.notify) {
        const alerts = rule.alertsToSend(ts, deps.resendDelay, this.interval, generatorURL(deps.externalURL, rule.config.expr));
        if (alerts.length > 0) deps.notify(alerts);
      }
      const app = deps.storage.appender();
      const returned = new Map<string, Labels>();
      for (const s of vector) {
        // group.go Eval: a histogram sample goes in as one (AppendHistogram with the float histogram).
        if (s.h !== undefined) app.appendHistogram(0, s.labels, s.t, s.h);
        else app.append(0, s.labels, s.t, s.v);
        returned.set(s.labels.key(), s.labels);
      }
      for (const [key, labels] of this.seriesInPreviousEval[i]) {
        if (!returned.has(key)) app.append(0, labels, ts - this.queryOffset, STALE_NAN);
      }
      app.commit();
      this.seriesInPreviousEval[i] = returned;
      rule.lastEvaluation = ts;
      rule.evaluationDurationMs = deps.now() - start;
    }
    this.lastEvaluation = ts;
    this.evaluationDurationMs = deps.now() - groupStart;
  }

  /** Stale markers for everything the group wrote, when it is removed (group.go stop with markStale). */
  markStale(storage: Storage, ts: number): void {
    const app = storage.appender();
    for (const series of this.seriesInPreviousEval) for (const labels of series.values()) app.append(0, labels, ts, STALE_NAN);
    app.commit();
    this.seriesInPreviousEval = this.rules.map(() => new Map());
  }

  /**
   * Takes over an old group's state on reload (group.go CopyState): rule
   * health and alerts follow rules of the same name and kind, in order.
   */
  copyState(from: RuleGroup): void {
    this.lastEvaluation = from.lastEvaluation;
    this.evaluationDurationMs = from.evaluationDurationMs;
    const used = new Set<number>();
    this.rules.forEach((rule, i) => {
      const j = from.rules.findIndex((r, k) => !used.has(k) && r.name === rule.name && r.kind === rule.kind);
      if (j < 0) return;
      used.add(j);
      const old = from.rules[j];
      rule.health = old.health;
      rule.lastError = old.lastError;
      rule.lastEvaluation = old.lastEvaluation;
      rule.evaluationDurationMs = old.evaluationDurationMs;
      this.seriesInPreviousEval[i] = from.seriesInPreviousEval[j];
      if (rule instanceof AlertingRule && old instanceof AlertingRule) {
        for (const [k, a] of old.active) rule.active.set(k, a);
        rule.restored = old.restored;
      }
    });
  }

  view(): GroupView {
    return {
      name: this.name,
      file: this.file,
      interval: this.interval,
      queryOffset: this.queryOffset,
      limit: this.config.limit,
      lastEvaluation: this.lastEvaluation,
      evaluationDurationMs: this.evaluationDurationMs,
      rules: this.rules.map((r) => ruleView(r, this.name)),
    };
  }
}

function ruleView(r: Rule, group: string): RuleView {
  const c = (r as AlertingRule | RecordingRule).config;
  const base: RuleView = {
    kind: r.kind,
    name: r.name,
    expr: c.expr,
    labels: { ...c.labels },
    annotations: { ...c.annotations },
    for: c.for,
    keepFiringFor: c.keepFiringFor,
    health: r.health,
    lastError: r.lastError,
    lastEvaluation: r.lastEvaluation,
    evaluationDurationMs: r.evaluationDurationMs,
  };
  if (r instanceof AlertingRule) return { ...base, state: r.state(), alerts: r.views(group), ...(r.lastTemplateError ? { templateError: r.lastTemplateError } : {}) };
  return base;
}

/** The link Prometheus puts in an alert's generatorURL (strutil.TableLinkForExpression). */
function generatorURL(externalURL: string, expr: string): string {
  return `${externalURL.replace(/\/$/, '')}/graph?g0.expr=${queryEscape(expr)}&g0.tab=1`;
}
