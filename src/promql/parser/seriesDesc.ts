// Prometheus's series description notation from its test scripts
// (`metric{a="b"} 0+10x100 _ stale`), as parser.ParseSeriesDesc reads it,
// and the start-time lines beside it (`metric{a="b"}@st -30s-1mx2 _`).

import { parseDuration } from '../../model/duration';
import type { FloatHistogram } from '../../model/histogram/floatHistogram';
import { parseHistogramNotation } from '../../model/histogram/notation';
import { Labels, METRIC_NAME } from '../../model/labels';
import { STALE_NAN } from '../../model/staleNaN';
import { unquote } from './literals';

/**
 * One position in a sequence: a value, or omitted (`_`). A native histogram's
 * value is 0; `counterResetHintSet` says whether its `{{…}}` named a
 * counter_reset_hint, which an expected result then must match.
 */
export type SequenceValue = { omitted: true } | { omitted: false; value: number; histogram?: FloatHistogram; counterResetHintSet?: boolean };

export interface SeriesDesc {
  labels: Labels;
  values: SequenceValue[];
  /** True when any value is a native histogram (`{{…}}`). */
  histogram: boolean;
}

// No hex here: in a sequence `0x8` means zero repeated.
const NUMBER = /^[+-]?(?:inf(?:inity)?|nan|(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)/i;

function parseNum(text: string): number {
  const lower = text.toLowerCase().replace(/^\+/, '');
  if (lower === 'inf' || lower === 'infinity') return Infinity;
  if (lower === '-inf' || lower === '-infinity') return -Infinity;
  if (lower.endsWith('nan')) return NaN;
  const neg = lower.startsWith('-');
  const body = neg ? lower.slice(1) : lower;
  const v = Number(body);
  return neg ? -v : v;
}

/** Reads `name{labels}` at the start of text; returns the labels and where the rest begins. */
export function parseMetric(text: string): { labels: Labels; rest: number } {
  let i = 0;
  const flat: string[] = [];
  const ident = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(text);
  if (ident) {
    flat.push(METRIC_NAME, ident[0]);
    i = ident[0].length;
  }
  if (text[i] === '{') {
    i++;
    const skipSpace = () => {
      while (text[i] === ' ' || text[i] === '\t') i++;
    };
    const readQuoted = (): string => {
      const q = text[i];
      let j = i + 1;
      while (j < text.length && text[j] !== q) j += text[j] === '\\' ? 2 : 1;
      const lit = text.slice(i, j + 1);
      i = j + 1;
      return unquote(lit);
    };
    for (;;) {
      skipSpace();
      if (text[i] === '}') {
        i++;
        break;
      }
      let name: string;
      if (text[i] === '"' || text[i] === "'" || text[i] === '`') name = readQuoted();
      else {
        const m = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(text.slice(i));
        if (!m) throw new SyntaxError(`unexpected character in label set: ${JSON.stringify(text.slice(i, i + 10))}`);
        name = m[0];
        i += name.length;
      }
      skipSpace();
      if (text[i] === '=') {
        i++;
        skipSpace();
        flat.push(name, readQuoted());
      } else {
        flat.push(METRIC_NAME, name);
      }
      skipSpace();
      if (text[i] === ',') i++;
    }
  }
  return { labels: Labels.fromPairs(flat), rest: i };
}

/** Expands one sequence item: `_`, `_xN`, `stale`, `v`, `vxN`, `v+dxN`, `v-dxN`. */
function expandItem(item: string): SequenceValue[] {
  if (item === '_') return [{ omitted: true }];
  const blank = /^_x(\d+)$/.exec(item);
  if (blank) return Array.from({ length: Number(blank[1]) }, () => ({ omitted: true }) as const);
  if (item === 'stale') return [{ omitted: false, value: STALE_NAN }];
  const start = NUMBER.exec(item);
  if (!start) throw new SyntaxError(`invalid sequence item ${JSON.stringify(item)}`);
  let v = parseNum(start[0]);
  let rest = item.slice(start[0].length);
  if (rest === '') return [{ omitted: false, value: v }];
  let delta = 0;
  if (rest[0] === '+' || rest[0] === '-') {
    const d = NUMBER.exec(rest);
    if (!d) throw new SyntaxError(`invalid sequence item ${JSON.stringify(item)}`);
    delta = parseNum(d[0]);
    rest = rest.slice(d[0].length);
  }
  const times = /^x(\d+)$/.exec(rest);
  if (!times) throw new SyntaxError(`invalid sequence item ${JSON.stringify(item)}`);
  const out: SequenceValue[] = [{ omitted: false, value: v }];
  for (let k = 1; k <= Number(times[1]); k++) {
    // Repeated addition, as the series grammar accumulates it.
    v += delta;
    out.push({ omitted: false, value: v });
  }
  return out;
}

/** The items of a sequence: split at white space, except inside a `{{…}}` histogram. */
function sequenceItems(text: string): string[] {
  const items: string[] = [];
  let i = 0;
  const isSpace = (c: string) => c === ' ' || c === '\t';
  while (i < text.length) {
    while (i < text.length && isSpace(text[i])) i++;
    const from = i;
    while (i < text.length && !isSpace(text[i])) {
      if (text.startsWith('{{', i)) {
        const close = text.indexOf('}}', i);
        if (close < 0) throw new SyntaxError(`unclosed histogram in ${JSON.stringify(text.slice(i, i + 40))}`);
        i = close + 2;
      } else i++;
    }
    if (i > from) items.push(text.slice(from, i));
  }
  return items;
}

const HISTOGRAM_ITEM = /^(\{\{.*?\}\})(?:([+-])(\{\{.*?\}\}))?(?:x(\d+))?$/s;

function histogramValue(notation: string): SequenceValue & { omitted: false } {
  const r = parseHistogramNotation(notation, 0);
  if (!r.ok) throw new SyntaxError(`invalid histogram ${JSON.stringify(notation)} at offset ${r.pos}: ${r.error}`);
  if (r.end !== notation.length) throw new SyntaxError(`invalid histogram ${JSON.stringify(notation)}: unexpected text after "}}" at offset ${r.end}`);
  return { omitted: false, value: 0, histogram: r.histogram, counterResetHintSet: r.counterResetHintSet };
}

/**
 * Expands a histogram item as the series grammar does: `{{h}}`, `{{h}}xN`
 * (N+1 copies), `{{h}}+{{d}}xN` and `{{h}}-{{d}}xN` (h, then d added or
 * subtracted N times in turn; the hint's presence is the increment's).
 */
function expandHistogramItem(item: string): SequenceValue[] {
  const m = HISTOGRAM_ITEM.exec(item);
  if (!m) throw new SyntaxError(`invalid sequence item ${JSON.stringify(item)}`);
  const base = histogramValue(m[1]);
  if (m[4] === undefined) {
    if (m[2] !== undefined) throw new SyntaxError(`invalid sequence item ${JSON.stringify(item)}: an increment needs a repeat count`);
    return [base];
  }
  const times = Number(m[4]);
  if (m[2] === undefined) return Array.from({ length: times + 1 }, () => base);
  const inc = histogramValue(m[3]);
  const hintSet = inc.counterResetHintSet;
  const out: SequenceValue[] = [{ ...base, counterResetHintSet: hintSet }];
  let cur = base.histogram!;
  for (let k = 1; k <= times; k++) {
    if (cur.schema > inc.histogram!.schema) throw new SyntaxError(`error combining histograms: cannot merge from schema ${inc.histogram!.schema} to ${cur.schema}`);
    const next = cur.copy();
    const r = m[2] === '+' ? next.add(inc.histogram!) : next.sub(inc.histogram!);
    if (r.err) throw new SyntaxError(`error combining histograms: ${r.err.message}`);
    cur = next;
    out.push({ omitted: false, value: 0, histogram: cur, counterResetHintSet: hintSet });
  }
  return out;
}

export function parseSeriesDesc(line: string): SeriesDesc {
  const { labels, rest } = parseMetric(line.trim());
  const valuesText = line.trim().slice(rest).trim();
  const values: SequenceValue[] = [];
  let histogram = false;
  for (const item of sequenceItems(valuesText)) {
    if (item.startsWith('{{')) {
      histogram = true;
      values.push(...expandHistogramItem(item));
    } else values.push(...expandItem(item));
  }
  return { labels, values, histogram };
}

/** Whether a load line is a start-time line: the metric glued to `@st` (promqltest's isSTLine). */
export function isStartTimeLine(line: string): boolean {
  const first = line.trim().split(/[\t ]/, 1)[0];
  return first.endsWith('@st') && line.trim().length > first.length;
}

/** `-30s`, `+1m`, `0`: a signed duration at the start of text, up to its unit's end (parseDurationPrefix). */
const ST_DURATION = /^([+-]?)(\d+)([a-wyzA-Z]*)/;

function takeDuration(text: string, item: string): { ms: number; rest: string } {
  const m = ST_DURATION.exec(text);
  if (!m) throw new SyntaxError(`invalid ST item ${JSON.stringify(item)}: expected digits in duration ${JSON.stringify(text)}`);
  const ms = parseDuration(m[2] + m[3]);
  return { ms: m[1] === '-' ? -ms : ms, rest: text.slice(m[0].length) };
}

function repeatCount(rest: string, item: string): number {
  const n = /^x(\d+)$/.exec(rest);
  if (!n) throw new SyntaxError(`invalid ST item ${JSON.stringify(item)}: invalid repeat count`);
  return Number(n[1]);
}

/**
 * Expands one start-time item (parseSTItem): `_`, `_xN`, `d`, `dxN`, `d+dxN`,
 * `d-dxN`, each d a signed duration. Note `dxN` gives N+1 positions, `_xN` N.
 */
function expandStartTimeItem(item: string): SequenceValue[] {
  if (item === '_') return [{ omitted: true }];
  if (item.startsWith('_x')) {
    const n = repeatCount(item.slice(1), item);
    if (n === 0) throw new SyntaxError(`invalid ST item ${JSON.stringify(item)}: invalid repeat count`);
    return Array.from({ length: n }, () => ({ omitted: true }) as const);
  }
  const base = takeDuration(item, item);
  if (base.rest === '') return [{ omitted: false, value: base.ms }];
  let delta = 0;
  let rest = base.rest;
  if (rest[0] === '+' || rest[0] === '-') {
    const d = takeDuration(rest.slice(1), item);
    delta = rest[0] === '-' ? -d.ms : d.ms;
    rest = d.rest;
  }
  const n = repeatCount(rest, item);
  return Array.from({ length: n + 1 }, (_, k) => ({ omitted: false, value: base.ms + k * delta }));
}

/** A start-time line: the series and, per position, its start time's offset in ms from the sample's time. */
export function parseStartTimeDesc(line: string): { labels: Labels; offsets: SequenceValue[] } {
  const text = line.trim();
  const space = text.search(/[\t ]/);
  const metric = text.slice(0, space).slice(0, -'@st'.length);
  const { labels, rest } = parseMetric(metric);
  if (rest !== metric.length) throw new SyntaxError(`invalid @st line metric ${JSON.stringify(metric)}`);
  const offsets: SequenceValue[] = [];
  for (const item of text.slice(space).trim().split(/\s+/)) offsets.push(...expandStartTimeItem(item));
  return { labels, offsets };
}
