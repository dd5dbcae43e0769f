// Every PromQL function, listed once as promql/parser/functions.go lists them:
// argument types, optional-argument count, return type and how it evaluates.
// The table drives type checking, evaluation and editor hints.

import type { ValueType } from './parser/ast';
import { dateFunctions, elementFunctions, type DateFn, type ElementFn } from './elementFunctions';
import { rangeFunctions, type RangeFn } from './rangeFunctions';
import { slidingFunctions, stepWriter, type SeriesRangeFn } from './slidingFunctions';

export type FunctionImpl =
  /** One matrix argument slid over each step, the other arguments scalars; `perSeries` keeps state across a series' steps. */
  | { kind: 'range'; fn: RangeFn; perSeries: SeriesRangeFn; keepName: boolean }
  /** Each float of the first (vector) argument mapped, the other arguments scalars. */
  | { kind: 'element'; fn: ElementFn }
  /** Calendar fields of each value, or of the step time when called without arguments. */
  | { kind: 'date'; fn: DateFn }
  /** Evaluated by name in the evaluator (label functions, sorting, absent, histograms, …). */
  | { kind: 'special' };

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
  impl: FunctionImpl;
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

const table: FunctionDef[] = [];

function add(name: string, argTypes: ValueType[], returnType: ValueType, impl: FunctionImpl, variadic = 0): void {
  table.push({ name, argTypes, variadic, returnType, experimental: EXPERIMENTAL.has(name), impl });
}

for (const name of Object.keys(rangeFunctions)) {
  const argTypes: ValueType[] =
    name === 'quantile_over_time'
      ? [S, M]
      : name === 'predict_linear'
        ? [M, S]
        : name === 'double_exponential_smoothing'
          ? [M, S, S]
          : [M];
  // These two act like an offset, so the series keeps its name.
  const keepName = name === 'last_over_time' || name === 'first_over_time';
  add(name, argTypes, V, { kind: 'range', fn: rangeFunctions[name], perSeries: slidingFunctions[name] ?? stepWriter(rangeFunctions[name]), keepName });
}
for (const name of Object.keys(elementFunctions)) {
  const argTypes: ValueType[] = name === 'clamp' ? [V, S, S] : name.startsWith('clamp_') || name === 'round' ? [V, S] : [V];
  add(name, argTypes, V, { kind: 'element', fn: elementFunctions[name] }, name === 'round' ? 1 : 0);
}
for (const name of Object.keys(dateFunctions)) add(name, [V], V, { kind: 'date', fn: dateFunctions[name] }, 1);

const special: FunctionImpl = { kind: 'special' };
add('absent', [V], V, special);
add('absent_over_time', [M], V, special);
add('histogram_avg', [V], V, special);
add('histogram_count', [V], V, special);
add('histogram_sum', [V], V, special);
add('histogram_stddev', [V], V, special);
add('histogram_stdvar', [V], V, special);
add('histogram_fraction', [S, S, V], V, special);
add('histogram_quantile', [S, V], V, special);
add('histogram_quantiles', [V, STR, S, S], V, special, 9);
add('info', [V, V], V, special, 1);
add('label_replace', [V, STR, STR, STR, STR], V, special);
add('label_join', [V, STR, STR, STR], V, special, -1);
add('max_of', [S, S], S, special);
add('min_of', [S, S], S, special);
add('pi', [], S, special);
add('time', [], S, special);
add('start', [], S, special);
add('end', [], S, special);
add('range', [], S, special);
add('step', [], S, special);
add('scalar', [V], S, special);
add('vector', [S], V, special);
add('sort', [V], V, special);
add('sort_desc', [V], V, special);
add('sort_by_label', [V, STR], V, special, -1);
add('sort_by_label_desc', [V, STR], V, special, -1);
add('start_timestamp', [V], V, special);
add('timestamp', [V], V, special);

export const FUNCTIONS: ReadonlyMap<string, FunctionDef> = new Map(
  table.sort((a, b) => (a.name < b.name ? -1 : 1)).map((f) => [f.name, f]),
);
