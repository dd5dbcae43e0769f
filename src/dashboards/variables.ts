// A board's variables: what each offers (a look-up, a list, intervals), what
// stays selected when the offer changes, the order they refresh in when one
// names another, and the scope queries are interpolated with. Follows
// Grafana's Prometheus metric_find_query, scenes' QueryVariable /
// CustomVariable / IntervalVariable and metricNamesToVariableValues.

import type { DataSource } from '../model/dataSource';
import type { InstantResult } from '../model/queryResult';
import { compareStrings } from '../model/labels';
import { errorMessage, fail, failureText, ok, type Result } from '../model/result';
import { formatDuration } from '../model/duration';
import { formatSampleValue } from '../model/goFloat';
import { ALL_VALUE, type Variable, type VariableCurrent, type VariableOption } from './model';
import { interpolate, variablesIn, type InterpolationScope, type ScopedValue } from './interpolate';
import { parseInterval, roundInterval } from './intervals';

export type VariableQuery =
  | { kind: 'label_values'; label: string; match: string }
  | { kind: 'label_names'; match: string }
  | { kind: 'metrics'; regex: string }
  | { kind: 'query_result'; expr: string }
  /** Any other text is a series selector whose series are listed, as Grafana's metricNameAndLabelsQuery. */
  | { kind: 'series'; match: string };

// metric_find_query's patterns.
const LABEL_NAMES = /^label_names\((.*)\)\s*$/;
const LABEL_VALUES = /^label_values\((?:(.+),\s*)?([a-zA-Z_$][a-zA-Z0-9_]*)\)\s*$/;
const METRICS = /^metrics\((.+)\)\s*$/;
const QUERY_RESULT = /^query_result\((.+)\)\s*$/;
const FUNCTION_FORMS: Record<string, string> = {
  label_values: 'label_values(label) or label_values(selector, label)',
  label_names: 'label_names() or label_names(selector)',
  metrics: 'metrics(regex)',
  query_result: 'query_result(expr)',
};

