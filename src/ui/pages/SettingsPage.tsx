// Settings: the colour theme, permission for desktop notifications (alerts),
// the limits every query runs under, headers for remote sources, and the
// stored data out to and in from an OpenMetrics file.

import { useEffect, useRef, useState } from 'react';
import type { QueryLimits } from '../../engine/api';
import { formatDuration, parseDuration } from '../../model/duration';
import { errorMessage } from '../../model/result';
import { engine } from '../engineClient';
import { downloadText, pickedText } from '../fileTransfer';
import { useEngine } from '../stores/engineStore';
import { THEMES, useTheme } from '../stores/themeStore';

const THEME_TITLES = { system: 'System', light: 'Light', dark: 'Dark' } as const;

interface Message {
  text: string;
  error: boolean;
}

/** What the card's last action came to: an alert when it failed, a status otherwise. */
function Outcome({ message }: { message: Message | null }) {
  if (!message) return null;
  return (
    <p className={message.error ? 'error' : ''} role={message.error ? 'alert' : 'status'}>
      {message.text}
    </p>
  );
}

function ThemeCard() {
  const theme = useTheme((s) => s.theme);
  const setTheme = useTheme((s) => s.setTheme);
  return (
    <section className="card" aria-label="Theme">
      <h2>Theme</h2>
      <div role="radiogroup" aria-label="Colour theme" className="row">
        {THEMES.map((t) => (
          <label key={t} className="control">
            <input type="radio" name="theme" value={t} checked={theme === t} onChange={() => setTheme(t)} /> {THEME_TITLES[t]}
          </label>
        ))}
      </div>
    </section>
  );
}

const PERMISSION_TEXT: Record<NotificationPermission | 'unsupported', string> = {
  granted: 'Allowed: firing alerts show as desktop notifications.',
  denied: 'Blocked: change it in the browser’s site settings to get desktop notifications.',
  default: 'Not asked yet: alerts show as banners in the page only.',
  unsupported: 'This browser has no desktop notifications; alerts show as banners in the page.',
};

function NotificationCard() {
  const supported = typeof Notification !== 'undefined';
  const [permission, setPermission] = useState<NotificationPermission | 'unsupported'>(supported ? Notification.permission : 'unsupported');
  const ask = async () => setPermission(await Notification.requestPermission());
  return (
    <section className="card" aria-label="Notifications">
      <h2>Desktop notifications</h2>
      <p role="status">{PERMISSION_TEXT[permission]}</p>
      {permission === 'default' ? (
        <button type="button" onClick={() => void ask()}>
          Allow notifications…
        </button>
      ) : null}
    </section>
  );
}

function DataCard() {
  const role = useEngine((s) => s.role);
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const [confirmWipe, setConfirmWipe] = useState(false);
  const wipe = async () => {
    setBusy(true);
    setMessage({ text: 'Wiping…', error: false });
    const r = await engine().wipeData();
    setBusy(false);
    setConfirmWipe(false);
    if (!r.ok) setMessage({ text: `Nothing was wiped: ${r.error.what}`, error: true });
  };
  const exportAll = async () => {
    setBusy(true);
    setMessage({ text: 'Exporting…', error: false });
    const { text, histogramSamplesLeftOut: leftOut } = await engine().exportData();
    setBusy(false);
    downloadText(`vigil-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.om.txt`, text, 'application/openmetrics-text');
    // No text format Prometheus reads has a syntax for native histograms, so they are counted rather than written as zeros.
    const note = leftOut > 0 ? ` ${leftOut.toLocaleString()} native histogram samples were left out: OpenMetrics text cannot carry them.` : '';
    setMessage({ text: `Exported ${(text.length / 1024).toFixed(0)} KiB of OpenMetrics text.${note}`, error: false });
  };
  const importFile = async () => {
    const picked = fileRef.current && (await pickedText(fileRef.current));
    if (!picked) return;
    setBusy(true);
    const r = await engine().importData(picked.text);
    setBusy(false);
    setMessage(
      r.ok
        ? { text: `Imported ${r.value.samples.toLocaleString()} samples from ${picked.name}${r.value.rejected > 0 ? `; ${r.value.rejected.toLocaleString()} refused (out of order, duplicate or too old)` : ''}.`, error: false }
        : { text: `${picked.name} was not imported: ${r.error.what}`, error: true },
    );
  };
  return (
    <section className="card" aria-label="Data">
      <h2>Data</h2>
      <p className="muted">Export every stored sample as an OpenMetrics file, or import one (Prometheus text or OpenMetrics, with or without timestamps).</p>
      <div className="row wrap">
        <button type="button" onClick={() => void exportAll()} disabled={busy}>
          Export data (OpenMetrics)
        </button>
        <label className="file-button" aria-disabled={busy || role === 'follower'}>
          <input ref={fileRef} type="file" className="visually-hidden" disabled={busy || role === 'follower'} onChange={() => void importFile()} />
          <span>Import data…</span>
        </label>
        {confirmWipe ? (
          <span className="row" role="group" aria-label="Confirm wiping the data">
            <span>Delete every stored sample? Configuration, rules and silences stay.</span>
            <button type="button" className="danger" onClick={() => void wipe()} disabled={busy}>
              Yes, wipe the data
            </button>
            <button type="button" onClick={() => setConfirmWipe(false)}>
              Keep it
            </button>
          </span>
        ) : (
          <button type="button" onClick={() => setConfirmWipe(true)} disabled={busy || role === 'follower'}>
            Wipe data…
          </button>
        )}
      </div>
      <Outcome message={message} />
    </section>
  );
}

