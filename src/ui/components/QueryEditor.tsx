// The PromQL expression box: CodeMirror 6 with codemirror-promql for
// highlighting, completion (from a PrometheusClient) and lint. The editor is
// created once per mount; value, client and callbacks flow in without
// rebuilding it, so the cursor, history and open completions survive renders.
import { useEffect, useRef } from 'react';
import { fromProps, useDocFromProp } from './editorValue';
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { bracketMatching, indentOnInput } from '@codemirror/language';
import { lintKeymap } from '@codemirror/lint';
import { Compartment, EditorState, Prec, type Extension } from '@codemirror/state';
import { EditorView, highlightSpecialChars, keymap, placeholder as placeholderText } from '@codemirror/view';
import { PromQLExtension, type PrometheusClient } from '@prometheus-io/codemirror-promql';
import { queryEditorTheme } from './queryEditorTheme';
import './QueryEditor.css';

export interface QueryEditorProps {
  value: string;
  onChange(value: string): void;
  /** Ctrl+Enter (Cmd+Enter on a Mac). */
  onRun(): void;
  /** Completion source; without one, only functions and keywords complete. */
  client?: PrometheusClient;
  /** Accessible name of the text box. */
  label?: string;
  placeholder?: string;
  autoFocus?: boolean;
  /**
   * The expression is a template (a dashboard's query): while it names a
   * variable (`$job`, `${job}`, `[[job]]`), which PromQL cannot read, the
   * linter stays quiet rather than mark valid board queries as errors.
   */
  templated?: boolean;
}

export function QueryEditor({
  value,
  onChange,
  onRun,
  client,
  label = 'PromQL expression',
  placeholder = 'Expression (Ctrl+Enter to run)',
  autoFocus = false,
  templated = false,
}: QueryEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const promqlSlot = useRef(new Compartment());
  const callbacks = useRef({ onChange, onRun, client });
  useEffect(() => {
    callbacks.current = { onChange, onRun, client };
  }, [onChange, onRun, client]);

  // Mount once, seeded with the first props. The effects below keep value and
  // client current; label, placeholder and autoFocus are read only here.
  const initial = useRef({ value, client, label, placeholder, autoFocus, templated });
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const seed = initial.current;
    const run = () => {
      callbacks.current.onRun();
      return true;
    };
    const view = new EditorView({
      parent: host,
      state: EditorState.create({
        doc: seed.value,
        extensions: [
          highlightSpecialChars(),
          history(),
          indentOnInput(),
          bracketMatching(),
          closeBrackets(),
          autocompletion(),
          EditorView.lineWrapping,
          placeholderText(seed.placeholder),
          EditorView.contentAttributes.of({ 'aria-label': seed.label, 'aria-keyshortcuts': 'Control+Enter Meta+Enter' }),
          Prec.highest(keymap.of([
            { key: 'Mod-Enter', run },
            { key: 'Ctrl-Enter', run },
          ])),
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap]),
          queryEditorTheme,
          promqlSlot.current.of(promqlExtension(seed.client, lints(seed))),
          EditorView.updateListener.of((update) => {
            const echo = update.transactions.some((tr) => tr.annotation(fromProps));
            if (update.docChanged && !echo) callbacks.current.onChange(update.state.doc.toString());
            if (!update.docChanged || !seed.templated) return;
            const lint = lints({ value: update.state.doc.toString(), templated: true });
            if (lint !== lints({ value: update.startState.doc.toString(), templated: true })) {
              queueMicrotask(() => update.view.dispatch({ effects: promqlSlot.current.reconfigure(promqlExtension(callbacks.current.client, lint)) }));
            }
          }),
        ],
      }),
    });
    viewRef.current = view;
    if (seed.autoFocus) view.focus();
    return () => {
      view.destroy();
      viewRef.current = null;
    };
  }, []);

  useDocFromProp(viewRef, value);

  const configuredClient = useRef(client);
  useEffect(() => {
    const view = viewRef.current;
    if (!view || configuredClient.current === client) return;
    configuredClient.current = client;
    view.dispatch({ effects: promqlSlot.current.reconfigure(promqlExtension(client, lints({ value: view.state.doc.toString(), templated: initial.current.templated }))) });
  }, [client]);

  return <div ref={hostRef} className="query-editor" />;
}


// codemirror-promql skips TYPE and HELP above 10,000 metric names, to spare a
// remote server a metadata fetch per keystroke; the client here caches it.
const MAX_METRICS_WITH_METADATA = 200_000;

/** A template variable's reference, as Grafana writes them. */
const VARIABLE_REFERENCE = /\$\w|\$\{|\[\[/;

function lints({ value, templated }: { value: string; templated: boolean }): boolean {
  return !templated || !VARIABLE_REFERENCE.test(value);
}

function promqlExtension(client: PrometheusClient | undefined, lint: boolean): Extension {
  const promql = new PromQLExtension();
  promql.activateLinter(lint);
  if (client) promql.setComplete({ remote: client, maxMetricsMetadata: MAX_METRICS_WITH_METADATA });
  return promql.asExtension();
}
