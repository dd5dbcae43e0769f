// Silences (silence/silence.go): matchers over an alert's labels, active
// between startsAt and endsAt, with author and comment. A silence is pending
// before it starts and expired once it ends; expiring one ends it now.

import { Matcher } from '../model/matcher';
import { errorMessage } from '../model/result';
import { matcherOp, type SilenceMatcher } from '../model/silenceMatcher';

export interface SilenceInput {
  /** Given to update an existing silence. */
  id?: string;
  matchers: SilenceMatcher[];
  startsAt: number;
  endsAt: number;
  createdBy: string;
  comment: string;
}

export type SilenceState = 'pending' | 'active' | 'expired';

export interface Silence extends SilenceInput {
  id: string;
  updatedAt: number;
}

export interface SilenceView extends Silence {
  state: SilenceState;
}

function matcherOf(m: SilenceMatcher): Matcher {
  return new Matcher(matcherOp(m), m.name, m.value);
}

/** silence.go validateSilence, in its words. */
export function validateSilence(s: SilenceInput): string | null {
  if (s.matchers.length === 0) return 'at least one matcher required';
  for (const m of s.matchers) {
    if (m.name === '') return 'invalid label matcher: invalid label name ""';
    if (m.isRegex) {
      try {
        matcherOf(m);
      } catch (e) {
        return `invalid label matcher: ${errorMessage(e)}`;
      }
    }
  }
  if (s.matchers.every((m) => matcherOf(m).matchesEmpty())) return 'at least one matcher must not match the empty string';
  if (!s.startsAt) return 'invalid zero start timestamp';
  if (!s.endsAt) return 'invalid zero end timestamp';
  if (s.endsAt < s.startsAt) return 'end time must not be before start time';
  if (s.createdBy.trim() === '') return 'creator information missing';
  if (s.comment.trim() === '') return 'comment missing';
  return null;
}

export function silenceState(s: Silence, now: number): SilenceState {
  if (s.endsAt <= now) return 'expired';
  if (s.startsAt > now) return 'pending';
  return 'active';
}

/** How long expired silences are kept for display (Alertmanager's --data.retention, 120h). */
export const SILENCE_RETENTION_MS = 120 * 3_600_000;

export class Silences {
  private readonly byId = new Map<string, { s: Silence; matchers: Matcher[] }>();
  private seq = 0;

  constructor(private readonly now: () => number) {}

  /** Creates or updates a silence; returns its id or throws with the validation error. */
  set(input: SilenceInput): string {
    const problem = validateSilence(input);
    if (problem) throw new Error(problem);
    const now = this.now();
    const old = input.id ? this.byId.get(input.id) : undefined;
    if (input.id && !old) throw new Error(`silence ${input.id} not found`);
    if (old && silenceState(old.s, now) === 'expired') throw new Error('cannot update an expired silence');
    // An update that changes matchers or moves the start of an active silence
    // replaces it with a new one (silence.go Set / canUpdate).
    let id = input.id ?? '';
    if (old && (JSON.stringify(old.s.matchers) !== JSON.stringify(input.matchers) || (silenceState(old.s, now) === 'active' && input.startsAt !== old.s.startsAt))) {
      old.s.endsAt = Math.min(old.s.endsAt, now);
      id = '';
    }
    if (id === '') id = `${now.toString(36)}-${(++this.seq).toString(36)}`;
    const s: Silence = { ...input, id, matchers: input.matchers.map((m) => ({ ...m })), updatedAt: now };
    this.byId.set(id, { s, matchers: s.matchers.map(matcherOf) });
    return id;
  }

  /** Puts back silences saved earlier (from list()), e.g. after a reload. */
  load(saved: readonly Silence[]): void {
    for (const s of saved) this.byId.set(s.id, { s: { ...s, matchers: s.matchers.map((m) => ({ ...m })) }, matchers: s.matchers.map(matcherOf) });
  }

  /** Ends a silence now (silence.go Expire); a pending one ends at its start. */
  expire(id: string): void {
    const e = this.byId.get(id);
    if (!e) throw new Error(`silence ${id} not found`);
    const now = this.now();
    const state = silenceState(e.s, now);
    if (state === 'expired') throw new Error('silence already expired');
    if (state === 'pending') e.s.startsAt = now;
    e.s.endsAt = now;
    e.s.updatedAt = now;
  }

  /** The ids of active silences that match these labels. */
  mutedBy(labels: Record<string, string>): string[] {
    const now = this.now();
    const out: string[] = [];
    for (const { s, matchers } of this.byId.values()) {
      if (silenceState(s, now) !== 'active') continue;
      if (matchers.every((m) => m.matches(labels[m.name] ?? ''))) out.push(s.id);
    }
    return out;
  }

  /** The next time a silence starts or ends after now, or undefined. */
  nextBoundary(): number | undefined {
    const now = this.now();
    let next: number | undefined;
    for (const { s } of this.byId.values()) {
      for (const t of [s.startsAt, s.endsAt]) if (t > now && (next === undefined || t < next)) next = t;
    }
    return next;
  }

  /** Drops silences expired longer than the retention (silence.go GC). */
  gc(): void {
    const now = this.now();
    for (const [id, { s }] of this.byId) if (s.endsAt + SILENCE_RETENTION_MS < now) this.byId.delete(id);
  }

  list(): SilenceView[] {
    const now = this.now();
    return [...this.byId.values()].map(({ s }) => ({ ...s, matchers: s.matchers.map((m) => ({ ...m })), state: silenceState(s, now) }));
  }
}
