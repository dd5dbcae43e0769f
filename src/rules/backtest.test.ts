import { describe, expect, it } from 'vitest';
import { Labels } from '../model/labels';
import { QueryEngine } from '../promql/engine';
import { Head } from '../tsdb/head';
import { backtestAlertingRule } from './backtest';
import type { RuleConfig } from './ruleFile';

const M = 60_000;

function history(values: Record<string, number[]>): Head {
  const head = new Head();
  const app = head.appender();
  for (const [instance, vs] of Object.entries(values)) vs.forEach((v, i) => app.append(0, Labels.from({ __name__: 'up', instance }), i * M, v));
  app.commit();
  return head;
}

const rule = (over: Partial<RuleConfig> = {}): RuleConfig => ({ kind: 'alerting', name: 'Down', expr: 'up == 0', for: 2 * M, keepFiringFor: 0, labels: {}, annotations: {}, ...over });

describe('backtestAlertingRule', () => {
  it('returns pending and firing intervals per alert series', async () => {
    const storage = history({ a: [1, 0, 0, 0, 0, 1, 1, 0, 1, 1], b: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1] });
    const out = await backtestAlertingRule(rule(), { start: 0, end: 9 * M, step: M }, { storage, engine: new QueryEngine() });
    expect(out).toEqual([
      {
        labels: { alertname: 'Down', instance: 'a' },
        intervals: [
          { state: 'pending', start: M, end: 3 * M, open: false },
          { state: 'firing', start: 3 * M, end: 5 * M, open: false },
          { state: 'pending', start: 7 * M, end: 8 * M, open: false },
        ],
      },
    ]);
  });

  it('leaves an interval open when it lasts to the end, and honours keep_firing_for', async () => {
    const storage = history({ a: [0, 0, 1, 1, 1, 1] });
    const out = await backtestAlertingRule(rule({ for: 0, keepFiringFor: 2 * M }), { start: 0, end: 5 * M, step: M }, { storage, engine: new QueryEngine() });
    expect(out[0].intervals).toEqual([{ state: 'firing', start: 0, end: 4 * M, open: false }]);
    const open = await backtestAlertingRule(rule({ for: 0 }), { start: 0, end: M, step: M }, { storage, engine: new QueryEngine() });
    expect(open[0].intervals).toEqual([{ state: 'firing', start: 0, end: M, open: true }]);
  });

  it('refuses recording rules and empty steps', async () => {
    const storage = history({});
    const engine = new QueryEngine();
    await expect(backtestAlertingRule({ ...rule(), kind: 'recording' }, { start: 0, end: M, step: M }, { storage, engine })).rejects.toThrow('is not an alerting rule');
    await expect(backtestAlertingRule(rule(), { start: 0, end: M, step: 0 }, { storage, engine })).rejects.toThrow('zero or negative');
  });
});
