import { describe, expect, it } from 'vitest';
import { fromDateTimeInput, toDateTimeInput } from './dateTimeInput';

describe('datetime-local input', () => {
  it.each(['UTC', 'local'] as const)('round-trips a whole second on the %s clock', (tz) => {
    const ms = Date.UTC(2026, 10, 25, 15, 4, 5);
    expect(fromDateTimeInput(toDateTimeInput(ms, tz), tz)).toBe(ms);
  });

  it('reads a UTC clock as UTC', () => {
    expect(toDateTimeInput(Date.UTC(2026, 0, 2, 3, 4, 5), 'UTC')).toBe('2026-01-02T03:04:05');
    expect(fromDateTimeInput('2026-01-02T03:04', 'UTC')).toBe(Date.UTC(2026, 0, 2, 3, 4, 0));
  });

  it('gives null for an emptied input, so the panel follows now', () => {
    expect(fromDateTimeInput('', 'local')).toBeNull();
  });
});
