// Label matchers with Prometheus's semantics: regexes are fully anchored and,
// as in Prometheus 3, `.` matches newlines.

import { re2ToJs } from './re2';
import { errorMessage } from './result';

export type MatchType = '=' | '!=' | '=~' | '!~';

export class Matcher {
  private readonly re: RegExp | undefined;

  constructor(
    readonly type: MatchType,
    readonly name: string,
    readonly value: string,
  ) {
    if (type === '=~' || type === '!~') this.re = compileAnchored(value);
  }

  matches(v: string): boolean {
    switch (this.type) {
      case '=':
        return v === this.value;
      case '!=':
        return v !== this.value;
      case '=~':
        return this.re!.test(v);
      case '!~':
        return !this.re!.test(v);
    }
  }

  /** True when the empty string matches, i.e. the matcher also selects series without the label. */
  matchesEmpty(): boolean {
    return this.matches('');
  }

  toString(): string {
    return `${this.name}${this.type}${JSON.stringify(this.value)}`;
  }
}

/**
 * Compiles an RE2 pattern anchored at both ends, in JavaScript's spelling
 * (re2.ts). Leading inline flags (`(?i)`, `(?s)`, `(?m)`) become RegExp flags.
 * Throws a SyntaxError naming the pattern when it is invalid.
 */
export function compileAnchored(pattern: string): RegExp {
  let flags = 'su';
  let body = pattern;
  const m = /^\(\?([ims]+)\)/.exec(body);
  if (m) {
    if (m[1].includes('i')) flags += 'i';
    if (m[1].includes('m')) flags += 'm';
    body = body.slice(m[0].length);
  }
  try {
    return new RegExp(`^(?:${re2ToJs(body)})$`, flags);
  } catch (e) {
    throw new SyntaxError(`error parsing regexp: invalid pattern ${JSON.stringify(pattern)}: ${errorMessage(e)}`, { cause: e });
  }
}
