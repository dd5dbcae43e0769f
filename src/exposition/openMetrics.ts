// OpenMetrics 1.0 text, pulled entry by entry from the bytes of one scrape.
// By default it accepts what Prometheus's OpenMetricsParser
// (openmetricsparse.go, openmetricslex.l) accepts; `strict` adds the
// specification's semantic rules (openMetricsRules.ts) for conformance runs.

import type { Labels } from '../model/labels';
import type { MetricType } from '../model/metricType';
import { decodeText, isValidUtf8, unescapeLabel } from './byteText';
import { parseErrorAt, tokenError } from './errorPlace';
import { floatSyntaxError, formatGoFloat, readGoFloat } from './goFloat';
import { LabelOffsets } from './labelOffsets';
import { OpenMetricsRules } from './openMetricsRules';
import type { Entry, Exemplar, ExpositionParser } from './parser';
import { LABEL_BYTES, LABEL_START_BYTES, NAME_BYTES, NAME_START_BYTES, scanQuoted, tokenKind } from './scan';

const OM_TYPES = new Map<string, MetricType>([
  ['counter', 'counter'],
  ['gauge', 'gauge'],
  ['histogram', 'histogram'],
  ['gaugehistogram', 'gaugehistogram'],
  ['summary', 'summary'],
  ['info', 'info'],
  ['stateset', 'stateset'],
  ['unknown', 'unknown'],
]);

// Module-local copies: see scan.ts.
const NAME_START = NAME_START_BYTES;
const NAME = NAME_BYTES;
const LABEL_START = LABEL_START_BYTES;
const LABEL = LABEL_BYTES;
const scanQuotedString = scanQuoted;
const readFloat = readGoFloat;
const validUtf8 = isValidUtf8;

const VALUE = 0;
const TS_MS = 1;
const EXEMPLAR_VALUE = 3;
const EXEMPLAR_TS_MS = 4;

const SP = 0x20;
const NL = 0x0a;
const HASH = 0x23;
const QUOTE = 0x22;
const COMMA = 0x2c;
const EQUAL = 0x3d;
const BRACE_OPEN = 0x7b;
const BRACE_CLOSE = 0x7d;

export interface OpenMetricsOptions {
  /** Enforce the OpenMetrics specification's rules beyond what Prometheus checks when scraping. */
  strict?: boolean;
  /**
   * The buffer is one piece of a larger exposition, cut after a newline
   * (see lineChunks.ts): running out of bytes before `# EOF` ends the entries
   * instead of failing, and the caller checks that the last piece saw 'eof'.
   */
  partial?: boolean;
  /** The TYPE in force where a partial piece starts: the previous piece's type(). */
  type?: MetricType;
}

export class OpenMetricsParser implements ExpositionParser {
  seriesStart = 0;
  seriesEnd = 0;
  private pos = 0;
  private readonly end: number;
  private readonly offs = new LabelOffsets();
  private readonly exemplarOffs = new LabelOffsets();
  private readonly rules: OpenMetricsRules | undefined;
  /** Doubles kept unboxed (see readGoFloat), at VALUE, TS_MS (+1: seconds), EXEMPLAR_VALUE, EXEMPLAR_TS_MS (+1: seconds). */
  private readonly nums = new Float64Array(6);
  private hasTs = false;
  private hasExemplar = false;
  private hasExemplarTs = false;
  private mtype: MetricType = 'unknown';
  private entryStart = 0;
  private textStart = 0;
  private textEnd = 0;
  private done = false;
  private readonly partial: boolean;

  constructor(
    readonly buf: Uint8Array,
    options: OpenMetricsOptions = {},
  ) {
    this.end = buf.length;
    this.rules = options.strict ? new OpenMetricsRules() : undefined;
    this.partial = options.partial ?? false;
    this.mtype = options.type ?? 'unknown';
  }

  next(): Entry | null {
    if (this.done) return null;
    const b = this.buf;
    const i = this.pos;
    this.entryStart = i;
    if (i >= this.end) {
      if (this.partial) return null;
      throw parseErrorAt(b, i, 'data does not end with # EOF');
    }
    const c = b[i];
    let entry: Entry;
    if (c === HASH && i + 1 < this.end && b[i + 1] === SP) entry = this.hashLine(i);
    else if (NAME_START[c] === 1 || c === BRACE_OPEN) entry = this.series(i);
    else throw tokenError(b, i, i, i + 1, tokenKind(b, i), 'expected a valid start token');
    if (this.rules) this.check(entry);
    return entry;
  }

