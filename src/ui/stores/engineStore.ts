// What the engine reports to every component: its role and the targets'
// health, and what it is doing while it starts. Updated from engine events;
// components never poll (the store asks how the start goes until it is over,
// since an engine still restoring sends no events).

import { create } from 'zustand';
import type { EngineRole, EngineStartup, TargetView } from '../../engine/api';
import type { Result } from '../../model/result';
import { engine, onEngineEvent, whenSubscribed } from '../engineClient';

interface EngineState {
  role: EngineRole | null;
  /** Until the engine answers: what it is doing, or why it stopped. */
  startup: EngineStartup | null;
  targets: TargetView[];
  /** Bumped on every scrape round, so live views know to refresh. */
  dataVersion: number;
  /** Bumped when prometheus.yml changed (here, in another tab, or by the target form). */
  configVersion: number;
  /** The engine's last word on data it had to drop, until dismissed. */
  storageMessage: string | null;
  dismissStorageMessage(): void;
  refreshTargets(): Promise<void>;
}

export const useEngine = create<EngineState>((set) => ({
  role: null,
  startup: null,
  targets: [],
  dataVersion: 0,
  configVersion: 0,
  storageMessage: null,
  dismissStorageMessage() {
    set({ storageMessage: null });
  },
  async refreshTargets() {
    set({ targets: await engine().targets() });
  },
}));

let started = false;
const STARTUP_POLL_MS = 500;

/** Asks how the start goes until the engine answers or says it cannot start. */
async function followStartup(): Promise<void> {
  while (useEngine.getState().role === null) {
    const startup = await engine().startup();
    useEngine.setState({ startup });
    if (startup.state !== 'starting') return;
    await new Promise((r) => setTimeout(r, STARTUP_POLL_MS));
  }
}

// Every target reports each scrape; live views refresh once per burst, not once per target.
const REFRESH_COALESCE_MS = 500;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;

function scheduleRefresh(): void {
  refreshTimer ??= setTimeout(() => {
    refreshTimer = undefined;
    useEngine.setState((s) => ({ dataVersion: s.dataVersion + 1 }));
    void useEngine.getState().refreshTargets();
  }, REFRESH_COALESCE_MS);
}

/** Waits for the engine to answer, saying meanwhile what it does; again after a start that failed is retried. */
function follow(): void {
  // A dedicated worker may win the leader lock between a role question and the subscription.
  void whenSubscribed()
    .then(() => engine().role())
    .then(
      (role) => {
        useEngine.setState({ role, startup: { state: 'ready' } });
        void useEngine.getState().refreshTargets();
      },
      // An engine that cannot start says why through followStartup.
      () => {},
    );
  void followStartup();
}

/** After a start that failed: the engine starts again without the stored samples, leaving them as they are. */
export async function startReadOnly(): Promise<Result<void>> {
  const r = await engine().startReadOnly();
  if (r.ok) follow();
  return r;
}

/** Connects the store to the engine once per tab. */
export function startEngineStore(): void {
  if (started) return;
  started = true;
  follow();
  onEngineEvent((e) => {
    if (e.kind === 'role') useEngine.setState({ role: e.role });
    if (e.kind === 'wiped') location.reload();
    if (e.kind === 'storage') useEngine.setState({ storageMessage: e.message });
    if (e.kind === 'config') useEngine.setState((s) => ({ configVersion: s.configVersion + 1 }));
    if (e.kind === 'targets' || e.kind === 'config') scheduleRefresh();
  });
}
