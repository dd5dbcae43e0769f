import { describe, expect, it } from 'vitest';
import { describeRange, parseRefresh, resolveRange, resolveTime, shiftRange, TIME_PRESETS, zoomOutRange } from './timeRange';

// datemath.test.ts's anchor: 2014-01-01T06:06:06.666Z, a Wednesday.
const NOW = Date.parse('2014-01-01T06:06:06.666Z');
const iso = (s: string) => Date.parse(s);

describe('resolveTime (datemath.parse)', () => {
  it.each([
    ['now', false, NOW],
    ['now-5s', false, iso('2014-01-01T06:06:01.666Z')],
    ['now-5m', false, iso('2014-01-01T06:01:06.666Z')],
    ['now-5h', false, iso('2014-01-01T01:06:06.666Z')],
    ['now-5d', false, iso('2013-12-27T06:06:06.666Z')],
    ['now-5w', false, iso('2013-11-27T06:06:06.666Z')],
    ['now-5M', false, iso('2013-08-01T06:06:06.666Z')],
    ['now-5y', false, iso('2009-01-01T06:06:06.666Z')],
    ['now+1Q', false, iso('2014-04-01T06:06:06.666Z')],
    ['now/s', false, iso('2014-01-01T06:06:06.000Z')],
    ['now/m', false, iso('2014-01-01T06:06:00.000Z')],
    ['now/h', false, iso('2014-01-01T06:00:00.000Z')],
    ['now/d', false, iso('2014-01-01T00:00:00.000Z')],
    ['now/w', false, iso('2013-12-29T00:00:00.000Z')],
    ['now/M', false, iso('2014-01-01T00:00:00.000Z')],
    ['now/y', false, iso('2014-01-01T00:00:00.000Z')],
    ['now/s', true, iso('2014-01-01T06:06:06.999Z')],
    ['now/m', true, iso('2014-01-01T06:06:59.999Z')],
    ['now/h', true, iso('2014-01-01T06:59:59.999Z')],
    ['now/d', true, iso('2014-01-01T23:59:59.999Z')],
    ['now/w', true, iso('2014-01-04T23:59:59.999Z')],
    ['now/M', true, iso('2014-01-31T23:59:59.999Z')],
    ['now/y', true, iso('2014-12-31T23:59:59.999Z')],
    ['now/fy', true, iso('2014-12-31T23:59:59.999Z')],
    ['now-1d/d', false, iso('2013-12-31T00:00:00.000Z')],
    ['now-1d/d', true, iso('2013-12-31T23:59:59.999Z')],
    ['now-2d-6h', false, iso('2013-12-30T00:06:06.666Z')],
    ['now - 2d', false, iso('2013-12-30T06:06:06.666Z')],
    ['2014-01-01T06:06:06.666Z||-5d', false, iso('2013-12-27T06:06:06.666Z')],
    ['1388556366666', false, NOW],
    ['20140101', false, iso('2014-01-01T00:00:00Z')],
    ['20140101T120000', false, iso('2014-01-01T12:00:00Z')],
    ['2014-01-01T06:06:06.666Z', false, NOW],
    ['2014-01-01T08:06:06+02:00', false, iso('2014-01-01T06:06:06Z')],
    ['2014-01-01 06:06:06', false, iso('2014-01-01T06:06:06Z')],
    ['2014-01-01', false, iso('2014-01-01T00:00:00Z')],
  ])('%s (roundUp %s) in UTC', (text, roundUp, want) => {
    expect(resolveTime(text, NOW, roundUp, 'utc')).toBe(want);
  });

  it('adds months as the calendar does, clamping the day', () => {
    expect(resolveTime('now+1M', iso('2014-01-31T10:00:00Z'), false, 'utc')).toBe(iso('2014-02-28T10:00:00Z'));
  });

  // datemath.test.ts "errors"
  it.each(['', 'now&1d', 'now+5f', 'now/2y', 'now/0.5y', 'now-0', 'now-00', 'asd', '2014-13-01', 'now-12345678901h'])('%j does not read', (text) => {
    expect(resolveTime(text, NOW, false, 'utc')).toBeNull();
  });

  it("rounds in the browser's zone when the board says browser", () => {
    const local = new Date(NOW);
    local.setHours(0, 0, 0, 0);
    expect(resolveTime('now/d', NOW, false, 'browser')).toBe(local.getTime());
    expect(resolveTime('2014-01-01 06:06:06', NOW, false, 'browser')).toBe(new Date(2014, 0, 1, 6, 6, 6).getTime());
  });
});

