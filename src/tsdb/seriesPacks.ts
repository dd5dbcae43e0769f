// Series labels packed many series to a record: reopening a store of a
// million series reads about a hundred records instead of a million, and a
// checkpoint writes a few instead of one per new series. A pack's strings
// lie back to back in one string with their lengths beside them, since a
// label value may hold any character and so no separator is safe; typed
// arrays and one string are what structured clone copies fastest.

/** Series per pack: a few megabytes of labels, read in one request. */
export const PACK_SERIES = 10_000;

/** A pack of series, ascending by ref. */
export interface SeriesPack {
  /** Its first ref when written. Packs hold disjoint ref ranges, so this orders them and finds the pack of a ref. */
  id: number;
  /** How many series it holds; in the key, so the keys alone tell how many series the store holds. */
  size: number;
  refs: Uint32Array;
  /** Per series, how many strings (names and values, alternating) it has. */
  counts: Uint32Array;
  /** Per string, its length in UTF-16 code units. */
  lens: Uint32Array;
  /** Every string back to back. */
  text: string;
}

/** The key path of the packs store: [id, size]. */
export const PACK_KEY_PATH = ['id', 'size'];
export type PackKey = [number, number];

/** Packs series (given ascending by ref) into packs of up to `perPack`. */
export function packSeries(rows: readonly { ref: number; labels: readonly string[] }[], perPack = PACK_SERIES): SeriesPack[] {
  const packs: SeriesPack[] = [];
  for (let from = 0; from < rows.length; from += perPack) packs.push(pack(rows.slice(from, from + perPack)));
  return packs;
}

function pack(rows: readonly { ref: number; labels: readonly string[] }[]): SeriesPack {
  let strings = 0;
  for (const r of rows) strings += r.labels.length;
  const refs = new Uint32Array(rows.length);
  const counts = new Uint32Array(rows.length);
  const lens = new Uint32Array(strings);
  const parts: string[] = new Array<string>(strings);
  let k = 0;
  rows.forEach((r, i) => {
    refs[i] = r.ref;
    counts[i] = r.labels.length;
    for (const s of r.labels) {
      lens[k] = s.length;
      parts[k++] = s;
    }
  });
  return { id: rows.length > 0 ? rows[0].ref : 0, size: rows.length, refs, counts, lens, text: parts.join('') };
}

/**
 * Each series' labels in ref order (the caller reads the ref from `refs` by
 * position): a fresh array per series, no other object. A string equal to
 * the one at the same place in the series before is that same string, not a
 * new slice: series stored side by side share most names and many values,
 * so a million-series restore makes and interns a fraction of the strings.
 * `fresh` is given each new slice (interning it) and a reused string is
 * what it returned.
 */
export function* packLabels(p: SeriesPack, fresh: (s: string) => string = (s) => s): Generator<string[], void, undefined> {
  const { text, lens } = p;
  let k = 0;
  let off = 0;
  let prev: string[] = [];
  for (let i = 0; i < p.size; i++) {
    const labels = new Array<string>(p.counts[i]);
    for (let j = 0; j < labels.length; j++) {
      const len = lens[k++];
      const before = prev[j];
      labels[j] = before !== undefined && before.length === len && text.startsWith(before, off) ? before : fresh(text.slice(off, off + len));
      off += len;
    }
    prev = labels;
    yield labels;
  }
}

/** The pack without the given refs (same id), or undefined when none is left. */
export function withoutRefs(p: SeriesPack, gone: ReadonlySet<number>): SeriesPack | undefined {
  const rows: { ref: number; labels: string[] }[] = [];
  let i = 0;
  for (const labels of packLabels(p)) {
    const ref = p.refs[i++];
    if (!gone.has(ref)) rows.push({ ref, labels });
  }
  if (rows.length === 0) return undefined;
  return { ...pack(rows), id: p.id };
}

/** The keys of the packs holding any of `refs`, given every pack key ascending by id. */
export function packsHolding(keys: readonly PackKey[], refs: Iterable<number>): PackKey[] {
  const hit = new Set<number>();
  for (const r of refs) {
    // The last pack whose id is at most r: packs' ref ranges are disjoint and ascend with their ids.
    let lo = 0;
    let hi = keys.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid][0] <= r) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (at >= 0) hit.add(at);
  }
  return [...hit].sort((a, b) => a - b).map((i) => keys[i]);
}
