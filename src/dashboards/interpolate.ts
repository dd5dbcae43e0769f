// Grafana's template interpolation: `$v`, `${v}`, `[[v]]`, `${v:format}`,
// `${v.path}`, with the formats of Grafana's format registry (scenes'
// formatRegistry.ts) and, for queries, the Prometheus data source's
// interpolateQueryExpr. Pure text in, text out: nothing is evaluated.

export interface ScopedValue {
  values: string[];
  texts: string[];
  /** All is selected: `values` and `texts` then hold every option's. */
  all: boolean;
  /** '' for none */
  allValue: string;
  multi: boolean;
  includeAll: boolean;
}

export type InterpolationScope = Record<string, ScopedValue>;

/** How a reference without `:format` is written: PromQL (the Prometheus source's escaping), a variable's text (titles, legends), or a regex. */
export type DefaultFormat = 'promql' | 'text' | 'regex';

/** Grafana's variableRegex: `$name`, `[[name]]` / `[[name:format]]`, `${name}` / `${name.path}` / `${name:format}`. */
const VARIABLE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}/g;

type Value = string | string[];

interface FormatContext {
  name: string;
  scoped: ScopedValue;
}

type Formatter = (value: Value, args: string[], ctx: FormatContext) => string;

const ALL_TEXT = 'All';

/** @grafana/data's escapeRegex. */
function escapeRegex(s: string): string {
  return s.replace(/[\\^$*+?.()|[\]{}/]/g, '\\$&');
}

/** The Prometheus source's prometheusRegularEscape (classic behaviour): backslashes and single quotes. */
function promRegularEscape(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/'/g, "\\\\'");
}

/** The Prometheus source's prometheusSpecialRegexEscape (classic behaviour): a value made literal inside `=~"…"`. */
function promRegexEscape(s: string): string {
  return s.replace(/\\/g, '\\\\\\\\').replace(/[$^*{}[\]+?.()|]/g, '\\\\$&');
}

