// The rules room's face: what a rule is to its group (rules/rule.go), the
// query function rules evaluate through (rules/manager.go QueryFunc), and
// the plain-data views the engine hands to the UI.

import type { FloatHistogram } from '../model/histogram/floatHistogram';
import { Labels } from '../model/labels';
import type { QueryEngine } from '../promql/engine';
import type { Storage } from '../tsdb/storage';

/** One sample of an instant-vector result; `h` set when it is a native histogram (`v` is then 0, as promql.Sample's F). */
export interface EvalSample {
  labels: Labels;
  t: number;
  v: number;
  h?: FloatHistogram;
}

/** Runs an instant query at a time (ms); a scalar answers as one sample without labels, as EngineQueryFunc does. */
export type QueryFunc = (expr: string, timeMs: number) => Promise<EvalSample[]>;

/** Prometheus's EngineQueryFunc over Vigil's query engine and a storage. */
export function engineQueryFunc(engine: QueryEngine, storage: Storage): QueryFunc {
  return async (expr, timeMs) => {
    const res = await engine.instantQuery(storage.querier(), expr, timeMs);
    const v = res.value;
    if (v.type === 'vector') return v.samples;
    if (v.type === 'scalar') return [{ labels: Labels.EMPTY, t: v.t, v: v.v }];
    throw new Error('rule result is not a vector or scalar');
  };
}

export type RuleHealth = 'unknown' | 'ok' | 'err';

export interface RuleContext {
  query: QueryFunc;
  externalLabels: Record<string, string>;
  externalURL: string;
  queryOffset: number;
  /** The group's limit; 0 is none. */
  limit: number;
}

export interface Rule {
  readonly name: string;
  readonly kind: 'recording' | 'alerting';
  /** Evaluates at ts and returns the samples to append (ALERTS series for alerting rules). */
  eval(ts: number, ctx: RuleContext): Promise<EvalSample[]>;
  health: RuleHealth;
  lastError: string;
  /** When the last evaluation ran (ms, the group's evaluation timestamp) and how long it took (ms). */
  lastEvaluation: number;
  evaluationDurationMs: number;
}

/** An alert's state, as rules/alerting.go's AlertState prints it. */
export type AlertState = 'inactive' | 'pending' | 'firing';

/** An active (pending, firing or recently resolved) alert as the UI shows it. */
export interface AlertView {
  rule: string;
  group: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: AlertState;
  value: number;
  activeAt: number;
  firedAt?: number;
  resolvedAt?: number;
  keepFiringSince?: number;
}

/** An alert handed to the notifier, shaped as Prometheus's notifier.Alert (times in ms). */
export interface OutgoingAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: number;
  endsAt: number;
  generatorURL: string;
}

export interface RuleView {
  kind: 'recording' | 'alerting';
  name: string;
  expr: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  for: number;
  keepFiringFor: number;
  health: RuleHealth;
  lastError: string;
  lastEvaluation: number;
  evaluationDurationMs: number;
  /** Alerting rules: the rule's state (its most advanced alert's), and its alerts. */
  state?: AlertState;
  alerts?: AlertView[];
  /** Alerting rules: the last label or annotation template that failed to expand, naming the rule. */
  templateError?: string;
}

export interface GroupView {
  name: string;
  file: string;
  interval: number;
  queryOffset: number;
  limit: number;
  lastEvaluation: number;
  evaluationDurationMs: number;
  rules: RuleView[];
}
