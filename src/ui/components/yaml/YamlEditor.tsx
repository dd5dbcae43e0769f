// The editor for every YAML file Vigil takes (prometheus.yml, rule files, alertmanager.yml):
// CodeMirror with YAML highlighting (PromQL inside a rule's `expr:`), the
// engine's own check as diagnostics at their line and column, and key
// completion from the file kind's shape, the one the engine's reader uses.

import { useEffect, useRef } from 'react';
import { fromProps, useDocFromProp } from '../editorValue';
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, indentOnInput, indentUnit } from '@codemirror/language';
import { linter, lintGutter, lintKeymap } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, highlightActiveLine, highlightSpecialChars, keymap, lineNumbers } from '@codemirror/view';
import type { MappingShape, YamlCheck, YamlFileKind } from '../../../engine/api';
import { engine } from '../../engineClient';
import { queryEditorTheme } from '../queryEditorTheme';
import { yamlKeyCompletion } from './yamlCompletion';
import { problemDiagnostics } from './yamlDiagnostics';
import { yamlHighlighting, yamlWithPromQL } from './yamlLanguage';
import '../QueryEditor.css';
import './YamlEditor.css';

/** How a file kind is checked and which keys it takes; the engine answers both. */
export interface YamlFileService {
  check(text: string): Promise<YamlCheck>;
  shape(): Promise<MappingShape>;
}

export function engineYamlService(kind: YamlFileKind): YamlFileService {
  return { check: (text) => engine().checkYaml(kind, text), shape: () => engine().yamlShape(kind) };
}

/** Keys whose values are PromQL, highlighted as such. */
const PROMQL_KEYS: Record<YamlFileKind, readonly string[]> = { prometheus: [], rules: ['expr'], alertmanager: [] };

export interface YamlEditorProps {
  kind: YamlFileKind;
  value: string;
  onChange(value: string): void;
  /** Accessible name of the text box. */
  label: string;
  /** Every check's findings, for the list below the editor. */
  onChecked?(check: YamlCheck): void;
  /** Defaults to the engine's. */
  service?: YamlFileService;
}

/** Pause after typing before the file is checked again. */
const CHECK_DELAY_MS = 300;

export function YamlEditor({ kind, value, onChange, label, onChecked, service }: YamlEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const callbacks = useRef({ onChange, onChecked });
  useEffect(() => {
    callbacks.current = { onChange, onChecked };
  }, [onChange, onChecked]);

  // Mount once, seeded with the first props; the effect below keeps the value current.
  const initial = useRef({ kind, value, label, service: service ?? engineYamlService(kind) });
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const seed = initial.current;
    let shape: MappingShape | null = null;
    let gone = false;
    void seed.service.shape().then((s) => (shape = s));
    const view = new EditorView({
      parent: host,
      state: EditorState.create({
        doc: seed.value,
        extensions: [
          lineNumbers(),
          lintGutter(),
          highlightSpecialChars(),
          highlightActiveLine(),
          history(),
          indentUnit.of('  '),
          indentOnInput(),
          bracketMatching(),
          closeBrackets(),
          yamlWithPromQL(PROMQL_KEYS[seed.kind]),
          yamlHighlighting,
          queryEditorTheme,
          autocompletion({ override: [yamlKeyCompletion(() => shape)] }),
          linter(
            async (v) => {
              const doc = v.state.doc;
              const check = await seed.service.check(doc.toString());
              // A check that finished after further typing describes a text that is gone.
              if (gone || v.state.doc !== doc) return [];
              callbacks.current.onChecked?.(check);
              return problemDiagnostics(doc, check);
            },
            { delay: CHECK_DELAY_MS },
          ),
          EditorView.contentAttributes.of({ 'aria-label': seed.label }),
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap, indentWithTab]),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !update.transactions.some((tr) => tr.annotation(fromProps))) callbacks.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    viewRef.current = view;
    return () => {
      gone = true;
      view.destroy();
      viewRef.current = null;
    };
  }, []);

  useDocFromProp(viewRef, value);

  return <div ref={hostRef} className="query-editor yaml-editor" />;
}

