// Reading the histogram notation of promqltest series
// (`{{schema:0 count:3 sum:5 buckets:[1 2] counter_reset_hint:gauge}}`), as
// Prometheus's promql/parser lexes and builds it (lexHistogram,
// buildHistogramFromMap): keys in any order and case, one span per side.

import { FloatHistogram } from './floatHistogram';
import { CounterResetHint } from './types';

export type NotationResult =
  | { ok: true; histogram: FloatHistogram; end: number; counterResetHintSet: boolean }
  | { ok: false; error: string; pos: number };

const HINTS: Record<string, CounterResetHint> = {
  unknown: CounterResetHint.Unknown,
  reset: CounterResetHint.CounterReset,
  not_reset: CounterResetHint.NotCounterReset,
  gauge: CounterResetHint.Gauge,
};

const NUMBER = /[+-]?(?:inf(?:inity)?|nan|0x[0-9a-f_]+|(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)(?:e[+-]?[0-9_]+)?)/iy;
const INT = /[+-]?[0-9]+/y;
const WORD = /[a-z_]+/iy;

function toNumber(s: string): number {
  const t = s.replace(/_/g, '').toLowerCase();
  const neg = t.startsWith('-');
  const body = t.replace(/^[+-]/, '');
  let v: number;
  if (body.startsWith('inf')) v = Infinity;
  else if (body === 'nan') v = NaN;
  else if (body.startsWith('0x')) v = parseInt(body.slice(2), 16);
  else v = Number(body);
  return neg ? -v : v;
}

/**
 * Parses one `{{…}}` starting at `pos` in `text`. On success `end` is the
 * offset after `}}` and counterResetHintSet says whether the hint was
 * written (promqltest compares hints only then); on failure `pos` is where it went wrong.
 */
export function parseHistogramNotation(text: string, pos: number): NotationResult {
  let i = pos;
  const fail = (error: string, at = i): NotationResult => ({ ok: false, error, pos: at });
  if (!text.startsWith('{{', i)) return fail('expected "{{" to open a histogram');
  i += 2;
  const fields = new Map<string, number | number[] | CounterResetHint>();
  const skipSpace = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  };
  const match = (re: RegExp): string | undefined => {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) return undefined;
    i += m[0].length;
    return m[0];
  };
  for (;;) {
    skipSpace();
    if (text.startsWith('}}', i)) {
      i += 2;
      break;
    }
    if (i >= text.length) return fail('histogram description incomplete: missing "}}"');
    const keyAt = i;
    const word = match(WORD);
    if (word === undefined) return fail(`histogram description incomplete unexpected: ${JSON.stringify(text[i])}`);
    const key = word.toLowerCase();
    if (text[i] !== ':') return fail(KEYS.has(key) ? 'missing `:` for histogram descriptor' : `bad histogram descriptor found: ${JSON.stringify(word)}`, keyAt);
    if (!KEYS.has(key)) return fail(`bad histogram descriptor found: ${JSON.stringify(word)}`, keyAt);
    i++;
    const valueAt = i;
    if (key === 'schema' || key === 'offset' || key === 'n_offset') {
      const s = match(INT);
      if (s === undefined) return fail(`unexpected value for ${key}, expected an integer`, valueAt);
      fields.set(key, Number(s));
    } else if (key === 'buckets' || key === 'n_buckets' || key === 'custom_values') {
      if (text[i] !== '[') return fail(`unexpected value for ${key}, expected a bucket list like [5 10 7]`, valueAt);
      i++;
      const values: number[] = [];
      for (;;) {
        skipSpace();
        if (text[i] === ']') {
          i++;
          break;
        }
        const s = match(NUMBER);
        if (s === undefined) return fail(`unexpected character in bucket list of ${key}, expected a number or "]"`);
        values.push(toNumber(s));
      }
      if (values.length === 0) return fail(`empty bucket list for ${key}`, valueAt);
      fields.set(key, values);
    } else if (key === 'counter_reset_hint') {
      const s = match(WORD);
      const hint = s === undefined ? undefined : HINTS[s.toLowerCase()];
      if (hint === undefined) return fail('unexpected value for counter_reset_hint, expected unknown, reset, not_reset or gauge', valueAt);
      fields.set(key, hint);
    } else {
      const s = match(NUMBER);
      if (s === undefined) return fail(`unexpected value for ${key}, expected a number`, valueAt);
      const v = toNumber(s);
      if (key === 'z_bucket_w' && s.startsWith('-')) return fail('unexpected value for z_bucket_w, expected an unsigned number', valueAt);
      fields.set(key, v);
    }
    if (i < text.length && text[i] !== ' ' && text[i] !== '\t' && !text.startsWith('}}', i)) {
      return fail('unexpected character in histogram description, expected a space or "}}"');
    }
  }
  const num = (k: string): number => (fields.get(k) as number | undefined) ?? 0;
  const list = (k: string): number[] | undefined => fields.get(k) as number[] | undefined;
  const side = (bk: string, ok: string): { spans: { offset: number; length: number }[]; buckets: number[] } => {
    const b = list(bk) ?? [];
    return { buckets: b, spans: b.length > 0 ? [{ offset: num(ok), length: b.length }] : [] };
  };
  const pos_ = side('buckets', 'offset');
  const neg = side('n_buckets', 'n_offset');
  const histogram = new FloatHistogram({
    schema: num('schema'),
    sum: num('sum'),
    count: num('count'),
    zeroCount: num('z_bucket'),
    zeroThreshold: num('z_bucket_w'),
    customValues: list('custom_values'),
    counterResetHint: (fields.get('counter_reset_hint') as CounterResetHint | undefined) ?? CounterResetHint.Unknown,
    positiveSpans: pos_.spans,
    positiveBuckets: pos_.buckets,
    negativeSpans: neg.spans,
    negativeBuckets: neg.buckets,
  });
  return { ok: true, histogram, end: i, counterResetHintSet: fields.has('counter_reset_hint') };
}

const KEYS = new Set(['sum', 'count', 'schema', 'offset', 'n_offset', 'buckets', 'n_buckets', 'z_bucket', 'z_bucket_w', 'custom_values', 'counter_reset_hint']);
