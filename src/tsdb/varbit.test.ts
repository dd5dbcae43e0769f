import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BitReader, BitWriter } from './bitStream';
import { putVarbitInt, putVarbitUint, readVarbitInt, readVarbitUint } from './varbit';

function bits(write: (w: BitWriter) => void): string {
  const w = new BitWriter();
  write(w);
  return [...w.bytes()].map((b) => b.toString(2).padStart(8, '0')).join('').slice(0, w.len);
}

describe('varbit', () => {
  // Prefix and two's-complement payload as varbit.go's putVarbitInt cases write them.
  it.each<[number, string]>([
    [0, '0'],
    [1, '10' + '001'],
    [-3, '10' + '101'],
    [4, '10' + '100'],
    [-4, '110' + '111100'],
    [32, '110' + '100000'],
    [256, '1110' + '100000000'],
    [2048, '11110' + '100000000000'],
    [-131071, '111110' + '100000000000000001'],
    [16777216, '1111110' + '1000000000000000000000000'],
  ])('writes int %d as %s', (x, want) => {
    expect(bits((w) => putVarbitInt(w, x))).toBe(want);
  });

  it.each<[number, string]>([
    [0, '0'],
    [7, '10111'],
    [8, '110001000'],
    [2 ** 25, '11111110' + '0'.repeat(30) + '1' + '0'.repeat(25)],
  ])('writes uint %d as %s', (x, want) => {
    expect(bits((w) => putVarbitUint(w, x))).toBe(want);
  });

  it('reads back any safe integer', () => {
    fc.assert(
      fc.property(fc.array(fc.maxSafeInteger(), { maxLength: 20 }), fc.array(fc.maxSafeNat(), { maxLength: 20 }), (ints, uints) => {
        const w = new BitWriter();
        for (const x of ints) putVarbitInt(w, x);
        for (const x of uints) putVarbitUint(w, x);
        const r = new BitReader(w.bytes());
        expect(ints.map(() => readVarbitInt(r))).toEqual(ints);
        expect(uints.map(() => readVarbitUint(r))).toEqual(uints);
      }),
    );
  });
});
