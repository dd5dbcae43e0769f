// Byte classes and token scanners shared by the two exposition lexers
// (promlex.l and openmetricslex.l agree on these).

const NAME_START = new Uint8Array(256);
const NAME = new Uint8Array(256);
const LABEL = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
  const digit = c >= 0x30 && c <= 0x39;
  NAME_START[c] = letter || c === 0x3a ? 1 : 0;
  NAME[c] = letter || digit || c === 0x3a ? 1 : 0;
  LABEL[c] = letter || digit ? 1 : 0;
}

/** `[a-zA-Z_:]`, the first byte of a legacy metric name. */
export function isNameStartByte(c: number): boolean {
  return NAME_START[c] === 1;
}

/** `[a-zA-Z0-9_:]`. */
export function isNameByte(c: number): boolean {
  return NAME[c] === 1;
}

/** `[a-zA-Z0-9_]`; a label name must not start with a digit. */
export function isLabelNameByte(c: number): boolean {
  return LABEL[c] === 1;
}

/**
 * A quoted string `"(\\.|[^\\"])*"` starting at the quote at `i`; returns the
 * offset after the closing quote, or -1 when it does not close (the text
 * format lets a newline through, OpenMetrics does not).
 */
export function scanQuoted(b: Uint8Array, i: number, end: number, newlineAllowed: boolean): number {
  for (let j = i + 1; j < end; j++) {
    const c = b[j];
    if (c === 0x22) return j + 1;
    if (c === 0x5c) j++;
    else if (c === 0x0a && !newlineAllowed) return -1;
  }
  return -1;
}

/** The token kind Prometheus names when a byte cannot start the token it expected. */
export function tokenKind(b: Uint8Array, i: number): string {
  if (i >= b.length) return 'EOF';
  return b[i] === 0x0a ? 'LINEBREAK' : 'INVALID';
}
