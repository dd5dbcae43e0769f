// The editor's completion client for each data source a panel reads: the
// engine's own store, or a remote Prometheus by URL. One client per source,
// shared by every panel on it, so its cached names are fetched once; a
// remote's failed look-up is kept here, per URL, for the panels to show.

import { create } from 'zustand';
import type { QueryError } from '../../engine/api';
import { EngineCompletionClient } from '../components/promClient';
import { queryErrorText } from '../components/queryErrorText';
import { remoteCompletionApi } from '../components/remoteCompletion';
import { engine } from '../engineClient';

interface CompletionState {
  /** The last look-up error of each remote source, until one of its look-ups succeeds. */
  errors: Record<string, string>;
}

export const useCompletion = create<CompletionState>(() => ({ errors: {} }));

function report(source: string, error: QueryError | null): void {
  const text = error ? queryErrorText(error) : undefined;
  const { errors } = useCompletion.getState();
  if (errors[source] === text) return;
  const next = { ...errors };
  if (text === undefined) delete next[source];
  else next[source] = text;
  useCompletion.setState({ errors: next });
}

const clients = new Map<string, EngineCompletionClient>();

/** The completion client for a source URL, '' for this browser's store. */
export function completionFor(source: string): EngineCompletionClient {
  let client = clients.get(source);
  if (!client) {
    client = new EngineCompletionClient(source === '' ? engine() : remoteCompletionApi(engine(), source, (e) => report(source, e)));
    clients.set(source, client);
  }
  return client;
}
