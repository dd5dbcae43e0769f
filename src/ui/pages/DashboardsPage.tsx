// The Dashboards page (`#/dashboards`): every board on this origin (kept by
// the engine, so every tab sees a change at once), searched by title and tag;
// create, duplicate, rename, delete (after asking), star; export as Vigil's
// or Grafana's JSON; import Grafana's or Vigil's JSON with its report, never
// overwriting a board of the same uid without asking.

import { useEffect, useState } from 'react';
import { newDashboard } from '../../dashboards/defaults';
import { exportGrafana } from '../../dashboards/grafanaExport';
import { importGrafana, type ImportReport } from '../../dashboards/grafanaImport';
import type { Dashboard, DashboardSummary } from '../../engine/api';
import { ImportReportView } from '../dashboard/ImportReportView';
import { vigilBoard } from '../../dashboards/vigilJson';
import { engine, onEngineEvent } from '../engineClient';
import { downloadText } from '../fileTransfer';
import { navigate } from '../router';
import { useImportReport } from '../stores/importReportStore';
import '../dashboard/board.css';

/** A uid as Grafana makes them: short, URL-safe, random. */
function newUid(): string {
  return crypto.randomUUID().replaceAll('-', '').slice(0, 12);
}

function matches(d: DashboardSummary, search: string): boolean {
  const q = search.trim().toLowerCase();
  return !q || d.title.toLowerCase().includes(q) || d.tags.some((t) => t.toLowerCase().includes(q));
}

function useBoards(): [DashboardSummary[] | null, () => void] {
  const [boards, setBoards] = useState<DashboardSummary[] | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    void engine()
      .dashboards()
      .then((list) => {
        if (live) setBoards(list);
      });
    return () => {
      live = false;
    };
  }, [version]);
  useEffect(() => onEngineEvent((e) => e.kind === 'dashboards' && setVersion((v) => v + 1)), []);
  return [boards, () => setVersion((v) => v + 1)];
}

function BoardRow({ d, onError, onChanged }: { d: DashboardSummary; onError(e: string): void; onChanged(): void }) {
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [exporting, setExporting] = useState(false);
  const load = async (): Promise<Dashboard | null> => {
    const got = await engine().dashboard(d.uid);
    if (!got.ok) onError(`${d.title}: ${got.error.what}`);
    return got.ok ? got.value : null;
  };
  const store = async (board: Dashboard) => {
    const saved = await engine().saveDashboard(board, { overwrite: false });
    if (!saved.ok) onError(`${board.title}: ${saved.error.what}`);
    onChanged();
  };
  const exportAs = async (format: 'vigil' | 'grafana', how: 'download' | 'copy') => {
    const board = await load();
    if (!board) return;
    const text = JSON.stringify(format === 'vigil' ? board : exportGrafana(board), null, 2);
    if (how === 'copy') await navigator.clipboard.writeText(text);
    else downloadText(`${board.uid}${format === 'grafana' ? '.grafana' : ''}.json`, text, 'application/json');
    setExporting(false);
  };
  return (
    <li className="board-list-item">
      <button type="button" className="board-star" aria-pressed={d.starred} aria-label={`Star ${d.title}`} onClick={() => void engine().starDashboard(d.uid, !d.starred).then(onChanged)}>
        {d.starred ? '★' : '☆'}
      </button>
      {renaming === null ? (
        <a className="board-list-title" href={`#/d/${encodeURIComponent(d.uid)}`}>
          {d.title}
        </a>
      ) : (
        <form
          className="board-rename"
          onSubmit={(e) => {
            e.preventDefault();
            const title = renaming.trim();
            setRenaming(null);
            if (title && title !== d.title) void load().then((b) => b && store({ ...b, title }));
          }}
        >
          <input aria-label={`New title of ${d.title}`} value={renaming} onChange={(e) => setRenaming(e.target.value)} autoFocus />
          <button type="submit">Rename</button>
          <button type="button" onClick={() => setRenaming(null)}>
            Cancel
          </button>
        </form>
      )}
      <ul className="board-tags" aria-label={`Tags of ${d.title}`}>
        {d.tags.map((t) => (
          <li key={t} className="board-tag">
            {t}
          </li>
        ))}
      </ul>
      <div className="board-list-actions">
        <button type="button" aria-label={`Rename ${d.title}`} onClick={() => setRenaming(d.title)}>
          Rename
        </button>
        <button type="button" aria-label={`Duplicate ${d.title}`} onClick={() => void load().then((b) => b && store({ ...b, uid: newUid(), title: `${b.title} (copy)`, version: 0 }))}>
          Duplicate
        </button>
        <button type="button" aria-label={`Export ${d.title}`} aria-expanded={exporting} onClick={() => setExporting(!exporting)}>
          Export
        </button>
        <button type="button" aria-label={`Delete ${d.title}`} onClick={() => setConfirming(true)}>
          Delete
        </button>
      </div>
      {exporting ? (
        <div className="board-export" role="group" aria-label={`Export ${d.title} as`}>
          <button type="button" onClick={() => void exportAs('vigil', 'download')}>
            Download Vigil JSON
          </button>
          <button type="button" onClick={() => void exportAs('grafana', 'download')}>
            Download Grafana JSON
          </button>
          <button type="button" onClick={() => void exportAs('vigil', 'copy')}>
            Copy Vigil JSON
          </button>
          <button type="button" onClick={() => void exportAs('grafana', 'copy')}>
            Copy Grafana JSON
          </button>
        </div>
      ) : null}
      {confirming ? (
        <div className="board-confirm" role="alertdialog" aria-label={`Delete ${d.title}?`}>
          <p>
            Delete <strong>{d.title}</strong>? Every tab loses it; this cannot be undone.
          </p>
          <button
            type="button"
            className="primary"
            onClick={() => {
              setConfirming(false);
              void engine()
                .deleteDashboard(d.uid)
                .then((r) => {
                  if (!r.ok) onError(`${d.title}: ${r.error.what}`);
                  onChanged();
                });
            }}
          >
            Delete board
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      ) : null}
    </li>
  );
}