/** A query variable's query, as Grafana's Prometheus source reads it. */
export function parseVariableQuery(query: string): Result<VariableQuery> {
  const q = query.trim();
  if (q === '') return fail({ where: 'query', what: 'the query is empty: write label_values(label), label_names(), metrics(regex) or query_result(expr)' });
  let m = LABEL_NAMES.exec(q);
  if (m) return ok({ kind: 'label_names', match: m[1].trim() });
  m = LABEL_VALUES.exec(q);
  if (m) return ok({ kind: 'label_values', label: m[2], match: (m[1] ?? '').trim() });
  m = METRICS.exec(q);
  if (m) return ok({ kind: 'metrics', regex: m[1].trim() });
  m = QUERY_RESULT.exec(q);
  if (m) return ok({ kind: 'query_result', expr: m[1].trim() });
  const fn = /^(\w+)\s*\(/.exec(q);
  if (fn && FUNCTION_FORMS[fn[1]]) {
    return fail({ where: 'query', what: `1:1: ${fn[1]}(…) does not read: write ${FUNCTION_FORMS[fn[1]]}` });
  }
  return ok({ kind: 'series', match: q });
}

/** @grafana/data's stringToJsRegex: `/body/flags`, else the text anchored at both ends. */
function variableRegex(regex: string): Result<RegExp> {
  try {
    if (!regex.startsWith('/')) return ok(new RegExp(`^${regex}$`));
    const m = /^\/(.*?)\/(g?i?m?s?y?)$/.exec(regex);
    if (!m) return fail({ where: 'regex', what: `'${regex}' is not a valid regular expression: write /body/flags or a bare pattern` });
    return ok(new RegExp(m[1], m[2]));
  } catch (e) {
    return fail({ where: 'regex', what: errorMessage(e) });
  }
}

/** Every match of a global regex, or the one match of another (metricNamesToVariableValues' getAllMatches). */
function allMatches(s: string, re: RegExp): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  do {
    m = re.exec(s);
    if (m) out.push(m);
  } while (re.global && m && m[0] !== '');
  return out;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** sortVariableValues' numeric key: the first run of digits in the text, -1 without one. */
function numericKey(o: VariableOption): number {
  const m = /.*?(\d+).*/.exec(o.text);
  return o.text && m ? parseInt(m[1], 10) : -1;
}

const naturalCollator = new Intl.Collator(undefined, { sensitivity: 'accent', numeric: true });

/** Grafana's sortVariableValues: 0 as found, 1/2 alphabetical, 3/4 numerical, 5/6 case-insensitive, 7/8 natural; descending is the ascending order reversed. */
function sortOptions(options: VariableOption[], sort: number): VariableOption[] {
  const sorted = [...options];
  const base = Math.ceil(sort / 2);
  if (base === 1) sorted.sort((a, b) => compareText(a.text, b.text));
  else if (base === 2) sorted.sort((a, b) => numericKey(a) - numericKey(b));
  else if (base === 3) sorted.sort((a, b) => compareText(a.text.toLowerCase(), b.text.toLowerCase()));
  else if (base === 4) sorted.sort((a, b) => naturalCollator.compare(a.text, b.text));
  else return sorted;
  return sort % 2 === 0 ? sorted.reverse() : sorted;
}

/**
 * The options a look-up's answers give, as metricNamesToVariableValues: with
 * a regex, only answers it matches, each as its first capture group, or its
 * named groups `text` and `value`, or one option per match of a global regex
 * with several; then the first of each value, sorted by `sort`.
 */
export function optionsFrom(values: string[], regex: string, sort: number): Result<VariableOption[]> {
  let re: RegExp | undefined;
  if (regex !== '') {
    const r = variableRegex(regex);
    if (!r.ok) return r;
    re = r.value;
  }
  const options: VariableOption[] = [];
  for (const answer of values) {
    let text = answer;
    let value = answer;
    if (re) {
      const matches = allMatches(answer, re);
      if (matches.length === 0) continue;
      const valueGroup = matches.find((m) => m.groups?.value);
      const textGroup = matches.find((m) => m.groups?.text);
      const firstMatch = matches.find((m) => m.length > 1);
      if (valueGroup || textGroup) {
        value = valueGroup?.groups?.value ?? textGroup?.groups?.text ?? answer;
        text = textGroup?.groups?.text ?? valueGroup?.groups?.value ?? answer;
      } else if (matches.length > 1 && firstMatch) {
        for (const m of matches) options.push({ text: m[1], value: m[1] });
        continue;
      } else if (firstMatch) {
        text = firstMatch[1];
        value = firstMatch[1];
      }
    }
    options.push({ text, value });
  }
  const seen = new Set<string>();
  const unique = options.filter((o) => !seen.has(o.value) && seen.add(o.value));
  return ok(sortOptions(unique, sort));
}

/** `name{a="1",b="2"}` as Grafana's getOriginalMetricName writes a series, labels in Prometheus's order. */
function seriesText(labels: Record<string, string>): string {
  const names = Object.keys(labels)
    .filter((n) => n !== '__name__')
    .sort(compareStrings);
  return `${labels.__name__ ?? ''}{${names.map((n) => `${n}="${labels[n]}"`).join(',')}}`;
}

/** Each answer of a `query_result(…)` as metric_find_query's queryResultQuery writes it: `name{labels} value timestamp_ms`; a scalar or string is its value. */
export function queryResultTexts(result: InstantResult): Result<string[]> {
  switch (result.resultType) {
    case 'scalar':
      return ok(result.rows.length > 0 ? [formatSampleValue(result.rows[0].value)] : []);
    case 'string':
      return ok([result.text ?? '']);
    case 'vector':
      return ok(result.rows.map((r) => `${seriesText(r.labels)} ${formatSampleValue(r.value)} ${r.t}`));
    case 'matrix':
      return fail({ where: 'query_result', what: 'Unknown/Unhandled result type: [matrix]: query_result needs an instant vector, scalar or string' });
  }
}

/** A custom variable's options, as scenes' CustomVariable: comma-separated (`\,` keeps a comma), `text : value` pairs. */
export function customOptions(query: string): VariableOption[] {
  return (query.match(/(?:\\,|[^,])+/g) ?? []).map((part) => {
    const item = part.replace(/\\,/g, ',');
    const pair = /^\s*(.+)\s:\s(.+)$/.exec(item);
    return pair ? { text: pair[1].trim(), value: pair[2].trim() } : { text: item.trim(), value: item.trim() };
  });
}

/** What an interval variable's Auto option stands for until the range is known (scenes' AUTO_VARIABLE_VALUE). */
export const AUTO_INTERVAL = '$__auto';

type IntervalVariable = Extract<Variable, { type: 'interval' }>;

/** An interval variable's options: its comma-separated intervals, Auto first when enabled. */
export function intervalOptions(v: IntervalVariable): VariableOption[] {
  const options = v.query
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => ({ text: s, value: s }));
  return v.auto ? [{ text: 'Auto', value: AUTO_INTERVAL }, ...options] : options;
}

