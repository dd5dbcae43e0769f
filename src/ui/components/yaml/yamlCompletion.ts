// Key completion for a YAML file from its kind's shape: at the cursor, the
// keys the enclosing mapping takes and does not have yet. A key whose value is
// a mapping or a list is inserted with its block opened below it.

import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import type { MappingShape, YamlShape } from '../../../engine/api';
import { keyContextAt, shapeAt } from './yamlKeyContext';

function insertion(key: string, value: YamlShape | undefined, column: number): string {
  const indent = ' '.repeat(column + 2);
  if (value?.kind === 'mapping') return `${key}:\n${indent}`;
  if (value?.kind === 'list') return `${key}:\n${indent}- `;
  return `${key}: `;
}

/** The completions at `pos` in `text`, or null where no key goes. */
export function keyCompletions(root: MappingShape, text: string, pos: number): { from: number; options: Completion[] } | null {
  const at = keyContextAt(text, pos);
  if (!at) return null;
  const shape = shapeAt(root, at.path);
  if (!shape) return null;
  const options = shape.keys
    .filter((key) => !at.present.has(key))
    .map((key): Completion => {
      const ignored = shape.ignored.includes(key);
      return {
        label: key,
        type: 'property',
        apply: insertion(key, shape.children[key], at.column),
        detail: ignored ? 'kept, not acted on by Vigil' : undefined,
        // Keys Vigil acts on first; the rest are there for files written for Prometheus.
        boost: ignored ? -1 : 0,
      };
    });
  return { from: at.from, options };
}

/** A CodeMirror completion source over the shape `shape()` holds (null until it has arrived). */
export function yamlKeyCompletion(shape: () => MappingShape | null) {
  return (context: CompletionContext): CompletionResult | null => {
    const root = shape();
    if (!root) return null;
    const found = keyCompletions(root, context.state.doc.toString(), context.pos);
    // On an empty key, only when asked (Ctrl+Space), so that indenting a line does not open a list.
    if (!found || (found.from === context.pos && !context.explicit)) return null;
    return { from: found.from, options: found.options, validFor: /^[\w.-]*$/ };
  };
}
