// Prometheus text format 0.0.4, pulled entry by entry from the bytes of one
// scrape, accepting what Prometheus's PromParser (promparse.go, promlex.l)
// accepts and failing where it fails, with its wording.

import type { Labels } from '../model/labels';
import type { MetricType } from '../model/metricType';
import { decodeText, isValidUtf8, unescapeHelp } from './byteText';
import { parseErrorAt, tokenError } from './errorPlace';
import { floatSyntaxError, readGoFloat, readGoInt } from './goFloat';
import { LabelOffsets } from './labelOffsets';
import type { Entry, ExpositionParser } from './parser';
import { LABEL_BYTES, LABEL_START_BYTES, NAME_BYTES, NAME_START_BYTES, scanQuoted, tokenKind } from './scan';

const TEXT_TYPES = new Map<string, MetricType>([
  ['counter', 'counter'],
  ['gauge', 'gauge'],
  ['histogram', 'histogram'],
  ['summary', 'summary'],
  ['untyped', 'unknown'],
]);

// Module-local copies: see scan.ts.
const NAME_START = NAME_START_BYTES;
const NAME = NAME_BYTES;
const LABEL_START = LABEL_START_BYTES;
const LABEL = LABEL_BYTES;
const scanQuotedString = scanQuoted;
const readFloat = readGoFloat;
const readInt = readGoInt;
const validUtf8 = isValidUtf8;

const SP = 0x20;
const TAB = 0x09;
const NL = 0x0a;
const HASH = 0x23;
const QUOTE = 0x22;
const BRACE_OPEN = 0x7b;
const BRACE_CLOSE = 0x7d;

export class PromTextParser implements ExpositionParser {
  seriesStart = 0;
  seriesEnd = 0;
  private pos = 0;
  private readonly end: number;
  private readonly offs = new LabelOffsets();
  /** [value, timestamp]: doubles kept unboxed (see readGoFloat). */
  private readonly nums = new Float64Array(2);
  private hasTs = false;
  private mtype: MetricType = 'unknown';
  private entryStart = 0;
  private textStart = 0;
  private textEnd = 0;

  /** `type`: the TYPE in force where `buf` starts, when it is a piece of a larger exposition (see lineChunks.ts). */
  constructor(
    readonly buf: Uint8Array,
    options: { type?: MetricType } = {},
  ) {
    this.end = buf.length;
    this.mtype = options.type ?? 'unknown';
  }

  next(): Entry | null {
    const b = this.buf;
    const end = this.end;
    let i = this.pos;
    for (;;) {
      while (i < end && (b[i] === SP || b[i] === TAB)) i++;
      if (i >= end) {
        this.pos = end;
        return null;
      }
      const c = b[i];
      if (c === NL) {
        i++;
        continue;
      }
      this.entryStart = i;
      // promlex returns EOF on a NUL byte at the start of an entry.
      if (c === 0) {
        this.pos = end;
        return null;
      }
      if (c === HASH) return this.meta(i);
      if (NAME_START[c] === 1 || c === BRACE_OPEN) return this.series(i);
      throw tokenError(b, i, i, i + 1, tokenKind(b, i), 'expected a valid start token');
    }
  }

  private meta(i: number): Entry {
    const b = this.buf;
    const end = this.end;
    let j = i + 1;
    while (j < end && (b[j] === SP || b[j] === TAB)) j++;
    const keyword = j > i + 1 && j + 4 < end && (b[j + 4] === SP || b[j + 4] === TAB) ? metaKeyword(b, j) : undefined;
    if (keyword === undefined) {
      this.textStart = j;
      this.textEnd = lineEnd(b, j, end);
      this.pos = this.textEnd + 1;
      return 'comment';
    }
    j += 5;
    while (j < end && (b[j] === SP || b[j] === TAB)) j++;
    const nameStart = j;
    if (j < end && NAME_START[b[j]] === 1) {
      while (j < end && NAME[b[j]] === 1) j++;
      this.offs.setName(nameStart, j);
    } else if (j < end && b[j] === QUOTE && (j = scanQuotedString(b, j, end, true)) > 0) {
      this.offs.setName(nameStart + 1, j - 1);
    } else {
      throw tokenError(b, i, nameStart, nameStart + 1, tokenKind(b, nameStart), `expected metric name after ${keyword.toUpperCase()}`);
    }
    const eol = lineEnd(b, j, end);
    // promlex's text token starts right after the name and the parser drops its first byte.
    let onlySpace = true;
    for (let k = j; k < eol; k++) if (b[k] !== SP && b[k] !== TAB) onlySpace = false;
    this.textStart = onlySpace || eol - j <= 1 ? eol : j + 1;
    this.textEnd = eol;
    this.pos = eol + 1;
    if (keyword === 'type') {
      const t = TEXT_TYPES.get(decodeText(b, this.textStart, this.textEnd));
      if (t === undefined) throw parseErrorAt(b, this.textStart, `invalid metric type ${JSON.stringify(decodeText(b, this.textStart, this.textEnd))}`);
      this.mtype = t;
      return 'type';
    }
    if (!isValidUtf8(b, this.textStart, this.textEnd)) {
      throw parseErrorAt(b, this.textStart, `help text ${JSON.stringify(decodeText(b, this.textStart, this.textEnd))} is not a valid utf8 string`);
    }
    return 'help';
  }

