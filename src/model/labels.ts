// Label sets as Prometheus keeps them: sorted by name, empty values absent,
// compared and keyed by one canonical string so maps can index series.

export const METRIC_NAME = '__name__';

// Prometheus separates label pairs with 0xff when hashing; no valid UTF-8
// label text contains it, so the key is unambiguous.
const SEP = '\xff';

const interned = new Map<string, string>();

/** One shared copy of a string that recurs across many series (names, common values). */
export function intern(s: string): string {
  const hit = interned.get(s);
  if (hit !== undefined) return hit;
  interned.set(s, s);
  return s;
}

export class Labels {
  static readonly EMPTY = new Labels([]);

  /** Flat, sorted `[name0, value0, name1, value1, …]`; never mutated. */
  private readonly pairs: readonly string[];
  private cachedKey: string | undefined;
  private cachedHash: number | undefined;

  private constructor(sortedPairs: readonly string[]) {
    this.pairs = sortedPairs;
  }

  static from(obj: Readonly<Record<string, string>>): Labels {
    const flat: string[] = [];
    for (const name of Object.keys(obj)) flat.push(name, obj[name]);
    return Labels.fromPairs(flat);
  }

  /** From unsorted flat pairs; a later duplicate name wins, empty values are dropped. */
  static fromPairs(flat: readonly string[]): Labels {
    const idx: number[] = [];
    for (let i = 0; i < flat.length; i += 2) idx.push(i);
    idx.sort((a, b) => compareStrings(flat[a], flat[b]) || a - b);
    const out: string[] = [];
    for (const i of idx) {
      const name = flat[i];
      const value = flat[i + 1];
      if (out.length > 0 && out[out.length - 2] === name) out.length -= 2;
      if (value !== '') out.push(name, value);
    }
    return new Labels(out);
  }

  /** From pairs already sorted by name with no duplicates or empty values. */
  static fromSortedPairs(flat: readonly string[]): Labels {
    return new Labels(flat);
  }

  get size(): number {
    return this.pairs.length >> 1;
  }

  get metricName(): string {
    return this.get(METRIC_NAME);
  }

  /** The value of `name`, or '' when absent, as Prometheus's Labels.Get. */
  get(name: string): string {
    const p = this.pairs;
    for (let i = 0; i < p.length; i += 2) if (p[i] === name) return p[i + 1];
    return '';
  }

  has(name: string): boolean {
    const p = this.pairs;
    for (let i = 0; i < p.length; i += 2) if (p[i] === name) return true;
    return false;
  }

  nameAt(i: number): string {
    return this.pairs[2 * i];
  }

  valueAt(i: number): string {
    return this.pairs[2 * i + 1];
  }

  forEach(fn: (name: string, value: string) => void): void {
    const p = this.pairs;
    for (let i = 0; i < p.length; i += 2) fn(p[i], p[i + 1]);
  }

  flat(): readonly string[] {
    return this.pairs;
  }

  toObject(): Record<string, string> {
    const o: Record<string, string> = {};
    this.forEach((n, v) => (o[n] = v));
    return o;
  }

  /** Canonical identity: equal label sets have equal keys. */
  key(): string {
    if (this.cachedKey === undefined) this.cachedKey = this.pairs.join(SEP);
    return this.cachedKey;
  }

  /** 32-bit FNV-1a of the key, stable across runs (used to spread scrape offsets, shard). */
  hash(): number {
    if (this.cachedHash === undefined) this.cachedHash = pairsHash(this.pairs);
    return this.cachedHash;
  }

