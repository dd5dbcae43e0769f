// While the engine starts (a large store takes a while to restore), what it is
// doing; if it cannot start, why, and two ways out that keep the configuration:
// start read-only (the store left untouched) or wipe the stored samples.

import { useState } from 'react';
import type { EngineStartup } from '../../engine/api';
import { engine } from '../engineClient';
import { startReadOnly, useEngine } from '../stores/engineStore';

/** "restoring the stored series: 40 % (400,000 of 1,000,000)", or the phase alone when it has no count. */
export function startupText(s: Extract<EngineStartup, { state: 'starting' }>): string {
  if (s.total <= 0) return `Starting: ${s.phase}…`;
  const share = Math.floor((100 * s.done) / s.total);
  return `Starting: ${s.phase}: ${share} % (${s.done.toLocaleString('en-US')} of ${s.total.toLocaleString('en-US')})`;
}

export function StartupBanner() {
  const startup = useEngine((s) => s.startup);
  const role = useEngine((s) => s.role);
  const [wayOutError, setWayOutError] = useState('');
  if (role !== null || startup === null || startup.state === 'ready') return null;
  if (startup.state === 'starting') {
    return (
      <div className="banner info" role="status" aria-label="Engine start">
        <span>{startupText(startup)}</span>
      </div>
    );
  }
  const wipe = async () => {
    const r = await engine().wipeFailedStart();
    if (r.ok) location.reload();
    else setWayOutError(r.error.what);
  };
  const readOnly = async () => {
    const r = await startReadOnly();
    if (!r.ok) setWayOutError(r.error.what);
  };
  return (
    <div className="banner" role="alert" aria-label="Engine start">
      <span>The engine could not start: {startup.error}</span>
      <button type="button" onClick={() => void readOnly()}>
        Start read-only (keep the stored samples as they are)
      </button>
      <button type="button" className="danger" onClick={() => void wipe()}>
        Wipe the stored samples and start again
      </button>
      {wayOutError ? <span>{wayOutError}</span> : null}
    </div>
  );
}
