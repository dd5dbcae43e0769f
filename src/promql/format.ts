// Floats printed as Go prints them: the HTTP API's strconv.FormatFloat(f, 'f',
// -1, 64) and fmt's %g used in Prometheus's messages.

/** Shortest decimal that round-trips, never in exponent form, as FormatFloat(f, 'f', -1, 64). */
export function formatFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
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

/** fmt's %g for a float64: shortest digits, exponent form below 1e-4 or from 1e6 on. */
export function formatG(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [m, x] = f.toExponential().split('e');
  const exp = Number(x);
  if (exp < -4 || exp >= 6) return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return formatFloat(f);
}
