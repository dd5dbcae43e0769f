// A board's toolbar: the time range (presets, absolute from/to, zoom out,
// back and forward through the browser's history since the range is in the
// URL), the refresh interval (live included), local or UTC time, and the
// switch between view and edit mode.

import { useState } from 'react';
import type { TimeRangeSpec } from '../../dashboards/model';
import { describeRange, REFRESH_CHOICES, TIME_PRESETS } from '../../dashboards/timeRange';
import { fromDateTimeInput, toDateTimeInput } from '../pages/dateTimeInput';
import type { PanelTime } from './panelData';

interface BoardToolbarProps {
  title: string;
  time: TimeRangeSpec;
  resolved: PanelTime;
  refresh: string;
  timezone: 'browser' | 'utc';
  editing: boolean;
  onTime(time: TimeRangeSpec): void;
  onZoomOut(): void;
  onRefresh(refresh: string): void;
  onRefreshNow(): void;
  onTimezone(tz: 'browser' | 'utc'): void;
  onEditing(editing: boolean): void;
}

const refreshText = (r: string) => (r === '' ? 'Off' : r === 'live' ? 'Live' : r);

export function BoardToolbar(p: BoardToolbarProps) {
  const [picking, setPicking] = useState(false);
  const zone = p.timezone === 'utc' ? 'UTC' : 'local';
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const open = () => {
    setFrom(toDateTimeInput(p.resolved.startMs, zone));
    setTo(toDateTimeInput(p.resolved.endMs, zone));
    setPicking(!picking);
  };
  const fromMs = fromDateTimeInput(from, zone);
  const toMs = fromDateTimeInput(to, zone);
  const absoluteOk = fromMs !== null && toMs !== null && fromMs < toMs;
  return (
    <div className="board-toolbar" role="toolbar" aria-label="Board controls">
      <h1 className="board-title">{p.title}</h1>
      <div className="board-toolbar-controls">
        <button type="button" aria-label="Back" title="Back (browser history)" onClick={() => history.back()}>
          ‹
        </button>
        <button type="button" aria-label="Forward" title="Forward (browser history)" onClick={() => history.forward()}>
          ›
        </button>
        <div className="board-time">
          <button type="button" aria-label={`Time range: ${describeRange(p.time, p.timezone)}`} aria-expanded={picking} onClick={open}>
            {describeRange(p.time, p.timezone)}
          </button>
          {picking ? (
            <div className="board-time-picker" role="dialog" aria-label="Time range">
              <form
                className="board-time-absolute"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (!absoluteOk) return;
                  p.onTime({ from: String(fromMs), to: String(toMs) });
                  setPicking(false);
                }}
              >
                <label>
                  From <input type="datetime-local" step="1" value={from} onChange={(e) => setFrom(e.target.value)} />
                </label>
                <label>
                  To <input type="datetime-local" step="1" value={to} onChange={(e) => setTo(e.target.value)} />
                </label>
                {absoluteOk ? null : <p className="error small">From must be a time before To.</p>}
                <button type="submit" disabled={!absoluteOk}>
                  Apply time range
                </button>
              </form>
              <ul className="board-time-presets" aria-label="Relative ranges">
                {TIME_PRESETS.map((t) => (
                  <li key={t.from + t.to}>
                    <button
                      type="button"
                      aria-pressed={t.from === p.time.from && t.to === p.time.to}
                      onClick={() => {
                        p.onTime({ from: t.from, to: t.to });
                        setPicking(false);
                      }}
                    >
                      {t.display}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
        <button type="button" onClick={p.onZoomOut} title="Twice the range around the same centre">
          Zoom out
        </button>
        <button type="button" onClick={p.onRefreshNow} aria-label="Refresh now">
          ⟳
        </button>
        <select aria-label="Auto refresh" value={p.refresh} onChange={(e) => p.onRefresh(e.target.value)}>
          {(REFRESH_CHOICES.includes(p.refresh) ? REFRESH_CHOICES : [...REFRESH_CHOICES, p.refresh]).map((r) => (
            <option key={r} value={r}>
              {refreshText(r)}
            </option>
          ))}
        </select>
        <select aria-label="Time zone" value={p.timezone} onChange={(e) => p.onTimezone(e.target.value === 'utc' ? 'utc' : 'browser')}>
          <option value="browser">Local time</option>
          <option value="utc">UTC</option>
        </select>
        <button type="button" className={p.editing ? 'primary' : undefined} onClick={() => p.onEditing(!p.editing)}>
          {p.editing ? 'Done' : 'Edit'}
        </button>
      </div>
    </div>
  );
}
