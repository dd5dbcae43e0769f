// Reading Grafana's JSON model field by field while keeping the import
// report: every key read is marked, so whatever is left over at the end of an
// object (and differs from Grafana's default) is reported, never dropped silently.

export interface ReportItem {
  /** JSON path, e.g. panels[3].targets[0] */
  path: string;
  /** 'unsupported' | 'mapped' | 'changed' */
  kind: 'unsupported' | 'mapped' | 'changed';
  what: string;
}

export type Notes = ReportItem[];

export type Raw = Record<string, unknown>;

export function isRaw(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Grafana writes absent things as null, false, '', [] or {}; none of them changes what is drawn. */
export function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isRaw(v)) return Object.values(v).every(isEmpty);
  return false;
}

/** Equal as JSON values, whatever the order of keys. */
function sameJson(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  if (isRaw(a) && isRaw(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && sameJson(a[k], b[k]));
  }
  return a === b;
}

/** A JSON object of the model at `path`, whose keys are taken as they are read. */
export class JsonObject {
  private readonly taken = new Set<string>();

  constructor(
    readonly path: string,
    readonly raw: Raw,
    readonly notes: Notes,
  ) {}

  at(key: string): string {
    return this.path === '' ? key : `${this.path}.${key}`;
  }

  has(key: string): boolean {
    return this.raw[key] !== undefined && this.raw[key] !== null;
  }

  take(key: string): unknown {
    this.taken.add(key);
    return this.raw[key];
  }

  /** Marks keys that never change what Vigil shows (ids of Grafana's own machinery). */
  skip(...keys: string[]): void {
    for (const k of keys) this.taken.add(k);
  }

  str(key: string, fallback = ''): string {
    const v = this.take(key);
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return fallback;
  }

  /** A number, also from a numeric string as Grafana's old models wrote them ("0", "100"). */
  num(key: string): number | null {
    return toNumber(this.take(key));
  }

  bool(key: string, fallback = false): boolean {
    const v = this.take(key);
    return typeof v === 'boolean' ? v : fallback;
  }

  obj(key: string): JsonObject {
    const v = this.take(key);
    return new JsonObject(this.at(key), isRaw(v) ? v : {}, this.notes);
  }

  list(key: string): unknown[] {
    const v = this.take(key);
    return Array.isArray(v) ? v : [];
  }

  objs(key: string): JsonObject[] {
    return this.list(key).flatMap((v, i) => (isRaw(v) ? [new JsonObject(`${this.at(key)}[${i}]`, v, this.notes)] : []));
  }

  note(kind: ReportItem['kind'], what: string, key?: string): void {
    this.notes.push({ path: key === undefined ? this.path : this.at(key), kind, what });
  }

  /**
   * Reports each key not read that is set to something other than Grafana's
   * default (`defaults`, else an empty value), as unsupported.
   */
  leftovers(what: string, defaults: Raw = {}): void {
    for (const [k, v] of Object.entries(this.raw)) {
      if (this.taken.has(k) || k.startsWith('$$')) continue;
      if (k in defaults ? sameJson(v, defaults[k]) : isEmpty(v)) continue;
      this.notes.push({ path: this.at(k), kind: 'unsupported', what: `${what} "${k}" (${preview(v)}) is not supported and was left out` });
    }
  }
}

export function toNumber(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

function preview(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
