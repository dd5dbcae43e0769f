// The functions Prometheus gives alert and console templates
// (template/template.go NewTemplateExpander's FuncMap) and text/template's
// builtins, over plain data. `query` runs PromQL through an injected function.

import { compileAnchored } from '../model/matcher';
import { formatDuration, parseDuration } from '../model/duration';
import { formatGPrecision } from '../model/goFloat';
import { formatV, sprintf } from './goFmt';
import { isTrue, type TemplateFunc } from './template';

/** One element of a `query` result, with the field names templates use (`.Labels`, `.Value`). */
export interface TemplateSample {
  Labels: Record<string, string>;
  /** A native histogram's value is its text, as Go prints *FloatHistogram. */
  Value: number | string;
}

export type TemplateQuery = (query: string) => Promise<TemplateSample[]>;

function toFloat(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const n = Number(v.trim());
    if (v.trim() === '' || Number.isNaN(n)) {
      if (/^[+-]?(inf|nan)$/i.test(v.trim())) return /nan/i.test(v) ? NaN : v.trim().startsWith('-') ? -Infinity : Infinity;
      throw new Error(`strconv.ParseFloat: parsing ${JSON.stringify(v)}: invalid syntax`);
    }
    return n;
  }
  if (v instanceof Date) return v.getTime() / 1000;
  throw new Error(`can't convert ${formatV(v)} to float`);
}

/** Go's url.QueryEscape: spaces as `+`, and `!'()*` escaped too. */
export function queryEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%20/g, '+');
}

const g4 = (v: number) => formatGPrecision(v, 4);

export function humanize(i: unknown): string {
  let v = toFloat(i);
  if (v === 0 || !Number.isFinite(v)) return g4(v);
  if (Math.abs(v) >= 1) {
    let prefix = '';
    for (const p of ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y']) {
      if (Math.abs(v) < 1000) break;
      prefix = p;
      v /= 1000;
    }
    return g4(v) + prefix;
  }
  let prefix = '';
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return g4(v) + prefix;
}

export function humanize1024(i: unknown): string {
  let v = toFloat(i);
  if (Math.abs(v) <= 1 || !Number.isFinite(v)) return g4(v);
  let prefix = '';
  for (const p of ['ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi']) {
    if (Math.abs(v) < 1024) break;
    prefix = p;
    v /= 1024;
  }
  return g4(v) + prefix;
}

export function humanizeDuration(i: unknown): string {
  let v = toFloat(i);
  if (!Number.isFinite(v)) return g4(v);
  if (v === 0) return g4(v) + 's';
  if (Math.abs(v) >= 1) {
    let sign = '';
    if (v < 0) {
      sign = '-';
      v = -v;
    }
    const duration = Math.trunc(v);
    const seconds = duration % 60;
    const minutes = Math.trunc(duration / 60) % 60;
    const hours = Math.trunc(duration / 3600) % 24;
    const days = Math.trunc(duration / 86400);
    if (days !== 0) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    if (hours !== 0) return `${sign}${hours}h ${minutes}m ${seconds}s`;
    if (minutes !== 0) return `${sign}${minutes}m ${seconds}s`;
    return `${sign}${g4(v)}s`;
  }
  let prefix = '';
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return `${g4(v)}${prefix}s`;
}

export function humanizePercentage(i: unknown): string {
  return g4(toFloat(i) * 100) + '%';
}

