import { describe, expect, it } from 'vitest';
import { anyContains, containsTime, type TimeInterval } from './timeInterval';

// 2024-02-29 was a Thursday, the last day of a leap February.
const at = (iso: string) => Date.parse(iso);

describe('containsTime', () => {
  it.each<[string, TimeInterval, string, boolean]>([
    ['inside a time range', { times: [{ begin: 9 * 60, end: 17 * 60 }] }, '2024-02-29T09:00:00Z', true],
    ['at its exclusive end', { times: [{ begin: 9 * 60, end: 17 * 60 }] }, '2024-02-29T17:00:00Z', false],
    ['a weekday range', { weekdays: [{ begin: 1, end: 5 }] }, '2024-02-29T12:00:00Z', true],
    ['a weekend day', { weekdays: [{ begin: 0, end: 0 }, { begin: 6, end: 6 }] }, '2024-02-29T12:00:00Z', false],
    ['the last day of the month counted from its end', { daysOfMonth: [{ begin: -1, end: -1 }] }, '2024-02-29T12:00:00Z', true],
    ['a day range past a short month end, clamped', { daysOfMonth: [{ begin: 28, end: 31 }] }, '2024-02-29T12:00:00Z', true],
    ['a range starting after the month ends', { daysOfMonth: [{ begin: 30, end: 31 }] }, '2024-02-29T12:00:00Z', false],
    ['a month range', { months: [{ begin: 1, end: 3 }] }, '2024-02-29T12:00:00Z', true],
    ['another year', { years: [{ begin: 2025, end: 2030 }] }, '2024-02-29T12:00:00Z', false],
    ['all fields together', { times: [{ begin: 0, end: 60 }], weekdays: [{ begin: 4, end: 4 }], months: [{ begin: 2, end: 2 }] }, '2024-02-29T00:30:00Z', true],
    // 23:30 UTC on the 29th is already 08:30 on March 1st in Tokyo.
    ['in a location', { daysOfMonth: [{ begin: 1, end: 1 }], times: [{ begin: 8 * 60, end: 9 * 60 }], location: 'Asia/Tokyo' }, '2024-02-29T23:30:00Z', true],
    ['in UTC without one', { daysOfMonth: [{ begin: 1, end: 1 }] }, '2024-02-29T23:30:00Z', false],
  ])('%s', (_, ti, iso, want) => {
    expect(containsTime(ti, at(iso))).toBe(want);
  });

  it('answers for a named interval when any entry contains the time', () => {
    const weekend: TimeInterval[] = [{ weekdays: [{ begin: 6, end: 6 }] }, { weekdays: [{ begin: 0, end: 0 }] }];
    expect(anyContains(weekend, at('2024-03-03T12:00:00Z'))).toBe(true);
    expect(anyContains(weekend, at('2024-03-04T12:00:00Z'))).toBe(false);
    expect(anyContains([], at('2024-03-04T12:00:00Z'))).toBe(false);
  });
});
