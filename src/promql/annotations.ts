// Warnings and infos that travel beside a result, worded as Prometheus's
// util/annotations so users can search for them. Duplicates are kept once,
// at the place in the query that first raised them.

import type { PosRange } from './ast';
import { startPosInput } from './errors';

/** The HTTP API lists at most this many of each kind, then says how many more there were (api.go). */
const MAX_LISTED = 10;

export class Annotations {
  private readonly warned = new Map<string, PosRange | undefined>();
  private readonly informed = new Map<string, PosRange | undefined>();

  warn(message: string, pos?: PosRange): void {
    const text = `PromQL warning: ${message}`;
    if (!this.warned.has(text)) this.warned.set(text, pos);
  }

  info(message: string, pos?: PosRange): void {
    const text = `PromQL info: ${message}`;
    if (!this.informed.has(text)) this.informed.set(text, pos);
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

function listed(found: Map<string, PosRange | undefined>, query: string, kind: string): string[] {
  const out: string[] = [];
  for (const [text, pos] of found) {
    if (out.length === MAX_LISTED) break;
    out.push(pos === undefined ? text : `${text} (${startPosInput(query, pos.start)})`);
  }
  if (found.size > MAX_LISTED) out.push(`${found.size - MAX_LISTED} more ${kind} annotations omitted`);
  return out;
}

/** `… for metric name "x"`, left off when the series has no name (annotations.maybeAddMetricName). */
export function forMetric(message: string, metricName: string): string {
  return metricName === '' ? message : `${message} for metric name ${JSON.stringify(metricName)}`;
}
