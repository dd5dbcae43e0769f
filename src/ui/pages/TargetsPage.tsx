// Targets by pool with their health, labels after relabelling, last scrape
// and error; details with the labels before relabelling and what each rule
// did; the add/edit/remove form; dropped targets; and prometheus.yml itself.

import { useEffect, useState } from 'react';
import type { DroppedTargetView, StaticTarget, TargetView } from '../../engine/api';
import { LabelList } from '../components/LabelList';
import { engine } from '../engineClient';
import { useEngine } from '../stores/engineStore';
import { ConfigEditor } from './ConfigEditor';
import { RelabelPreview } from './RelabelPreview';
import { TargetForm } from './TargetForm';
import { writtenUrl } from './targetLabels';

function ago(ms: number | null): string {
  if (ms === null) return 'never';
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
  return `${s}s ago`;
}

function targetKey(t: TargetView): string {
  return `${t.pool}\0${t.url}\0${JSON.stringify(t.labels)}`;
}

interface RowProps {
  t: TargetView;
  written: StaticTarget | undefined;
  onEdit(t: StaticTarget): void;
}

function TargetRow({ t, written, onEdit }: RowProps) {
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState('');
  const removeTarget = async (at: StaticTarget) => {
    const r = await engine().changeTargets({ kind: 'remove', at });
    if (!r.ok) setProblem(r.error.what);
  };
  return (
    <>
      <tr>
        <td data-label="Endpoint" className="mono endpoint">{t.url}</td>
        <td data-label="State">
          <span className={`health health-${t.state}`}>{t.state.toUpperCase()}</span>
        </td>
        <td data-label="Labels" className="mono small">
          <LabelList labels={t.labels} />
        </td>
        <td data-label="Last scrape" className="nowrap">{ago(t.lastScrapeMs)}</td>
        <td data-label="Duration" className="nowrap">{t.lastDurationMs === null ? '' : `${t.lastDurationMs.toFixed(1)} ms`}</td>
        <td data-label="Samples" className="num">{t.samples ?? ''}</td>
        <td data-label="Error" className="error-text">{t.lastError}</td>
        <td className="actions">
          <button type="button" aria-expanded={open} onClick={() => setOpen(!open)} aria-label={`Details of ${t.url}`}>
            Details
          </button>
          {written ? (
            <>
              <button type="button" onClick={() => onEdit(written)} aria-label={`Edit ${t.url}`}>
                Edit
              </button>
              {confirming ? (
                <button type="button" className="danger" onClick={() => void removeTarget(written)} onBlur={() => setConfirming(false)} aria-label={`Confirm removing ${t.url}`}>
                  Confirm remove
                </button>
              ) : (
                <button type="button" onClick={() => setConfirming(true)} aria-label={`Remove ${t.url}`}>
                  Remove
                </button>
              )}
            </>
          ) : null}
          {problem ? (
            <p className="error small" role="alert">
              {problem}
            </p>
          ) : null}
        </td>
      </tr>
      {open ? (
        <tr className="details">
          <td colSpan={8}>
            <RelabelPreview job={t.pool} discovered={t.discoveredLabels} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function DroppedTargets({ dropped }: { dropped: DroppedTargetView[] }) {
  const [open, setOpen] = useState<number | null>(null);
  if (dropped.length === 0) return null;
  return (
    <section className="card" aria-label="Dropped targets">
      <h2>
        Dropped targets <span className="muted">({dropped.length})</span>
      </h2>
      <p className="muted small">Relabelling dropped these; their labels before relabelling and each rule's effect:</p>
      <ul className="dropped">
        {dropped.map((d, i) => (
          <li key={i}>
            <span className="muted">{d.pool}</span> <LabelList labels={d.discoveredLabels} />
            <button type="button" aria-expanded={open === i} onClick={() => setOpen(open === i ? null : i)}>
              Why dropped
            </button>
            {open === i ? <RelabelPreview job={d.pool} discovered={d.discoveredLabels} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function TargetsPage() {
  const targets = useEngine((s) => s.targets);
  const configVersion = useEngine((s) => s.configVersion);
  const [written, setWritten] = useState<StaticTarget[]>([]);
  const [dropped, setDropped] = useState<DroppedTargetView[]>([]);
  const [form, setForm] = useState<{ editing: StaticTarget | null } | null>(null);
  useEffect(() => {
    void engine().staticTargets().then(setWritten);
    void engine().droppedTargets().then(setDropped);
  }, [configVersion]);
  const pools = new Map<string, TargetView[]>();
  for (const t of targets) pools.set(t.pool, [...(pools.get(t.pool) ?? []), t]);
  const jobs = [...new Set([...pools.keys(), ...written.map((w) => w.job)])].sort();
  const writtenFor = (t: TargetView) => written.find((w) => w.job === t.pool && w.url === writtenUrl(t.discoveredLabels));
  return (
    <div className="page">
      <div className="row">
        <button type="button" className="primary" onClick={() => setForm({ editing: null })} disabled={form !== null}>
          Add target
        </button>
      </div>
      {form ? <TargetForm key={form.editing ? `${form.editing.job}/${form.editing.group}/${form.editing.index}` : 'new'} editing={form.editing} jobs={jobs} onDone={() => setForm(null)} /> : null}
      {[...pools].map(([pool, list]) => (
        <section className="card" key={pool} aria-label={`Pool ${pool}`}>
          <h2>
            {pool} <span className="muted">({list.filter((t) => t.state === 'up').length}/{list.length} up)</span>
          </h2>
          <div className="table-scroll">
            <table className="targets">
              <thead>
                <tr>
                  <th scope="col">Endpoint</th>
                  <th scope="col">State</th>
                  <th scope="col">Labels</th>
                  <th scope="col">Last scrape</th>
                  <th scope="col">Duration</th>
                  <th scope="col" className="num">
                    Samples
                  </th>
                  <th scope="col">Error</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((t) => (
                  <TargetRow key={targetKey(t)} t={t} written={writtenFor(t)} onEdit={(w) => setForm({ editing: w })} />
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      <DroppedTargets dropped={dropped} />
      <ConfigEditor />
    </div>
  );
}
