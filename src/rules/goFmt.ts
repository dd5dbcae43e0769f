// Go's fmt verbs as Prometheus's templates print numbers and strings
// (`%.4g` in humanize, printf in user templates), so rendered text matches
// what a Prometheus server renders.

import { formatG, formatGPrecision, toFixedGo } from '../model/goFloat';
import { quote } from '../model/labels';

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '') return Number(v);
  return NaN;
}

/** fmt's %v for the values templates handle. */
export function formatV(v: unknown): string {
  if (typeof v === 'number') return formatG(v);
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `[${v.map(formatV).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o).sort().map((k) => `${k}:${formatV(o[k])}`).join(' ')}]`;
  }
  return String(v);
}

const VERB = /%([-+# 0]*)(\d+|\*)?(?:\.(\d+|\*)?)?([a-zA-Z%])/g;

/** Go's fmt.Sprintf for the verbs templates use: %s %v %d %f %e %g %q %x %X %t %c %%. */
export function sprintf(format: string, args: readonly unknown[]): string {
  let next = 0;
  const out = format.replace(VERB, (_whole, flags: string, width: string | undefined, prec: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    if (width === '*') width = String(args[next++]);
    if (prec === '*') prec = String(args[next++]);
    if (next >= args.length) return `%!${verb}(MISSING)`;
    const arg = args[next++];
    let s: string;
    const precision = prec === undefined ? undefined : Number(prec);
    switch (verb) {
      case 's':
      case 'v':
        s = verb === 's' && typeof arg === 'number' ? `%!s(float64=${formatG(arg)})` : formatV(arg);
        if (precision !== undefined && typeof arg === 'string') s = s.slice(0, precision);
        break;
      case 'd': {
        const n = toNumber(arg);
        s = Number.isInteger(n) ? String(n) : `%!d(float64=${formatG(n)})`;
        break;
      }
      case 'f':
      case 'F': {
        const n = toNumber(arg);
        s = Number.isFinite(n) ? toFixedGo(n, precision ?? 6) : formatG(n);
        break;
      }
      case 'e':
      case 'E': {
        const n = toNumber(arg);
        s = Number.isFinite(n) ? n.toExponential(precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2') : formatG(n);
        if (verb === 'E') s = s.toUpperCase();
        break;
      }
      case 'g':
      case 'G':
        s = precision === undefined ? formatG(toNumber(arg)) : formatGPrecision(toNumber(arg), precision);
        if (verb === 'G') s = s.toUpperCase();
        break;
      case 'q':
        s = quote(formatV(arg));
        break;
      case 'x':
      case 'X': {
        const str = typeof arg === 'number' ? Math.trunc(arg).toString(16) : [...new TextEncoder().encode(formatV(arg))].map((b) => b.toString(16).padStart(2, '0')).join('');
        s = verb === 'X' ? str.toUpperCase() : str;
        break;
      }
      case 't':
        s = typeof arg === 'boolean' ? String(arg) : `%!t(${formatV(arg)})`;
        break;
      case 'c':
        s = String.fromCodePoint(toNumber(arg));
        break;
      default:
        s = `%!${verb}(${formatV(arg)})`;
    }
    if (flags.includes('+') && typeof arg === 'number' && arg >= 0 && 'dfeEgG'.includes(verb)) s = '+' + s;
    const w = width === undefined ? 0 : Number(width);
    if (s.length < w) {
      if (flags.includes('-')) s = s.padEnd(w);
      else if (flags.includes('0') && typeof arg === 'number') s = s.startsWith('-') ? '-' + s.slice(1).padStart(w - 1, '0') : s.padStart(w, '0');
      else s = s.padStart(w);
    }
    return s;
  });
  if (next < args.length) return `${out}%!(EXTRA ${args.slice(next).map((a) => `${typeof a === 'number' ? 'float64' : 'string'}=${formatV(a)}`).join(', ')})`;
  return out;
}