type MultiVariable = Extract<Variable, { multi: boolean }>;
type OptionsVariable = Extract<Variable, { options: VariableOption[] }>;

const ALL_CURRENT: VariableCurrent = { text: ['All'], value: [ALL_VALUE] };

/**
 * What stays selected once the options change: All stays All; the selected
 * values still offered stay (one, or several for a multi variable); when none
 * is, All for an includeAll variable (Grafana lists All first and falls back
 * to the first option), else the first option.
 */
export function pickCurrent(variable: Variable, options: VariableOption[]): VariableCurrent {
  const includeAll = 'includeAll' in variable && variable.includeAll;
  const multiple = 'multi' in variable && variable.multi;
  const current = variable.current.value;
  if (includeAll && current.includes(ALL_VALUE)) return ALL_CURRENT;
  const kept = options.filter((o) => current.includes(o.value));
  if (kept.length > 0) {
    const chosen = multiple ? current.map((v) => kept.find((o) => o.value === v)).filter((o) => o !== undefined) : [kept.find((o) => o.value === current[0]) ?? kept[0]];
    return { text: chosen.map((o) => o.text), value: chosen.map((o) => o.value) };
  }
  if (includeAll) return ALL_CURRENT;
  if (options.length > 0) return { text: [options[0].text], value: [options[0].value] };
  return { text: [], value: [] };
}

function scopedOf(values: string[], texts: string[], flags?: Pick<MultiVariable, 'multi' | 'includeAll' | 'allValue'>): ScopedValue {
  return { values, texts, all: false, allValue: flags?.allValue ?? '', multi: flags?.multi ?? false, includeAll: flags?.includeAll ?? false };
}

/** An interval variable's Auto as IntervalVariable.getValue: the range over autoCount steps, rounded, at least autoMin. */
function autoInterval(v: IntervalVariable, builtins: Record<string, string>): string {
  const rangeMs = Number(builtins.__to) - Number(builtins.__from);
  const step = roundInterval(rangeMs / Math.max(1, v.autoCount));
  return formatDuration(Math.max(step, parseInterval(v.autoMin) ?? 0));
}

/**
 * The scope a board's texts are interpolated with: each variable's selection
 * (All as every option, or its custom all value), then the built-ins,
 * which win over a variable of the same name as Grafana's scoped vars do.
 */
