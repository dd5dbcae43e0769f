// Making a silence: matchers (prefilled from an alert, editable), start and
// end, author and comment. The engine checks it as Alertmanager does and its
// message is shown as text.

import { useState, type FormEvent } from 'react';
import type { MatchType } from '../../model/matcher';
import { MATCH_OPS, matcherOp, withOp, type SilenceMatcher } from '../../model/silenceMatcher';
import { engine } from '../engineClient';
import { fromDateTimeInput, toDateTimeInput } from './dateTimeInput';

const DEFAULT_SILENCE_MS = 2 * 3_600_000;

export function SilenceForm({ initial, onDone }: { initial: SilenceMatcher[]; onDone(): void }) {
  const [now] = useState(Date.now);
  const [matchers, setMatchers] = useState<SilenceMatcher[]>(initial.length > 0 ? initial : [{ name: '', value: '', isEqual: true, isRegex: false }]);
  const [start, setStart] = useState(toDateTimeInput(now, 'local'));
  const [end, setEnd] = useState(toDateTimeInput(now + DEFAULT_SILENCE_MS, 'local'));
  const [author, setAuthor] = useState('vigil');
  const [comment, setComment] = useState('');
  const [error, setError] = useState('');

  const change = (i: number, m: SilenceMatcher) => setMatchers(matchers.map((old, j) => (j === i ? m : old)));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const startsAt = fromDateTimeInput(start, 'local');
    const endsAt = fromDateTimeInput(end, 'local');
    if (startsAt === null || endsAt === null) {
      setError('start and end must be dates and times');
      return;
    }
    const r = await engine().createSilence({ matchers, startsAt, endsAt, createdBy: author, comment });
    if (r.ok) onDone();
    else setError(r.error.what);
  };

  return (
    <form className="card silence-form" aria-label="New silence" onSubmit={(e) => void submit(e)}>
      <h2>New silence</h2>
      <fieldset>
        <legend>Matchers</legend>
        {matchers.map((m, i) => (
          <div className="row wrap matcher-row" key={i}>
            <input aria-label={`Matcher ${i + 1} label name`} placeholder="label" value={m.name} onChange={(e) => change(i, { ...m, name: e.target.value })} />
            <select aria-label={`Matcher ${i + 1} operator`} value={matcherOp(m)} onChange={(e) => change(i, withOp(m, e.target.value as MatchType))}>
              {MATCH_OPS.map((op) => (
                <option key={op} value={op}>
                  {op}
                </option>
              ))}
            </select>
            <input aria-label={`Matcher ${i + 1} value`} placeholder="value" value={m.value} onChange={(e) => change(i, { ...m, value: e.target.value })} />
            <button type="button" aria-label={`Remove matcher ${i + 1}`} onClick={() => setMatchers(matchers.filter((_, j) => j !== i))}>
              ✕
            </button>
          </div>
        ))}
        <button type="button" onClick={() => setMatchers([...matchers, { name: '', value: '', isEqual: true, isRegex: false }])}>
          Add matcher
        </button>
      </fieldset>
      <div className="row wrap">
        <label>
          Starts <input type="datetime-local" step="1" value={start} onChange={(e) => setStart(e.target.value)} />
        </label>
        <label>
          Ends <input type="datetime-local" step="1" value={end} onChange={(e) => setEnd(e.target.value)} />
        </label>
      </div>
      <div className="row wrap">
        <label>
          Author <input value={author} onChange={(e) => setAuthor(e.target.value)} />
        </label>
        <label className="grow">
          Comment <input value={comment} onChange={(e) => setComment(e.target.value)} />
        </label>
      </div>
      <div className="row">
        <button type="submit" className="primary">
          Create silence
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        {error ? (
          <span className="error" role="alert">
            {error}
          </span>
        ) : null}
      </div>
    </form>
  );
}
