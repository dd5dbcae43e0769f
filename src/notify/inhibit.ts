// Inhibition (inhibit/inhibit.go): a firing alert matching a rule's source
// matchers mutes alerts matching its target matchers when the labels listed
// in `equal` have the same values on both.

import type { Matcher } from '../model/matcher';
import { isResolved, type Alert } from './alert';

export interface InhibitRuleConfig {
  sourceMatchers: Matcher[];
  targetMatchers: Matcher[];
  /** Label names whose values must be equal in source and target. */
  equal: string[];
}

function matchesAll(ms: readonly Matcher[], labels: Record<string, string>): boolean {
  return ms.every((m) => m.matches(labels[m.name] ?? ''));
}

/** The fingerprints of the firing alerts that inhibit an alert with these labels (Inhibitor.Mutes). */
export function inhibitedBy(rules: readonly InhibitRuleConfig[], labels: Record<string, string>, alerts: Iterable<Alert>, now: number): string[] {
  const out: string[] = [];
  const all = [...alerts];
  for (const r of rules) {
    if (!matchesAll(r.targetMatchers, labels)) continue;
    // An alert matching both sides must not inhibit alerts that also match both (hasEqual's excludeTwoSidedMatch).
    const excludeTwoSided = matchesAll(r.sourceMatchers, labels);
    for (const src of all) {
      if (isResolved(src, now) || !matchesAll(r.sourceMatchers, src.labels)) continue;
      if (!r.equal.every((n) => (src.labels[n] ?? '') === (labels[n] ?? ''))) continue;
      if (excludeTwoSided && matchesAll(r.targetMatchers, src.labels)) continue;
      out.push(src.fingerprint);
    }
  }
  return out;
}
