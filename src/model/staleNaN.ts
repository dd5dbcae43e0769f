// Prometheus's staleness marker, the one NaN every room writes, stores,
// encodes and reads back: its bits, its value and the test for it.

/**
 * Prometheus's staleness marker is the NaN 0x7ff0000000000002 (value.StaleNaN).
 * It is a signalling NaN, and V8 may quiet it (set bit 51) whenever the value
 * passes through a register, so both forms count as stale here; encoders write
 * the exact Prometheus bits back.
 */
export const STALE_NAN_BITS_HI = 0x7ff00000;
export const STALE_NAN_BITS_LO = 0x00000002;

const scratch = new DataView(new ArrayBuffer(8));
scratch.setUint32(0, STALE_NAN_BITS_HI);
scratch.setUint32(4, STALE_NAN_BITS_LO);
export const STALE_NAN = scratch.getFloat64(0);

export function isStaleNaN(v: number): boolean {
  if (v === v) return false;
  scratch.setFloat64(0, v);
  return (scratch.getUint32(0) & 0xfff7ffff) === STALE_NAN_BITS_HI && scratch.getUint32(4) === STALE_NAN_BITS_LO;
}
