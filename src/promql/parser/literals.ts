// PromQL's literal syntax: numbers as Prometheus's lexer reads them (Go's
// ParseInt with base prefixes, then ParseFloat; durations as seconds) and
// strings unquoted as Go's strconv.Unquote (single, double, raw).

import { parseDuration } from '../../model/duration';

const DURATION = /^(\d+(ms|[smhdwy]))+$/;

/** The value of a number literal (sign included), or NaN with ok=false when malformed. */
export function parseNumber(text: string): number | undefined {
  let s = text.trim();
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1).trimStart();
  }
  const lower = s.toLowerCase();
  if (lower === 'inf' || lower === 'infinity') return sign * Infinity;
  if (lower === 'nan') return NaN;
  if (DURATION.test(s)) return (sign * parseDuration(s)) / 1000;
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) return sign * parseInt(s.slice(2), 16);
  if (/^0[0-7]+$/.test(s)) return sign * parseInt(s.slice(1), 8);
  if (/^0[bB][01]+$/.test(s)) return sign * parseInt(s.slice(2), 2);
  if (/^0[oO][0-7]+$/.test(s)) return sign * parseInt(s.slice(2), 8);
  if (/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return sign * Number(s);
  return undefined;
}

/** Milliseconds of a duration literal: `5m`, or a plain number of seconds. */
export function parseDurationMs(text: string): number | undefined {
  if (DURATION.test(text)) return parseDuration(text);
  const n = parseNumber(text);
  if (n === undefined || !Number.isFinite(n)) return undefined;
  return Math.round(n * 1000);
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

/** Unquotes a Go-style string literal; throws with Go's wording when invalid. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Escaped bytes as text: UTF-8 sequences decoded, each byte that is not
 * valid UTF-8 kept as the lone surrogate U+DC00+byte (Python's
 * surrogateescape), so label checks can tell it from a real U+FFFD and
 * errors can print it back as Go does (`\xc5`).
 */
function decodeBytes(bytes: number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len > 0 && i + len <= bytes.length) {
      try {
        out += strictUtf8.decode(new Uint8Array(bytes.slice(i, i + len)));
        i += len;
        continue;
      } catch {
        // Not a valid sequence: escape its first byte below.
      }
    }
    out += String.fromCharCode(0xdc00 + b);
    i++;
  }
  return out;
}

/** Whether the text holds a byte that was not UTF-8 (see decodeBytes). */
export function hasInvalidUtf8(s: string): boolean {
  return /(?<![\ud800-\udbff])[\udc80-\udcff]/.test(s);
}

export function unquote(lit: string): string {
  const q = lit[0];
  if (lit.length < 2 || lit[lit.length - 1] !== q) throw new SyntaxError('invalid syntax');
  const body = lit.slice(1, -1);
  if (q === '`') {
    if (body.includes('`')) throw new SyntaxError('invalid syntax');
    return body.replace(/\r/g, '');
  }
  if (q !== '"' && q !== "'") throw new SyntaxError('invalid syntax');
  let out = '';
  const bytes: number[] = [];
  const flush = () => {
    if (bytes.length) {
      out += decodeBytes(bytes);
      bytes.length = 0;
    }
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === q || c === '\n') throw new SyntaxError('invalid syntax');
    if (c !== '\\') {
      flush();
      out += c;
      continue;
    }
    const e = body[++i];
    if (e === undefined) throw new SyntaxError('invalid syntax');
    if (e in SIMPLE_ESCAPES) {
      flush();
      out += SIMPLE_ESCAPES[e];
    } else if (e === 'x') {
      const h = body.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) throw new SyntaxError('invalid syntax');
      bytes.push(parseInt(h, 16));
      i += 2;
    } else if (e >= '0' && e <= '7') {
      const o = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(o) || parseInt(o, 8) > 255) throw new SyntaxError('invalid syntax');
      bytes.push(parseInt(o, 8));
      i += 2;
    } else if (e === 'u' || e === 'U') {
      const n = e === 'u' ? 4 : 8;
      const h = body.slice(i + 1, i + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(h)) throw new SyntaxError('invalid syntax');
      flush();
      out += String.fromCodePoint(parseInt(h, 16));
      i += n;
    } else {
      throw new SyntaxError('invalid syntax');
    }
  }
  flush();
  return out;
}
