// Cuts a byte stream into pieces that end at a line end, so an exposition of
// hundreds of MB is parsed piece by piece and never held whole.

/**
 * Yields buffers of at least `minBytes` (except the last) that end right
 * after a newline; the last piece holds whatever follows the final newline.
 */
export async function* lineChunks(source: AsyncIterable<Uint8Array>, minBytes = 1 << 20): AsyncGenerator<Uint8Array> {
  let parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source) {
    parts.push(chunk);
    size += chunk.length;
    if (size < minBytes) continue;
    const joined = concat(parts, size);
    const cut = joined.lastIndexOf(0x0a) + 1;
    if (cut === 0) {
      parts = [joined];
      continue;
    }
    yield joined.subarray(0, cut);
    parts = cut < joined.length ? [joined.subarray(cut)] : [];
    size = joined.length - cut;
  }
  if (size > 0) yield concat(parts, size);
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
