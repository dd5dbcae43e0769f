import { describe, expect, it } from 'vitest';
import { Matcher } from '../model/matcher';
import { FakeClock } from '../model/fakeClock';
import type { PostedAlert } from './alert';
import { Notifier, type NotifierConfig } from './notifier';
import { matchersForAlert } from '../model/silenceMatcher';
import type { Notification } from './webhook';

const S = 1000;
const M = 60 * S;
const H = 60 * M;

function setup(config: Partial<NotifierConfig> = {}, receivers = ['default']) {
  const clock = new FakeClock(1_000_000_000_000);
  const sent: { receiver: string; n: Notification; at: number }[] = [];
  let changes = 0;
  const notifier = new Notifier(
    { now: clock.now, setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout, externalURL: 'http://vigil', onChange: () => changes++ },
    {
      route: { receiver: 'default', groupBy: ['alertname'], groupWait: 30 * S, groupInterval: 5 * M, repeatInterval: 4 * H },
      receivers: receivers.map((name) => ({ name, notify: (n: Notification) => void sent.push({ receiver: name, n, at: clock.now() }) })),
      ...config,
    },
  );
  const post = (labels: Record<string, string>, over: Partial<PostedAlert> = {}) =>
    notifier.receive([{ labels, annotations: {}, startsAt: clock.now(), endsAt: clock.now() + 4 * M, generatorURL: '', ...over }]);
  return { clock, notifier, sent, post, changes: () => changes };
}

/** Keeps alerts alive the way Prometheus re-sends them every minute. */
async function keepFiring(clock: FakeClock, post: () => void, ms: number) {
  for (let t = 0; t < ms; t += M) {
    post();
    await clock.advance(Math.min(M, ms - t));
  }
}

describe('Notifier grouping timers', () => {
  it('waits group_wait before the first notification and batches alerts of one group', async () => {
    const { clock, sent, post } = setup();
    post({ alertname: 'A', instance: '1' });
    await clock.advance(10 * S);
    post({ alertname: 'A', instance: '2' });
    post({ alertname: 'B' });
    await clock.advance(19 * S);
    expect(sent).toEqual([]);
    await clock.advance(1 * S);
    expect(sent.map((s) => [s.n.groupKey, s.n.alerts.length])).toEqual([['{}:{alertname="A"}', 2]]);
    await clock.advance(10 * S);
    expect(sent.map((s) => s.n.groupKey)).toEqual(['{}:{alertname="A"}', '{}:{alertname="B"}']);
  });

  it('sends a new alert in a flushed group at the next group_interval, not before', async () => {
    const { clock, sent, post } = setup();
    post({ alertname: 'A', instance: '1' });
    await clock.advance(30 * S);
    expect(sent).toHaveLength(1);
    post({ alertname: 'A', instance: '2' });
    await clock.advance(5 * M - 1);
    expect(sent).toHaveLength(1);
    await clock.advance(1);
    expect(sent).toHaveLength(2);
    expect(sent[1].n.alerts.map((a) => a.labels.instance)).toEqual(['1', '2']);
  });

  it('does not repeat an unchanged group before repeat_interval', async () => {
    const { clock, sent, post } = setup({ route: { receiver: 'default', groupBy: ['alertname'], groupWait: 30 * S, groupInterval: 5 * M, repeatInterval: 1 * H } });
    await keepFiring(clock, () => post({ alertname: 'A' }), 2 * H);
    // First at 30s, then at each group_interval tick that is at least an hour after the last.
    expect(sent.map((s) => Math.round((s.at - sent[0].at) / M))).toEqual([0, 60]);
  });

  it('flushes at once an alert that started longer than group_wait ago', async () => {
    const { clock, sent, post } = setup();
    post({ alertname: 'A' }, { startsAt: clock.now() - M });
    await clock.advance(0);
    expect(sent).toHaveLength(1);
  });

  it('notifies the resolution, then forgets the resolved alert', async () => {
    const { clock, sent, post, notifier } = setup();
    post({ alertname: 'A' });
    await clock.advance(M);
    post({ alertname: 'A' }, { endsAt: clock.now() });
    await clock.advance(5 * M);
    expect(sent.map((s) => [s.n.status, s.n.alerts[0].status])).toEqual([
      ['firing', 'firing'],
      ['resolved', 'resolved'],
    ]);
    await clock.advance(10 * M);
    expect(sent).toHaveLength(2);
    expect(notifier.listAlerts()).toEqual([]);
    const [h] = notifier.listHistory();
    expect(h.labels).toEqual({ alertname: 'A' });
    expect(h.resolvedAt! - h.firedAt).toBe(M);
  });

  it('does not send resolved alerts to receivers that do not want them', async () => {
    const { clock, sent, post } = setup({ receivers: [{ name: 'default', sendResolved: false, notify: (n) => void sent.push({ receiver: 'default', n, at: clock.now() }) }] });
    post({ alertname: 'A' });
    await clock.advance(M);
    post({ alertname: 'A' }, { endsAt: clock.now() });
    await clock.advance(10 * M);
    expect(sent.map((s) => s.n.status)).toEqual(['firing']);
  });

  it('retries a failed delivery at the next flush and reports the error', async () => {
    const { clock, notifier, post } = setup({ receivers: [{ name: 'default', notify: () => Promise.reject(new Error('boom')) }] });
    post({ alertname: 'A' });
    await clock.advance(30 * S);
    expect(notifier.receiverStatuses()).toEqual([{ name: 'default', lastNotify: 0, lastError: 'boom' }]);
  });
});