  private hashLine(i: number): Entry {
    const b = this.buf;
    const end = this.end;
    const j = i + 2;
    const keyword = metaKeyword(b, j, end);
    if (keyword === 'eof') {
      let k = j + 3;
      if (k < end && b[k] === NL) k++;
      if (k < end) throw parseErrorAt(b, k, 'unexpected data after # EOF');
      this.done = true;
      this.pos = end;
      return 'eof';
    }
    if (keyword === undefined) throw tokenError(b, i, j, j + 1, tokenKind(b, j), 'expected a valid start token');
    let k = j + 5;
    const nameStart = k;
    if (k < end && NAME_START[b[k]] === 1) {
      while (k < end && NAME[b[k]] === 1) k++;
      this.offs.setName(nameStart, k);
    } else if (k < end && b[k] === QUOTE && (k = scanQuotedString(b, k, end, true)) > 0) {
      this.offs.setName(nameStart + 1, k - 1);
    } else {
      throw tokenError(b, i, nameStart, nameStart + 1, tokenKind(b, nameStart), `expected metric name after ${keyword.toUpperCase()}`);
    }
    const nl = b.indexOf(NL, k);
    if (k >= end || b[k] !== SP || nl < 0) throw parseErrorAt(b, k, `expected text in ${keyword.toUpperCase()}`);
    this.textStart = k + 1;
    this.textEnd = nl;
    this.pos = nl + 1;
    if (keyword === 'type') {
      const text = decodeText(b, this.textStart, nl);
      const t = OM_TYPES.get(text);
      if (t === undefined) throw parseErrorAt(b, this.textStart, `invalid metric type ${JSON.stringify(text)}`);
      this.mtype = t;
      return 'type';
    }
    if (keyword === 'unit') {
      const unit = decodeText(b, this.textStart, nl);
      const name = this.offs.metricName(b);
      if (unit !== '' && !(name.endsWith(unit) && name.length >= unit.length + 1 && name[name.length - unit.length - 1] === '_')) {
        throw parseErrorAt(b, this.textStart, `unit ${JSON.stringify(unit)} not a suffix of metric ${JSON.stringify(name)}`);
      }
      return 'unit';
    }
    if (!isValidUtf8(b, this.textStart, nl)) {
      throw parseErrorAt(b, this.textStart, `help text ${JSON.stringify(decodeText(b, this.textStart, nl))} is not a valid utf8 string`);
    }
    return 'help';
  }

  private series(start: number): Entry {
    const b = this.buf;
    const end = this.end;
    const offs = this.offs;
    offs.reset();
    this.seriesStart = start;
    this.hasExemplar = false;
    let i = start;
    if (b[i] !== BRACE_OPEN) {
      while (i < end && NAME[b[i]] === 1) i++;
      offs.setName(start, i);
    }
    if (i < end && b[i] === BRACE_OPEN) i = this.labelPairs(i + 1, offs, false);
    this.seriesEnd = i;
    if (!offs.hasName) throw parseErrorAt(b, start, `metric name not set while parsing: ${JSON.stringify(decodeText(b, start, i))}`);
    i = this.sampleValue(i, 'metric', VALUE);
    this.hasTs = false;
    if (i >= end) throw parseErrorAt(b, i, 'data does not end with # EOF');
    if (b[i] === SP && !isExemplarStart(b, i, end)) {
      i = this.timestampAt(i + 1, TS_MS, 'timestamp', 'expected timestamp or new record');
      this.hasTs = true;
      if (b[i] !== NL && !isExemplarStart(b, i, end)) throw tokenError(b, start, i, i + 1, tokenKind(b, i), 'expected next entry after timestamp');
    }
    if (b[i] === SP) i = this.exemplarAt(i + 4);
    else if (b[i] !== NL) throw tokenError(b, start, i, i + 1, tokenKind(b, i), 'expected timestamp or new record');
    this.pos = i + 1;
    return 'series';
  }

