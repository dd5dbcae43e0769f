// Alerts as Alertmanager keeps them (types.Alert): labels identify an alert
// by their fingerprint, a newer report merges into the older one, and an
// alert is resolved once its endsAt has passed.

import { Labels } from '../model/labels';

/** An alert as a rule evaluator posts it (times in ms; 0 is unset). */
export interface PostedAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: number;
  endsAt: number;
  generatorURL: string;
}

export interface Alert extends PostedAlert {
  fingerprint: string;
  updatedAt: number;
  /** True when endsAt was not given and was set to now + resolve_timeout (types.Alert.Timeout). */
  timeout: boolean;
}

/** Alertmanager's default resolve_timeout. */
export const DEFAULT_RESOLVE_TIMEOUT = 5 * 60_000;

const FNV64_OFFSET = 0xcbf29ce484222325n;
const FNV64_PRIME = 0x100000001b3n;
const MASK64 = 0xffffffffffffffffn;
const encoder = new TextEncoder();

/**
 * model.LabelSet.Fingerprint: FNV-1a 64 over the label names and values in
 * name order, each followed by the 0xff separator, printed as 16 hex digits.
 */
export function fingerprint(labels: Record<string, string>): string {
  let h = FNV64_OFFSET;
  const ls = Labels.from(labels);
  const add = (s: string) => {
    for (const b of encoder.encode(s)) {
      h ^= BigInt(b);
      h = (h * FNV64_PRIME) & MASK64;
    }
    h ^= 0xffn;
    h = (h * FNV64_PRIME) & MASK64;
  };
  ls.forEach((n, v) => {
    add(n);
    add(v);
  });
  return h.toString(16).padStart(16, '0');
}

/** Posted alerts as the API takes them (api/v2 postAlertsHandler): missing times filled, endsAt from resolve_timeout. */
export function acceptAlert(p: PostedAlert, now: number, resolveTimeout: number): Alert {
  const startsAt = p.startsAt || now;
  const timeout = !p.endsAt;
  return {
    ...p,
    labels: { ...p.labels },
    annotations: { ...p.annotations },
    startsAt,
    endsAt: timeout ? now + resolveTimeout : p.endsAt,
    fingerprint: fingerprint(p.labels),
    updatedAt: now,
    timeout,
  };
}

export function isResolved(a: Alert, now: number): boolean {
  return a.endsAt !== 0 && a.endsAt <= now;
}

/** types.Alert.Merge: the newer report wins, keeping the earliest start and a later explicit end. */
export function mergeAlerts(a: Alert, o: Alert, now: number): Alert {
  if (o.updatedAt < a.updatedAt) return mergeAlerts(o, a, now);
  const res = { ...o };
  if (a.startsAt < o.startsAt) res.startsAt = a.startsAt;
  if (isResolved(o, now)) {
    if (isResolved(a, now) && a.endsAt > o.endsAt) res.endsAt = a.endsAt;
  } else if (a.endsAt > o.endsAt && !a.timeout) {
    res.endsAt = a.endsAt;
  }
  return res;
}

/** Go's time.Time JSON form (RFC 3339 with trailing zeros of the fraction cut); 0 is Go's zero time. */
export function rfc3339(ms: number): string {
  if (ms === 0) return '0001-01-01T00:00:00Z';
  return new Date(ms).toISOString().replace(/\.?0+Z$/, 'Z');
}