  equals(other: Labels): boolean {
    if (this === other) return true;
    const a = this.pairs;
    const b = other.pairs;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  /** A copy without the named labels. */
  without(...names: string[]): Labels {
    const p = this.pairs;
    const out: string[] = [];
    for (let i = 0; i < p.length; i += 2) if (!names.includes(p[i])) out.push(p[i], p[i + 1]);
    return out.length === p.length ? this : new Labels(out);
  }

  /** A copy keeping only the named labels. */
  keep(names: readonly string[]): Labels {
    const p = this.pairs;
    const out: string[] = [];
    for (let i = 0; i < p.length; i += 2) if (names.includes(p[i])) out.push(p[i], p[i + 1]);
    return out.length === p.length ? this : new Labels(out);
  }

  builder(): LabelsBuilder {
    return new LabelsBuilder(this);
  }

  /** `{a="1", b="2"}` as Prometheus prints a label set (Go-quoted values). */
  toString(): string {
    const parts: string[] = [];
    this.forEach((n, v) => parts.push(`${formatLabelName(n)}=${quote(v)}`));
    return `{${parts.join(', ')}}`;
  }

  /** `name{a="1"}`: the metric name outside the braces, as the UI and errors show series. */
  toMetricString(): string {
    const name = this.metricName;
    const rest = name === '' ? this : this.without(METRIC_NAME);
    if (name === '') return rest.toString();
    const nameText = isLegacyName(name) ? name : quote(name);
    if (rest.size === 0) return isLegacyName(name) ? name : `{${nameText}}`;
    if (!isLegacyName(name)) return `{${nameText}, ${rest.toString().slice(1)}`;
    return name + rest.toString();
  }
}

/** Mutable edits over a base label set; setting '' deletes, as in Prometheus's labels.Builder. */
export class LabelsBuilder {
  private readonly changes = new Map<string, string>();

  constructor(private base: Labels) {}

  reset(base: Labels): this {
    this.base = base;
    this.changes.clear();
    return this;
  }

  get(name: string): string {
    const c = this.changes.get(name);
    return c !== undefined ? c : this.base.get(name);
  }

  set(name: string, value: string): this {
    this.changes.set(name, value);
    return this;
  }

  del(...names: string[]): this {
    for (const n of names) this.changes.set(n, '');
    return this;
  }

  /** Keeps only the named labels. */
  keep(...names: string[]): this {
    this.labels().forEach((n) => {
      if (!names.includes(n)) this.changes.set(n, '');
    });
    return this;
  }

  forEach(fn: (name: string, value: string) => void): void {
    this.labels().forEach(fn);
  }

  labels(): Labels {
    if (this.changes.size === 0) return this.base;
    const flat = [...this.base.flat()];
    for (const [n, v] of this.changes) flat.push(n, v);
    return Labels.fromPairs(flat);
  }
}

/** Byte-order comparison, as Go compares strings (JS `<` compares UTF-16 units). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca !== cb) {
      // Surrogates (0xD800–0xDFFF) encode code points above every BMP unit in UTF-8 order.
      const sa = ca >= 0xd800 && ca <= 0xdfff;
      const sb = cb >= 0xd800 && cb <= 0xdfff;
      if (sa !== sb) return sa ? 1 : -1;
      return ca - cb;
    }
  }
  return a.length - b.length;
}

/** Compares label sets as Prometheus's labels.Compare (pairwise by name, then value, then length). */
export function compareLabels(a: Labels, b: Labels): number {
  const pa = a.flat();
  const pb = b.flat();
  const n = Math.min(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    const c = compareStrings(pa[i], pb[i]);
    if (c !== 0) return c;
  }
  return pa.length - pb.length;
}

const LEGACY_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LEGACY_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function isLegacyName(name: string): boolean {
  return LEGACY_NAME.test(name);
}

export function isLegacyLabelName(name: string): boolean {
  return LEGACY_LABEL.test(name);
}

function formatLabelName(n: string): string {
  return isLegacyLabelName(n) ? n : quote(n);
}

/** Go's strconv.Quote for the characters label text holds. */
export function quote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    // A byte that was not UTF-8, kept as a lone surrogate by the string reader (parser/literals.ts), quotes back as that byte.
    else if (c >= 0xdc80 && c <= 0xdcff && !(i > 0 && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff)) out += '\\x' + (c - 0xdc00).toString(16);
    else out += s[i];
  }
  return out + '"';
}

/**
 * 32-bit FNV-1a of the pairs joined by the key's separator, computed without
 * building the key: indexes that keep only a hash per series need no string.
 */
export function pairsHash(pairs: readonly string[]): number {
  const sep = SEP.charCodeAt(0);
  let h = 0x811c9dc5;
  for (let p = 0; p < pairs.length; p++) {
    if (p > 0) h = Math.imul(h ^ sep, 0x01000193);
    const s = pairs[p];
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  }
  return h >>> 0;
}
