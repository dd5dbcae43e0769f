import { describe, expect, it } from 'vitest';
import { threadTurn } from './threadTurn';

describe('threadTurn', () => {
  it('resolves in a later task, after the microtasks already queued', async () => {
    const order: string[] = [];
    const turn = threadTurn().then(() => order.push('turn'));
    queueMicrotask(() => queueMicrotask(() => order.push('microtask')));
    order.push('sync');
    await turn;
    expect(order).toEqual(['sync', 'microtask', 'turn']);
  });
});