describe('Notifier routes', () => {
  it('sends to the first matching child, or to several with continue', async () => {
    const { clock, sent, post } = setup(
      {
        route: {
          receiver: 'default',
          groupWait: 0,
          routes: [
            { receiver: 'pager', matchers: [new Matcher('=', 'severity', 'page')], continue: true },
            { receiver: 'chat', matchers: [new Matcher('=~', 'severity', 'page|ticket')] },
            { receiver: 'never', matchers: [new Matcher('=', 'severity', 'ticket')] },
          ],
        },
      },
      ['default', 'pager', 'chat', 'never'],
    );
    post({ alertname: 'A', severity: 'page' });
    post({ alertname: 'B', severity: 'ticket' });
    post({ alertname: 'C' });
    await clock.advance(1);
    expect(sent.flatMap((s) => s.n.alerts.map((a) => `${s.receiver}:${a.labels.alertname}`)).sort()).toEqual(['chat:A', 'chat:B', 'default:C', 'pager:A']);
    expect(sent.find((s) => s.receiver === 'pager')!.n.groupKey).toBe('{}/{severity="page"}:{}');
  });
});

describe('Notifier silences', () => {
  it('mutes matching alerts while active and lets them through once expired', async () => {
    const { clock, notifier, sent, post, changes } = setup();
    const id = notifier.setSilence({ matchers: matchersForAlert({ alertname: 'A' }), startsAt: clock.now(), endsAt: clock.now() + 10 * M, createdBy: 'me', comment: 'maintenance' });
    const before = changes();
    await keepFiring(clock, () => post({ alertname: 'A' }), 9 * M);
    expect(sent).toEqual([]);
    expect(notifier.listAlerts()[0]).toMatchObject({ state: 'suppressed', silencedBy: [id] });
    await keepFiring(clock, () => post({ alertname: 'A' }), 7 * M);
    expect(notifier.listSilences()[0].state).toBe('expired');
    expect(notifier.listAlerts()[0].state).toBe('active');
    expect(sent).toHaveLength(1);
    expect(changes()).toBeGreaterThan(before);
  });

  it('expires a silence on request, and a pending one does not mute yet', async () => {
    const { clock, notifier, post } = setup();
    const later = notifier.setSilence({ matchers: [{ name: 'alertname', value: 'A', isRegex: false, isEqual: true }], startsAt: clock.now() + H, endsAt: clock.now() + 2 * H, createdBy: 'me', comment: 'later' });
    post({ alertname: 'A' });
    expect(notifier.listAlerts()[0].state).toBe('active');
    const now = notifier.setSilence({ matchers: [{ name: 'alertname', value: 'A|B', isRegex: true, isEqual: true }], startsAt: clock.now(), endsAt: clock.now() + H, createdBy: 'me', comment: 'now' });
    expect(notifier.listAlerts()[0].silencedBy).toEqual([now]);
    notifier.expireSilence(now);
    expect(notifier.listAlerts()[0].state).toBe('active');
    expect(notifier.listSilences().map((s) => [s.id, s.state])).toEqual([
      [later, 'pending'],
      [now, 'expired'],
    ]);
  });

  it.each([
    [{ matchers: [] }, 'at least one matcher required'],
    [{ matchers: [{ name: 'a', value: '.*', isRegex: true, isEqual: true }] }, 'at least one matcher must not match the empty string'],
    [{ endsAt: 1 }, 'end time must not be before start time'],
    [{ createdBy: '' }, 'creator information missing'],
    [{ comment: ' ' }, 'comment missing'],
    [{ matchers: [{ name: 'a', value: '(', isRegex: true, isEqual: true }] }, /^invalid label matcher: error parsing regexp/],
  ])('refuses an invalid silence: %j', (over, message) => {
    const { notifier, clock } = setup();
    const base = { matchers: [{ name: 'a', value: 'b', isRegex: false, isEqual: true }], startsAt: clock.now(), endsAt: clock.now() + H, createdBy: 'me', comment: 'c' };
    expect(() => notifier.setSilence({ ...base, ...over })).toThrow(message);
  });
});

