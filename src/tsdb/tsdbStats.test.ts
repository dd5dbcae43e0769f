import { describe, expect, it } from 'vitest';
import { TopCounts } from './tsdbStats';

describe('TopCounts', () => {
  // What the Status page showed before: every item made, stable-sorted by count descending, the first ten kept.
  const sortedTop = (counts: number[]) =>
    counts
      .map((count, i) => ({ id: i, count }))
      .sort((a, b) => b.count - a.count)
      .slice(0, 10);

  it.each([
    ['fewer than ten', [3, 1, 2]],
    ['ties keep the order offered', [5, 5, 1, 5, 9, 5, 5, 5, 5, 5, 5, 5, 2]],
    ['ascending', Array.from({ length: 50 }, (_, i) => i)],
    ['descending', Array.from({ length: 50 }, (_, i) => 50 - i)],
    ['scattered with repeats', Array.from({ length: 5_000 }, (_, i) => (i * 7919) % 97)],
  ])('keeps what a stable sort would keep: %s', (_, counts) => {
    const top = new TopCounts<{ id: number; count: number }>();
    counts.forEach((count, id) => top.offer(count, () => ({ id, count })));
    expect(top.items).toEqual(sortedTop(counts));
  });

  it('makes an item only when it enters the top ten', () => {
    const top = new TopCounts<{ count: number }>();
    let made = 0;
    for (let i = 0; i < 10_000; i++) top.offer(i < 10 ? 100 : 1, () => (made++, { count: i < 10 ? 100 : 1 }));
    expect(made).toBe(10);
  });
});
