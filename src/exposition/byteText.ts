// Text out of exposition bytes, decoded only when a caller asks: label names
// and values, HELP text, and the escapes Prometheus undoes in them.

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const utf8 = new TextDecoder('utf-8');

/** buf[start, end) as a string (UTF-8; invalid sequences become U+FFFD). */
export function decodeText(buf: Uint8Array, start: number, end: number): string {
  let ascii = true;
  for (let i = start; i < end; i++) {
    if (buf[i] >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (!ascii) return utf8.decode(buf.subarray(start, end));
  if (end - start < 64) {
    let s = '';
    for (let i = start; i < end; i++) s += String.fromCharCode(buf[i]);
    return s;
  }
  return String.fromCharCode.apply(null, buf.subarray(start, end) as unknown as number[]);
}

export function isValidUtf8(buf: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (buf[i] >= 0x80) {
      try {
        strictUtf8.decode(buf.subarray(i, end));
        return true;
      } catch {
        return false;
      }
    }
  }
  return true;
}

const LABEL_ESCAPE = /\\(["\\n])/g;
const HELP_ESCAPE = /\\([\\n])/g;
const unescaped = (_: string, c: string): string => (c === 'n' ? '\n' : c);

/** A label name or value without quotes, `\"`, `\\` and `\n` undone as Prometheus's lvalReplacer does (other escapes stay). */
export function unescapeLabel(buf: Uint8Array, start: number, end: number): string {
  const s = decodeText(buf, start, end);
  return s.includes('\\') ? s.replace(LABEL_ESCAPE, unescaped) : s;
}

/** Text-format HELP with `\\` and `\n` undone, as Prometheus's helpReplacer. */
export function unescapeHelp(buf: Uint8Array, start: number, end: number): string {
  const s = decodeText(buf, start, end);
  return s.includes('\\') ? s.replace(HELP_ESCAPE, unescaped) : s;
}
