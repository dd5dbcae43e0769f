import { describe, expect, it } from 'vitest';
import { HISTORY_SIZE, remember } from './historyStore';

describe('query history', () => {
  it('moves a rerun query to the front without a duplicate', () => {
    expect(remember(['a', 'b', 'c'], 'c')).toEqual(['c', 'a', 'b']);
  });

  it('ignores blank queries and keeps the newest few', () => {
    expect(remember(['a'], '  ')).toEqual(['a']);
    const long = Array.from({ length: HISTORY_SIZE }, (_, i) => `q${i}`);
    expect(remember(long, 'new')).toHaveLength(HISTORY_SIZE);
  });
});