export function scopeOf(variables: Variable[], builtins: Record<string, string>): InterpolationScope {
  const scope: InterpolationScope = {};
  for (const v of variables) {
    const { text, value } = v.current;
    switch (v.type) {
      case 'query':
      case 'custom':
      case 'datasource':
        if (value.includes(ALL_VALUE)) {
          const every = v.options.filter((o) => o.value !== ALL_VALUE);
          scope[v.name] = { values: every.map((o) => o.value), texts: every.map((o) => o.text), all: true, allValue: v.allValue, multi: v.multi, includeAll: v.includeAll };
        } else scope[v.name] = scopedOf(value, text, v);
        break;
      case 'constant':
        scope[v.name] = scopedOf([v.query], [v.query]);
        break;
      case 'textbox':
        scope[v.name] = value.length > 0 ? scopedOf(value, text) : scopedOf([v.query], [v.query]);
        break;
      case 'interval': {
        const chosen = value[0] ?? '';
        const resolved = chosen === AUTO_INTERVAL || chosen.startsWith('$__auto_interval') ? autoInterval(v, builtins) : chosen;
        scope[v.name] = scopedOf([resolved], [resolved]);
        break;
      }
    }
  }
  for (const [name, value] of Object.entries(builtins)) scope[name] = scopedOf([value], [value]);
  return scope;
}

/** The texts of a variable that may name other variables. */
function referencingTexts(v: Variable): string[] {
  switch (v.type) {
    case 'query':
      return [v.query, v.regex];
    case 'custom':
    case 'constant':
    case 'textbox':
      return [v.query];
    case 'interval':
      return [v.query, v.autoMin];
    case 'datasource':
      return [];
  }
}

/** For each variable, the board's other variables it names. */
function dependencies(variables: Variable[]): Map<string, string[]> {
  const names = new Set(variables.map((v) => v.name));
  const deps = new Map<string, string[]>();
  for (const v of variables) {
    const named = new Set(referencingTexts(v).flatMap((t) => variablesIn(t)));
    deps.set(
      v.name,
      [...named].filter((n) => n !== v.name && names.has(n)),
    );
  }
  return deps;
}

/** A cycle among the unplaced variables, as `a → b → a`. */
function findCycle(pending: string[], deps: Map<string, string[]>): string[] {
  const left = new Set(pending);
  const path: string[] = [];
  let at = pending[0];
  while (!path.includes(at)) {
    path.push(at);
    at = (deps.get(at) ?? []).find((d) => left.has(d)) ?? at;
  }
  return [...path.slice(path.indexOf(at)), at];
}

/** Board order, each variable after those it names; or a circle of variables that name each other. */
function orderOrCycle(variables: Variable[]): { order: string[] } | { cycle: string[] } {
  const deps = dependencies(variables);
  const placed = new Set<string>();
  const order: string[] = [];
  let pending = variables.map((v) => v.name);
  while (pending.length > 0) {
    const ready = pending.find((n) => (deps.get(n) ?? []).every((d) => placed.has(d)));
    if (ready === undefined) return { cycle: findCycle(pending, deps) };
    placed.add(ready);
    order.push(ready);
    pending = pending.filter((n) => n !== ready);
  }
  return { order };
}

function cycleText(cycle: string[]): string {
  return `variables refer to each other in a circle: ${cycle.join(' → ')}`;
}

/**
 * The order to refresh in: each variable after those its query and regex
 * name, otherwise in board order. Variables that name each other in a circle
 * cannot be ordered: the failure names the circle.
 */
export function variableOrder(variables: Variable[]): Result<string[]> {
  const r = orderOrCycle(variables);
  return 'order' in r ? ok(r.order) : fail({ where: `variable ${r.cycle[0]}`, what: cycleText(r.cycle) });
}

/** Every variable that must refresh when `name` changes (those naming it, and those naming them…), in refresh order. */
export function dependentsOf(variables: Variable[], name: string): string[] {
  const deps = dependencies(variables);
  const affected = new Set([name]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [v, ds] of deps) {
      if (!affected.has(v) && ds.some((d) => affected.has(d))) {
        affected.add(v);
        grew = true;
      }
    }
  }
  affected.delete(name);
  const order = variableOrder(variables);
  const sequence = order.ok ? order.value : variables.map((v) => v.name);
  return sequence.filter((n) => affected.has(n));
}