  /** ` value` at `i`, parsed into nums[slot]; returns the offset after it. */
  private sampleValue(i: number, after: string, slot: number): number {
    const b = this.buf;
    const end = this.end;
    if (i >= end || b[i] !== SP) throw tokenError(b, this.entryStart, i, i + 1, tokenKind(b, i), `expected value after ${after}`);
    const vs = i + 1;
    const ve = tokenEnd(b, vs, end);
    if (ve === vs) throw tokenError(b, this.entryStart, vs, vs + 1, tokenKind(b, vs), `expected value after ${after}`);
    if (!readFloat(b, vs, ve, this.nums, slot)) {
      throw parseErrorAt(b, vs, `${floatSyntaxError(decodeText(b, vs, ve))} while parsing: ${JSON.stringify(decodeText(b, this.entryStart, ve))}`);
    }
    return ve;
  }

  /**
   * Timestamp seconds at `ts` into nums[slot + 1] and as ms into nums[slot];
   * returns the offset after them, which is not the end of the input.
   */
  private timestampAt(ts: number, slot: number, what: string, expected: string): number {
    const b = this.buf;
    const end = this.end;
    const nums = this.nums;
    const i = tokenEnd(b, ts, end);
    if (i === ts) throw tokenError(b, this.entryStart, ts, ts + 1, tokenKind(b, ts), expected);
    if (!readFloat(b, ts, i, nums, slot + 1)) {
      throw parseErrorAt(b, ts, `${floatSyntaxError(decodeText(b, ts, i))} while parsing: ${JSON.stringify(decodeText(b, this.entryStart, i))}`);
    }
    if (!Number.isFinite(nums[slot + 1])) throw parseErrorAt(b, ts, `invalid ${what} ${formatGoFloat(nums[slot + 1])}`);
    // Go's int64(ts * 1000): the product truncated toward zero.
    nums[slot] = Math.trunc(nums[slot + 1] * 1000);
    if (i >= end) throw parseErrorAt(b, i, 'data does not end with # EOF');
    return i;
  }

  /** The exemplar after ` # {`; returns the offset of the line's newline. */
  private exemplarAt(i: number): number {
    const b = this.buf;
    const end = this.end;
    this.exemplarOffs.reset();
    i = this.labelPairs(i, this.exemplarOffs, true);
    i = this.sampleValue(i, 'exemplar labels', EXEMPLAR_VALUE);
    this.hasExemplar = true;
    this.hasExemplarTs = false;
    if (i >= end) throw parseErrorAt(b, i, 'data does not end with # EOF');
    if (b[i] === SP) {
      i = this.timestampAt(i + 1, EXEMPLAR_TS_MS, 'exemplar timestamp', 'expected timestamp or comment');
      this.hasExemplarTs = true;
      if (b[i] !== NL) throw tokenError(b, this.entryStart, i, i + 1, tokenKind(b, i), 'expected next entry after exemplar timestamp');
    } else if (b[i] !== NL) {
      throw tokenError(b, this.entryStart, i, i + 1, tokenKind(b, i), 'expected timestamp or comment');
    }
    return i;
  }

  /** Label pairs after `{`, into `offs`; returns the offset after `}`. */
  private labelPairs(i: number, offs: LabelOffsets, exemplar: boolean): number {
    const b = this.buf;
    const end = this.end;
    const start = this.entryStart;
    let afterComma = false;
    for (;;) {
      if (i >= end) throw tokenError(b, start, i, i, 'EOF', 'expected label name');
      if (b[i] === BRACE_CLOSE) {
        // Prometheus lets `{a="1",}` through; the specification does not.
        if (afterComma && this.rules) throw parseErrorAt(b, i, 'expected label name, got "}" after a trailing comma');
        return i + 1;
      }
      const ns = i;
      let quoted = false;
      if (LABEL_START[b[i]] === 1) {
        while (i < end && LABEL[b[i]] === 1) i++;
      } else if (b[i] === QUOTE && (i = scanQuotedString(b, i, end, true)) > 0) {
        quoted = true;
      } else {
        throw tokenError(b, start, ns, ns + 1, tokenKind(b, ns), 'expected label name');
      }
      const ne = i;
      if (quoted && i < end && (b[i] === COMMA || b[i] === BRACE_CLOSE)) {
        if (exemplar) throw tokenError(b, start, i, i + 1, tokenKind(b, i), 'expected label name');
        if (offs.hasName) throw parseErrorAt(b, ns, `metric name already set while parsing: ${JSON.stringify(decodeText(b, start, i + 1))}`);
        offs.setName(ns + 1, ne - 1);
        if (b[i] === BRACE_CLOSE) return i + 1;
        i++;
        afterComma = true;
        continue;
      }
      if (i >= end || b[i] !== EQUAL) throw tokenError(b, start, i, i + 1, tokenKind(b, i), 'expected equal');
      const vs = ++i;
      if (i >= end || b[i] !== QUOTE || (i = scanQuotedString(b, i, end, false)) < 0) {
        throw tokenError(b, start, vs, vs + 1, tokenKind(b, vs), 'expected label value');
      }
      if (!validUtf8(b, vs, i)) throw parseErrorAt(b, vs, `invalid UTF-8 label value: ${JSON.stringify(decodeText(b, vs, i))}`);
      if (quoted) offs.push(ns + 1, ne - 1, vs + 1, i - 1);
      else offs.push(ns, ne, vs + 1, i - 1);
      afterComma = false;
      if (i < end && b[i] === COMMA) {
        i++;
        afterComma = true;
      } else if (i >= end || b[i] !== BRACE_CLOSE) {
        throw tokenError(b, start, i, i + 1, tokenKind(b, i), 'expected comma or brace close');
      }
    }
  }

