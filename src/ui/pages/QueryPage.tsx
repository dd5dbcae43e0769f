// The Query page: panels stacked, each its own query, all mirrored in the URL.

import { useEffect } from 'react';
import { usePanels } from '../stores/panelsStore';
import { QueryPanel } from './QueryPanel';

export function QueryPage() {
  const panels = usePanels((s) => s.panels);
  const add = usePanels((s) => s.add);
  const syncFromUrl = usePanels((s) => s.syncFromUrl);
  useEffect(() => {
    syncFromUrl();
    window.addEventListener('popstate', syncFromUrl);
    return () => window.removeEventListener('popstate', syncFromUrl);
  }, [syncFromUrl]);
  return (
    <div className="page">
      {panels.map((p, i) => (
        <QueryPanel key={i} index={i} panel={p} />
      ))}
      <button type="button" onClick={add}>
        Add panel
      </button>
    </div>
  );
}
