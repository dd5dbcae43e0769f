import { describe, expect, it } from 'vitest';
import { Labels } from '../model/labels';
import { Matcher } from '../model/matcher';
import { Head } from '../tsdb/head';
import { AlertingRule, RESOLVED_RETENTION_MS } from './alertingRule';
import type { QueryFunc, RuleContext } from './rule';
import type { RuleConfig } from './ruleFile';

const M = 60_000;

function rule(over: Partial<RuleConfig> = {}): RuleConfig {
  return { kind: 'alerting', name: 'Down', expr: 'up == 0', for: 0, keepFiringFor: 0, labels: {}, annotations: {}, ...over };
}

/** A query answering `up{instance="a"} 0` at the times listed as active. */
function activeAt(times: number[]): QueryFunc {
  return async (_expr, t) => (times.includes(t) ? [{ labels: Labels.from({ __name__: 'up', instance: 'a' }), t, v: 0 }] : []);
}

const ctx = (query: QueryFunc, extra: Partial<RuleContext> = {}): RuleContext => ({ query, externalLabels: {}, externalURL: '', queryOffset: 0, limit: 0, ...extra });

/** Evaluates at each minute 0..n-1 and returns the state of the one alert (or 'none') after each. */
async function states(cfg: RuleConfig, active: number[], n: number): Promise<string[]> {
  const r = new AlertingRule(cfg);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    await r.eval(i * M, ctx(activeAt(active.map((x) => x * M))));
    const [a] = [...r.active.values()];
    out.push(a ? a.state : 'none');
  }
  return out;
}

describe('AlertingRule state machine', () => {
  it.each([
    ['no for: fires at once, resolves when the condition clears', rule(), [0, 1], 3, ['firing', 'firing', 'inactive']],
    ['for 2m: pending until held 2m, then firing', rule({ for: 2 * M }), [0, 1, 2, 3], 5, ['pending', 'pending', 'firing', 'firing', 'inactive']],
    ['for 2m: a pending alert that clears is dropped, not resolved', rule({ for: 2 * M }), [0, 1], 3, ['pending', 'pending', 'none']],
    ['for 2m: a gap restarts the wait', rule({ for: 2 * M }), [0, 1, 3, 4, 5], 6, ['pending', 'pending', 'none', 'pending', 'pending', 'firing']],
    ['keep_firing_for 2m: stays firing 2m after the condition clears', rule({ keepFiringFor: 2 * M }), [0], 4, ['firing', 'firing', 'firing', 'inactive']],
    ['keep_firing_for: the condition returning resets the hold', rule({ keepFiringFor: 2 * M }), [0, 2], 6, ['firing', 'firing', 'firing', 'firing', 'firing', 'inactive']],
    ['keep_firing_for does not hold pending alerts', rule({ for: 5 * M, keepFiringFor: 2 * M }), [0], 2, ['pending', 'none']],
  ])('%s', async (_name, cfg, active, n, want) => {
    expect(await states(cfg, active, n)).toEqual(want);
  });

  it('keeps a resolved alert for 15 minutes, then forgets it', async () => {
    const r = new AlertingRule(rule());
    const q = activeAt([0]);
    await r.eval(0, ctx(q));
    await r.eval(M, ctx(q));
    const [a] = [...r.active.values()];
    expect(a).toMatchObject({ state: 'inactive', resolvedAt: M, firedAt: 0 });
    await r.eval(M + RESOLVED_RETENTION_MS, ctx(q));
    expect(r.active.size).toBe(1);
    await r.eval(M + RESOLVED_RETENTION_MS + 1, ctx(q));
    expect(r.active.size).toBe(0);
  });

  it('writes ALERTS and ALERTS_FOR_STATE for pending and firing alerts', async () => {
    const r = new AlertingRule(rule({ for: M, labels: { severity: 'page' } }));
    const q = activeAt([0, M]);
    const first = await r.eval(0, ctx(q));
    expect(first.map((s) => [s.labels.toString(), s.v])).toEqual([
      ['{__name__="ALERTS", alertname="Down", alertstate="pending", instance="a", severity="page"}', 1],
      ['{__name__="ALERTS_FOR_STATE", alertname="Down", instance="a", severity="page"}', 0],
    ]);
    const second = await r.eval(M, ctx(q));
    expect(second[0].labels.get('alertstate')).toBe('firing');
    expect(await r.eval(2 * M, ctx(q))).toEqual([]);
  });

  it('writes no ALERTS series before its for state is restored', async () => {
    const r = new AlertingRule(rule(), false);
    expect(await r.eval(0, ctx(activeAt([0])))).toEqual([]);
    expect(r.activeAlerts()).toHaveLength(1);
  });

  it('queries at ts - query_offset and stamps samples there', async () => {
    const seen: number[] = [];
    const q: QueryFunc = async (_e, t) => {
      seen.push(t);
      return [{ labels: Labels.EMPTY, t, v: 1 }];
    };
    const out = await new AlertingRule(rule()).eval(10 * M, ctx(q, { queryOffset: M }));
    expect(seen).toEqual([9 * M]);
    expect(out.every((s) => s.t === 9 * M)).toBe(true);
  });

  it.each([
    ['duplicate label sets after templating', rule({ labels: { instance: 'same' } }), 'vector contains metrics with the same labelset after applying alert labels'],
    ['more alerts than the limit', rule(), 'exceeded limit of 1 with 2 alerts'],
  ])('fails on %s', async (_n, cfg, message) => {
    const two: QueryFunc = async (_e, t) => [
      { labels: Labels.from({ instance: 'a' }), t, v: 0 },
      { labels: Labels.from({ instance: 'b' }), t, v: 0 },
    ];
    await expect(new AlertingRule(cfg).eval(0, ctx(two, { limit: 1 }))).rejects.toThrow(message);
  });

  it('expands labels and annotations with $labels, $value and $externalLabels', async () => {
    const r = new AlertingRule(rule({ labels: { sev: '{{ if gt $value 1.0 }}page{{ else }}ticket{{ end }}' }, annotations: { summary: '{{ $labels.instance }} is {{ $value }} in {{ $externalLabels.cluster }}' } }));
    const q: QueryFunc = async (_e, t) => [{ labels: Labels.from({ instance: '<b>x</b>' }), t, v: 5 }];
    await r.eval(0, ctx(q, { externalLabels: { cluster: 'eu' } }));
    const [a] = r.activeAlerts();
    expect(a.labels.toObject()).toEqual({ alertname: 'Down', instance: '<b>x</b>', sev: 'page' });
    expect(a.annotations).toEqual({ summary: '<b>x</b> is 5 in eu' });
  });

  it('reports a failing template with the rule name and keeps evaluating', async () => {
    const r = new AlertingRule(rule({ annotations: { s: '{{ query "x" | first | value }}' } }));
    const q: QueryFunc = async (e, t) => (e === 'x' ? [] : [{ labels: Labels.EMPTY, t, v: 1 }]);
    await r.eval(0, ctx(q));
    expect(r.activeAlerts()[0].annotations.s).toMatch(/^<error expanding template: error executing template __alert_Down: .*first\(\) called on vector with no elements>$/);
    expect(r.lastTemplateError).toMatch(/^rule "Down": error executing template/);
  });

  it('sends firing alerts every resend delay and a resolved one once', async () => {
    const r = new AlertingRule(rule());
    const q = activeAt([0, M, 2 * M]);
    const sent: number[][] = [];
    for (let i = 0; i < 5; i++) {
      await r.eval(i * M, ctx(q));
      sent.push(r.alertsToSend(i * M, M, M, 'http://x/graph').map((a) => a.endsAt));
    }
    // Fired at 0, re-sent after more than the 1m resend delay (at 2m), resolved at 3m.
    expect(sent).toEqual([[4 * M], [], [6 * M], [3 * M], []]);
  });
});