/** Go's time.Time.String() in UTC: `2006-01-02 15:04:05.999999999 +0000 UTC`. */
function goTimeString(ms: number): string {
  const d = new Date(Math.floor(ms));
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const nanos = (((ms % 1000) + 1000) % 1000) * 1e6;
  const frac = nanos === 0 ? '' : '.' + pad(Math.round(nanos), 9).replace(/0+$/, '');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${frac} +0000 UTC`;
}

export function humanizeTimestamp(i: unknown): string {
  const v = toFloat(i);
  if (!Number.isFinite(v)) return g4(v);
  // model.TimeFromUnixNano(int64(v*1e9)) keeps milliseconds.
  return goTimeString(Math.trunc(v * 1000));
}

/** strings.Title: upper-cases the first letter of each word. */
function title(s: string): string {
  return s.replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_m, pre: string, c: string) => pre + c.toUpperCase());
}

/** Go's Regexp.ReplaceAllString: `$1`/`${1}`/`${name}` expand; a name runs as far as word characters go. */
function reReplaceAll(pattern: string, repl: string, text: string): string {
  const re = new RegExp(compileAnchored(pattern).source.replace(/^\^\(\?:/, '(?:').replace(/\)\$$/, ')'), 'gsu');
  return text.replace(re, (...m: unknown[]) => {
    const groups = (typeof m[m.length - 1] === 'object' ? m[m.length - 1] : undefined) as Record<string, string> | undefined;
    return repl.replace(/\$(\$|\{(\w+)\}|(\w+))/g, (_w, all: string, braced?: string, bare?: string) => {
      if (all === '$') return '$';
      const name = braced ?? bare!;
      if (/^\d+$/.test(name)) return (m[Number(name)] as string | undefined) ?? '';
      return groups?.[name] ?? '';
    });
  });
}

function first(v: unknown): TemplateSample {
  if (Array.isArray(v) && v.length > 0) return v[0] as TemplateSample;
  throw new Error('first() called on vector with no elements');
}

function compare(op: string, a: unknown, b: unknown): boolean {
  if (typeof a !== typeof b && !(a == null && b == null)) throw new Error('incompatible types for comparison');
  switch (op) {
    case 'lt':
      return (a as number) < (b as number);
    case 'le':
      return (a as number) <= (b as number);
    case 'gt':
      return (a as number) > (b as number);
    default:
      return (a as number) >= (b as number);
  }
}

export interface TemplateContext {
  query: TemplateQuery;
  externalURL: string;
  /** Evaluation time in ms, for `now` as Prometheus's expander takes its timestamp. */
  timeMs: number;
}

/** The FuncMap: text/template builtins and Prometheus's additions. */
export function templateFuncs(ctx: TemplateContext): Record<string, TemplateFunc> {
  const str = (v: unknown) => (typeof v === 'string' ? v : formatV(v));
  return {
    // text/template builtins.
    and: (...a: unknown[]) => a.find((x) => !isTrue(x)) ?? a[a.length - 1],
    or: (...a: unknown[]) => a.find((x) => isTrue(x)) ?? a[a.length - 1],
    not: (a: unknown) => !isTrue(a),
    eq: (a: unknown, ...bs: unknown[]) => bs.some((b) => a === b),
    ne: (a: unknown, b: unknown) => a !== b,
    lt: (a: unknown, b: unknown) => compare('lt', a, b),
    le: (a: unknown, b: unknown) => compare('le', a, b),
    gt: (a: unknown, b: unknown) => compare('gt', a, b),
    ge: (a: unknown, b: unknown) => compare('ge', a, b),
    len: (a: unknown) => (Array.isArray(a) || typeof a === 'string' ? a.length : a && typeof a === 'object' ? Object.keys(a).length : 0),
    index: (a: unknown, ...keys: unknown[]) =>
      keys.reduce((acc: unknown, k) => {
        if (Array.isArray(acc)) return acc[Number(k)];
        if (acc && typeof acc === 'object' && Object.prototype.hasOwnProperty.call(acc, String(k))) return (acc as Record<string, unknown>)[String(k)];
        return '';
      }, a),
    print: (...a: unknown[]) => a.map(str).join(''),
    println: (...a: unknown[]) => a.map(str).join(' ') + '\n',
    printf: (format: unknown, ...a: unknown[]) => sprintf(String(format), a),
    html: (s: unknown) => str(s).replace(/[&'<>"\0]/g, (c) => ({ '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '"': '&#34;', '\0': '\uFFFD' })[c]!),
    urlquery: (...a: unknown[]) => queryEscape(a.map(str).join('')),
    // Prometheus's additions (template/template.go).
    query: async (q: unknown) => ctx.query(String(q)),
    first,
    label: (name: unknown, s: unknown) => (s && typeof s === 'object' ? (s as TemplateSample).Labels?.[String(name)] ?? '' : ''),
    value: (s: unknown) => (s as TemplateSample).Value,
    strvalue: (s: unknown) => (s as TemplateSample).Labels?.__value__ ?? '',
    args: (...a: unknown[]) => Object.fromEntries(a.map((v, i) => [`arg${i}`, v])),
    reReplaceAll: (p: unknown, r: unknown, t: unknown) => reReplaceAll(String(p), String(r), String(t)),
    match: (p: unknown, t: unknown) => new RegExp(String(p), 'u').test(String(t)),
    safeHtml: (s: unknown) => str(s),
    title: (s: unknown) => title(str(s)),
    toUpper: (s: unknown) => str(s).toUpperCase(),
    toLower: (s: unknown) => str(s).toLowerCase(),
    stripPort: (s: unknown) => {
      const h = str(s);
      const m = /^\[(.*)\]:\d+$/.exec(h) ?? /^([^:]*):\d+$/.exec(h);
      return m ? m[1] : h;
    },
    stripDomain: (s: unknown) => {
      const h = str(s);
      const port = /:\d+$/.exec(h)?.[0] ?? '';
      const host = port ? h.slice(0, -port.length) : h;
      return /^[\d.]+$/.test(host) || host.includes(':') ? h : host.split('.')[0] + port;
    },
    sortByLabel: (name: unknown, v: unknown) =>
      [...(v as TemplateSample[])].sort((a, b) => ((a.Labels[String(name)] ?? '') < (b.Labels[String(name)] ?? '') ? -1 : (a.Labels[String(name)] ?? '') > (b.Labels[String(name)] ?? '') ? 1 : 0)),
    humanize,
    humanize1024,
    humanizeDuration,
    humanizePercentage,
    humanizeTimestamp,
    toTime: (v: unknown) => new Date(toFloat(v) * 1000),
    toDuration: (v: unknown) => formatDuration(Math.round(toFloat(v) * 1000)),
    parseDuration: (s: unknown) => parseDuration(str(s)) / 1000,
    now: () => ctx.timeMs / 1000,
    pathPrefix: () => {
      try {
        return new URL(ctx.externalURL).pathname.replace(/\/$/, '');
      } catch {
        return '';
      }
    },
    externalURL: () => ctx.externalURL,
    urlQueryEscape: (s: unknown) => queryEscape(str(s)),
    graphLink: (expr: unknown) => `/graph?g0.expr=${queryEscape(str(expr))}&g0.tab=0`,
    tableLink: (expr: unknown) => `/graph?g0.expr=${queryEscape(str(expr))}&g0.tab=1`,
  };
}
