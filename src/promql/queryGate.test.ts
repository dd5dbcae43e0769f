import { describe, expect, it } from 'vitest';
import { QueryGate } from './queryGate';

const FAR = () => Date.now() + 60_000;

describe('QueryGate', () => {
  it('lets the first N in at once and the next in arrival order as each leaves', async () => {
    const gate = new QueryGate(() => 2);
    const order: string[] = [];
    await gate.enter(undefined, FAR());
    await gate.enter(undefined, FAR());
    const third = gate.enter(undefined, FAR()).then(() => order.push('third'));
    const fourth = gate.enter(undefined, FAR()).then(() => order.push('fourth'));
    await Promise.resolve();
    expect(order).toEqual([]);
    gate.leave();
    await third;
    expect(order).toEqual(['third']);
    gate.leave();
    await fourth;
    expect(order).toEqual(['third', 'fourth']);
  });

  it('a query cancelled or past its deadline while waiting says so from the queue, and frees its place', async () => {
    const gate = new QueryGate(() => 1);
    await gate.enter(undefined, FAR());
    const ctl = new AbortController();
    const cancelled = gate.enter(ctl.signal, FAR());
    const late = gate.enter(undefined, Date.now() + 5);
    const next = gate.enter(undefined, FAR());
    ctl.abort();
    await expect(cancelled).rejects.toMatchObject({ type: 'canceled', message: 'query was canceled in query queue' });
    await expect(late).rejects.toMatchObject({ type: 'timeout', message: 'query timed out in query queue', limit: 'timeoutMs' });
    gate.leave();
    await expect(next).resolves.toBeUndefined();
  });

  it('a raised limit lets waiting queries in at the next leave', async () => {
    let max = 1;
    const gate = new QueryGate(() => max);
    await gate.enter(undefined, FAR());
    const waiting = [gate.enter(undefined, FAR()), gate.enter(undefined, FAR())];
    max = 3;
    gate.leave();
    await expect(Promise.all(waiting)).resolves.toEqual([undefined, undefined]);
  });
});
