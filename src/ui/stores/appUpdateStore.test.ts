import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UPDATE_CHECK_MS, useAppUpdate, watchUpdates, type WorkerRegistrar } from './appUpdateStore';

type Listener = (e: { isUpdate?: boolean }) => void;

function fakeWorkbox() {
  const listeners = new Map<string, Listener[]>();
  const wb = {
    addEventListener: (type: string, l: Listener) => listeners.set(type, [...(listeners.get(type) ?? []), l]),
    register: vi.fn(async () => undefined),
    update: vi.fn(async () => undefined),
    messageSkipWaiting: vi.fn(),
    fire: (type: string, e: { isUpdate?: boolean } = {}) => listeners.get(type)?.forEach((l) => l(e)),
  };
  return wb satisfies WorkerRegistrar;
}

let stop = () => {};
beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  stop();
  vi.useRealTimers();
});

describe('watchUpdates', () => {
  it('registers, offers a waiting version, and reloads only after Reload has told the worker to take over', () => {
    const wb = fakeWorkbox();
    const reload = vi.fn();
    stop = watchUpdates(wb, reload);
    expect(wb.register).toHaveBeenCalledOnce();
    expect(useAppUpdate.getState().offer).toBe('none');
    wb.fire('waiting');
    expect(useAppUpdate.getState().offer).toBe('waiting');
    expect(reload).not.toHaveBeenCalled();
    useAppUpdate.getState().apply();
    expect(wb.messageSkipWaiting).toHaveBeenCalledOnce();
    expect(reload).not.toHaveBeenCalled();
    wb.fire('controlling', { isUpdate: true });
    expect(reload).toHaveBeenCalledOnce();
  });

  it("never reloads a tab when another tab's Reload switched the worker; it says so and reloads on its own click", () => {
    const wb = fakeWorkbox();
    const reload = vi.fn();
    stop = watchUpdates(wb, reload);
    wb.fire('waiting');
    wb.fire('controlling', { isUpdate: true });
    expect(reload).not.toHaveBeenCalled();
    expect(useAppUpdate.getState().offer).toBe('elsewhere');
    useAppUpdate.getState().apply();
    expect(wb.messageSkipWaiting).not.toHaveBeenCalled();
    expect(reload).toHaveBeenCalledOnce();
  });

  it('ignores the first install taking control, and a dismissed offer stays away', () => {
    const wb = fakeWorkbox();
    const reload = vi.fn();
    stop = watchUpdates(wb, reload);
    wb.fire('controlling', { isUpdate: false });
    expect(useAppUpdate.getState().offer).toBe('none');
    wb.fire('waiting');
    useAppUpdate.getState().dismiss();
    expect(useAppUpdate.getState().offer).toBe('none');
    expect(reload).not.toHaveBeenCalled();
  });

  it('looks for a new build every hour while the tab stays open', () => {
    const wb = fakeWorkbox();
    stop = watchUpdates(wb, vi.fn());
    vi.advanceTimersByTime(UPDATE_CHECK_MS * 2);
    expect(wb.update).toHaveBeenCalledTimes(2);
  });
});