type Importing = { state: 'editing' } | { state: 'failed'; error: string } | { state: 'asking'; dashboard: Dashboard; report: ImportReport; existing: string };

function ImportForm({ onClose }: { onClose(): void }) {
  const [text, setText] = useState('');
  const [step, setStep] = useState<Importing>({ state: 'editing' });
  const finish = async (dashboard: Dashboard, report: ImportReport, overwrite: boolean) => {
    const saved = await engine().saveDashboard(dashboard, { overwrite });
    if (!saved.ok) {
      setStep({ state: 'failed', error: `Not imported: ${saved.error.what}` });
      return;
    }
    useImportReport.setState({ last: { uid: saved.value.uid, title: saved.value.title, report } });
    navigate(`/d/${encodeURIComponent(saved.value.uid)}`);
  };
  const submit = async () => {
    const got = importGrafana(text, { sources: [''] });
    if (!got.ok) {
      setStep({ state: 'failed', error: `${got.error.where}: ${got.error.what}` });
      return;
    }
    // Vigil's own export comes back whole; the Grafana reading still checked the JSON parses.
    const own = vigilBoard(text);
    const { dashboard, report } = own ? { dashboard: own, report: { schemaVersion: 0, items: [] } } : got.value;
    const existing = await engine().dashboard(dashboard.uid);
    if (existing.ok) {
      setStep({ state: 'asking', dashboard, report, existing: existing.value.title });
      return;
    }
    await finish({ ...dashboard, version: 0 }, report, false);
  };
  return (
    <form
      className="card board-import"
      aria-label="Import dashboard"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>Import dashboard</h2>
      <p className="muted small">Paste a dashboard exported from Grafana (any schema version from 16) or from Vigil.</p>
      <label className="board-import-text">
        Dashboard JSON
        <textarea
          className="mono"
          rows={12}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (step.state === 'failed') setStep({ state: 'editing' });
          }}
        />
      </label>
      {step.state === 'failed' ? (
        <p className="error" role="alert">
          {step.error}
        </p>
      ) : null}
      {step.state === 'asking' ? (
        <div className="board-confirm" role="alertdialog" aria-label="Overwrite the board?">
          <p>
            A board with uid <span className="mono">{step.dashboard.uid}</span> exists: <strong>{step.existing}</strong>. Overwrite it with the imported one?
          </p>
          <ImportReportView report={step.report} title="What the import will do" />
          <button type="button" className="primary" onClick={() => void finish(step.dashboard, step.report, true)}>
            Overwrite
          </button>
          <button type="button" onClick={() => void finish({ ...step.dashboard, uid: newUid(), version: 0 }, step.report, false)}>
            Import as a new board
          </button>
          <button type="button" onClick={() => setStep({ state: 'editing' })}>
            Cancel
          </button>
        </div>
      ) : null}
      <div className="row">
        <button type="submit" className="primary" disabled={step.state === 'asking'}>
          Import
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  );
}

export function DashboardsPage() {
  const [boards, refresh] = useBoards();
  const [search, setSearch] = useState('');
  const [importing, setImporting] = useState(false);
  const [title, setTitle] = useState('');
  const [error, setError] = useState('');
  const create = async () => {
    const board = newDashboard(newUid(), title.trim() || 'New dashboard');
    const saved = await engine().saveDashboard(board, { overwrite: false });
    if (!saved.ok) {
      setError(saved.error.what);
      return;
    }
    // A new board opens in edit mode, ready for its first panel.
    navigate(`/d/${encodeURIComponent(saved.value.uid)}`, new URLSearchParams({ editview: '1' }));
  };
  const shown = (boards ?? []).filter((d) => matches(d, search)).sort((a, b) => Number(b.starred) - Number(a.starred) || a.title.localeCompare(b.title));
  return (
    <div className="page dashboards-page">
      <div className="dashboards-head">
        <h1>Dashboards</h1>
        <button type="button" className="primary" aria-expanded={importing} onClick={() => setImporting(!importing)}>
          Import dashboard
        </button>
      </div>
      {importing ? <ImportForm onClose={() => setImporting(false)} /> : null}
      <form
        className="row dashboards-create"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <input aria-label="Title of the new dashboard" placeholder="New dashboard title" value={title} onChange={(e) => setTitle(e.target.value)} />
        <button type="submit">Create dashboard</button>
      </form>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <input type="search" aria-label="Search dashboards" placeholder="Search by title or tag" value={search} onChange={(e) => setSearch(e.target.value)} />
      {boards === null ? (
        <p className="muted">Loading…</p>
      ) : shown.length === 0 ? (
        <p className="muted">{boards.length === 0 ? 'No dashboards yet.' : 'No dashboard matches.'}</p>
      ) : (
        <ul className="board-list" aria-label="Dashboards">
          {shown.map((d) => (
            <BoardRow key={d.uid} d={d} onError={setError} onChanged={refresh} />
          ))}
        </ul>
      )}
    </div>
  );
}
