// The engine's own state: its role in this browser and its self-metrics.

import { useEffect, useState } from 'react';
import { engine } from '../engineClient';
import { useEngine } from '../stores/engineStore';

const ROLE_TEXT = {
  shared: 'One engine for all tabs of this origin (SharedWorker).',
  leader: 'This tab’s engine scrapes and writes (elected by Web Lock).',
  follower: 'Another tab’s engine scrapes; this one only reads.',
};

export function StatusPage() {
  const role = useEngine((s) => s.role);
  const dataVersion = useEngine((s) => s.dataVersion);
  const [metrics, setMetrics] = useState('');
  useEffect(() => {
    void engine().selfMetrics().then(setMetrics);
  }, [dataVersion]);
  return (
    <div className="page">
      <section className="card">
        <h2>Engine</h2>
        <p>{role ? ROLE_TEXT[role] : 'Connecting…'}</p>
      </section>
      <section className="card">
        <h2>Self-metrics</h2>
        <pre className="mono small self-metrics" aria-label="Engine self-metrics">
          {metrics}
        </pre>
      </section>
    </div>
  );
}
