import { describe, expect, it } from 'vitest';
import { windowsToCompact } from './compaction';
import type { BlockRecord } from './tsdbStore';

const RANGE = 2 * 3_600_000;

/** Blocks in time order, one per window start given (in units of the chunk range). */
function blocks(...windows: number[]): BlockRecord[] {
  return windows.map((w, i) => ({
    id: i + 1,
    window: w * RANGE,
    mint: w * RANGE,
    maxt: (w + 1) * RANGE - 1,
    numChunks: 1,
    numSamples: 1,
    bytes: 1,
    numPages: 1,
    index: { refs: new Uint32Array(0), offsets: new Float64Array(1), pageFirst: new Uint32Array(1) },
  }));
}

describe('windows to compact', () => {
  it.each<[string, BlockRecord[], number, number[][]]>([
    ['one block per window needs no merge', blocks(0, 1, 2), 10 * RANGE, []],
    ['a settled window of several blocks merges', blocks(0, 0, 0, 1), 10 * RANGE, [[1, 2, 3]]],
    ['settled windows in time order', blocks(0, 0, 1, 1), 10 * RANGE, [[1, 2], [3, 4]]],
    // Settled once the head's newest sample is half a range past the window's end.
    ['the window still within half a range waits', blocks(0, 0), 1.5 * RANGE - 1, []],
    ['the window half a range behind merges', blocks(0, 0), 1.5 * RANGE, [[1, 2]]],
  ])('%s', (_name, stored, maxTime, groups) => {
    expect(windowsToCompact(stored, maxTime, RANGE).map((g) => g.map((b) => b.id))).toEqual(groups);
  });
});
