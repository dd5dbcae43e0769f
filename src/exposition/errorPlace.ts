// Turns a byte offset into the line and column a person would look at, only
// when a parse fails, so the hot path never counts lines.

import { ParseError } from './parser';
import { decodeText } from './byteText';
import { quote } from '../model/labels';

/** A ParseError for the byte at `offset` (1-based line; column in code points). */
export function parseErrorAt(buf: Uint8Array, offset: number, what: string): ParseError {
  let line = 1;
  let column = 1;
  const stop = Math.min(offset, buf.length);
  for (let i = 0; i < stop; i++) {
    if (buf[i] === 0x0a) {
      line++;
      column = 1;
    } else if ((buf[i] & 0xc0) !== 0x80) column++;
  }
  return new ParseError(line, column, what);
}

/**
 * Prometheus's textparse parseError: what was expected, the offending token
 * buf[tokStart, tokEnd) and its kind, and the entry so far.
 */
export function tokenError(buf: Uint8Array, entryStart: number, tokStart: number, tokEnd: number, kind: string, expected: string): ParseError {
  const e = Math.min(buf.length, Math.max(tokEnd, tokStart + 1));
  const got = quote(decodeText(buf, tokStart, e));
  const entry = quote(decodeText(buf, entryStart, e));
  return parseErrorAt(buf, tokStart, `${expected}, got ${got} (${JSON.stringify(kind)}) while parsing: ${entry}`);
}
