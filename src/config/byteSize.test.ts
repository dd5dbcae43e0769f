import { describe, expect, it } from 'vitest';
import { formatBytes, parseBytes } from './byteSize';

describe('byte sizes', () => {
  it.each([
    ['10MB', 10 * 2 ** 20, '10MiB'],
    ['1KiB', 1024, '1KiB'],
    ['1MB512KB', 2 ** 20 + 512 * 1024, '1MiB512KiB'],
    ['1.5MB', 1.5 * 2 ** 20, '1MiB512KiB'],
    ['0', 0, '0B'],
    ['100B', 100, '100B'],
  ])('%s is %d bytes, printed %s', (text, n, printed) => {
    expect(parseBytes(text)).toBe(n);
    expect(formatBytes(n)).toBe(printed);
  });
});
