// A silence's matcher as Alertmanager's API spells it (name, value, isRegex,
// isEqual): the notifier matches alerts with it, the form edits it by one
// operator of =, !=, =~, !~, and the silences list prints it as `name="value"`.

import type { MatchType } from './matcher';

export interface SilenceMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  /** False negates the matcher (`!=`, `!~`). */
  isEqual: boolean;
}

export const MATCH_OPS: readonly MatchType[] = ['=', '!=', '=~', '!~'];

export function matcherOp(m: SilenceMatcher): MatchType {
  if (m.isRegex) return m.isEqual ? '=~' : '!~';
  return m.isEqual ? '=' : '!=';
}

export function withOp(m: SilenceMatcher, op: MatchType): SilenceMatcher {
  return { ...m, isEqual: !op.startsWith('!'), isRegex: op.endsWith('~') };
}

export function formatMatcher(m: SilenceMatcher): string {
  return `${m.name}${matcherOp(m)}${JSON.stringify(m.value)}`;
}

/** Equality matchers for every label of an alert: the silence a "silence this alert" click makes. */
export function matchersForAlert(labels: Record<string, string>): SilenceMatcher[] {
  return Object.keys(labels)
    .sort()
    .map((name) => ({ name, value: labels[name], isRegex: false, isEqual: true }));
}
