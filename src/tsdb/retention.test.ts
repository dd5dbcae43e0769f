import { describe, expect, it } from 'vitest';
import { blocksPastRetention, type DropReason } from './retention';
import type { BlockRecord } from './tsdbStore';

const HOUR = 3_600_000;

/** Blocks in time order, one per 2 h window from 0, each `bytes` big and ending at its window's end. */
function blocks(...bytes: number[]): BlockRecord[] {
  return bytes.map((b, i) => ({
    id: i + 1,
    window: i * 2 * HOUR,
    mint: i * 2 * HOUR,
    maxt: (i + 1) * 2 * HOUR - 1,
    numChunks: 1,
    numSamples: 1,
    bytes: b,
    numPages: 1,
    index: { refs: new Uint32Array(0), offsets: new Float64Array(1), pageFirst: new Uint32Array(1) },
  }));
}

describe('blocks past retention', () => {
  it.each<[string, BlockRecord[], number, number, number, number[], DropReason[]]>([
    ['nothing stored', [], 10 * HOUR, HOUR, Infinity, [], []],
    ['all within both limits', blocks(10, 10, 10), 6 * HOUR, 6 * HOUR, 30, [], []],
    ['wholly older than the newest sample minus retention', blocks(10, 10, 10), 6 * HOUR, 3 * HOUR, Infinity, [1], ['time']],
    ['a block ending just at the cutoff stays', blocks(10, 10, 10), 4 * HOUR - 1 + 2 * HOUR, 4 * HOUR, Infinity, [], []],
    ['oldest first until within the size limit', blocks(10, 10, 10), 6 * HOUR, 100 * HOUR, 15, [1, 2], ['size']],
    ['size counts only what time retention kept', blocks(50, 10, 10, 10), 8 * HOUR, 5 * HOUR, 25, [1, 2], ['time', 'size']],
    ['time alone suffices for the size limit', blocks(50, 10, 10), 6 * HOUR, 3 * HOUR, 25, [1], ['time']],
  ])('%s', (_name, stored, maxTime, retentionMs, maxBytes, ids, reasons) => {
    const got = blocksPastRetention(stored, maxTime, { retentionMs, maxBytes });
    expect([...got.ids]).toEqual(ids);
    expect(got.reasons).toEqual(reasons);
  });
});
