// An alerting rule and its alerts' state machine, as rules/alerting.go runs
// it: inactive → pending → firing after `for`, held firing for
// keep_firing_for after the condition clears, resolved alerts kept 15 minutes
// so the notifier hears of the resolution; ALERTS and ALERTS_FOR_STATE
// written once the rule's `for` state is restored.

import { Labels, METRIC_NAME } from '../model/labels';
import { Matcher } from '../model/matcher';
import { isStaleNaN } from '../model/staleNaN';
import type { Querier } from '../tsdb/storage';
import { expandAlertTemplate } from './alertTemplate';
import type { RuleConfig } from './ruleFile';
import type { AlertState, AlertView, EvalSample, OutgoingAlert, Rule, RuleContext, RuleHealth } from './rule';

export const ALERT_METRIC = 'ALERTS';
export const ALERT_FOR_STATE_METRIC = 'ALERTS_FOR_STATE';
const ALERT_NAME = 'alertname';
const ALERT_STATE = 'alertstate';

/** How long a resolved alert is kept and re-sent (alerting.go resolvedRetention). */
export const RESOLVED_RETENTION_MS = 15 * 60_000;

export interface Alert {
  labels: Labels;
  annotations: Record<string, string>;
  state: AlertState;
  value: number;
  activeAt: number;
  /** 0 when unset, as Go's zero time. */
  firedAt: number;
  resolvedAt: number;
  /** -Infinity until first sent. */
  lastSentAt: number;
  validUntil: number;
  keepFiringSince: number;
}

export class AlertingRule implements Rule {
  readonly kind = 'alerting';
  health: RuleHealth = 'unknown';
  lastError = '';
  lastEvaluation = 0;
  evaluationDurationMs = 0;
  /** The last template expansion failure, with the rule's name; expansion failures do not fail the rule, as in Prometheus. */
  lastTemplateError = '';
  /** False until RestoreForState ran; ALERTS series are not written before (alerting.go `restored`). */
  restored: boolean;
  /** Active alerts by their label set's key. */
  readonly active = new Map<string, Alert>();

  constructor(
    readonly config: RuleConfig,
    restored = true,
  ) {
    this.restored = restored;
  }

  get name(): string {
    return this.config.name;
  }

  get holdDuration(): number {
    return this.config.for;
  }

  async eval(ts: number, ctx: RuleContext): Promise<EvalSample[]> {
    const queryTime = ts - ctx.queryOffset;
    const res = await ctx.query(this.config.expr, queryTime);
    const fresh = new Map<string, Alert>();
    const templateQuery = async (q: string) => (await ctx.query(q, ts)).map((s) => ({ Labels: s.labels.toObject(), Value: templateValue(s) }));
    this.lastTemplateError = '';
    for (const smpl of res) {
      const data = { labels: smpl.labels.toObject(), externalLabels: ctx.externalLabels, externalURL: ctx.externalURL, value: templateValue(smpl) };
      const expand = async (text: string) => {
        const out = await expandAlertTemplate(this.name, text, data, { query: templateQuery, externalURL: ctx.externalURL, timeMs: ts });
        if (out.error) this.lastTemplateError = `rule ${JSON.stringify(this.name)}: ${out.error}`;
        return out.text;
      };
      const lb = smpl.labels.builder().del(METRIC_NAME);
      for (const [k, v] of Object.entries(this.config.labels)) lb.set(k, await expand(v));
      lb.set(ALERT_NAME, this.name);
      const annotations: Record<string, string> = {};
      for (const [k, v] of Object.entries(this.config.annotations)) annotations[k] = await expand(v);
      const labels = lb.labels();
      const key = labels.key();
      if (fresh.has(key)) throw new Error('vector contains metrics with the same labelset after applying alert labels');
      fresh.set(key, { labels, annotations, state: 'pending', value: smpl.v, activeAt: ts, firedAt: 0, resolvedAt: 0, lastSentAt: -Infinity, validUntil: 0, keepFiringSince: 0 });
    }
    for (const [key, a] of fresh) {
      // An alert already pending or firing keeps its state; only its value and annotations move.
      const known = this.active.get(key);
      if (known && known.state !== 'inactive') {
        known.value = a.value;
        known.annotations = a.annotations;
        continue;
      }
      this.active.set(key, a);
    }
    const vec: EvalSample[] = [];
    let numActivePending = 0;
    for (const [key, a] of this.active) {
      if (!fresh.has(key)) {
        let keepFiring = false;
        if (a.state === 'firing' && this.config.keepFiringFor > 0) {
          if (a.keepFiringSince === 0) a.keepFiringSince = ts;
          if (ts - a.keepFiringSince < this.config.keepFiringFor) keepFiring = true;
        }
        if (a.state === 'pending' || (a.resolvedAt !== 0 && ts - a.resolvedAt > RESOLVED_RETENTION_MS)) this.active.delete(key);
        if (a.state !== 'inactive' && !keepFiring) {
          a.state = 'inactive';
          a.resolvedAt = ts;
        }
        if (!keepFiring) continue;
      } else {
        a.keepFiringSince = 0;
      }
      numActivePending++;
      if (a.state === 'pending' && ts - a.activeAt >= this.holdDuration) {
        a.state = 'firing';
        a.firedAt = ts;
      }
      if (this.restored) {
        vec.push({ labels: a.labels.builder().set(METRIC_NAME, ALERT_METRIC).set(ALERT_STATE, a.state).labels(), t: queryTime, v: 1 });
        vec.push({ labels: a.labels.builder().set(METRIC_NAME, ALERT_FOR_STATE_METRIC).labels(), t: queryTime, v: Math.floor(a.activeAt / 1000) });
      }
    }
    if (ctx.limit > 0 && numActivePending > ctx.limit) {
      this.active.clear();
      throw new Error(`exceeded limit of ${ctx.limit} with ${numActivePending} alerts`);
    }
    return vec;
  }

