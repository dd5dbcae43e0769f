// The firing-alerts banner every open tab shows above its page: how many
// fire, the most severe first with name and summary, a link to each on the
// Alerts page and a one-click silence. Silenced and inhibited alerts drop out,
// so a silence made in one tab clears the banner in all of them.
// Names and summaries come from labels and templates: React text only.

import { useState } from 'react';
import type { AlertingViews, SilenceInput } from '../../engine/api';
import { matchersForAlert } from '../../model/silenceMatcher';
import { engine } from '../engineClient';
import { useAlerts } from '../stores/alertsStore';
import { bannerAlerts } from './alertSeverity';
import './AlertBanner.css';

type NotifierAlert = AlertingViews['alerts'][number];

// More than this and the banner would push the page out of sight; the rest are a link away.
const SHOWN = 3;
const BANNER_SILENCE_MS = 2 * 3_600_000;

/** The silence the banner's button makes: every label of the alert, for two hours from now. */
export function bannerSilence(labels: Record<string, string>, now: number): SilenceInput {
  return { matchers: matchersForAlert(labels), startsAt: now, endsAt: now + BANNER_SILENCE_MS, createdBy: 'vigil', comment: 'silenced from the banner' };
}

/** How the banner and the Alerts page tell two alerts of one rule apart. */
export function alertTitle(labels: Record<string, string>): string {
  const name = labels.alertname ?? 'alert';
  return labels.instance ? `${name} on ${labels.instance}` : name;
}

function BannerAlert({ alert }: { alert: NotifierAlert }) {
  const [error, setError] = useState('');
  const title = alertTitle(alert.labels);
  const silence = async () => {
    const r = await engine().createSilence(bannerSilence(alert.labels, Date.now()));
    setError(r.ok ? '' : r.error.what);
  };
  return (
    <li className="banner-alert">
      <a href={`#/alerts?alert=${encodeURIComponent(alert.fingerprint)}`} className="banner-alert-name">
        {title}
      </a>
      {alert.labels.severity ? <span className="severity">{alert.labels.severity}</span> : null}
      {alert.annotations.summary ? <span className="banner-alert-summary">{alert.annotations.summary}</span> : null}
      <button type="button" onClick={() => void silence()} aria-label={`Silence ${title}`} title="Silence for 2 hours">
        Silence
      </button>
      {error ? <span className="error small">{error}</span> : null}
    </li>
  );
}

export function AlertBanner() {
  const views = useAlerts((s) => s.views);
  const firing = bannerAlerts(views);
  if (firing.length === 0) return null;
  return (
    <section className="banner alert-banner" aria-label="Firing alerts" aria-live="polite">
      <a href="#/alerts" className="banner-count">
        {firing.length} {firing.length === 1 ? 'alert' : 'alerts'} firing
      </a>
      {(views?.routed?.banner ?? []).map((b) => (
        <span key={b.key} className="banner-notice" title={b.text}>
          {b.title}
        </span>
      ))}
      <ul>
        {firing.slice(0, SHOWN).map((a) => (
          <BannerAlert key={a.fingerprint} alert={a} />
        ))}
      </ul>
      {firing.length > SHOWN ? (
        <a href="#/alerts" className="small">
          and {firing.length - SHOWN} more
        </a>
      ) : null}
    </section>
  );
}