describe('Notifier inhibition', () => {
  const inhibitRules = [{ sourceMatchers: [new Matcher('=', 'severity', 'critical')], targetMatchers: [new Matcher('=', 'severity', 'warning')], equal: ['cluster'] }];

  it('mutes targets while a source with equal labels fires', async () => {
    const { clock, notifier, sent, post } = setup({ inhibitRules, route: { receiver: 'default', groupBy: ['...'], groupWait: 0 } });
    post({ alertname: 'Down', severity: 'critical', cluster: 'eu' });
    post({ alertname: 'Slow', severity: 'warning', cluster: 'eu' });
    post({ alertname: 'Slow', severity: 'warning', cluster: 'us' });
    await clock.advance(1);
    expect(sent.map((s) => `${s.n.alerts[0].labels.alertname}/${s.n.alerts[0].labels.cluster}`).sort()).toEqual(['Down/eu', 'Slow/us']);
    const eu = notifier.listAlerts().find((a) => a.labels.alertname === 'Slow' && a.labels.cluster === 'eu')!;
    expect(eu.state).toBe('suppressed');
    expect(eu.inhibitedBy).toHaveLength(1);
  });

  it('lifts the inhibition when the source resolves', async () => {
    const { clock, sent, post } = setup({ inhibitRules, route: { receiver: 'default', groupBy: ['alertname'], groupWait: 0, groupInterval: M } });
    post({ alertname: 'Down', severity: 'critical', cluster: 'eu' });
    post({ alertname: 'Slow', severity: 'warning', cluster: 'eu' });
    await clock.advance(1);
    expect(sent.map((s) => s.n.alerts[0].labels.alertname)).toEqual(['Down']);
    post({ alertname: 'Down', severity: 'critical', cluster: 'eu' }, { endsAt: clock.now() });
    post({ alertname: 'Slow', severity: 'warning', cluster: 'eu' });
    await clock.advance(M);
    expect(sent.map((s) => `${s.n.alerts[0].labels.alertname}:${s.n.status}`)).toContain('Slow:firing');
  });
});

describe('Notifier state across reloads', () => {
  it('does not re-notify unchanged groups after configure(), and keeps silences and history through save and load', async () => {
    const { clock, notifier, sent, post } = setup();
    post({ alertname: 'A' });
    await clock.advance(30 * S);
    expect(sent).toHaveLength(1);
    notifier.configure({ route: { receiver: 'default', groupBy: ['alertname'], groupWait: 30 * S, groupInterval: 5 * M, repeatInterval: 4 * H }, receivers: [{ name: 'default', notify: (n) => void sent.push({ receiver: 'default', n, at: clock.now() }) }] });
    await keepFiring(clock, () => post({ alertname: 'A' }), 10 * M);
    expect(sent).toHaveLength(1);

    notifier.setSilence({ matchers: matchersForAlert({ alertname: 'B' }), startsAt: clock.now(), endsAt: clock.now() + H, createdBy: 'me', comment: 'c' });
    const other = setup();
    other.notifier.loadSilences(notifier.listSilences());
    other.notifier.loadHistory(notifier.listHistory());
    const plain = (n: Notifier) => n.listSilences().map(({ state: _state, ...rest }) => rest);
    expect(plain(other.notifier)).toEqual(plain(notifier));
    expect(other.notifier.listHistory()).toEqual(notifier.listHistory());
  });
});

describe('Notifier time intervals', () => {
  // The fake clock starts at 2001-09-09T01:46:40Z, a Sunday.
  const night = new Map([['night', [{ times: [{ begin: 0, end: 2 * 60 }] }]]]);

  it('keeps a route quiet inside its mute interval and notifies once the interval ends', async () => {
    const { clock, sent, post } = setup({ route: { receiver: 'default', groupWait: 0, groupInterval: 5 * M, muteTimeIntervals: ['night'] }, timeIntervals: night });
    await keepFiring(clock, () => post({ alertname: 'A' }), 10 * M);
    expect(sent).toEqual([]);
    await keepFiring(clock, () => post({ alertname: 'A' }), 10 * M);
    expect(sent.map((s) => new Date(s.at).toISOString())).toEqual(['2001-09-09T02:01:40.000Z']);
  });

  it('sends on a route with active intervals only inside them', async () => {
    const { clock, sent, post } = setup({ route: { receiver: 'default', groupWait: 0, groupInterval: 5 * M, activeTimeIntervals: ['night'] }, timeIntervals: night });
    await keepFiring(clock, () => post({ alertname: 'A' }), 1 * M);
    expect(sent).toHaveLength(1);
    const quiet = setup({ route: { receiver: 'default', groupWait: 0, activeTimeIntervals: ['weekdays'] }, timeIntervals: new Map([['weekdays', [{ weekdays: [{ begin: 1, end: 5 }] }]]]) });
    await keepFiring(quiet.clock, () => quiet.post({ alertname: 'A' }), 10 * M);
    expect(quiet.sent).toEqual([]);
  });
});
