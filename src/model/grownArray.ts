// A typed array cannot be resized: the columns that buffer samples, refs and
// offsets grow by copying into a larger one of the same kind.

type Column = Float64Array | Uint32Array | Int32Array | Uint8Array;

/** A copy of `a` with room for `size` elements, the new ones set to `fill`. */
export function grownArray<T extends Column>(a: T, size: number, fill = 0): T {
  const out = new (a.constructor as new (length: number) => T)(size);
  if (fill !== 0) out.fill(fill);
  (out as Float64Array).set(a);
  return out;
}
