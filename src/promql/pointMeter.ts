// The samples-in-memory limit (Prometheus's --query.max-samples) counted while
// a node's output is built, as Prometheus counts, not once the node is done: a
// selector over 800,000 series at 250 steps is refused after some 50 M points
// are in memory, not after all 200 M.

import { QueryError } from './errors';
import { countPoints, type StepSeries } from './value';

export function tooManySamples(): QueryError {
  return new QueryError('execution', 'query processing would load too many samples into memory in query execution', 'maxSamples');
}

/** The points of one node's output so far. */
export class PointMeter {
  private points = 0;

  constructor(private readonly max: number) {}

  /** Counts a finished output series; throws once the node's points pass the limit. */
  add(s: StepSeries): void {
    this.points += countPoints(s);
    if (this.points > this.max) throw tooManySamples();
  }
}
