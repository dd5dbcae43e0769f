import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { SettingsStore } from './settingsStore';

describe('SettingsStore', () => {
  it('keeps a value across reopening, as across a page reload', async () => {
    const a = await SettingsStore.open('settings-test');
    expect(await a.get('config')).toBeUndefined();
    await a.set('config', 'global: {}\n');
    a.close();
    const b = await SettingsStore.open('settings-test');
    expect(await b.get('config')).toBe('global: {}\n');
    b.close();
  });
});
