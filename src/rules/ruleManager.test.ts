import { describe, expect, it } from 'vitest';
import { Labels } from '../model/labels';
import { Matcher } from '../model/matcher';
import { QueryEngine } from '../promql/engine';
import { FakeClock } from '../model/fakeClock';
import { Head } from '../tsdb/head';
import { isStaleNaN } from '../model/staleNaN';
import { engineQueryFunc, type AlertView, type OutgoingAlert } from './rule';
import { parseRuleFile, type RuleFile } from './ruleFile';
import { RuleGroup } from './ruleGroup';
import { RuleManager, type RuleManagerDeps } from './ruleManager';

const M = 60_000;

function file(text: string): RuleFile {
  const r = parseRuleFile(text);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.file;
}

function setup(start = 0, extra: Partial<RuleManagerDeps> = {}, head = new Head()) {
  const clock = new FakeClock(start);
  const notified: OutgoingAlert[][] = [];
  const changes: AlertView[][] = [];
  const manager = new RuleManager({
    storage: head,
    query: engineQueryFunc(new QueryEngine(), head),
    now: clock.now,
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
    notify: (a) => notified.push(a),
    onAlertsChanged: (a) => changes.push(a),
    ...extra,
  });
  return { clock, head, manager, notified, changes };
}

/** Advances a minute at a time, letting each evaluation finish (queries may yield to real timers). */
async function run(clock: FakeClock, manager: RuleManager, ms: number): Promise<void> {
  for (let t = 0; t < ms; t += M) {
    await clock.advance(Math.min(M, ms - t));
    await manager.idle();
  }
}

function load(head: Head, name: string, labels: Record<string, string>, points: [number, number][]): void {
  const app = head.appender();
  for (const [t, v] of points) app.append(0, Labels.from({ __name__: name, ...labels }), t, v);
  app.commit();
}

async function series(head: Head, name: string) {
  return (await head.querier().select([new Matcher('=', '__name__', name)], -Infinity, Infinity)).map((s) => ({
    labels: s.labels.toObject(),
    ts: [...s.ts],
    vs: [...s.vs].map((v) => (isStaleNaN(v) ? 'stale' : v)),
  }));
}

describe('RuleGroup.evalTimestamp', () => {
  it('aligns to the interval with a stable per-group offset', () => {
    const g = new RuleGroup('f.yml', { name: 'g', limit: 0, labels: {}, rules: [] }, M, 0, true);
    const t = g.evalTimestamp(10 * M + 12_345);
    const offset = t % M;
    expect(t).toBeLessThanOrEqual(10 * M + 12_345);
    expect(10 * M + 12_345 - t).toBeLessThan(M);
    expect(g.evalTimestamp(55 * M + 1) % M).toBe(offset);
    const other = new RuleGroup('f.yml', { name: 'other', limit: 0, labels: {}, rules: [] }, M, 0, true);
    expect(other.evalTimestamp(10 * M) % M).not.toBe(offset);
  });
});