/** A limit as typed: whole numbers and a duration, kept as text until saved. */
interface LimitFields {
  maxPointsPerSeries: string;
  maxSamples: string;
  timeout: string;
  maxConcurrent: string;
}

const fieldsOf = (l: QueryLimits): LimitFields => ({
  maxPointsPerSeries: String(l.maxPointsPerSeries),
  maxSamples: String(l.maxSamples),
  timeout: formatDuration(l.timeoutMs),
  maxConcurrent: String(l.maxConcurrent),
});


const LIMIT_FIELDS: { key: keyof LimitFields; label: string; flag: string }[] = [
  { key: 'maxPointsPerSeries', label: 'Points per series', flag: 'the HTTP API’s resolution limit' },
  { key: 'maxSamples', label: 'Samples in memory per query', flag: '--query.max-samples' },
  { key: 'timeout', label: 'Query timeout', flag: '--query.timeout' },
  { key: 'maxConcurrent', label: 'Concurrent queries', flag: '--query.max-concurrency' },
];

/** The typed limits, or why one does not read (the engine then checks their range). */
function limitsOf(f: LimitFields): QueryLimits | string {
  for (const { key, label } of LIMIT_FIELDS) {
    if (key !== 'timeout' && !/^\d+$/.test(f[key].trim())) return `${label}: “${f[key]}” is not a whole number`;
  }
  let timeoutMs: number;
  try {
    timeoutMs = parseDuration(f.timeout.trim());
  } catch (e) {
    return `Query timeout: ${errorMessage(e)}`;
  }
  return { maxPointsPerSeries: Number(f.maxPointsPerSeries), maxSamples: Number(f.maxSamples), timeoutMs, maxConcurrent: Number(f.maxConcurrent) };
}

/** The limits every query (panels, rules, the explorer) runs under, as Prometheus's flags set them. */
function QueryLimitsCard() {
  const [fields, setFields] = useState<LimitFields | null>(null);
  const [defaults, setDefaults] = useState<QueryLimits | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  useEffect(() => {
    void engine()
      .queryLimits()
      .then((r) => {
        setFields((prev) => prev ?? fieldsOf(r.limits));
        setDefaults(r.defaults);
      });
  }, []);
  const save = async () => {
    if (!fields) return;
    const limits = limitsOf(fields);
    if (typeof limits === 'string') return setMessage({ text: `Not saved: ${limits}`, error: true });
    const r = await engine().setQueryLimits(limits);
    setMessage(r.ok ? { text: 'Saved; queries started from now on run under these limits.', error: false } : { text: `Not saved: ${r.error.what}`, error: true });
  };
  return (
    <section className="card" aria-label="Query limits">
      <h2>Query limits</h2>
      <p className="muted">
        A query past one of these is refused with Prometheus’s words and a hint at how to narrow it; queries past the concurrency limit wait their turn.
      </p>
      <div className="form-grid">
        {LIMIT_FIELDS.map(({ key, label, flag }) => (
          <label key={key} className="contents">
            <span>
              {label} <span className="muted small">({flag}{defaults ? `, Prometheus’s default ${fieldsOf(defaults)[key]}` : ''})</span>
            </span>
            <input
              type="text"
              inputMode={key === 'timeout' ? 'text' : 'numeric'}
              className="mono"
              aria-label={label}
              value={fields?.[key] ?? ''}
              disabled={fields === null}
              onChange={(e) => setFields((f) => (f ? { ...f, [key]: e.target.value } : f))}
            />
          </label>
        ))}
      </div>
      <div className="row">
        <button type="button" onClick={() => void save()} disabled={fields === null}>
          Save limits
        </button>
        {defaults ? (
          <button type="button" onClick={() => setFields(fieldsOf(defaults))}>
            Prometheus’s defaults
          </button>
        ) : null}
      </div>
      <Outcome message={message} />
    </section>
  );
}

const HEADERS_EXAMPLE = 'https://mimir.example/prometheus\n  X-Scope-OrgID: team-a';

/** Headers a remote source needs (a tenant, a token), by URL prefix. */
function SourceHeadersCard() {
  const [text, setText] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  useEffect(() => {
    void engine()
      .sourceHeaders()
      .then((t) => setText((prev) => prev ?? t));
  }, []);
  const save = async () => {
    const r = await engine().setSourceHeaders(text ?? '');
    setMessage(r.ok ? { text: 'Saved; the next request to a matching source sends them.', error: false } : { text: `Not saved: ${r.error.what}`, error: true });
  };
  return (
    <section className="card" aria-label="Remote source headers">
      <h2>Remote source headers</h2>
      <p className="muted">
        Sent with every request to a panel, explorer or rule group source whose URL starts with the prefix: a URL on its own line, then <code>Name: value</code> lines
        indented below it. The remote must allow these headers in its CORS answer. They are kept in this browser, unencrypted.
      </p>
      <textarea
        className="mono config"
        aria-label="Headers by source URL"
        rows={5}
        value={text ?? ''}
        placeholder={HEADERS_EXAMPLE}
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="row">
        <button type="button" onClick={() => void save()} disabled={text === null}>
          Save headers
        </button>
      </div>
      <Outcome message={message} />
    </section>
  );
}

export function SettingsPage() {
  return (
    <div className="page">
      <ThemeCard />
      <NotificationCard />
      <QueryLimitsCard />
      <SourceHeadersCard />
      <DataCard />
    </div>
  );
}
