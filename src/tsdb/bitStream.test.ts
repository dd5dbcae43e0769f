import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BitReader, BitWriter } from './bitStream';

describe('bit stream', () => {
  it('reads back any sequence of 1–32-bit fields', () => {
    const field = fc.integer({ min: 1, max: 32 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: 2 ** n - 1 })));
    fc.assert(
      fc.property(fc.array(field, { maxLength: 200 }), (fields) => {
        const w = new BitWriter(1);
        for (const [n, v] of fields) {
          if (n === 1) w.writeBit(v);
          else w.writeBits(v, n);
        }
        expect(w.len).toBe(fields.reduce((s, [n]) => s + n, 0));
        const r = new BitReader(w.bytes());
        for (const [n, v] of fields) expect(n === 1 ? r.readBit() : r.readBits(n)).toBe(v);
        expect(r.overrun).toBe(false);
      }),
    );
  });

  it('writes most significant bit first, as Prometheus bstream', () => {
    const w = new BitWriter();
    w.writeBit(1);
    w.writeBits(0b0101, 4);
    w.writeBits(0xabc, 12);
    expect([...w.bytes()]).toEqual([0b10101101, 0b01011110, 0b00000000]);
  });

  it('flags a read past the written bits', () => {
    const r = new BitReader(new Uint8Array([0xff]));
    r.readBits(8);
    expect(r.overrun).toBe(false);
    r.readBit();
    expect(r.overrun).toBe(true);
  });
});
