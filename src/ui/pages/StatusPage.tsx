// The engine's own state: its role in this browser, the store and its budget,
// whether the browser keeps the data, each remote_write queue, and the
// engine's self-metrics.

import { useEffect, useState } from 'react';
import type { AlertmanagerStatus, RemoteWriteStatus, StorageStatus } from '../../engine/api';
import { formatDuration } from '../../model/duration';
import { startupText } from '../components/StartupBanner';
import { engine } from '../engineClient';
import { useEngine } from '../stores/engineStore';
import { remoteWriteRows } from './remoteWriteRows';

const ROLE_TEXT = {
  shared: 'One engine for all tabs of this origin (SharedWorker).',
  leader: 'This tab’s engine scrapes and writes (elected by Web Lock).',
  follower: 'Another tab’s engine scrapes; this one only reads.',
};

function bytes(n: number | null): string {
  if (n === null) return 'unknown';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

function time(ms: number | null): string {
  return ms === null ? '—' : new Date(ms).toLocaleString();
}

/** Asks the browser not to evict this origin's data; only a page (not a worker) may ask. */
function usePersistence(): boolean | null {
  const [persisted, setPersisted] = useState<boolean | null>(null);
  useEffect(() => {
    const storage = navigator.storage;
    if (!storage?.persist) return;
    void storage.persisted().then((already) => (already ? true : storage.persist())).then(setPersisted);
  }, []);
  return persisted;
}

/** One of the TSDB status page's top-ten tables: a name (as text) and its count. */
function TopCounts({ title, rows }: { title: string; rows: readonly { name: string; count: number }[] }) {
  return (
    <>
      <h3>{title}</h3>
      <table className="facts">
        <tbody>
          {rows.map((r) => (
            <tr key={r.name}>
              <th scope="row" className="mono">
                {r.name}
              </th>
              <td className="num">{r.count.toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Facts({ rows }: { rows: readonly [string, string][] }) {
  return (
    <table className="facts">
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Each remote_write queue's figures and its last error. A browser hides why a
 * cross-origin write failed; the error text says what the receiver's CORS
 * answer must allow.
 */
function RemoteWriteCard({ queues }: { queues: RemoteWriteStatus[] }) {
  return (
    <section className="card" aria-label="Remote write">
      <h2>Remote write</h2>
      {queues.length === 0 ? <p className="muted">No remote_write in the configuration: nothing leaves this browser.</p> : null}
      {queues.map((q) => (
        <div key={q.name} aria-label={`Remote write queue ${q.name}`} role="group">
          <h3 className="mono">{q.name}</h3>
          <Facts rows={remoteWriteRows(q, time)} />
          {q.lastError ? (
            <p className="error" role="alert">
              Last error at {time(q.lastError.atMs)}: {q.lastError.message}
            </p>
          ) : null}
        </div>
      ))}
    </section>
  );
}

const AM_STATE: Record<AlertmanagerStatus['state'], string> = { up: 'up: last post accepted', down: 'down: last post failed, alerts held and retried', unknown: 'nothing sent yet' };

function AlertmanagersCard({ ams }: { ams: AlertmanagerStatus[] }) {
  return (
    <section className="card" aria-label="Alertmanagers">
      <h2>Alertmanagers</h2>
      {ams.length === 0 ? <p className="muted">No alerting.alertmanagers in the configuration: alerts stay in this browser.</p> : null}
      {ams.map((a, i) => (
        <div key={a.url || `problem-${i}`} aria-label={`Alertmanager ${a.url || 'not reachable'}`} role="group">
          <h3 className="mono">{a.url || 'configuration problem'}</h3>
          <Facts
            rows={[
              ['State', AM_STATE[a.state]],
              ['Alerts sent', a.sent.toLocaleString()],
              ['Alerts in failed posts', a.errors.toLocaleString()],
              ['Alerts dropped (queue full)', a.dropped.toLocaleString()],
              ['Queue', `${a.pending.toLocaleString()} of ${a.capacity.toLocaleString()}`],
              ['Last success', time(a.lastSuccessAt)],
            ]}
          />
          {a.lastError ? (
            <p className="error" role="alert">
              {a.lastErrorAt === null ? '' : `Last error at ${time(a.lastErrorAt)}: `}
              {a.lastError}
            </p>
          ) : null}
        </div>
      ))}
    </section>
  );
}

function StorageCard({ st, persisted }: { st: StorageStatus; persisted: boolean | null }) {
  const rows: [string, string][] = [
    ['Series', st.series.toLocaleString()],
    ['Samples', st.samples.toLocaleString()],
    ['Chunks', st.chunks.toLocaleString()],
    ['Blocks in IndexedDB', st.blocks.toLocaleString()],
    ['Bytes in IndexedDB', bytes(st.storedBytes)],
    ['Bytes per sample', st.bytesPerSample > 0 ? st.bytesPerSample.toFixed(2) : '—'],
    ['Block page cache', `${bytes(st.pageCacheBytes)} of ${bytes(st.pageCacheMaxBytes)}`],
    ['Head series', st.headSeries.toLocaleString()],
    ['Oldest sample', time(st.minTimeMs)],
    ['Newest sample', time(st.maxTimeMs)],
    ['Series created / removed', `${st.seriesCreated} / ${st.seriesRemoved}`],
    ['Retention time', formatDuration(st.retentionMs)],
    ['Retention size', st.maxBytes === null ? 'unlimited' : bytes(st.maxBytes)],
    ['Origin storage used / quota', `${bytes(st.usageBytes)} / ${bytes(st.quotaBytes)}`],
    ['Persistent storage', persisted === null ? 'unknown' : persisted ? 'granted: the browser will not evict this data' : 'not granted: the browser may evict this data under pressure'],
    ['Last checkpoint', st.lastCheckpointError ? `failed: ${st.lastCheckpointError}` : time(st.lastCheckpointMs)],
  ];
  return (
    <section className="card" aria-label="Storage">
      <h2>Storage</h2>
      {st.lastDrop ? (
        <p className="error" role="alert">
          {time(st.lastDrop.atMs)}: {st.lastDrop.message}
        </p>
      ) : null}
      {st.restoreWarnings.map((w) => (
        <p key={w} className="warning" role="status" aria-label="Restore warning">
          {w}
        </p>
      ))}
      {st.largeTargets.map((t) => (
        <p key={t.url} className="warning" role="status" aria-label="Large target">
          {t.message}
        </p>
      ))}
      <Facts rows={rows} />
      <TopCounts title="Top metrics by series" rows={st.topMetricsBySeries} />
      <TopCounts title="Top label names by values" rows={st.topLabelsByValues} />
      <TopCounts title="Top label pairs by series" rows={st.topLabelPairsBySeries.map((p) => ({ name: `${p.name}=${JSON.stringify(p.value)}`, count: p.count }))} />
    </section>
  );
}

export function StatusPage() {
  const role = useEngine((s) => s.role);
  const startup = useEngine((s) => s.startup);
  const dataVersion = useEngine((s) => s.dataVersion);
  const persisted = usePersistence();
  const [metrics, setMetrics] = useState('');
  const [storage, setStorage] = useState<StorageStatus | null>(null);
  const [queues, setQueues] = useState<RemoteWriteStatus[] | null>(null);
  const [ams, setAms] = useState<AlertmanagerStatus[] | null>(null);
  useEffect(() => {
    void engine().selfMetrics().then(setMetrics);
    void engine().storageStatus().then(setStorage);
    void engine().remoteWriteStatus().then(setQueues);
    void engine().alertmanagerStatus().then(setAms);
  }, [dataVersion]);
  return (
    <div className="page">
      <section className="card">
        <h2>Engine</h2>
        <p aria-label="Build">Vigil {import.meta.env.VIGIL_BUILD}</p>
        <p>{role ? ROLE_TEXT[role] : startup?.state === 'starting' ? startupText(startup) : startup?.state === 'failed' ? `Could not start: ${startup.error}` : 'Connecting…'}</p>
      </section>
      {storage ? <StorageCard st={storage} persisted={persisted} /> : null}
      {queues ? <RemoteWriteCard queues={queues} /> : null}
      {ams ? <AlertmanagersCard ams={ams} /> : null}
      <section className="card">
        <h2>Self-metrics</h2>
        <pre className="mono small self-metrics" aria-label="Engine self-metrics">
          {metrics}
        </pre>
      </section>
    </div>
  );
}
