// Byte classes and token scanners shared by the two exposition lexers
// (promlex.l and openmetricslex.l agree on these).

// Byte classes as tables indexed by byte. Hot loops read them through a
// module-local const: under tsx every read of an imported binding is a getter call.

/** 1 for `[a-zA-Z_:]`, the first byte of a legacy metric name. */
export const NAME_START_BYTES = new Uint8Array(256);
/** 1 for `[a-zA-Z0-9_:]`. */
export const NAME_BYTES = new Uint8Array(256);
/** 1 for `[a-zA-Z_]`, the first byte of a label name. */
export const LABEL_START_BYTES = new Uint8Array(256);
/** 1 for `[a-zA-Z0-9_]`. */
export const LABEL_BYTES = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
  const digit = c >= 0x30 && c <= 0x39;
  NAME_START_BYTES[c] = letter || c === 0x3a ? 1 : 0;
  NAME_BYTES[c] = letter || digit || c === 0x3a ? 1 : 0;
  LABEL_START_BYTES[c] = letter ? 1 : 0;
  LABEL_BYTES[c] = letter || digit ? 1 : 0;
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

/**
 * The token kind Prometheus names when a byte cannot start the token it
 * expected: its lexers report INVALID there, even for a newline.
 */
export function tokenKind(b: Uint8Array, i: number): string {
  return i >= b.length ? 'EOF' : 'INVALID';
}
