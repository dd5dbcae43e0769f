// A recording rule (rules/recording.go): the query's result renamed to the
// rule's name with its labels set, refused when labels collide or the
// group's limit is passed. A native histogram result stays a histogram.

import { Labels, METRIC_NAME } from '../model/labels';
import type { RuleConfig } from './ruleFile';
import type { EvalSample, Rule, RuleContext, RuleHealth } from './rule';

export class RecordingRule implements Rule {
  readonly kind = 'recording';
  health: RuleHealth = 'unknown';
  lastError = '';
  lastEvaluation = 0;
  evaluationDurationMs = 0;

  constructor(readonly config: RuleConfig) {}

  get name(): string {
    return this.config.name;
  }

  async eval(ts: number, ctx: RuleContext): Promise<EvalSample[]> {
    const vector = await ctx.query(this.config.expr, ts - ctx.queryOffset);
    const seen = new Set<string>();
    const out: EvalSample[] = [];
    for (const s of vector) {
      const b = s.labels.builder().set(METRIC_NAME, this.config.name);
      for (const [k, v] of Object.entries(this.config.labels)) b.set(k, v);
      const labels: Labels = b.labels();
      const key = labels.key();
      if (seen.has(key)) throw new Error('vector contains metrics with the same labelset after applying rule labels');
      seen.add(key);
      out.push(s.h === undefined ? { labels, t: s.t, v: s.v } : { labels, t: s.t, v: s.v, h: s.h });
    }
    if (ctx.limit > 0 && out.length > ctx.limit) throw new Error(`exceeded limit of ${ctx.limit} with ${out.length} series`);
    return out;
  }
}
