// "A new version of Vigil is ready — Reload": shown when a new build's service
// worker waits; the page reloads only when the user clicks.

import { useAppUpdate } from '../stores/appUpdateStore';

export function UpdateBanner() {
  const offer = useAppUpdate((s) => s.offer);
  const apply = useAppUpdate((s) => s.apply);
  const dismiss = useAppUpdate((s) => s.dismiss);
  if (offer === 'none') return null;
  return (
    <div className="banner info" role="status" aria-label="New version">
      <span>{offer === 'waiting' ? 'A new version of Vigil is ready.' : 'Vigil was updated in another tab; this one still runs the old version.'}</span>
      <span className="banner-actions">
        <button type="button" className="primary" onClick={apply}>
          Reload
        </button>
        <button type="button" onClick={dismiss} aria-label="Not now">
          ✕
        </button>
      </span>
    </div>
  );
}
