// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAppUpdate, type UpdateOffer } from '../stores/appUpdateStore';
import { UpdateBanner } from './UpdateBanner';

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});
beforeEach(() => document.body.replaceChildren());

function show(offer: UpdateOffer, apply = vi.fn(), dismiss = vi.fn()): HTMLElement {
  act(() => useAppUpdate.setState({ offer, apply, dismiss }));
  const host = document.createElement('div');
  document.body.append(host);
  act(() => createRoot(host).render(<UpdateBanner />));
  return host;
}

describe('UpdateBanner', () => {
  it.each([
    ['none', ''],
    ['waiting', 'A new version of Vigil is ready.'],
    ['elsewhere', 'Vigil was updated in another tab; this one still runs the old version.'],
  ] as const)('%s reads %j', (offer, text) => {
    const host = show(offer);
    expect(host.querySelector('span')?.textContent ?? '').toBe(text);
  });

  it('Reload applies the update and ✕ puts the offer away', () => {
    const apply = vi.fn();
    const dismiss = vi.fn();
    const host = show('waiting', apply, dismiss);
    act(() => host.querySelector<HTMLButtonElement>('button.primary')!.click());
    expect(apply).toHaveBeenCalledOnce();
    act(() => host.querySelector<HTMLButtonElement>('button[aria-label="Not now"]')!.click());
    expect(dismiss).toHaveBeenCalledOnce();
  });
});
