import { describe, expect, it } from 'vitest';
import { PageCache } from './pageCache';

describe('page cache', () => {
  it('evicts the least recently used pages to stay within its bytes', () => {
    const c = new PageCache(300);
    c.set('1/0', new Uint8Array(100));
    c.set('1/1', new Uint8Array(100));
    c.set('2/0', new Uint8Array(100));
    c.get('1/0');
    c.set('2/1', new Uint8Array(100));
    expect(c.get('1/1')).toBeUndefined();
    expect(c.get('1/0')).toBeDefined();
    expect(c.bytes).toBe(300);
  });

  it('keeps a page larger than the budget until the next one arrives', () => {
    const c = new PageCache(50);
    c.set('1/0', new Uint8Array(100));
    expect(c.get('1/0')).toBeDefined();
    c.set('1/1', new Uint8Array(10));
    expect(c.get('1/0')).toBeUndefined();
  });

  it('forgets a dropped block', () => {
    const c = new PageCache(1000);
    c.set('1/0', new Uint8Array(10));
    c.set('12/0', new Uint8Array(10));
    c.dropBlock(1);
    expect(c.get('1/0')).toBeUndefined();
    expect(c.get('12/0')).toBeDefined();
    expect(c.bytes).toBe(10);
  });
});