describe('resolveRange', () => {
  it('rounds to up and from down', () => {
    expect(resolveRange({ from: 'now-1d/d', to: 'now-1d/d' }, NOW, 'utc')).toEqual({
      ok: true,
      value: { startMs: iso('2013-12-31T00:00:00Z'), endMs: iso('2013-12-31T23:59:59.999Z') },
    });
  });

  it.each([
    [{ from: 'yesterday', to: 'now' }, 'from', '"yesterday" is not a time'],
    [{ from: 'now-1h', to: 'now+' }, 'to', '"now+" is not a time'],
    [{ from: 'now', to: 'now-1h' }, 'from', 'from (now) is after to (now-1h)'],
  ])('%j fails at %s', (spec, where, what) => {
    const r = resolveRange(spec, NOW, 'utc');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.where).toBe(where);
      expect(r.error.what).toContain(what);
    }
  });
});

describe('zoomOutRange and shiftRange', () => {
  const a = iso('2014-01-01T00:00:00Z');
  const b = iso('2014-01-01T02:00:00Z');

  it('doubles an absolute range around its centre', () => {
    expect(zoomOutRange({ from: String(a), to: String(b) }, NOW, 'utc')).toEqual({
      from: String(iso('2013-12-31T23:00:00Z')),
      to: String(iso('2014-01-01T03:00:00Z')),
    });
  });

  it('keeps to at now and doubles the span back from it', () => {
    expect(zoomOutRange({ from: 'now-6h', to: 'now' }, NOW, 'utc')).toEqual({ from: String(NOW - 12 * 3_600_000), to: 'now' });
  });

  it('grows an empty range to 30 seconds', () => {
    expect(zoomOutRange({ from: String(a), to: String(a) }, NOW, 'utc')).toEqual({ from: String(a - 15_000), to: String(a + 15_000) });
  });

  it('shifts by half the span and stops at now going forward', () => {
    expect(shiftRange({ from: String(a), to: String(b) }, -1, NOW, 'utc')).toEqual({ from: String(a - 3_600_000), to: String(b - 3_600_000) });
    expect(shiftRange({ from: String(a), to: String(b) }, 1, NOW, 'utc')).toEqual({ from: String(a + 3_600_000), to: String(b + 3_600_000) });
    const late = NOW - 1_800_000;
    expect(shiftRange({ from: String(late - 7_200_000), to: String(late) }, 1, NOW, 'utc')).toEqual({ from: String(late - 7_200_000), to: String(NOW) });
  });
});

describe('describeRange (rangeutil.describeTimeRange)', () => {
  it.each([
    [{ from: 'now-6h', to: 'now' }, 'Last 6 hours'],
    [{ from: 'now-1d/d', to: 'now-1d/d' }, 'Yesterday'],
    [{ from: 'now/d', to: 'now' }, 'Today so far'],
    [{ from: 'now-45m', to: 'now' }, 'Last 45 minutes'],
    [{ from: 'now-1m', to: 'now' }, 'Last 1 minute'],
    [{ from: 'now', to: 'now+5m' }, 'Next 5 minutes'],
    [{ from: 'now-6h', to: 'now-1h' }, 'now-6h to now-1h'],
    [{ from: '1388534400000', to: '2014-01-01T02:00:00Z' }, '2014-01-01 00:00:00 to 2014-01-01 02:00:00'],
    [{ from: '1388534400000', to: 'now' }, '2014-01-01 00:00:00 to now'],
  ])('%j is %s', (spec, want) => {
    expect(describeRange(spec, 'utc')).toBe(want);
  });

  it('offers every one of Grafana’s last-N quick ranges, each of which resolves', () => {
    const displays = TIME_PRESETS.map((p) => p.display);
    for (const d of ['Last 5 minutes', 'Last 15 minutes', 'Last 30 minutes', 'Last 1 hour', 'Last 3 hours', 'Last 6 hours', 'Last 12 hours', 'Last 24 hours', 'Last 2 days', 'Last 7 days', 'Last 30 days', 'Today', 'Yesterday']) {
      expect(displays).toContain(d);
    }
    for (const p of TIME_PRESETS) expect(resolveRange(p, NOW, 'utc').ok).toBe(true);
  });
});

describe('parseRefresh', () => {
  it.each([
    ['', null],
    ['live', 'live'],
    ['5s', 5000],
    ['1m', 60_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['30', 30_000],
    ['500ms', 500],
    ['0s', null],
    ['soon', null],
    ['5x', null],
  ])('%j is %s', (s, want) => {
    expect(parseRefresh(s)).toBe(want);
  });
});
