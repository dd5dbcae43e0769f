import { describe, expect, it } from 'vitest';
import { xxhash64 } from './xxhash64';

const enc = new TextEncoder();

describe('xxhash64', () => {
  it.each([
    ['', 'ef46db3751d8e999'],
    ['a', 'd24ec4f1a98c6e5b'],
    ['abc', '44bc2cf5ad770999'],
    ['Nobody inspects the spammish repetition', 'fbcea83c8a378bf1'],
  ])('%j', (text, hex) => {
    expect(xxhash64(enc.encode(text)).toString(16).padStart(16, '0')).toBe(hex);
  });
});
