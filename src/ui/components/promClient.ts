// The PromQL editor's completion source (codemirror-promql's PrometheusClient)
// served by a data source, whichever it is. The editor asks on every keystroke,
// so answers are kept for a while and requests in flight are shared: 10,000
// metric names are fetched once per maxAge, not once per key.
import type { PrometheusClient } from '@prometheus-io/codemirror-promql';
import { EqlRegex, EqlSingle, Neq, NeqRegex } from '@prometheus-io/lezer-promql';
import type { DataSource } from '../../model/dataSource';
import type { MetricMeta } from '../../model/queryResult';
import { type Failure, failureText, type Result } from '../../model/result';

/** The look-ups of a data source completion needs; tests pass a fake. */
export type CompletionApi = Pick<DataSource, 'labelNames' | 'labelValues' | 'series' | 'metadata'>;

type Matcher = NonNullable<Parameters<PrometheusClient['labelValues']>[2]>[number];
type MetricMetadata = Awaited<ReturnType<PrometheusClient['metricMetadata']>>[string][number];

export interface PromClientOptions {
  /** How long an answer is served before it is fetched again in the background. */
  maxAgeMs?: number;
  /** Distinct label-value and series answers kept (least recently stored dropped first). */
  maxEntries?: number;
  /** Completion must never throw into the editor; failures are reported here and answered empty. */
  onError?: (err: unknown) => void;
  /** Each look-up's outcome: the source's failure in its own words, or null once one succeeds. */
  onAnswer?: (failure: Failure | null) => void;
  now?: () => number;
}

const METRIC_NAME = '__name__';

/**
 * Answers from the engine, cached per question. A stale answer is returned at
 * once while a fresh one is fetched, so typing never waits on a refetch.
 */
export class EngineCompletionClient implements PrometheusClient {
  private readonly maxAgeMs: number;
  private readonly maxEntries: number;
  private readonly onError: (err: unknown) => void;
  private readonly onAnswer: (failure: Failure | null) => void;
  private readonly now: () => number;
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly api: CompletionApi,
    opts: PromClientOptions = {},
  ) {
    this.maxAgeMs = opts.maxAgeMs ?? 60_000;
    this.maxEntries = opts.maxEntries ?? 500;
    this.onError = opts.onError ?? (() => {});
    this.onAnswer = opts.onAnswer ?? (() => {});
    this.now = opts.now ?? Date.now;
  }

  metricNames(_prefix?: string): Promise<string[]> {
    // The whole list, whatever the prefix: the editor filters fuzzily, so
    // `cpu` must still offer `node_cpu_seconds_total`.
    return this.labelValues(METRIC_NAME);
  }

  labelNames(metricName?: string): Promise<string[]> {
    const match = metricName ? [metricName] : undefined;
    return this.ask(`labels\0${metricName ?? ''}`, () => this.value(this.api.labelNames(match)), []);
  }

  labelValues(labelName: string, metricName?: string, matchers?: Matcher[]): Promise<string[]> {
    const selector = selectorFor(metricName, matchers, labelName);
    const match = selector ? [selector] : undefined;
    return this.ask(`values\0${labelName}\0${selector}`, () => this.value(this.api.labelValues(labelName, match)), []);
  }

  metricMetadata(): Promise<Record<string, MetricMetadata[]>> {
    return this.ask('metadata', async () => toCompletionMetadata(await this.value(this.api.metadata())), {});
  }

  series(metricName: string, matchers?: Matcher[], labelName?: string): Promise<Map<string, string>[]> {
    const selector = selectorFor(metricName, matchers, labelName);
    if (!selector) return Promise.resolve([]);
    return this.ask(
      `series\0${selector}`,
      async () => (await this.value(this.api.series([selector]))).map((labels) => new Map(Object.entries(labels))),
      [],
    );
  }

  flags(): Promise<Record<string, string>> {
    return Promise.resolve({});
  }

  /** Forgets every answer, e.g. after the scrape config changed. */
  destroy(): void {
    this.cache.clear();
  }

  /** A failed look-up rejects (answered empty, asked again on the next keystroke) in the source's own words. */
  private async value<T>(asked: Promise<Result<T>>): Promise<T> {
    const r = await asked;
    this.onAnswer(r.ok ? null : r.error);
    if (!r.ok) throw new Error(failureText(r.error));
    return r.value;
  }

  private ask<T>(key: string, load: () => Promise<T>, empty: T): Promise<T> {
    const entry = this.cache.get(key) as CacheEntry<T> | undefined;
    if (entry?.settled) {
      if (this.now() - entry.at > this.maxAgeMs && !entry.pending) this.fetch(key, load, entry);
      return Promise.resolve(entry.value);
    }
    if (entry?.pending) return entry.pending;
    const fresh: CacheEntry<T> = { settled: false, value: empty, at: 0 };
    this.store(key, fresh);
    return this.fetch(key, load, fresh);
  }

  private fetch<T>(key: string, load: () => Promise<T>, entry: CacheEntry<T>): Promise<T> {
    const pending = load().then(
      (value) => {
        Object.assign(entry, { settled: true, value, at: this.now(), pending: undefined });
        return value;
      },
      (err: unknown) => {
        entry.pending = undefined;
        // Unsettled failures are forgotten so the next keystroke asks again.
        if (!entry.settled && this.cache.get(key) === entry) this.cache.delete(key);
        this.onError(err);
        return entry.value;
      },
    );
    entry.pending = pending;
    return pending;
  }

  private store(key: string, entry: CacheEntry): void {
    this.cache.set(key, entry);
    if (this.cache.size > this.maxEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }
}

interface CacheEntry<T = unknown> {
  settled: boolean;
  value: T;
  /** When value was fetched (ms). */
  at: number;
  pending?: Promise<T>;
}

/** The engine's metadata carries UNIT too; completion shows only TYPE and HELP. */
function toCompletionMetadata(meta: Record<string, MetricMeta[]>): Record<string, MetricMetadata[]> {
  const out: Record<string, MetricMetadata[]> = {};
  for (const [name, entries] of Object.entries(meta)) {
    out[name] = entries.map(({ type, help }) => ({ type, help }));
  }
  return out;
}

const OPS = new Map<number, string>([
  [EqlSingle, '='],
  [Neq, '!='],
  [EqlRegex, '=~'],
  [NeqRegex, '!~'],
]);

/**
 * The series selector for a completion question, as codemirror-promql's
 * labelMatchersToString builds it: the matcher being completed and matchers
 * with an empty value (still being typed) are left out. Values arrive as they
 * appear between the quotes in the editor, escapes included.
 */
export function selectorFor(metricName: string | undefined, matchers: Matcher[] = [], labelName?: string): string {
  const parts: string[] = [];
  for (const m of matchers) {
    if (m.name === labelName || m.value === '') continue;
    parts.push(`${quoteLabelName(m.name)}${OPS.get(m.type) ?? '='}"${m.value}"`);
  }
  const name = metricName ?? '';
  if (parts.length === 0) return name;
  return `${name}{${parts.join(',')}}`;
}

function quoteLabelName(name: string): string {
  return /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name) ? name : JSON.stringify(name);
}