  /** Alerts pending or firing (alerting.go ActiveAlerts). */
  activeAlerts(): Alert[] {
    return [...this.active.values()].filter((a) => a.state !== 'inactive');
  }

  /** The rule's state: its most advanced alert's (alerting.go State). */
  state(): AlertState {
    let s: AlertState = 'inactive';
    for (const a of this.active.values()) {
      if (a.state === 'firing') return 'firing';
      if (a.state === 'pending') s = 'pending';
    }
    return s;
  }

  /**
   * The alerts due to the notifier at ts (alerting.go sendAlerts and
   * needsSending): firing ones every resendDelay, resolved ones until
   * acknowledged once; endsAt tells the receiver how long to trust a firing alert.
   */
  alertsToSend(ts: number, resendDelay: number, interval: number, generatorURL: string): OutgoingAlert[] {
    const out: OutgoingAlert[] = [];
    for (const a of this.active.values()) {
      if (a.state === 'pending') continue;
      const due = (a.resolvedAt !== 0 && a.resolvedAt > a.lastSentAt) || a.lastSentAt + resendDelay < ts;
      if (!due) continue;
      if (a.resolvedAt === 0) a.validUntil = ts + 4 * Math.max(interval, resendDelay);
      a.lastSentAt = ts;
      out.push({
        labels: a.labels.toObject(),
        annotations: { ...a.annotations },
        startsAt: a.firedAt,
        endsAt: a.resolvedAt !== 0 ? a.resolvedAt : a.validUntil,
        generatorURL,
      });
    }
    return out;
  }

  /**
   * Restores each active alert's activeAt from the ALERTS_FOR_STATE series in
   * [ts - outageTolerance, ts], as rules/group.go RestoreForState does: an
   * alert that was pending resumes its wait, shifted by the downtime, and is
   * given at least forGracePeriod before it fires.
   */
  async restoreForState(querier: Querier, ts: number, outageTolerance: number, forGracePeriod: number): Promise<void> {
    const hold = this.holdDuration;
    if (hold < forGracePeriod) {
      // Waiting hold + grace would be longer than the rule asks for.
      this.restored = true;
      return;
    }
    for (const a of this.active.values()) {
      const matchers = [new Matcher('=', METRIC_NAME, ALERT_FOR_STATE_METRIC)];
      a.labels.forEach((n, v) => matchers.push(new Matcher('=', n, v)));
      const wanted = a.labels.key();
      const series = (await querier.select(matchers, ts - outageTolerance, ts)).filter((s) => s.labels.without(METRIC_NAME).key() === wanted);
      if (series.length !== 1 || series[0].ts.length === 0) continue;
      const s = series[0];
      const t = s.ts[s.ts.length - 1];
      const v = s.vs[s.vs.length - 1];
      if (isStaleNaN(v)) continue;
      const downAt = Math.floor(t / 1000) * 1000;
      let restoredActiveAt = v * 1000;
      const remaining = hold - (downAt - restoredActiveAt);
      if (remaining <= 0) {
        // It was firing when the engine went down; the next evaluation decides.
      } else if (remaining < forGracePeriod) {
        restoredActiveAt = ts + forGracePeriod - hold;
      } else {
        restoredActiveAt += ts - downAt;
      }
      a.activeAt = restoredActiveAt;
    }
    this.restored = true;
  }

  views(group: string): AlertView[] {
    return [...this.active.values()].map((a) => ({
      rule: this.name,
      group,
      labels: a.labels.toObject(),
      annotations: { ...a.annotations },
      state: a.state,
      value: a.value,
      activeAt: a.activeAt,
      ...(a.firedAt ? { firedAt: a.firedAt } : {}),
      ...(a.resolvedAt ? { resolvedAt: a.resolvedAt } : {}),
      ...(a.keepFiringSince ? { keepFiringSince: a.keepFiringSince } : {}),
    }));
  }
}

/**
 * A sample's `$value` in templates (template.AlertTemplateData): the float,
 * or for a native histogram the histogram, which text/template prints by its
 * String method; the histogram's text stands for it here, so templates never
 * reach an object's methods. The alert's own value stays the float (0), as
 * Alert.Value is smpl.F.
 */
function templateValue(s: EvalSample): number | string {
  return s.h === undefined ? s.v : s.h.toString();
}
