// Alerts: each rule's pending, firing and recently resolved alerts (labels,
// annotations, value, since when, silenced by what), a silence form prefilled
// from an alert, the silences, the history of firing episodes, and where
// notifications go. Labels and annotations are untrusted: React text only.

import { useEffect, useRef, useState } from 'react';
import type { AlertingViews } from '../../engine/api';
import { errorMessage } from '../../model/result';
import { formatMatcher, matchersForAlert, type SilenceMatcher } from '../../model/silenceMatcher';
import { alertTitle } from '../components/AlertBanner';
import { Annotations } from '../components/Annotations';
import { formatTime } from '../components/GraphTooltip';
import { LabelList } from '../components/LabelList';
import { engine } from '../engineClient';
import { useRoute } from '../router';
import { useAlerts } from '../stores/alertsStore';
import { alertRows, type AlertRow } from './alertRows';
import { AlertmanagerEditor } from './AlertmanagerEditor';
import { SilenceForm } from './SilenceForm';
import './alerting.css';

type Silence = AlertingViews['silences'][number];

const HISTORY_SHOWN = 200;

function since(ms: number): string {
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.round(s / 60)}m`;
  return `${Math.round(s / 3600)}h`;
}

function stateOf(row: AlertRow): { text: string; className: string } {
  if (row.rule.state === 'firing') return { text: 'FIRING', className: 'health-down' };
  if (row.rule.state === 'pending') return { text: 'PENDING', className: 'health-pending' };
  return { text: 'RESOLVED', className: 'health-up' };
}

function AlertItem({ row, silences, focused, onSilence }: { row: AlertRow; silences: Silence[]; focused: boolean; onSilence(m: SilenceMatcher[]): void }) {
  const { rule: a, notified } = row;
  const state = stateOf(row);
  const title = alertTitle(a.labels);
  const ref = useRef<HTMLLIElement>(null);
  // Opened from the banner at this alert: bring it into view and focus once, not on every refresh.
  useEffect(() => {
    if (!focused) return;
    ref.current?.scrollIntoView({ block: 'center' });
    ref.current?.focus({ preventScroll: true });
  }, [focused]);
  const silencedBy = (notified?.silencedBy ?? []).map((id) => silences.find((s) => s.id === id)).filter((s): s is Silence => s !== undefined);
  return (
    <li
      id={notified ? `alert-${notified.fingerprint}` : undefined}
      ref={ref}
      tabIndex={focused ? -1 : undefined}
      className={`alert alert-${a.state}${silencedBy.length > 0 ? ' alert-suppressed' : ''}${focused ? ' alert-focused' : ''}`}
      aria-label={title}
    >
      <div className="alert-head">
        <strong>{title}</strong>
        <span className={`health ${state.className}`}>{state.text}</span>
        {silencedBy.length > 0 ? <span className="health health-unknown">SILENCED</span> : null}
        {notified && notified.inhibitedBy.length > 0 ? <span className="health health-unknown">INHIBITED</span> : null}
        <span className="muted small">
          value <span className="mono">{a.value}</span> · active since {formatTime(a.activeAt, 'local')} ({since(a.activeAt)})
          {a.firedAt ? ` · fired ${formatTime(a.firedAt, 'local')}` : ''}
          {a.resolvedAt ? ` · resolved ${formatTime(a.resolvedAt, 'local')}` : ''}
        </span>
        {a.state !== 'inactive' ? (
          <button type="button" className="alert-action" onClick={() => onSilence(matchersForAlert(notified?.labels ?? a.labels))} aria-label={`Silence ${title}…`}>
            Silence…
          </button>
        ) : null}
      </div>
      <LabelList labels={a.labels} />
      <Annotations annotations={a.annotations} />
      {silencedBy.map((s) => (
        <p key={s.id} className="muted small">
          Silenced by {s.createdBy} until {formatTime(s.endsAt, 'local')}: {s.comment}
        </p>
      ))}
    </li>
  );
}

function ActiveAlerts({ views, focus, onSilence }: { views: AlertingViews; focus: string; onSilence(m: SilenceMatcher[]): void }) {
  const rules = alertRows(views);
  const firing = views.ruleAlerts.filter((a) => a.state === 'firing').length;
  const pending = views.ruleAlerts.filter((a) => a.state === 'pending').length;
  return (
    <section className="card" aria-label="Active alerts">
      <h2>
        Alerts <span className="muted">({firing} firing, {pending} pending)</span>
      </h2>
      {rules.length === 0 ? <p className="muted">Nothing is pending or firing.</p> : null}
      {rules.map((r) => (
        <section key={r.key} aria-label={`Alerts of rule ${r.rule}`}>
          <h3>
            {r.rule} <span className="muted small">group {r.group}</span>
          </h3>
          <ul className="alert-list">
            {r.rows.map((row) => (
              <AlertItem
                key={JSON.stringify(row.rule.labels)}
                row={row}
                silences={views.silences}
                focused={focus !== '' && row.notified?.fingerprint === focus}
                onSilence={onSilence}
              />
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

function Silences({ silences }: { silences: Silence[] }) {
  const [error, setError] = useState('');
  const expire = async (id: string) => {
    try {
      await engine().expireSilence(id);
      setError('');
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <section className="card" aria-label="Silences">
      <h2>Silences</h2>
      {silences.length === 0 ? <p className="muted">No silences.</p> : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {silences.length > 0 ? (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">State</th>
                <th scope="col">Matchers</th>
                <th scope="col">Starts</th>
                <th scope="col">Ends</th>
                <th scope="col">Author</th>
                <th scope="col">Comment</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {silences.map((s) => (
                <tr key={s.id}>
                  <td>{s.state}</td>
                  <td className="mono small">{s.matchers.map(formatMatcher).join(', ')}</td>
                  <td className="nowrap">{formatTime(s.startsAt, 'local')}</td>
                  <td className="nowrap">{formatTime(s.endsAt, 'local')}</td>
                  <td>{s.createdBy}</td>
                  <td>{s.comment}</td>
                  <td>
                    {s.state !== 'expired' ? (
                      <button type="button" onClick={() => void expire(s.id)} aria-label={`Expire silence ${s.matchers.map(formatMatcher).join(', ')}`}>
                        Expire
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function History({ history }: { history: AlertingViews['history'] }) {
  const newest = [...history].sort((a, b) => b.firedAt - a.firedAt).slice(0, HISTORY_SHOWN);
  return (
    <section className="card" aria-label="Alert history">
      <h2>History</h2>
      {newest.length === 0 ? <p className="muted">No alert has fired yet.</p> : null}
      {newest.length > 0 ? (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Alert</th>
                <th scope="col">Fired</th>
                <th scope="col">Resolved</th>
                <th scope="col">Labels</th>
              </tr>
            </thead>
            <tbody>
              {newest.map((h) => (
                <tr key={`${h.fingerprint}/${h.firedAt}`}>
                  <td>{h.labels.alertname ?? ''}</td>
                  <td className="nowrap">{formatTime(h.firedAt, 'local')}</td>
                  <td className="nowrap">{h.resolvedAt === undefined ? 'still firing' : formatTime(h.resolvedAt, 'local')}</td>
                  <td className="history-labels">
                    <LabelList labels={h.labels} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

/** Where alerts go besides the banner: Alertmanager's webhook JSON to a URL, and desktop notifications (Settings). */
function Delivery({ webhookUrl, receivers }: { webhookUrl: string; receivers: AlertingViews['receivers'] }) {
  const [url, setUrl] = useState(webhookUrl);
  const [saved, setSaved] = useState('');
  const webhook = receivers.find((r) => r.name === 'webhook');
  return (
    <section className="card" aria-label="Notification delivery">
      <h2>Delivery</h2>
      <form
        className="row wrap"
        aria-label="Webhook"
        onSubmit={(e) => {
          e.preventDefault();
          void engine()
            .setWebhook(url)
            .then(() => setSaved(url.trim() ? 'Webhook saved.' : 'Webhook removed.'));
        }}
      >
        <label className="grow">
          Webhook URL{' '}
          <input type="url" placeholder="https://example.com/alertmanager-webhook" value={url} onChange={(e) => {
              setUrl(e.target.value);
              setSaved('');
            }} />
        </label>
        <button type="submit">Save webhook</button>
        <span role="status">{saved}</span>
      </form>
      {webhook ? (
        <p className="muted small">
          Last sent {webhook.lastNotify > 0 ? formatTime(webhook.lastNotify, 'local') : 'never'}
          {webhook.lastError ? <span className="error"> · {webhook.lastError}</span> : null}
        </p>
      ) : null}
      <p className="muted small">
        Desktop notifications for alerts that start firing while this tab is hidden: allow them on the <a href="#/settings">Settings</a> page.
      </p>
    </section>
  );
}

export function AlertsPage() {
  const views = useAlerts((s) => s.views);
  const focus = useRoute().params.get('alert') ?? '';
  const [draft, setDraft] = useState<{ matchers: SilenceMatcher[]; round: number } | null>(null);
  // A form opened from an alert scrolls into view; its key makes a second alert's click start afresh.
  useEffect(() => {
    if (draft) document.getElementById('silence-form')?.scrollIntoView({ block: 'nearest' });
  }, [draft]);
  if (!views) return <p className="muted">Loading…</p>;
  const openForm = (matchers: SilenceMatcher[]) => setDraft((d) => ({ matchers, round: (d?.round ?? 0) + 1 }));
  return (
    <div className="page">
      <ActiveAlerts views={views} focus={focus} onSilence={openForm} />
      <div id="silence-form">
        {draft ? (
          <SilenceForm key={draft.round} initial={draft.matchers} onDone={() => setDraft(null)} />
        ) : (
          <button type="button" onClick={() => openForm([])}>
            New silence
          </button>
        )}
      </div>
      <Silences silences={views.silences} />
      <History history={views.history} />
      <Delivery key={views.webhookUrl} webhookUrl={views.webhookUrl} receivers={views.receivers} />
      <AlertmanagerEditor />
    </div>
  );
}
