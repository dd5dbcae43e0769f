import { describe, expect, it } from 'vitest';
import { loadAlertmanagerConfig, parseAlertmanagerConfig } from './alertmanagerConfig';

const withInterval = (body: string) =>
  `route: {receiver: a, routes: [{receiver: a, mute_time_intervals: [x]}]}\nreceivers: [{name: a}]\ntime_intervals:\n  - name: x\n    time_intervals:\n      - ${body}\n`;

describe('time_intervals', () => {
  it('reads times, weekdays, days of month, months, years and location', () => {
    const cfg = loadAlertmanagerConfig(
      withInterval("{times: [{start_time: '09:00', end_time: '24:00'}], weekdays: ['monday:friday', sunday], days_of_month: ['1:5', '-1'], months: ['january:march', '12'], years: ['2024:2025'], location: Europe/Paris}"),
    );
    expect(cfg.timeIntervals.get('x')).toEqual([
      {
        times: [{ begin: 540, end: 1440 }],
        weekdays: [{ begin: 1, end: 5 }, { begin: 0, end: 0 }],
        daysOfMonth: [{ begin: 1, end: 5 }, { begin: -1, end: -1 }],
        months: [{ begin: 1, end: 3 }, { begin: 12, end: 12 }],
        years: [{ begin: 2024, end: 2025 }],
        location: 'Europe/Paris',
      },
    ]);
    expect(cfg.route.routes[0].muteTimeIntervals).toEqual(['x']);
  });

  it('reads the older mute_time_intervals key too', () => {
    const cfg = loadAlertmanagerConfig('route: {receiver: a, routes: [{receiver: a, active_time_intervals: [old]}]}\nreceivers: [{name: a}]\nmute_time_intervals:\n  - name: old\n    time_intervals: [{weekdays: [saturday]}]\n');
    expect(cfg.timeIntervals.get('old')).toEqual([{ weekdays: [{ begin: 6, end: 6 }] }]);
  });

  // Messages as Debian's amtool 0.25 check-config words them.
  it.each([
    ["times: [{start_time: '10:00', end_time: '09:00'}]", 'start time cannot be equal or greater than end time'],
    ["times: [{start_time: '25:00', end_time: '26:00'}]", "couldn't parse timestamp 25:00, invalid format"],
    ["times: [{start_time: '9:00', end_time: '10:00'}]", "couldn't parse timestamp 9:00, invalid format"],
    ["weekdays: ['friday:monday']", 'start day cannot be before end day'],
    ["weekdays: ['funday']", 'funday is not a valid weekday'],
    ["days_of_month: ['0']", '0 is not a valid day of the month: out of range'],
    ["days_of_month: ['3:-40']", '-40 is not a valid day of the month: out of range'],
    ["days_of_month: ['-3:2']", 'end day must be negative if start day is negative'],
    ["days_of_month: ['5:3']", 'end day 3 is always before start day 5'],
    ["days_of_month: ['20:-20']", 'end day -20 is always before start day 20'],
    ["months: ['march:january']", 'end month january is before start month march'],
    ["months: ['foo']", 'foo is not a valid month'],
    ["years: ['2022:2020']", 'end year 2020 is before start year 2022'],
    ["years: ['abc']", 'strconv.Atoi: parsing "abc": invalid syntax'],
    ["location: 'Mars/Base'", 'unknown time zone Mars/Base'],
  ])('refuses %s', (body, message) => {
    const r = parseAlertmanagerConfig(withInterval(body));
    expect(r.ok ? 'accepted' : r.problems[0].message).toContain(message);
    expect(r.ok ? 0 : r.problems[0].line).toBe(6);
  });

  it('refuses a route naming an undefined interval, at the name', () => {
    const r = parseAlertmanagerConfig('route:\n  receiver: a\n  routes:\n    - receiver: a\n      mute_time_intervals: [y]\nreceivers: [{name: a}]\n');
    expect(r).toEqual({ ok: false, problems: [{ line: 5, column: 29, message: 'undefined time interval "y" used in route' }] });
  });
});

describe('every problem at once', () => {
  it('answers each broken receiver, route field and interval at its place, in file order', () => {
    const text = [
      'route:',
      '  receiver: a',
      '  group_wait: soon',
      '  routes:',
      '    - receiver: nobody',
      '      mute_time_intervals: [x]',
      'receivers:',
      '  - name: a',
      '    webhook_configs: [{url: "ftp://x"}]',
      'time_intervals:',
      '  - name: x',
      "    time_intervals: [{weekdays: ['funday']}]",
      '',
    ].join('\n');
    const r = parseAlertmanagerConfig(text);
    expect(r.ok ? [] : r.problems.map((p) => [p.line, p.message])).toEqual([
      [3, expect.stringContaining('soon')],
      [5, 'undefined receiver "nobody" used in route'],
      [9, expect.stringContaining('unsupported scheme "ftp"')],
      [12, 'funday is not a valid weekday'],
    ]);
  });
});
