// Stand-in for the core helper's variables: options looked up, current values
// kept when still offered, the scope panels are interpolated with.

import { ALL_VALUE, type Variable, type VariableOption } from './model';
import { interpolate, variablesIn, type InterpolationScope } from './interpolate';
import type { DataSource } from '../model/dataSource';
import { failureText } from '../model/result';

export interface VariableContext {
  sourceOf: (v: Variable) => DataSource;
  startMs: number;
  endMs: number;
  builtins: Record<string, string>;
}

function definition(v: Variable): string {
  return 'query' in v ? v.query : '';
}

/** Variables whose definition uses `name`, directly or through another. */
export function dependentsOf(variables: Variable[], name: string): string[] {
  const out: string[] = [];
  const walk = (n: string) => {
    for (const v of variables) {
      if (!out.includes(v.name) && v.name !== name && variablesIn(definition(v)).includes(n)) {
        out.push(v.name);
        walk(v.name);
      }
    }
  };
  walk(name);
  return out;
}

export function scopeOf(variables: Variable[], builtins: Record<string, string>): InterpolationScope {
  const scope: InterpolationScope = {};
  for (const [k, val] of Object.entries(builtins)) scope[k] = { text: [val], value: [val] };
  for (const v of variables) {
    let value = v.current.value;
    if (value.includes(ALL_VALUE) && 'options' in v) {
      const all = 'allValue' in v && v.allValue ? [v.allValue] : v.options.filter((o) => o.value !== ALL_VALUE).map((o) => o.value);
      value = all;
    }
    scope[v.name] = { text: v.current.text, value };
  }
  return scope;
}

/** The variable with `value` chosen (texts from its options). */
export function pickCurrent(v: Variable, value: string[]): Variable {
  const opts = 'options' in v ? v.options : [];
  const text = value.map((x) => (x === ALL_VALUE ? 'All' : (opts.find((o) => o.value === x)?.text ?? x)));
  return { ...v, current: { text, value } } as Variable;
}

async function lookUp(v: Variable & { type: 'query' }, scope: InterpolationScope, ctx: VariableContext): Promise<string[]> {
  const q = interpolate(v.query, scope, 'regex').trim();
  const src = ctx.sourceOf(v);
  const window = { startMs: ctx.startMs, endMs: ctx.endMs };
  let m: RegExpExecArray | null;
  const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: Parameters<typeof failureText>[0] }): T => {
    if (!r.ok) throw new Error(failureText(r.error));
    return r.value;
  };
  if (/^label_names\(\s*\)$/.test(q)) return unwrap(await src.labelNames());
  if ((m = /^label_values\(\s*([A-Za-z_]\w*)\s*\)$/.exec(q))) return unwrap(await src.labelValues(m[1]));
  if ((m = /^label_values\(\s*(.+),\s*([A-Za-z_]\w*)\s*\)$/.exec(q))) {
    const label = m[2];
    const series = unwrap(await src.series([m[1]], window));
    return [...new Set(series.map((s) => s[label]).filter((x): x is string => x !== undefined))];
  }
  if ((m = /^metrics\((.*)\)$/.exec(q))) {
    const re = new RegExp(m[1]);
    return unwrap(await src.labelValues('__name__')).filter((n) => re.test(n));
  }
  if ((m = /^query_result\((.*)\)$/.exec(q))) {
    const r = unwrap(await src.instantQuery(m[1], ctx.endMs));
    return r.rows.map((row) => `${JSON.stringify(row.labels)} ${row.value} ${row.t}`);
  }
  throw new Error(`not a query Vigil knows: ${q}`);
}

function customOptions(query: string): VariableOption[] {
  return query
    .split(/(?<!\\),/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [text, value] = s.split(' : ');
      return { text: text.trim(), value: (value ?? text).trim() };
    });
}

function withOptions(v: Variable, found: VariableOption[]): Variable {
  if (!('options' in v)) return v;
  const multi = 'includeAll' in v;
  const options = multi && v.includeAll ? [{ text: 'All', value: ALL_VALUE }, ...found] : found;
  const kept = v.current.value.filter((x) => options.some((o) => o.value === x));
  const next = { ...v, options } as Variable;
  if (kept.length > 0) return pickCurrent(next, kept);
  return options.length > 0 ? pickCurrent(next, [options[0].value]) : pickCurrent(next, []);
}

/** Looks up the options of every variable (changed null) or of `changed`'s dependents, in order. */
export async function refreshVariables(
  variables: Variable[],
  changed: string | null,
  ctx: VariableContext,
): Promise<{ variables: Variable[]; errors: Record<string, string> }> {
  const todo = changed === null ? variables.map((v) => v.name) : dependentsOf(variables, changed);
  const out = [...variables];
  const errors: Record<string, string> = {};
  for (let i = 0; i < out.length; i++) {
    const v = out[i];
    if (!todo.includes(v.name)) continue;
    const scope = scopeOf(out, ctx.builtins);
    if (v.type === 'query') {
      try {
        let values = await lookUp(v, scope, ctx);
        if (v.regex) {
          const re = new RegExp(v.regex);
          values = values.flatMap((x) => {
            const m = re.exec(x);
            return m ? [m[1] ?? x] : [];
          });
        }
        if (v.sort === 1 || v.sort === 2) values.sort();
        if (v.sort === 2) values.reverse();
        out[i] = withOptions(v, [...new Set(values)].map((x) => ({ text: x, value: x })));
      } catch (e) {
        errors[v.name] = (e as Error).message;
      }
    } else if (v.type === 'custom' || v.type === 'interval') {
      out[i] = withOptions(v, customOptions(v.query));
    } else if ((v.type === 'constant' || v.type === 'textbox') && v.current.value.length === 0) {
      out[i] = pickCurrent(v, [v.query]);
    }
  }
  return { variables: out, errors };
}
