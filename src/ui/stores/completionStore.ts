// The editor's completion client for each data source a panel reads. One
// client per source, shared by every panel on it, so its cached names are
// fetched once; a source's failed look-up is kept here, per source, for the
// panels to show.

import { create } from 'zustand';
import type { Failure } from '../../model/result';
import { EngineCompletionClient } from '../components/promClient';
import { dataSource } from '../dataSource';

interface CompletionState {
  /** The last look-up failure of each source, until one of its look-ups succeeds. */
  errors: Record<string, Failure>;
}

export const useCompletion = create<CompletionState>(() => ({ errors: {} }));

function report(source: string, failure: Failure | null): void {
  const { errors } = useCompletion.getState();
  if (failure === null && !(source in errors)) return;
  const next = { ...errors };
  if (failure === null) delete next[source];
  else next[source] = failure;
  useCompletion.setState({ errors: next });
}

const clients = new Map<string, EngineCompletionClient>();

/** The completion client for a source: '' for this browser's store, else a remote's URL. */
export function completionFor(source: string): EngineCompletionClient {
  let client = clients.get(source);
  if (!client) {
    client = new EngineCompletionClient(dataSource(source), { onAnswer: (failure) => report(source, failure) });
    clients.set(source, client);
  }
  return client;
}
