// Warnings and infos that travel beside a result, worded as Prometheus's
// util/annotations so users can search for them. Duplicates are kept once,
// at the place in the query that first raised them.

import type { PosRange } from './parser/ast';
import { startPosInput } from './errors';
import { formatG, formatGPrecision } from '../model/goFloat';

/** The HTTP API lists at most this many of each kind, then says how many more there were (api.go). */
const MAX_LISTED = 10;

/** Where histogram_quantile had to lift decreasing bucket counts: the bounds of the lifted buckets and the largest lift. */
export interface ForcedMonotonicity {
  minBucket: number;
  maxBucket: number;
  maxDiff: number;
}

/** histogram_quantile's monotonicity info sums up every step and group it was raised for. */
interface Lifted extends ForcedMonotonicity {
  minTs: number;
  maxTs: number;
  /** Raised this many times more than once. */
  count: number;
}

interface Found {
  pos?: PosRange;
  lifted?: Lifted;
}

export class Annotations {
  private readonly warned = new Map<string, Found>();
  private readonly informed = new Map<string, Found>();

  warn(message: string, pos?: PosRange): void {
    const text = `PromQL warning: ${message}`;
    if (!this.warned.has(text)) this.warned.set(text, { pos });
  }

  info(message: string, pos?: PosRange): void {
    const text = `PromQL info: ${message}`;
    if (!this.informed.has(text)) this.informed.set(text, { pos });
  }

  /** As histogramQuantileForcedMonotonicityErr, merged as its Merge does. */
  forcedMonotonicity(message: string, pos: PosRange, t: number, f: ForcedMonotonicity): void {
    const text = `PromQL info: ${message}`;
    const prev = this.informed.get(text)?.lifted;
    if (!prev) {
      this.informed.set(text, { pos, lifted: { ...f, minTs: t, maxTs: t, count: 0 } });
      return;
    }
    prev.minTs = Math.min(prev.minTs, t);
    prev.maxTs = Math.max(prev.maxTs, t);
    prev.minBucket = Math.min(prev.minBucket, f.minBucket);
    prev.maxBucket = Math.max(prev.maxBucket, f.maxBucket);
    prev.maxDiff = Math.max(prev.maxDiff, f.maxDiff);
    prev.count++;
  }

  /** The messages alone, as Prometheus's test scripts compare them. */
  get warnings(): string[] {
    return [...this.warned.keys()];
  }

  get infos(): string[] {
    return [...this.informed.keys()];
  }

  /** As the HTTP API answers (Annotations.AsStrings): each with ` (line:col)` in the query, at most ten of a kind. */
  asStrings(query: string): { warnings: string[]; infos: string[] } {
    return { warnings: listed(this.warned, query, 'warning'), infos: listed(this.informed, query, 'info') };
  }
}

function listed(found: Map<string, Found>, query: string, kind: string): string[] {
  const out: string[] = [];
  for (const [text, { pos, lifted }] of found) {
    if (out.length === MAX_LISTED) break;
    const at = pos === undefined ? '' : ` (${startPosInput(query, pos.start)})`;
    out.push(lifted === undefined ? `${text}${at}` : `${text}${liftedDetail(lifted)}${at}`);
  }
  if (found.size > MAX_LISTED) out.push(`${found.size - MAX_LISTED} more ${kind} annotations omitted`);
  return out;
}

function liftedDetail(l: Lifted): string {
  const when = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  return `, from buckets ${formatG(l.minBucket)} to ${formatG(l.maxBucket)}, with a max diff of ${formatGPrecision(l.maxDiff, 2)}, over ${l.count + 1} samples from ${when(l.minTs)} to ${when(l.maxTs)}`;
}

/** `… for metric name "x"`, left off when the series has no name (annotations.maybeAddMetricName). */
export function forMetric(message: string, metricName: string): string {
  return metricName === '' ? message : `${message} for metric name ${JSON.stringify(metricName)}`;
}
