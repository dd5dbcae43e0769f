// Settings: the colour theme, permission for desktop notifications (alerts),
// headers for remote sources, and the stored data out to and in from an
// OpenMetrics file.

import { useEffect, useRef, useState } from 'react';
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
    const text = await engine().exportData();
    setBusy(false);
    downloadText(`vigil-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.om.txt`, text, 'application/openmetrics-text');
    setMessage({ text: `Exported ${(text.length / 1024).toFixed(0)} KiB of OpenMetrics text.`, error: false });
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
      <SourceHeadersCard />
      <DataCard />
    </div>
  );
}
