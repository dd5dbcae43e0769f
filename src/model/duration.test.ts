import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['0', 0],
    ['15s', 15_000],
    ['1h30m', 5_400_000],
    ['250ms', 250],
    ['2w', 1_209_600_000],
    ['1y', 31_536_000_000],
    ['1d2h', 93_600_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '5', '1.5h', 'm5', '30m1h', '5mm', '-1s'])('rejects %j', (text) => {
    expect(() => parseDuration(text)).toThrow(/duration/);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [15_000, '15s'],
    [5_400_000, '1h30m'],
    [90_061_001, '1d1h1m1s1ms'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
    expect(parseDuration(text)).toBe(ms);
  });
});
