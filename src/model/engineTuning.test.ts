import { describe, expect, it } from 'vitest';
import { tuningFromSearch, tuningFromWorkerName, workerName } from './engineTuning';

describe('engine tuning', () => {
  it('travels from the page URL to the worker name and back', () => {
    const t = tuningFromSearch('?vigil.maxBytes=20000&vigil.chunkRangeMs=20000&other=1');
    expect(t).toEqual({ maxBytes: 20000, chunkRangeMs: 20000 });
    expect(workerName(t)).toBe('vigil-engine?maxBytes=20000&chunkRangeMs=20000');
    expect(tuningFromWorkerName(workerName(t))).toEqual(t);
  });

  it('ignores values that are not positive integers', () => {
    expect(tuningFromSearch('?vigil.maxBytes=-5&vigil.retentionMs=abc&vigil.checkpointEveryMs=1.5')).toEqual({});
    expect(workerName({})).toBe('vigil-engine');
  });
});
