import { describe, expect, it } from 'vitest';
import { dropMessage } from './storageKeeper';

describe('dropMessage', () => {
  it.each([
    [1, ['time'] as const, 'Dropped the oldest block of samples because they were older than the retention time. Scraping goes on.'],
    [3, ['quota', 'size'] as const, 'Dropped the 3 oldest blocks of samples because the browser refused to store more (storage quota exceeded); the stored blocks exceeded the size limit. Scraping goes on.'],
  ])('%d blocks for %j', (n, reasons, text) => {
    expect(dropMessage(n, reasons)).toBe(text);
  });
});
