// Colours for the PromQL editor as CSS classes, so light and dark themes are
// one set of CSS variables (QueryEditor.css) rather than two CodeMirror themes.
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';

const promqlHighlight = HighlightStyle.define([
  { tag: tags.function(tags.variableName), class: 'pq-function' },
  { tag: tags.operatorKeyword, class: 'pq-aggregation' },
  { tag: tags.modifier, class: 'pq-modifier' },
  { tag: tags.logicOperator, class: 'pq-operator' },
  { tag: tags.operator, class: 'pq-operator' },
  { tag: tags.arithmeticOperator, class: 'pq-operator' },
  { tag: tags.labelName, class: 'pq-label' },
  { tag: tags.string, class: 'pq-string' },
  { tag: tags.number, class: 'pq-number' },
  { tag: tags.variableName, class: 'pq-metric' },
  { tag: tags.comment, class: 'pq-comment' },
  { tag: tags.invalid, class: 'pq-invalid' },
]);

// Layout only; every colour comes from the variables in QueryEditor.css.
const layout = EditorView.theme({
  '&': { fontSize: 'inherit' },
  '&.cm-focused': { outline: 'none' },
  '.cm-content': { fontFamily: 'var(--vigil-mono, ui-monospace, monospace)', padding: '6px 0' },
  '.cm-line': { padding: '0 8px' },
  '.cm-tooltip-autocomplete > ul': { fontFamily: 'var(--vigil-mono, ui-monospace, monospace)', maxHeight: '16em' },
  '.cm-completionDetail': { fontStyle: 'normal', opacity: '0.7', marginLeft: '1em' },
  '.cm-completionInfo': { maxWidth: '30em', whiteSpace: 'pre-wrap' },
});

export const queryEditorTheme = [syntaxHighlighting(promqlHighlight), layout];
