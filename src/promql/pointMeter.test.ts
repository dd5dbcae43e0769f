import { describe, expect, it } from 'vitest';
import { Labels } from '../model/labels';
import { QueryError } from './errors';
import { PointMeter } from './pointMeter';
import { newStepSeries } from './value';

function series(present: number[]): ReturnType<typeof newStepSeries> {
  const s = newStepSeries(Labels.EMPTY, present.length);
  present.forEach((p, i) => (s.has[i] = p));
  return s;
}

describe('point meter', () => {
  it('counts only the steps a series has, and refuses the series that passes the limit', () => {
    const meter = new PointMeter(4);
    meter.add(series([1, 0, 1, 0]));
    meter.add(series([0, 1, 1, 0]));
    let err: unknown;
    try {
      meter.add(series([0, 0, 0, 1]));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(QueryError);
    expect((err as QueryError).limit).toBe('maxSamples');
    expect((err as QueryError).message).toBe('query processing would load too many samples into memory in query execution');
  });
});
