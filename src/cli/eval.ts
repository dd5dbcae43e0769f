// `npm run eval -- --data FILE --queries FILE (--time T | --start S --end E --step D)`:
// loads a timestamped exposition file into a fresh in-memory TSDB (streamed in
// line-aligned chunks, never one string) and prints one Prometheus HTTP API
// answer per query line; a failing query prints its error and the next runs.

import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { sniffFormat, parserFor } from '../exposition/contentType';
import { parseDuration } from '../model/duration';
import type { Labels } from '../model/labels';
import { apiData, QueryEngine, type QueryResult } from '../promql/engine';
import { QueryError } from '../promql/errors';
import { Head } from '../tsdb/head';
import type { Appender, SeriesRef } from '../tsdb/storage';
import { errorMessage } from '../model/result';

const EOF_MARK = new TextEncoder().encode('# EOF\n');
const latin1 = new TextDecoder('latin1');

interface KnownSeries {
  ref: SeriesRef;
  labels: Labels;
}

interface Args {
  data?: string;
  queries?: string;
  time?: string;
  start?: string;
  end?: string;
  step?: string;
}

function parseArgs(argv: string[]): Args {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${JSON.stringify(a)}`);
    const eq = a.indexOf('=');
    if (eq > 0) out[a.slice(2, eq)] = a.slice(eq + 1);
    else out[a.slice(2)] = argv[++i];
  }
  return out;
}

/** A time as the HTTP API takes it: Unix seconds (fractions allowed) or RFC 3339. */
function parseTime(text: string): number {
  const n = Number(text);
  if (text.trim() !== '' && Number.isFinite(n)) return Math.round(n * 1000);
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`cannot parse ${JSON.stringify(text)} to a valid timestamp`);
  return ms;
}

/** A step as the HTTP API takes it: a duration (`15s`) or seconds. */
function parseStep(text: string): number {
  const n = Number(text);
  if (text.trim() !== '' && Number.isFinite(n)) return Math.round(n * 1000);
  return parseDuration(text);
}

async function isOpenMetrics(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const tail = new Uint8Array(Math.min(size, 64));
    await fh.read(tail, 0, tail.length, size - tail.length);
    return sniffFormat(tail) === 'openmetrics';
  } finally {
    await fh.close();
  }
}

/** Appends every sample of one line-aligned chunk, resolving each distinct series text once. */
function loadChunk(chunk: Uint8Array, openMetrics: boolean, app: Appender, seen: Map<string, KnownSeries>): number {
  const p = parserFor(chunk, openMetrics ? 'application/openmetrics-text' : 'text/plain');
  let n = 0;
  for (let e = p.next(); e !== null && e !== 'eof'; e = p.next()) {
    if (e !== 'series') continue;
    const key = latin1.decode(p.buf.subarray(p.seriesStart, p.seriesEnd));
    let known = seen.get(key);
    if (!known) seen.set(key, (known = { ref: 0, labels: p.labels() }));
    known.ref = app.append(known.ref, known.labels, p.timestamp() ?? 0, p.value());
    n++;
  }
  return n;
}

/** Streams the file in chunks cut at line ends; OpenMetrics chunks get their own `# EOF`. */
export async function loadData(path: string, head: Head): Promise<number> {
  const openMetrics = await isOpenMetrics(path);
  const seen = new Map<string, KnownSeries>();
  let carry = new Uint8Array(0);
  let total = 0;
  const flush = (bytes: Uint8Array) => {
    if (bytes.length === 0) return;
    let chunk = bytes;
    if (openMetrics && sniffFormat(bytes) !== 'openmetrics') {
      chunk = new Uint8Array(bytes.length + EOF_MARK.length);
      chunk.set(bytes);
      chunk.set(EOF_MARK, bytes.length);
    }
    const app = head.appender();
    total += loadChunk(chunk, openMetrics, app, seen);
    app.commit();
  };
  for await (const piece of createReadStream(path, { highWaterMark: 4 << 20 })) {
    const buf = piece as Buffer;
    const joined = new Uint8Array(carry.length + buf.length);
    joined.set(carry);
    joined.set(buf, carry.length);
    const cut = joined.lastIndexOf(0x0a) + 1;
    flush(joined.subarray(0, cut));
    carry = joined.slice(cut);
  }
  flush(carry);
  return total;
}

export function answer(r: QueryResult): string {
  const out: Record<string, unknown> = { status: 'success', data: apiData(r.value) };
  if (r.warnings.length > 0) out.warnings = r.warnings;
  if (r.infos.length > 0) out.infos = r.infos;
  return JSON.stringify(out);
}

export function failure(e: unknown): string {
  const type = e instanceof QueryError ? e.type : 'execution';
  return JSON.stringify({ status: 'error', errorType: type, error: errorMessage(e) });
}

export async function run(argv: string[]): Promise<number> {
  let args: Args;
  let range: { start: number; end: number; step: number } | undefined;
  let time = 0;
  try {
    args = parseArgs(argv);
    if (!args.data || !args.queries) throw new Error('--data and --queries are required');
    if (args.time !== undefined) time = parseTime(args.time);
    else if (args.start !== undefined && args.end !== undefined && args.step !== undefined) {
      range = { start: parseTime(args.start), end: parseTime(args.end), step: parseStep(args.step) };
    } else throw new Error('give --time, or --start, --end and --step');
  } catch (e) {
    process.stderr.write(`eval: ${errorMessage(e)}\nusage: eval --data FILE --queries FILE (--time T | --start S --end E --step D)\n`);
    return 2;
  }
  const head = new Head();
  try {
    await loadData(args.data!, head);
  } catch (e) {
    process.stderr.write(`eval: loading ${args.data}: ${errorMessage(e)}\n`);
    return 1;
  }
  const queries = (await readFile(args.queries!, 'utf8')).split('\n').filter((q) => q.trim() !== '' && !q.trimStart().startsWith('#'));
  const engine = new QueryEngine();
  const querier = head.querier();
  for (const q of queries) {
    let line: string;
    try {
      const r = range ? await engine.rangeQuery(querier, q, range.start, range.end, range.step) : await engine.instantQuery(querier, q, time);
      line = answer(r);
    } catch (e) {
      line = failure(e);
    }
    process.stdout.write(line + '\n');
  }
  return 0;
}
