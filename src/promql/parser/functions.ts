// Every PromQL function's signature, listed once as promql/parser/functions.go
// lists them: argument types, optional-argument count, return type and whether
// it is experimental. The parser checks calls against it and editor hints read
// it; ../functions.ts gives each name its evaluation.

import type { ValueType } from './valueType';

export interface FunctionDef {
  name: string;
  argTypes: ValueType[];
  /**
   * As Prometheus's Variadic: 0 takes exactly argTypes; n > 0 takes the last
   * type 0 to n times; -1 takes it any number of times.
   */
  variadic: number;
  returnType: ValueType;
  experimental: boolean;
}

const V: ValueType = 'vector';
const M: ValueType = 'matrix';
const S: ValueType = 'scalar';
const STR: ValueType = 'string';

const EXPERIMENTAL = new Set([
  'double_exponential_smoothing',
  'mad_over_time',
  'ts_of_first_over_time',
  'ts_of_max_over_time',
  'ts_of_min_over_time',
  'ts_of_last_over_time',
  'sort_by_label',
  'sort_by_label_desc',
  'histogram_quantiles',
  'info',
  'start_timestamp',
  'start',
  'end',
  'range',
  'step',
  'max_of',
  'min_of',
]);

function def(name: string, argTypes: ValueType[], returnType: ValueType, variadic = 0): [string, FunctionDef] {
  return [name, { name, argTypes, variadic, returnType, experimental: EXPERIMENTAL.has(name) }];
}

export const FUNCTIONS: ReadonlyMap<string, FunctionDef> = new Map([
  def('abs', [V], V),
  def('absent', [V], V),
  def('absent_over_time', [M], V),
  def('acos', [V], V),
  def('acosh', [V], V),
  def('asin', [V], V),
  def('asinh', [V], V),
  def('atan', [V], V),
  def('atanh', [V], V),
  def('avg_over_time', [M], V),
  def('ceil', [V], V),
  def('changes', [M], V),
  def('clamp', [V, S, S], V),
  def('clamp_max', [V, S], V),
  def('clamp_min', [V, S], V),
  def('cos', [V], V),
  def('cosh', [V], V),
  def('count_over_time', [M], V),
  def('day_of_month', [V], V, 1),
  def('day_of_week', [V], V, 1),
  def('day_of_year', [V], V, 1),
  def('days_in_month', [V], V, 1),
  def('deg', [V], V),
  def('delta', [M], V),
  def('deriv', [M], V),
  def('double_exponential_smoothing', [M, S, S], V),
  def('end', [], S),
  def('exp', [V], V),
  def('first_over_time', [M], V),
  def('floor', [V], V),
  def('histogram_avg', [V], V),
  def('histogram_count', [V], V),
  def('histogram_fraction', [S, S, V], V),
  def('histogram_quantile', [S, V], V),
  def('histogram_quantiles', [V, STR, S, S], V, 9),
  def('histogram_stddev', [V], V),
  def('histogram_stdvar', [V], V),
  def('histogram_sum', [V], V),
  def('hour', [V], V, 1),
  def('idelta', [M], V),
  def('increase', [M], V),
  def('info', [V, V], V, 1),
  def('irate', [M], V),
  def('label_join', [V, STR, STR, STR], V, -1),
  def('label_replace', [V, STR, STR, STR, STR], V),
  def('last_over_time', [M], V),
  def('ln', [V], V),
  def('log10', [V], V),
  def('log2', [V], V),
  def('mad_over_time', [M], V),
  def('max_of', [S, S], S),
  def('max_over_time', [M], V),
  def('min_of', [S, S], S),
  def('min_over_time', [M], V),
  def('minute', [V], V, 1),
  def('month', [V], V, 1),
  def('pi', [], S),
  def('predict_linear', [M, S], V),
  def('present_over_time', [M], V),
  def('quantile_over_time', [S, M], V),
  def('rad', [V], V),
  def('range', [], S),
  def('rate', [M], V),
  def('resets', [M], V),
  def('round', [V, S], V, 1),
  def('scalar', [V], S),
  def('sgn', [V], V),
  def('sin', [V], V),
  def('sinh', [V], V),
  def('sort', [V], V),
  def('sort_by_label', [V, STR], V, -1),
  def('sort_by_label_desc', [V, STR], V, -1),
  def('sort_desc', [V], V),
  def('sqrt', [V], V),
  def('start', [], S),
  def('start_timestamp', [V], V),
  def('stddev_over_time', [M], V),
  def('stdvar_over_time', [M], V),
  def('step', [], S),
  def('sum_over_time', [M], V),
  def('tan', [V], V),
  def('tanh', [V], V),
  def('time', [], S),
  def('timestamp', [V], V),
  def('ts_of_first_over_time', [M], V),
  def('ts_of_last_over_time', [M], V),
  def('ts_of_max_over_time', [M], V),
  def('ts_of_min_over_time', [M], V),
  def('vector', [S], V),
  def('year', [V], V, 1),
]);
