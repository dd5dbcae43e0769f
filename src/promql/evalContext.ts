// What evaluating a query sees: the query's own figures and fetched series,
// and the evaluator's face that function calls use to evaluate their arguments
// (Prometheus hands its FunctionCalls the evaluated arguments and the call node).

import type { LazySeries } from '../model/seriesData';
import type { Annotations } from './annotations';
import type { Call, Expr, VectorSelector } from './parser/ast';
import type { Grid, MatrixValue, StepSeries, Value } from './value';

export interface EvalContext {
  /** Each selector's series, selected for the whole query beforehand and decoded one at a time as evaluation reads them. */
  data: Map<VectorSelector, LazySeries[]>;
  lookbackDelta: number;
  /** The query's own start, end and step, for `@ start()`, `end()`, `step()`. */
  start: number;
  end: number;
  interval: number;
  /** Step of subqueries written without one (Prometheus's global evaluation interval). */
  subqueryStep: number;
  maxSamples: number;
  /**
   * Prometheus's UseStartTimestamps engine option, on when the fetched data
   * carries start times: start_timestamp() answers only then. Rates read
   * whatever start times a series has either way, and none changes nothing.
   */
  useStartTimestamps: boolean;
  annos: Annotations;
  /** Throws when the query is cancelled or past its deadline; may yield to the event loop. */
  checkpoint: () => Promise<void>;
  /** Called with each evaluated node's figures, for explain output. */
  onNode?: (e: Expr, stats: NodeStats) => void;
}

export interface NodeStats {
  series: number;
  samples: number;
  ms: number;
}

/** What a selector's sample gives at each step: its value, its time or its start time (seconds). */
export type SamplePick = 'value' | 'time' | 'startTime';

/** The evaluator as a function call sees it: arguments evaluated over the grid when the function asks. */
export interface CallEnv {
  readonly ctx: EvalContext;
  scalarArg(e: Expr, g: Grid): Promise<Float64Array>;
  vectorArg(e: Expr, g: Grid): Promise<StepSeries[]>;
  stringArg(e: Expr): string;
  /** A range vector with each step's window, from a matrix selector or a subquery. */
  matrix(e: Expr, g: Grid): Promise<MatrixValue>;
  selectVector(sel: VectorSelector, g: Grid, pick: SamplePick): Promise<StepSeries[]>;
}

/** One function's evaluation of a call node over all steps of the grid. */
export type FunctionCall = (env: CallEnv, e: Call, g: Grid) => Promise<Value>;