describe('RuleManager', () => {
  const REC = `groups:
  - name: rec
    interval: 1m
    labels:
      source: rules
    rules:
      - record: job:up:sum
        expr: sum by (job) (up)
`;

  it('evaluates recording rules on the aligned schedule, with group labels', async () => {
    const { clock, head, manager } = setup();
    load(head, 'up', { job: 'a', instance: '1' }, [[0, 1], [M, 1], [2 * M, 1], [3 * M, 1]]);
    manager.update([{ name: 'rules.yml', file: file(REC) }]);
    await run(clock, manager, 3 * M);
    const [s] = await series(head, 'job:up:sum');
    expect(s.labels).toEqual({ __name__: 'job:up:sum', job: 'a', source: 'rules' });
    expect(s.ts.length).toBeGreaterThanOrEqual(2);
    const offset = s.ts[0] % M;
    expect(s.ts.every((t, i) => i === 0 || t - s.ts[i - 1] === M)).toBe(true);
    expect(s.ts.every((t) => t % M === offset)).toBe(true);
    const [g] = manager.groups();
    expect(g.rules[0]).toMatchObject({ health: 'ok', lastError: '', lastEvaluation: s.ts[s.ts.length - 1] });
  });

  it('marks series stale when a rule stops producing them, and when its group is removed', async () => {
    const { clock, head, manager } = setup();
    load(head, 'up', { job: 'a' }, [[0, 1]]);
    load(head, 'up', { job: 'b' }, [[0, 1], [4 * M, 1], [8 * M, 1]]);
    manager.update([{ name: 'rules.yml', file: file(REC) }]);
    await run(clock, manager, 7 * M);
    const a = (await series(head, 'job:up:sum')).find((s) => s.labels.job === 'a')!;
    // up{job="a"} leaves the lookback window after 5m: its recorded series gets one stale marker.
    expect(a.vs.filter((v) => v === 'stale')).toHaveLength(1);
    expect(a.vs[a.vs.length - 1]).toBe('stale');
    manager.update([]);
    const b = (await series(head, 'job:up:sum')).find((s) => s.labels.job === 'b')!;
    expect(b.vs[b.vs.length - 1]).toBe('stale');
  });

  it('marks a failing rule bad with its error and keeps the others running', async () => {
    const { clock, manager } = setup();
    manager.update([{ name: 'r.yml', file: file(`groups:\n  - name: g\n    rules:\n      - record: bad\n        expr: 'label_replace(vector(1), "x", "$1", "y", "(")'\n      - record: good\n        expr: vector(1)\n`) }]);
    await run(clock, manager, 2 * M);
    const [g] = manager.groups();
    expect(g.rules[0].health).toBe('err');
    expect(g.rules[0].lastError).toMatch(/^invalid regular expression in label_replace/);
    expect(g.rules[1].health).toBe('ok');
  });

  it("asks a group's own query function when it has one, still appending to the storage", async () => {
    const asked: string[] = [];
    const elsewhere = async (expr: string, t: number) => {
      asked.push(expr);
      return [{ labels: Labels.from({ job: 'far' }), t, v: 7 }];
    };
    let source: typeof elsewhere | undefined = elsewhere;
    const { clock, head, manager } = setup(0, { groupQuery: (f, g) => (f === 'rules.yml' && g === 'rec' ? source : undefined) });
    load(head, 'up', { job: 'near' }, [[0, 1], [M, 1], [2 * M, 1], [3 * M, 1], [4 * M, 1]]);
    manager.update([{ name: 'rules.yml', file: file(REC) }]);
    await run(clock, manager, 2 * M);
    expect(asked.length).toBeGreaterThan(0);
    expect(new Set(asked)).toEqual(new Set(['sum by (job) (up)']));
    const far = asked.map(() => 7);
    expect((await series(head, 'job:up:sum')).map((s) => [s.labels.job, s.vs])).toEqual([['far', far]]);
    // Back to the storage from the next evaluation on; the remote's series goes stale.
    source = undefined;
    await run(clock, manager, M);
    const after = await series(head, 'job:up:sum');
    expect(after.map((s) => [s.labels.job, s.vs])).toEqual([
      ['far', [...far, 'stale']],
      ['near', [1]],
    ]);
  });

  it("shows a failing group query function as each rule's last error", async () => {
    const down = async () => Promise.reject(new Error('http://far:9090: internal: cannot reach http://far:9090/api/v1/query'));
    const { clock, manager } = setup(0, { groupQuery: () => down });
    manager.update([{ name: 'rules.yml', file: file(REC) }]);
    await run(clock, manager, 2 * M);
    expect(manager.groups()[0].rules[0]).toMatchObject({ health: 'err', lastError: 'http://far:9090: internal: cannot reach http://far:9090/api/v1/query' });
  });

  const ALERT = `groups:
  - name: alerts
    interval: 1m
    rules:
      - alert: Down
        expr: up == 0
        for: 3m
        annotations:
          summary: "{{ $labels.instance }} down"
`;

  it('raises, notifies and resolves alerts; tells the UI when they change', async () => {
    const head = new Head();
    const pts: [number, number][] = [];
    for (let t = 0; t <= 20 * M; t += 15_000) pts.push([t, t < 10 * M ? 0 : 1]);
    load(head, 'up', { instance: 'x' }, pts);
    const { clock, manager, notified, changes } = setup(0, {}, head);
    manager.update([{ name: 'a.yml', file: file(ALERT) }]);
    await run(clock, manager, 20 * M);
    expect(changes.map((c) => c.map((a) => a.state).join())).toEqual(expect.arrayContaining(['pending', 'firing', '']));
    const firing = notified.flat().filter((a) => a.endsAt > a.startsAt + 2 * M);
    expect(firing.length).toBeGreaterThan(0);
    expect(firing[0]).toMatchObject({ labels: { alertname: 'Down', instance: 'x' }, annotations: { summary: 'x down' } });
    expect(firing[0].generatorURL).toContain('g0.expr=up+%3D%3D+0');
    const last = notified[notified.length - 1][0];
    // The resolution is sent with endsAt at the resolving evaluation, around 10m.
    expect(last.endsAt).toBeGreaterThanOrEqual(10 * M);
    expect(last.endsAt).toBeLessThan(12 * M);
    expect(manager.activeAlerts()).toEqual([]);
  });

  it('restores pending alerts after a restart instead of starting their wait again', async () => {
    const head = new Head();
    const pts: [number, number][] = [];
    for (let t = 0; t <= 60 * M; t += 15_000) pts.push([t, 0]);
    load(head, 'up', { instance: 'x' }, pts);
    const cfg = ALERT.replace('for: 3m', 'for: 20m');
    const first = setup(0, {}, head);
    first.manager.update([{ name: 'a.yml', file: file(cfg) }]);
    await run(first.clock, first.manager, 12 * M);
    const before = first.manager.activeAlerts()[0];
    expect(before.state).toBe('pending');
    first.manager.stop();

    // Down for 5 minutes, then a fresh manager over the same storage.
    const second = setup(17 * M, {}, head);
    second.manager.update([{ name: 'a.yml', file: file(cfg) }]);
    await run(second.clock, second.manager, 3 * M);
    const after = second.manager.activeAlerts()[0];
    // Shifted by the downtime rather than restarted at the restart time.
    expect(after.activeAt).toBeLessThan(17 * M);
    expect(after.activeAt).toBeGreaterThan(before.activeAt);
  });

  it('keeps alert state across a reload of the same group', async () => {
    const head = new Head();
    const pts: [number, number][] = [];
    for (let t = 0; t <= 10 * M; t += 15_000) pts.push([t, 0]);
    load(head, 'up', { instance: 'x' }, pts);
    const { clock, manager } = setup(0, {}, head);
    manager.update([{ name: 'a.yml', file: file(ALERT) }]);
    await run(clock, manager, 5 * M);
    const activeAt = manager.activeAlerts()[0].activeAt;
    manager.update([{ name: 'a.yml', file: file(ALERT.replace('down"', 'is down"')) }]);
    await run(clock, manager, M);
    const [a] = manager.activeAlerts();
    expect(a.activeAt).toBe(activeAt);
    expect(a.annotations.summary).toBe('x is down');
  });

  it('evaluates at ts - query_offset', async () => {
    const { clock, head, manager } = setup();
    manager.update([{ name: 'r.yml', file: file(`groups:\n  - name: g\n    query_offset: 30s\n    rules:\n      - record: t\n        expr: time()\n`) }]);
    await run(clock, manager, 3 * M);
    const [s] = await series(head, 't');
    expect(s.ts.every((t, i) => s.vs[i] === t / 1000)).toBe(true);
    const [g] = manager.groups();
    expect(s.ts[s.ts.length - 1]).toBe(g.lastEvaluation - 30_000);
  });
});
