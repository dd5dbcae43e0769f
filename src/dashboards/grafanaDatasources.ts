// Where an imported panel's queries go. Grafana names a datasource by name,
// by `{ type, uid }`, by a `${DS_X}` input of a shared export or by a
// datasource variable; Vigil has this browser and remote Prometheus URLs.
// Prometheus-type references map to the board's source (or to a URL the user
// already has, when the name or uid is that URL); anything else cannot run.

import { isRaw, type Notes } from './grafanaJson';

export type SourceRef =
  /** A Prometheus: undefined follows the board, else '' / a URL / '$var'. */
  | { kind: 'prometheus'; source: string | undefined }
  | { kind: 'mixed' }
  | { kind: 'other'; what: string };

/** What the board knows about names: `__inputs` of a shared export and its datasource variables. */
export interface SourceContext {
  sources: readonly string[];
  /** `DS_PROMETHEUS` → plugin id (`prometheus`, `loki`, …). */
  inputs: ReadonlyMap<string, string>;
  /** Datasource variables by name → their plugin id. */
  variables: ReadonlyMap<string, string>;
  notes: Notes;
  /** Each reference reported once, where first seen. */
  seen: Set<string>;
}

const MIXED = '-- Mixed --';
const BUILT_IN: Record<string, string> = { '-- Grafana --': 'grafana', grafana: 'grafana', '-- Dashboard --': 'dashboard' };
/** Plugin ids that are not Prometheus, to tell a bare name's type when it says so. */
const NOT_PROMETHEUS = /loki|elastic|influx|graphite|testdata|mysql|postgres|mssql|cloudwatch|tempo|jaeger|zipkin|opentsdb|stackdriver|azure|clickhouse|pyroscope/i;

function variableName(s: string): string | null {
  const m = /^\$(?:\{([\w]+)\}|([\w]+))$/.exec(s);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

function describe(ds: unknown): string {
  if (typeof ds === 'string') return `"${ds}"`;
  if (isRaw(ds)) return JSON.stringify({ type: ds.type, uid: ds.uid });
  return 'default';
}

export function resolveSource(ds: unknown, path: string, ctx: SourceContext): SourceRef {
  const ref = classify(ds, ctx);
  const key = describe(ds);
  if (!ctx.seen.has(key) && ds !== null && ds !== undefined && ds !== 'default') {
    ctx.seen.add(key);
    const to =
      ref.kind === 'prometheus'
        ? ref.source === undefined || ref.source === ''
          ? "the board's source (this browser unless the board says otherwise)"
          : ref.source.startsWith('$')
            ? `the datasource variable ${ref.source}`
            : ref.source
        : ref.kind === 'mixed'
          ? 'each query’s own datasource'
          : null;
    ctx.notes.push(
      to === null
        ? { path, kind: 'unsupported', what: `datasource ${key} is ${ref.kind === 'other' ? ref.what : ''}, which Vigil cannot query` }
        : { path, kind: 'mapped', what: `datasource ${key} → ${to}` },
    );
  }
  return ref;
}

function classify(ds: unknown, ctx: SourceContext): SourceRef {
  if (ds === null || ds === undefined || ds === 'default') return { kind: 'prometheus', source: undefined };
  if (isRaw(ds)) {
    const uid = typeof ds.uid === 'string' ? ds.uid : '';
    const type = typeof ds.type === 'string' ? ds.type : '';
    if (uid === MIXED || type === 'mixed') return { kind: 'mixed' };
    if (type === '' || type === 'prometheus' || (type === 'datasource' && variableName(uid) !== null)) return byName(uid, type === 'prometheus', ctx);
    if (type === 'datasource' || type === 'grafana') return { kind: 'other', what: `Grafana's built-in ${BUILT_IN[uid] ?? uid} datasource` };
    return { kind: 'other', what: `a ${type} datasource` };
  }
  if (typeof ds !== 'string') return { kind: 'prometheus', source: undefined };
  if (ds === MIXED) return { kind: 'mixed' };
  if (BUILT_IN[ds]) return { kind: 'other', what: `Grafana's built-in ${BUILT_IN[ds]} datasource` };
  return byName(ds, false, ctx);
}

function byName(name: string, knownPrometheus: boolean, ctx: SourceContext): SourceRef {
  if (name === '') return { kind: 'prometheus', source: undefined };
  if (ctx.sources.includes(name)) return { kind: 'prometheus', source: name };
  const v = variableName(name);
  if (v !== null) {
    const input = ctx.inputs.get(v);
    if (input !== undefined) return input === 'prometheus' ? { kind: 'prometheus', source: undefined } : { kind: 'other', what: `a ${input} datasource` };
    const variable = ctx.variables.get(v);
    if (variable !== undefined) return variable === 'prometheus' ? { kind: 'prometheus', source: `$${v}` } : { kind: 'other', what: `a ${variable} datasource` };
    return { kind: 'prometheus', source: undefined };
  }
  if (!knownPrometheus && NOT_PROMETHEUS.test(name)) return { kind: 'other', what: `a datasource named like ${name.match(NOT_PROMETHEUS)?.[0].toLowerCase()}` };
  return { kind: 'prometheus', source: undefined };
}
