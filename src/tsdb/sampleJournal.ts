// Samples accepted by the head since the last checkpoint, kept so a
// checkpoint can persist just them (Prometheus's WAL records) instead of
// every open chunk.

import { grownArray } from '../model/grownArray';

export interface JournalBatch {
  refs: Uint32Array;
  ts: Float64Array;
  vs: Float64Array;
}

export class SampleJournal {
  private refs = new Uint32Array(1024);
  private ts = new Float64Array(1024);
  private vs = new Float64Array(1024);
  private n = 0;

  get length(): number {
    return this.n;
  }

  push(ref: number, t: number, v: number): void {
    const i = this.n;
    if (i === this.refs.length) this.grow(i * 2);
    this.refs[i] = ref;
    this.ts[i] = t;
    this.vs[i] = v;
    this.n = i + 1;
  }

  /** Everything recorded so far, leaving the journal empty. */
  take(): JournalBatch {
    const out = { refs: this.refs.slice(0, this.n), ts: this.ts.slice(0, this.n), vs: this.vs.slice(0, this.n) };
    this.n = 0;
    return out;
  }

  /** Puts a taken batch back in front (its write failed), so the next checkpoint carries it. */
  restore(b: JournalBatch): void {
    const later = { refs: this.refs.slice(0, this.n), ts: this.ts.slice(0, this.n), vs: this.vs.slice(0, this.n) };
    const total = b.refs.length + later.refs.length;
    if (total > this.refs.length) this.grow(total);
    this.refs.set(b.refs);
    this.ts.set(b.ts);
    this.vs.set(b.vs);
    this.refs.set(later.refs, b.refs.length);
    this.ts.set(later.ts, b.refs.length);
    this.vs.set(later.vs, b.refs.length);
    this.n = total;
  }

  private grow(size: number): void {
    this.refs = grownArray(this.refs.subarray(0, this.n), size);
    this.ts = grownArray(this.ts.subarray(0, this.n), size);
    this.vs = grownArray(this.vs.subarray(0, this.n), size);
  }
}
