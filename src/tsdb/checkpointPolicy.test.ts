import { describe, expect, it } from 'vitest';
import { CheckpointPolicy } from './checkpointPolicy';

// 10 series without open chunks make a 360-byte snapshot; the log may reach 4 × 360 bytes, 72 samples of 20 bytes.
const SERIES = 10;

describe('checkpoint policy', () => {
  it.each<[string, (p: CheckpointPolicy) => void, number, number, boolean]>([
    ['a new database snapshots first', () => {}, 0, 0, true],
    ['after a snapshot, a small log', (p) => p.snapshotFound(), 72, 0, false],
    ['the log outgrowing four snapshots', (p) => p.snapshotFound(), 73, 0, true],
    ['open chunks make the snapshot dearer, so the log may grow', (p) => p.snapshotFound(), 100, 200, false],
    ['the log written since counts', (p) => (p.snapshotFound(), p.written('log', 50, 0)), 23, 0, true],
    ['the log found on open counts', (p) => (p.snapshotFound(), p.logFound(7, 50)), 23, 0, true],
    ['a snapshot empties the log', (p) => (p.written('log', 70, 0), p.written('snapshot', 70, 0)), 72, 0, false],
    ['nothing written adds nothing', (p) => (p.snapshotFound(), p.written('none', 70, 0)), 72, 0, false],
    [
      'a snapshot at least every 480 log records',
      (p) => {
        p.snapshotFound();
        for (let i = 0; i < 480; i++) p.written('log', 0, 0);
      },
      0,
      0,
      true,
    ],
  ])('%s', (_name, before, newSamples, openChunkBytes, due) => {
    const p = new CheckpointPolicy();
    before(p);
    expect(p.snapshotDue(newSamples, SERIES, openChunkBytes)).toBe(due);
  });

  it('numbers log records after the newest found, one more per log written', () => {
    const p = new CheckpointPolicy();
    expect(p.nextLogSeq).toBe(1);
    p.logFound(5, 1);
    p.logFound(3, 1);
    expect(p.nextLogSeq).toBe(6);
    p.written('log', 1, 0);
    p.written('snapshot', 0, 0);
    expect(p.nextLogSeq).toBe(7);
  });

  it('writes metadata again only once it changed', () => {
    const p = new CheckpointPolicy();
    p.metadataFound(3);
    expect(p.metadataChanged(3)).toBe(false);
    expect(p.metadataChanged(4)).toBe(true);
    p.written('none', 0, 4);
    expect(p.metadataChanged(4)).toBe(false);
  });
});