export interface RefreshContext {
  sourceOf: (v: Variable) => DataSource;
  startMs: number;
  endMs: number;
  builtins: Record<string, string>;
}

/** The answers a query variable's look-up gives, before its regex. */
async function lookUp(query: VariableQuery, source: DataSource, ctx: RefreshContext): Promise<Result<string[]>> {
  switch (query.kind) {
    case 'label_values':
      return source.labelValues(query.label, query.match ? [query.match] : undefined);
    case 'label_names':
      return source.labelNames(query.match ? [query.match] : undefined);
    case 'metrics':
      // Newer Grafana asks for names matching {__name__=~"regex"}, the regex written as given.
      return source.labelValues('__name__', [`{__name__=~"${query.regex}"}`]);
    case 'query_result': {
      const r = await source.instantQuery(query.expr, ctx.endMs);
      return r.ok ? queryResultTexts(r.value) : r;
    }
    case 'series': {
      const r = await source.series([query.match], { startMs: ctx.startMs, endMs: ctx.endMs });
      return r.ok ? ok(r.value.map(seriesText)) : r;
    }
  }
}

async function queryOptions(v: Extract<Variable, { type: 'query' }>, scope: InterpolationScope, ctx: RefreshContext): Promise<Result<VariableOption[]>> {
  const parsed = parseVariableQuery(interpolate(v.query, scope, 'promql'));
  if (!parsed.ok) return parsed;
  const answers = await lookUp(parsed.value, ctx.sourceOf(v), ctx);
  if (!answers.ok) return fail({ ...answers.error, what: failureText(answers.error) });
  return optionsFrom(answers.value, interpolate(v.regex, scope, 'regex'), v.sort);
}

/** A variable with new options and the selection they leave. */
function withOptions(v: OptionsVariable, options: VariableOption[]): Variable {
  return { ...v, options, current: pickCurrent(v, options) };
}

/**
 * Refreshes `changed`'s dependents (every variable when null) in refresh
 * order, each interpolated with the variables before it as they now stand.
 * A look-up that fails leaves that variable's options and selection as they
 * were and says why in `errors`, and the rest go on.
 */
export async function refreshVariables(
  variables: Variable[],
  changed: string | null,
  ctx: RefreshContext,
): Promise<{ variables: Variable[]; errors: Record<string, string> }> {
  const errors: Record<string, string> = {};
  const order = orderOrCycle(variables);
  if ('cycle' in order) {
    for (const name of order.cycle) errors[name] = cycleText(order.cycle);
    return { variables, errors };
  }
  const due = new Set(changed === null ? order.order : dependentsOf(variables, changed));
  const byName = new Map(variables.map((v) => [v.name, v]));
  for (const name of order.order) {
    if (!due.has(name)) continue;
    const v = byName.get(name)!;
    const scope = scopeOf([...byName.values()], ctx.builtins);
    switch (v.type) {
      case 'query': {
        const r = await queryOptions(v, scope, ctx);
        if (r.ok) byName.set(name, withOptions(v, r.value));
        else errors[name] = r.error.what;
        break;
      }
      case 'custom':
        byName.set(name, withOptions(v, customOptions(interpolate(v.query, scope, 'text'))));
        break;
      case 'interval':
        byName.set(name, withOptions(v, intervalOptions(v)));
        break;
      case 'datasource':
        byName.set(name, withOptions(v, v.options));
        break;
      case 'constant':
        byName.set(name, { ...v, current: { text: [v.query], value: [v.query] } });
        break;
      case 'textbox':
        if (v.current.value.length === 0) byName.set(name, { ...v, current: { text: [v.query], value: [v.query] } });
        break;
    }
  }
  return { variables: variables.map((v) => byName.get(v.name)!), errors };
}
