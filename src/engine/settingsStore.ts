// Small settings the engine keeps across reloads (the prometheus.yml text),
// in their own IndexedDB database so wiping samples never loses them.

import { openDB, type IDBPDatabase } from 'idb';

const STORE = 'settings';

export class SettingsStore {
  private constructor(private readonly db: IDBPDatabase) {}

  static async open(name = 'vigil-settings'): Promise<SettingsStore> {
    const db = await openDB(name, 1, {
      upgrade(d) {
        d.createObjectStore(STORE);
      },
    });
    return new SettingsStore(db);
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.db.get(STORE, key)) as string | undefined;
  }

  async set(key: string, value: string): Promise<void> {
    await this.db.put(STORE, value, key);
  }

  close(): void {
    this.db.close();
  }
}
