// The experimental info() function (Prometheus's promql/info.go): enriches
// series with the data labels of info metrics (target_info by default) that
// share their identifying labels (instance, job).

import { Labels, METRIC_NAME } from '../model/labels';
import { Matcher } from '../model/matcher';
import { unwrapParens, type Call, type Expr, type VectorSelector } from './parser/ast';
import { QueryError } from './errors';
import { newStepSeries, type StepSeries } from './value';

const TARGET_INFO = 'target_info';
const IDENTIFYING_LABELS = ['instance', 'job'];

/** Name matchers that pick the info metrics (effectiveInfoNameMatchers). */
function effectiveNameMatchers(nameMatchers: Matcher[]): Matcher[] {
  if (nameMatchers.some((m) => m.type === '=' || m.type === '=~')) return nameMatchers;
  if (nameMatchers.length > 0) return [new Matcher('=~', METRIC_NAME, '.+_info'), ...nameMatchers];
  return [new Matcher('=', METRIC_NAME, TARGET_INFO)];
}

function firstSelector(e: Expr): VectorSelector | undefined {
  e = unwrapParens(e);
  switch (e.kind) {
    case 'vectorSelector':
      return e;
    case 'matrixSelector':
      return e.selector;
    case 'subquery':
    case 'unary':
      return firstSelector(e.expr);
    case 'call':
      for (const a of e.args) {
        const s = firstSelector(a);
        if (s) return s;
      }
      return undefined;
    case 'aggregate':
      return firstSelector(e.expr);
    case 'binary':
      return firstSelector(e.lhs) ?? firstSelector(e.rhs);
    default:
      return undefined;
  }
}

/** What an info() call joins on: its data-label matchers and the name matchers of the info metrics. */
interface InfoPlan {
  /** A selector for every candidate info series, read like the first selector of the base expression. */
  selector: VectorSelector;
  dataMatchers: Map<string, Matcher[]>;
  nameMatchers: Matcher[];
}

const plans = new WeakMap<Call, InfoPlan>();

export function infoPlan(call: Call): InfoPlan {
  const hit = plans.get(call);
  if (hit) return hit;
  const dataMatchers = new Map<string, Matcher[]>();
  const labelSel = call.args[1] ? unwrapParens(call.args[1]) : undefined;
  const given = labelSel?.kind === 'vectorSelector' ? labelSel.matchers : [];
  for (const m of given) dataMatchers.set(m.name, [...(dataMatchers.get(m.name) ?? []), m]);
  const nameMatchers = effectiveNameMatchers(given.filter((m) => m.name === METRIC_NAME));
  const base = firstSelector(call.args[0]);
  const selector: VectorSelector = {
    kind: 'vectorSelector',
    name: '',
    matchers: [...given.filter((m) => m.name !== METRIC_NAME), ...nameMatchers],
    offset: base?.offset ?? 0,
    at: base?.at,
    pos: call.pos,
  };
  dataMatchers.delete(METRIC_NAME);
  const plan = { selector, dataMatchers, nameMatchers };
  plans.set(call, plan);
  return plan;
}

function signature(name: string, l: Labels): string {
  return [name, ...IDENTIFYING_LABELS.map((n) => l.get(n))].join('\xff');
}

/**
 * Joins base series with info series at every step. `info` holds, per step,
 * the original timestamp of each info series' sample (the newest one wins a
 * signature, as combineWithInfoVector).
 */
export function combineWithInfo(plan: InfoPlan, base: StepSeries[], info: StepSeries[], n: number): StepSeries[] {
  const ignored = base.map((s) => plan.nameMatchers.every((m) => m.matches(s.labels.metricName)));
  const infoNames = [...new Set(info.map((s) => s.labels.metricName))];
  const infoSigs = info.map((s) => signature(s.labels.metricName, s.labels));
  const baseSigs = base.map((s) => infoNames.map((name) => signature(name, s.labels)));
  const requireMatch = [...plan.dataMatchers.values()].some((ms) => ms.some((m) => !m.matchesEmpty()));
  const out = new Map<string, StepSeries>();
  const bySig = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    bySig.clear();
    info.forEach((s, k) => {
      if (!s.has[i]) return;
      const prev = bySig.get(infoSigs[k]);
      if (prev === undefined || info[prev].vals[i] < s.vals[i]) bySig.set(infoSigs[k], k);
      else if (info[prev].vals[i] === s.vals[i]) {
        throw new QueryError(
          'execution',
          `found duplicate series for info metric: existing ${info[prev].labels.toString()} @ ${info[prev].vals[i]}, new ${s.labels.toString()} @ ${s.vals[i]}`,
        );
      }
    });
    base.forEach((bs, b) => {
      if (!bs.has[i]) return;
      let labels = bs.labels;
      if (!ignored[b]) {
        const added = Labels.EMPTY.builder();
        let seen = 0;
        infoNames.forEach((_, ni) => {
          const k = bySig.get(baseSigs[b][ni]);
          if (k === undefined) return;
          info[k].labels.forEach((name, value) => {
            if (name === METRIC_NAME) return;
            if (plan.dataMatchers.size > 0 && !plan.dataMatchers.has(name)) return;
            const have = added.get(name);
            if (have !== '' && have !== value) throw new QueryError('execution', `conflicting label: ${name}`);
            if (bs.labels.has(name)) return;
            added.set(name, value);
          });
          seen++;
        });
        if (seen === 0 && requireMatch) return;
        const b2 = bs.labels.builder();
        added.labels().forEach((name, value) => b2.set(name, value));
        labels = b2.labels();
      }
      const key = labels.key();
      let o = out.get(key);
      if (!o) out.set(key, (o = newStepSeries(labels, n, bs.dropName)));
      if (o.has[i]) throw new QueryError('execution', 'vector cannot contain metrics with the same labelset');
      o.vals[i] = bs.vals[i];
      o.has[i] = 1;
      const h = bs.hs?.[i];
      if (h !== undefined) (o.hs ??= new Array(n))[i] = h;
    });
  }
  return [...out.values()];
}
