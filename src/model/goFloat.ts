// Floats printed as Go prints them, for PromQL, rules and dashboards alike:
// the HTTP API's jsonutil.MarshalFloat, strconv.FormatFloat(f, 'f', -1, 64)
// (count_values labels) and fmt's %g used in Prometheus's messages.

/** Go's non-finite spellings, or undefined for a finite float. */
function nonFinite(f: number): string | undefined {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  return undefined;
}

/** Shortest digits in exponent form, as FormatFloat(f, 'e', -1, 64): 1e-07, 1.5e+21. */
function formatE(f: number): string {
  const [m, x] = f.toExponential().split('e');
  const exp = Number(x);
  return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** Shortest decimal that round-trips, never in exponent form, as FormatFloat(f, 'f', -1, 64). */
export function formatFloat(f: number): string {
  const special = nonFinite(f);
  if (special !== undefined) return special;
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const s = String(f);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const neg = s[0] === '-';
  const coeff = s.slice(neg ? 1 : 0, e);
  const dot = coeff.indexOf('.');
  const mant = coeff.replace('.', '');
  const intDigits = (dot < 0 ? coeff.length : dot) + Number(s.slice(e + 1));
  let out: string;
  if (intDigits <= 0) out = '0.' + '0'.repeat(-intDigits) + mant;
  else if (intDigits >= mant.length) out = mant + '0'.repeat(intDigits - mant.length);
  else out = mant.slice(0, intDigits) + '.' + mant.slice(intDigits);
  return (neg ? '-' : '') + out;
}

/** A sample value as the HTTP API writes it (util/jsonutil MarshalFloat): exponent form below 1e-6 and from 1e21 up. */
export function formatSampleValue(f: number): string {
  const abs = Math.abs(f);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21) && nonFinite(f) === undefined) return formatE(f);
  return formatFloat(f);
}

/** A sample value the HTTP API wrote (strconv.ParseFloat's spellings of the infinities included). */
export function parseSampleValue(s: string): number {
  if (s === '+Inf' || s === 'Inf') return Infinity;
  if (s === '-Inf') return -Infinity;
  return Number(s);
}

/** fmt's %g for a float64: shortest digits, exponent form below 1e-4 or from 1e6 on (%g's shortest precision is 6). */
export function formatG(f: number): string {
  const special = nonFinite(f);
  if (special !== undefined) return special;
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const exp = Number(f.toExponential().split('e')[1]);
  return exp < -4 || exp >= 6 ? formatE(f) : formatFloat(f);
}

/** fmt's %.Pg: P significant digits, exponent form when exp < -4 or exp >= P, trailing zeros dropped. */
export function formatGPrecision(v: number, precision: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const p = Math.max(1, precision);
  const [mant, expText] = v.toExponential(p - 1).split('e');
  const exp = Number(expText);
  const trim = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (exp < -4 || exp >= p) return `${trim(mant)}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return trim(toFixedGo(v, Math.max(0, p - 1 - exp)));
}

/**
 * fmt's %.Pf: correctly rounded, ties to even as Go rounds exact halves
 * (JavaScript's toFixed rounds them up: 2.25 → "2.3" where Go prints "2.2").
 */
export function toFixedGo(v: number, precision: number): string {
  const s = v.toFixed(precision);
  const long = Math.abs(v).toFixed(Math.min(100, precision + 40));
  const tail = long.slice(long.length - 40);
  if (!/^50*$/.test(tail)) return s;
  // An exact tie: round the truncated digits half to even.
  const truncated = long.slice(0, long.length - 40).replace(/\.$/, '');
  const lastDigit = Number(truncated[truncated.length - 1]);
  if (lastDigit % 2 === 0) return (v < 0 ? '-' : '') + truncated;
  return s;
}