  private series(start: number): Entry {
    const b = this.buf;
    const end = this.end;
    const offs = this.offs;
    offs.reset();
    this.seriesStart = start;
    let i = start;
    if (b[i] !== BRACE_OPEN) {
      while (i < end && NAME[b[i]] === 1) i++;
      offs.setName(start, i);
      this.seriesEnd = i;
      while (i < end && (b[i] === SP || b[i] === TAB)) i++;
    }
    if (i < end && b[i] === BRACE_OPEN) {
      i = this.labelPairs(i + 1);
      this.seriesEnd = i;
      while (i < end && (b[i] === SP || b[i] === TAB)) i++;
    }
    if (!offs.hasName) throw parseErrorAt(b, start, `metric name not set while parsing: ${JSON.stringify(decodeText(b, start, i))}`);
    const vs = i;
    while (i < end && b[i] !== SP && b[i] !== TAB && b[i] !== NL && b[i] !== BRACE_OPEN) i++;
    if (i === vs) throw tokenError(b, start, vs, vs + 1, tokenKind(b, vs), 'expected value after metric');
    if (!readFloat(b, vs, i, this.nums, 0)) throw parseErrorAt(b, vs, `${floatSyntaxError(decodeText(b, vs, i))} while parsing: ${JSON.stringify(decodeText(b, start, i))}`);
    this.hasTs = false;
    while (i < end && (b[i] === SP || b[i] === TAB)) i++;
    if (i < end && b[i] >= 0x30 && b[i] <= 0x39) {
      const ts = i;
      while (i < end && b[i] >= 0x30 && b[i] <= 0x39) i++;
      this.hasTs = true;
      if (!readInt(b, ts, i, this.nums, 1)) throw parseErrorAt(b, ts, `${floatSyntaxError(decodeText(b, ts, i), 'ParseInt')} while parsing: ${JSON.stringify(decodeText(b, start, i))}`);
      while (i < end && (b[i] === SP || b[i] === TAB)) i++;
      if (i < end && b[i] !== NL && !isExemplarStart(b, i, end)) throw tokenError(b, start, i, i + 1, tokenKind(b, i), 'expected next entry after timestamp');
    } else if (i < end && b[i] !== NL && !isExemplarStart(b, i, end)) {
      throw tokenError(b, start, i, i + 1, tokenKind(b, i), 'expected timestamp or new record');
    }
    // An OpenMetrics exemplar served as text is skipped rather than failing the scrape.
    this.pos = lineEnd(b, i, end) + 1;
    return 'series';
  }

  /** The label pairs after `{`; returns the offset after `}`. */
  private labelPairs(i: number): number {
    const b = this.buf;
    const end = this.end;
    const offs = this.offs;
    const start = this.entryStart;
    for (;;) {
      while (i < end && (b[i] === SP || b[i] === TAB)) i++;
      if (i >= end) throw tokenError(b, start, i, i, 'EOF', 'expected label name');
      if (b[i] === BRACE_CLOSE) return i + 1;
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
      while (i < end && (b[i] === SP || b[i] === TAB)) i++;
      if (quoted && i < end && (b[i] === 0x2c || b[i] === BRACE_CLOSE)) {
        if (offs.hasName) throw parseErrorAt(b, ns, `metric name already set while parsing: ${JSON.stringify(decodeText(b, start, i + 1))}`);
        offs.setName(ns + 1, ne - 1);
        if (b[i] === BRACE_CLOSE) return i + 1;
        i++;
        continue;
      }
      if (i >= end || b[i] !== 0x3d) throw tokenError(b, start, i, i + 1, tokenKind(b, i), 'expected equal');
      i++;
      while (i < end && (b[i] === SP || b[i] === TAB)) i++;
      const vs = i;
      if (i >= end || b[i] !== QUOTE || (i = scanQuotedString(b, i, end, true)) < 0) {
        throw tokenError(b, start, vs, vs + 1, tokenKind(b, vs), 'expected label value');
      }
      if (!validUtf8(b, vs, i)) throw parseErrorAt(b, vs, `invalid UTF-8 label value: ${JSON.stringify(decodeText(b, vs, i))}`);
      if (quoted) offs.push(ns + 1, ne - 1, vs + 1, i - 1);
      else offs.push(ns, ne, vs + 1, i - 1);
      while (i < end && (b[i] === SP || b[i] === TAB)) i++;
      if (i < end && b[i] === 0x2c) i++;
    }
  }

  labels(): Labels {
    return this.offs.labels(this.buf, this.mtype);
  }

  value(): number {
    return this.nums[0];
  }

  timestamp(): number | undefined {
    return this.hasTs ? this.nums[1] : undefined;
  }

  family(): string {
    return this.offs.metricName(this.buf);
  }

  type(): MetricType {
    return this.mtype;
  }

  help(): string {
    return unescapeHelp(this.buf, this.textStart, this.textEnd);
  }

  unit(): string {
    return '';
  }

  comment(): string {
    return decodeText(this.buf, this.textStart, this.textEnd);
  }
}

function metaKeyword(b: Uint8Array, j: number): 'help' | 'type' | undefined {
  if (b[j] === 0x48 && b[j + 1] === 0x45 && b[j + 2] === 0x4c && b[j + 3] === 0x50) return 'help';
  if (b[j] === 0x54 && b[j + 1] === 0x59 && b[j + 2] === 0x50 && b[j + 3] === 0x45) return 'type';
  return undefined;
}

function lineEnd(b: Uint8Array, i: number, end: number): number {
  const nl = b.indexOf(NL, i);
  return nl < 0 ? end : nl;
}

function isExemplarStart(b: Uint8Array, i: number, end: number): boolean {
  return i + 2 < end && b[i] === HASH && b[i + 1] === SP && b[i + 2] === BRACE_OPEN;
}
