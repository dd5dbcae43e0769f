// When each alert fired and resolved, as the notifier saw it: one entry per
// firing episode, bounded so a flapping alert cannot grow it without end.

export interface HistoryEntry {
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  firedAt: number;
  /** Unset while the episode is still firing. */
  resolvedAt?: number;
}

export const DEFAULT_HISTORY_LIMIT = 1000;

export class AlertHistory {
  private entries: HistoryEntry[] = [];
  /** The open (still firing) episode per fingerprint. */
  private readonly open = new Map<string, HistoryEntry>();

  constructor(private readonly limit = DEFAULT_HISTORY_LIMIT) {}

  firing(fingerprint: string, labels: Record<string, string>, annotations: Record<string, string>, startsAt: number): void {
    const cur = this.open.get(fingerprint);
    if (cur) {
      cur.annotations = { ...annotations };
      return;
    }
    const e: HistoryEntry = { fingerprint, labels: { ...labels }, annotations: { ...annotations }, firedAt: startsAt };
    this.open.set(fingerprint, e);
    this.entries.push(e);
    if (this.entries.length > this.limit) {
      const dropped = this.entries.splice(0, this.entries.length - this.limit);
      for (const d of dropped) if (this.open.get(d.fingerprint) === d) this.open.delete(d.fingerprint);
    }
  }

  resolved(fingerprint: string, endsAt: number): void {
    const cur = this.open.get(fingerprint);
    if (!cur) return;
    cur.resolvedAt = endsAt;
    this.open.delete(fingerprint);
  }

  /** Newest first. */
  list(): HistoryEntry[] {
    return this.entries
      .slice()
      .reverse()
      .map((e) => ({ ...e, labels: { ...e.labels }, annotations: { ...e.annotations } }));
  }

  /** Puts back entries saved from list(). */
  load(saved: readonly HistoryEntry[]): void {
    this.entries = saved
      .slice()
      .reverse()
      .map((e) => ({ ...e }));
    this.open.clear();
    for (const e of this.entries) if (e.resolvedAt === undefined) this.open.set(e.fingerprint, e);
  }
}