/** RFC 3986 percent-encoding: encodeURIComponent plus `!'()*`, as the registry's encodeURIComponentStrict. */
function encodeStrict(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

function encodeUriStrict(s: string): string {
  return encodeURI(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

function luceneEscape(s: string): string {
  if (!isNaN(+s)) return s;
  return s.replace(/([!*+\-=<>\s&|()[\]{}^~?:\\/"])/g, '\\$1');
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/\//g, '&#47;');
}

const str = (v: Value): string => (Array.isArray(v) ? v.join(',') : v);
const quoteEach = (v: Value, q: string, escaped: string): string =>
  (Array.isArray(v) ? v : [v]).map((x) => `${q}${x.split(q).join(escaped)}${q}`).join(',');

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** moment-style tokens for `${__from:date:YYYY-MM}`, in the browser's zone as Grafana's dateTime(). */
function formatDate(ms: number, pattern: string): string {
  const d = new Date(ms);
  const tokens: Record<string, string> = {
    YYYY: String(d.getFullYear()),
    YY: pad(d.getFullYear() % 100),
    MM: pad(d.getMonth() + 1),
    M: String(d.getMonth() + 1),
    DD: pad(d.getDate()),
    D: String(d.getDate()),
    HH: pad(d.getHours()),
    H: String(d.getHours()),
    mm: pad(d.getMinutes()),
    m: String(d.getMinutes()),
    ss: pad(d.getSeconds()),
    s: String(d.getSeconds()),
    SSS: pad(d.getMilliseconds(), 3),
    X: String(Math.floor(ms / 1000)),
    x: String(ms),
  };
  return pattern.replace(/\[([^\]]*)\]|YYYY|YY|SSS|MM|M|DD|D|HH|H|mm|m|ss|s|X|x/g, (t, literal: string | undefined) => literal ?? tokens[t]);
}

/** Grafana's format registry, the formats that need no Grafana objects. */
const FORMATS: Record<string, Formatter> = {
  glob: (v) => (Array.isArray(v) && v.length > 1 ? `{${v.join(',')}}` : str(v)),
  raw: (v) => str(v),
  regex: (v) => {
    if (!Array.isArray(v)) return escapeRegex(v);
    const escaped = v.map(escapeRegex);
    return escaped.length === 1 ? escaped[0] : `(${escaped.join('|')})`;
  },
  pipe: (v) => (Array.isArray(v) ? v.join('|') : v),
  distributed: (v, _args, ctx) => (Array.isArray(v) ? v.map((x, i) => (i === 0 ? x : `${ctx.name}=${x}`)).join(',') : v),
  csv: (v) => str(v),
  html: (v) => escapeHtml(Array.isArray(v) ? v.join(', ') : v),
  json: (v) => (Array.isArray(v) ? JSON.stringify(v) : v),
  percentencode: (v) => encodeStrict(Array.isArray(v) ? `{${v.join(',')}}` : v),
  uriencode: (v) => encodeUriStrict(Array.isArray(v) ? `{${v.join(',')}}` : v),
  singlequote: (v) => quoteEach(v, "'", "\\'"),
  doublequote: (v) => quoteEach(v, '"', '\\"'),
  sqlstring: (v) => (Array.isArray(v) ? v : [v]).map((x) => `'${x.replace(/'|"/g, (c) => (c === "'" ? "''" : '\\"'))}'`).join(','),
  join: (v, args) => (Array.isArray(v) ? v.join(args[0] ?? ',') : v),
  lucene: (v) => {
    if (!Array.isArray(v)) return luceneEscape(v);
    if (v.length === 0) return '__empty__';
    return `(${v.map((x) => `"${luceneEscape(x)}"`).join(' OR ')})`;
  },
  date: (v, args) => {
    const ms = parseInt(str(v), 10);
    if (isNaN(ms)) return 'NaN';
    const arg = args[0] ?? 'iso';
    if (arg === 'ms') return str(v);
    if (arg === 'seconds') return String(Math.round(ms / 1000));
    if (arg === 'iso') return new Date(ms).toISOString();
    return formatDate(ms, args.join(':'));
  },
  text: (_v, _args, ctx) => (ctx.scoped.all ? ALL_TEXT : ctx.scoped.texts.join(' + ')),
  queryparam: (v, _args, ctx) =>
    ctx.scoped.all ? `var-${ctx.name}=${ALL_TEXT}` : (Array.isArray(v) ? v : [v]).map((x) => `var-${ctx.name}=${encodeStrict(x)}`).join('&'),
  customqueryparam: (v, args, ctx) => {
    const name = encodeStrict(args[0] || ctx.name);
    const prefix = encodeStrict(args[1] || '');
    return (Array.isArray(v) ? v : [v]).map((x) => `${name}=${prefix}${encodeStrict(x)}`).join('&');
  },
  /** The Prometheus source's interpolateQueryExpr: raw-escaped unless multi or All, then each regex-escaped, several as `(a|b)`. */
  promql: (v, _args, ctx) => {
    if (!ctx.scoped.multi && !ctx.scoped.includeAll) return promRegularEscape(str(v));
    if (!Array.isArray(v)) return promRegexEscape(v);
    const escaped = v.map(promRegexEscape);
    return escaped.length === 1 ? escaped[0] : `(${escaped.join('|')})`;
  },
};

function valueOf(s: ScopedValue): Value {
  if (s.all || s.multi) return s.values;
  return s.values[0] ?? '';
}

function formatScoped(name: string, scoped: ScopedValue, format: string, scope: InterpolationScope, defaultFormat: DefaultFormat): string {
  const [id, ...args] = format.split(':');
  // A custom all value is written as given (MultiValueVariable's CustomAllValue), except in the formats that must not be.
  if (scoped.all && scoped.allValue !== '') {
    if (id === 'text') return ALL_TEXT;
    if (id === 'queryparam') return `var-${name}=${ALL_TEXT}`;
    if (id === 'percentencode') return encodeStrict(scoped.allValue);
    const rest = { ...scope };
    delete rest[name];
    return interpolate(scoped.allValue, rest, defaultFormat);
  }
  const formatter = FORMATS[id] ?? FORMATS.glob;
  return formatter(valueOf(scoped), args, { name, scoped });
}

/**
 * Replaces every reference to a variable of the scope with its value, in the
 * reference's format or else `defaultFormat`; references to names the scope
 * lacks are left as written. `${v.path}` reads `v.path` from the scope when it
 * is there (`__field.labels.job`), else `v`. An unknown format falls back to
 * glob, as Grafana's does.
 */
export function interpolate(text: string, scope: InterpolationScope, defaultFormat: DefaultFormat = 'promql'): string {
  if (!text.includes('$') && !text.includes('[[')) return text;
  return text.replace(VARIABLE, (match, dollar?: string, bracket?: string, bracketFmt?: string, brace?: string, path?: string, braceFmt?: string) => {
    const name = dollar ?? bracket ?? brace ?? '';
    const key = path !== undefined && scope[`${name}.${path}`] ? `${name}.${path}` : name;
    const scoped = scope[key];
    if (!scoped) return match;
    return formatScoped(name, scoped, bracketFmt ?? braceFmt ?? defaultFormat, scope, defaultFormat);
  });
}

/** The variable names a text refers to, each once, in order of first mention (built-ins such as `__interval` included). */
export function variablesIn(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(VARIABLE)) names.add(m[1] ?? m[2] ?? m[4]);
  return [...names];
}