  private check(entry: Entry): void {
    const rules = this.rules!;
    const b = this.buf;
    let problem: string | undefined;
    if (entry === 'series') {
      const offs = this.offs;
      const labels: [string, string][] = [];
      for (let k = 0; k < offs.count; k++) labels.push([offs.labelName(b, k), offs.labelValue(b, k)]);
      problem = rules.sample({
        name: offs.metricName(b),
        labels,
        value: this.nums[VALUE],
        timestamp: this.hasTs ? this.nums[TS_MS + 1] : undefined,
        exemplarRunes: this.hasExemplar ? this.exemplarOffs.runeCount(b) : undefined,
      });
    } else if (entry === 'eof') {
      problem = rules.finish();
    } else if (entry === 'type' || entry === 'help' || entry === 'unit') {
      problem = rules.metadata(entry, this.family(), entry === 'type' ? this.mtype : decodeText(b, this.textStart, this.textEnd));
    }
    if (problem !== undefined) throw parseErrorAt(b, this.entryStart, problem);
  }

  labels(): Labels {
    return this.offs.labels(this.buf, this.mtype);
  }

  value(): number {
    return this.nums[VALUE];
  }

  timestamp(): number | undefined {
    return this.hasTs ? this.nums[TS_MS] : undefined;
  }

  exemplar(): Exemplar | undefined {
    if (!this.hasExemplar) return undefined;
    const nums = this.nums;
    return { labels: this.exemplarOffs.labels(this.buf, 'unknown'), value: nums[EXEMPLAR_VALUE], timestamp: this.hasExemplarTs ? nums[EXEMPLAR_TS_MS] : undefined };
  }

  family(): string {
    return this.offs.metricName(this.buf);
  }

  type(): MetricType {
    return this.mtype;
  }

  /** OpenMetrics escapes HELP as label values (`\"` too), as Prometheus's OpenMetricsParser.Help. */
  help(): string {
    return unescapeLabel(this.buf, this.textStart, this.textEnd);
  }

  unit(): string {
    return decodeText(this.buf, this.textStart, this.textEnd);
  }
}

function metaKeyword(b: Uint8Array, j: number, end: number): 'help' | 'type' | 'unit' | 'eof' | undefined {
  if (j + 3 > end) return undefined;
  const c0 = b[j];
  const c1 = b[j + 1];
  const c2 = b[j + 2];
  if (c0 === 0x45 && c1 === 0x4f && c2 === 0x46) return 'eof';
  if (j + 5 > end || b[j + 4] !== SP) return undefined;
  const c3 = b[j + 3];
  if (c0 === 0x48 && c1 === 0x45 && c2 === 0x4c && c3 === 0x50) return 'help';
  if (c0 === 0x54 && c1 === 0x59 && c2 === 0x50 && c3 === 0x45) return 'type';
  if (c0 === 0x55 && c1 === 0x4e && c2 === 0x49 && c3 === 0x54) return 'unit';
  return undefined;
}

/** The end of a `[^ \n]+` token starting at `i`. */
function tokenEnd(b: Uint8Array, i: number, end: number): number {
  while (i < end && b[i] !== SP && b[i] !== NL) i++;
  return i;
}

function isExemplarStart(b: Uint8Array, i: number, end: number): boolean {
  return i + 3 < end && b[i] === SP && b[i + 1] === HASH && b[i + 2] === SP && b[i + 3] === BRACE_OPEN;
}
