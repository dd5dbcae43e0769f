// Numbers as Go's strconv reads and writes them, straight from the bytes of an
// exposition: the parsers accept exactly what Prometheus's parseFloat accepts
// and the writers print what expfmt prints.

const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

// Mantissas below 2^53 are exact doubles; a sum at or above it may have rounded, but not below it.
const MANTISSA_LIMIT = 2 ** 53;

const scratch = new Float64Array(1);

/** The float64 Go's strconv.ParseFloat gives for buf[start, end), or undefined when Go would fail (see readGoFloat). */
export function parseGoFloat(buf: Uint8Array, start: number, end: number): number | undefined {
  return readGoFloat(buf, start, end, scratch, 0) ? scratch[0] : undefined;
}

/**
 * Writes the float64 Go's strconv.ParseFloat gives for buf[start, end) to
 * out[at]; false when Go would fail. Like Prometheus's textparse parseFloat,
 * it refuses hex and underscores (`p`, `P`, `_`), so only decimal forms,
 * `Inf`/`Infinity` and `NaN` (any case) remain; out-of-range literals fail
 * as in Go. The result goes to a typed array because a double returned or
 * stored in a field is boxed on the heap: one allocation per sample.
 */
export function readGoFloat(buf: Uint8Array, start: number, end: number, out: Float64Array, at: number): boolean {
  let i = start;
  if (i >= end) return false;
  let c = buf[i];
  let neg = false;
  if (c === 0x2b || c === 0x2d) {
    neg = c === 0x2d;
    if (++i >= end) return false;
    c = buf[i];
  }
  if (c !== 0x2e && (c < 0x30 || c > 0x39)) {
    const v = special(buf, start, i, end, neg);
    if (v === undefined) return false;
    out[at] = v;
    return true;
  }
  let mant = 0;
  let digits = 0;
  let fracDigits = 0;
  let exact = true;
  let full = false;
  let dot = false;
  for (; i < end; i++) {
    c = buf[i];
    if (c >= 0x30 && c <= 0x39) {
      digits++;
      const next = full ? MANTISSA_LIMIT : mant * 10 + (c - 0x30);
      if (next < MANTISSA_LIMIT) {
        mant = next;
        if (dot) fracDigits++;
      } else {
        full = true;
        if (c !== 0x30) exact = false;
        if (!dot) fracDigits--;
      }
    } else if (c === 0x2e && !dot) {
      dot = true;
    } else break;
  }
  if (digits === 0) return false;
  let exp = 0;
  if (i < end) {
    if (c !== 0x65 && c !== 0x45) return false;
    if (++i >= end) return false;
    let expNeg = false;
    c = buf[i];
    if (c === 0x2b || c === 0x2d) {
      expNeg = c === 0x2d;
      if (++i >= end) return false;
    }
    const expStart = i;
    for (; i < end; i++) {
      c = buf[i];
      if (c < 0x30 || c > 0x39) return false;
      if (exp < 100_000) exp = exp * 10 + (c - 0x30);
    }
    if (i === expStart) return false;
    if (expNeg) exp = -exp;
  }
  const scale = exp - fracDigits;
  let v: number;
  // Clinger's fast path: an exact mantissa and an exact power of ten make one correctly rounded operation.
  if (exact && scale >= -22 && scale <= 22) v = scale >= 0 ? mant * POW10[scale] : mant / POW10[-scale];
  else {
    v = Number(latin1(buf, neg || buf[start] === 0x2b ? start + 1 : start, end));
    if (!Number.isFinite(v)) return false;
  }
  out[at] = neg ? -v : v;
  return true;
}

function special(buf: Uint8Array, start: number, i: number, end: number, neg: boolean): number | undefined {
  const word = latin1(buf, i, end).toLowerCase();
  if (word === 'inf' || word === 'infinity') return neg ? -Infinity : Infinity;
  if (word === 'nan' && i === start) return NaN;
  return undefined;
}

/** A base-10 int64 as Go's strconv.ParseInt reads it, or undefined (see readGoInt). */
export function parseGoInt(buf: Uint8Array, start: number, end: number): number | undefined {
  return readGoInt(buf, start, end, scratch, 0) ? scratch[0] : undefined;
}

/**
 * Writes a base-10 int64 as Go's strconv.ParseInt reads it (the text
 * format's timestamps: digits with an optional sign) to out[at]; false when
 * Go would fail.
 */
export function readGoInt(buf: Uint8Array, start: number, end: number, out: Float64Array, at: number): boolean {
  let i = start;
  let neg = false;
  if (i < end && (buf[i] === 0x2b || buf[i] === 0x2d)) {
    neg = buf[i] === 0x2d;
    i++;
  }
  if (i >= end) return false;
  let v = 0;
  for (let j = i; j < end; j++) {
    const c = buf[j];
    if (c < 0x30 || c > 0x39) return false;
    v = v * 10 + (c - 0x30);
  }
  // Past 2^53 the running sum rounds at every step; read the digits at once.
  if (end - i > 15) {
    const big = BigInt(latin1(buf, i, end));
    if (big > (neg ? 9223372036854775808n : 9223372036854775807n)) return false;
    v = Number(big);
  }
  out[at] = neg ? -v : v;
  return true;
}

/** Why Prometheus would refuse the literal: its parseFloat's own words for `p`, `P`, `_`, else strconv's. */
export function floatSyntaxError(text: string, fn = 'ParseFloat'): string {
  if (fn === 'ParseFloat' && /[pP_]/.test(text)) return 'unsupported character in float';
  const numeric = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text);
  return `strconv.${fn}: parsing ${JSON.stringify(text)}: ${numeric ? 'value out of range' : 'invalid syntax'}`;
}

const latin1Decoder = new TextDecoder('latin1');

/** ASCII bytes as a string in one allocation (a concatenation loop makes one per byte). */
function latin1(buf: Uint8Array, start: number, end: number): string {
  return latin1Decoder.decode(buf.subarray(start, end));
}

/** Go's strconv.FormatFloat(v, 'g', -1, 64): shortest digits, exponent form outside [1e-4, 1e6). */
export function formatGoFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const sign = v < 0 ? '-' : '';
  const [mant, expText] = Math.abs(v).toExponential().split('e');
  const digits = mant.replace('.', '');
  const exp = Number(expText);
  // strconv's fmtG decides between %e and %f with precision 6 when formatting shortest.
  if (exp < -4 || exp >= 6) {
    const abs = Math.abs(exp);
    return `${sign}${digits[0]}${digits.length > 1 ? '.' + digits.slice(1) : ''}e${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return sign + digits + '0'.repeat(exp + 1 - digits.length);
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/** expfmt's writeOpenMetricsFloat and Prometheus's formatOpenMetricsFloat: `1.0`, `+Inf`, `NaN`. */
export function formatOpenMetricsFloat(v: number): string {
  if (v === 1) return '1.0';
  if (v === 0) return '0.0';
  if (v === -1) return '-1.0';
  const s = formatGoFloat(v);
  if (Number.isNaN(v) || !Number.isFinite(v) || s.includes('e') || s.includes('.')) return s;
  return s + '.0';
}
