// A silence's matchers as the form edits them (one operator of =, !=, =~, !~)
// and as the silences list prints them, in Alertmanager's `name="value"` form.

import type { SilenceMatcher } from '../../notify/silences';

export const MATCH_OPS = ['=', '!=', '=~', '!~'] as const;
export type MatchOp = (typeof MATCH_OPS)[number];

export function matcherOp(m: SilenceMatcher): MatchOp {
  if (m.isRegex) return m.isEqual ? '=~' : '!~';
  return m.isEqual ? '=' : '!=';
}

export function withOp(m: SilenceMatcher, op: MatchOp): SilenceMatcher {
  return { ...m, isEqual: !op.startsWith('!'), isRegex: op.endsWith('~') };
}

export function formatMatcher(m: SilenceMatcher): string {
  return `${m.name}${matcherOp(m)}${JSON.stringify(m.value)}`;
}
