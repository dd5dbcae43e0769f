// Shapes of label regexes that can skip the RegExp engine, as Prometheus's
// FastRegexMatcher (model/labels/regexp.go) finds set matches and literal
// prefixes: `a|b|c` becomes set look-ups, `foo.*` a prefix test.

import type { Matcher } from '../model/matcher';

export type RegexShape =
  | { kind: 'set'; values: string[] }
  | { kind: 'prefix'; prefix: string }
  | { kind: 'nonEmptyPrefix'; prefix: string };

const META = new Set('\\^$.|?*+()[]{}');

/** The literal a pattern piece spells, or undefined when it uses regex syntax. */
function literal(piece: string): string | undefined {
  let out = '';
  for (let i = 0; i < piece.length; i++) {
    const c = piece[i];
    if (c === '\\') {
      const next = piece[i + 1];
      // Escaped punctuation is literal; `\d`, `\w`, `\Q` and friends are classes or syntax.
      if (next === undefined || /[0-9A-Za-z]/.test(next)) return undefined;
      out += next;
      i++;
    } else if (META.has(c)) {
      return undefined;
    } else {
      out += c;
    }
  }
  return out;
}

/** Recognises `lit`, `a|b|c`, `prefix.*` and `prefix.+`; undefined for anything else. */
export function regexShape(pattern: string): RegexShape | undefined {
  if (pattern.startsWith('(?')) return undefined;
  for (const [suffix, kind] of [['.*', 'prefix'], ['.+', 'nonEmptyPrefix']] as const) {
    if (pattern.endsWith(suffix) && !pattern.endsWith('\\' + suffix)) {
      const prefix = literal(pattern.slice(0, -2));
      return prefix === undefined ? undefined : { kind, prefix };
    }
  }
  const values: string[] = [];
  for (const alt of pattern.split('|')) {
    const lit = literal(alt);
    if (lit === undefined) return undefined;
    values.push(lit);
  }
  return { kind: 'set', values: [...new Set(values)] };
}

/** A predicate equal to m.matches, cheaper when the regex has a known shape. */
export function valuePredicate(m: Matcher): (v: string) => boolean {
  if (m.type === '=' || m.type === '!=') return (v) => m.matches(v);
  const shape = regexShape(m.value);
  if (!shape) return (v) => m.matches(v);
  const negate = m.type === '!~';
  let inner: (v: string) => boolean;
  if (shape.kind === 'set') {
    const set = new Set(shape.values);
    inner = (v) => set.has(v);
  } else if (shape.kind === 'prefix') {
    const p = shape.prefix;
    inner = (v) => v.startsWith(p);
  } else {
    const p = shape.prefix;
    inner = (v) => v.length > p.length && v.startsWith(p);
  }
  return negate ? (v) => !inner(v) : inner;
}

/**
 * The values an `=`/`=~` matcher accepts (or a `!=`/`!~` matcher rejects) when
 * they can be listed without scanning every value of the label.
 */
export function listedValues(m: Matcher): string[] | undefined {
  if (m.type === '=' || m.type === '!=') return [m.value];
  const shape = regexShape(m.value);
  return shape?.kind === 'set' ? shape.values : undefined;
}
