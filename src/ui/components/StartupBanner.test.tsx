import { describe, expect, it } from 'vitest';
import { startupText } from './StartupBanner';

describe('startupText', () => {
  it.each([
    [{ phase: 'opening the settings', done: 0, total: 0 }, 'Starting: opening the settings…'],
    [{ phase: 'restoring series', done: 400_000, total: 1_000_000 }, 'Starting: restoring series: 40 % (400,000 of 1,000,000)'],
    [{ phase: 'restoring series', done: 999_999, total: 1_000_000 }, 'Starting: restoring series: 99 % (999,999 of 1,000,000)'],
  ])('%o reads %s', (s, text) => {
    expect(startupText({ state: 'starting', ...s })).toBe(text);
  });
});