describe('AlertingRule.restoreForState', () => {
  const HOLD = 30 * M;
  const TOL = 60 * M;
  const GRACE = 10 * M;

  async function restoredActiveAt(forStateValueSec: number, lastSampleAt: number, restartAt: number, hold = HOLD): Promise<number> {
    const head = new Head();
    const app = head.appender();
    app.append(0, Labels.from({ __name__: 'ALERTS_FOR_STATE', alertname: 'Down', instance: 'a' }), lastSampleAt, forStateValueSec);
    app.commit();
    const r = new AlertingRule(rule({ for: hold }), false);
    await r.eval(restartAt, ctx(activeAt([restartAt])));
    await r.restoreForState(head.querier(), restartAt, TOL, GRACE);
    expect(r.restored).toBe(true);
    return r.activeAlerts()[0].activeAt;
  }

  it.each([
    // [what, activeAt (s), down at, restart at, expected activeAt]
    ['pending with time left: the wait resumes, shifted by the downtime', 0, 10 * M, 20 * M, 10 * M],
    ['little time left: given the grace period', 0, 25 * M, 30 * M, 30 * M + GRACE - HOLD],
    ['was firing: keeps its activeAt', 0, 40 * M, 45 * M, 0],
  ])('%s', async (_what, activeSec, downAt, restartAt, want) => {
    expect(await restoredActiveAt(activeSec, downAt, restartAt)).toBe(want);
  });

  it('ignores state older than the outage tolerance', async () => {
    expect(await restoredActiveAt(0, 10 * M, 10 * M + TOL + M)).toBe(10 * M + TOL + M);
  });

  it('skips rules whose for is shorter than the grace period', async () => {
    expect(await restoredActiveAt(0, 1 * M, 2 * M, 5 * M)).toBe(2 * M);
  });

  it('restores from series written by an earlier run (restart)', async () => {
    const head = new Head();
    const cfg = rule({ for: HOLD });
    const before = new AlertingRule(cfg);
    const q = activeAt([0, M, 2 * M, 20 * M]);
    for (const t of [0, M, 2 * M]) {
      const app = head.appender();
      for (const s of await before.eval(t, ctx(q))) app.append(0, s.labels, s.t, s.v);
      app.commit();
    }
    const after = new AlertingRule(cfg, false);
    await after.eval(20 * M, ctx(q));
    await after.restoreForState(head.querier(), 20 * M, TOL, GRACE);
    // Pending 2m before going down at 2m, down 18m: 28m still to wait from 20m.
    expect(after.activeAlerts()[0].activeAt).toBe(18 * M);
    const stored = await head.querier().select([new Matcher('=', '__name__', 'ALERTS_FOR_STATE')], 0, 3 * M);
    expect([...stored[0].vs]).toEqual([0, 0, 0]);
  });
});

