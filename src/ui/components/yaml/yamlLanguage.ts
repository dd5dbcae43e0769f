// YAML highlighting for the file editors, with the values of chosen keys
// (a rule's `expr:`) parsed and highlighted as PromQL: a lezer mixed parse
// mounts the PromQL grammar over those values, so both share one syntax tree.

import { HighlightStyle, LanguageSupport, syntaxHighlighting } from '@codemirror/language';
import { yamlLanguage } from '@codemirror/lang-yaml';
import { parseMixed, type SyntaxNodeRef, type Input } from '@lezer/common';
import { tags } from '@lezer/highlight';
import { LanguageType, promQLLanguage } from '@prometheus-io/codemirror-promql';
import type { Extension } from '@codemirror/state';

/** The key whose value a value node holds, if the node is a mapping's value. */
function keyOf(node: SyntaxNodeRef, input: Input): string | null {
  let pair = node.node.parent;
  if (pair?.name === 'BlockLiteral') pair = pair.parent;
  if (pair?.name !== 'Pair') return null;
  const key = pair.firstChild;
  if (key?.name !== 'Key' || key.to > node.from) return null;
  return input.read(key.from, key.to).trim().replace(/^["']|["']$/g, '');
}

/** YAML in which the values of `promqlKeys` are PromQL. */
export function yamlWithPromQL(promqlKeys: readonly string[]): LanguageSupport {
  if (promqlKeys.length === 0) return new LanguageSupport(yamlLanguage);
  const promql = promQLLanguage(LanguageType.PromQL).parser;
  const language = yamlLanguage.configure({
    wrap: parseMixed((node, input) => {
      if (node.name !== 'Literal' && node.name !== 'QuotedLiteral' && node.name !== 'BlockLiteralContent') return null;
      const key = keyOf(node, input);
      if (key === null || !promqlKeys.includes(key)) return null;
      // A quoted value's PromQL is between the quotes.
      return node.name === 'QuotedLiteral' ? { parser: promql, overlay: [{ from: node.from + 1, to: node.to - 1 }] } : { parser: promql };
    }),
  });
  return new LanguageSupport(language);
}

const yamlHighlight = HighlightStyle.define([
  { tag: tags.definition(tags.propertyName), class: 'yaml-key' },
  { tag: tags.separator, class: 'yaml-punctuation' },
  { tag: [tags.typeName, tags.meta, tags.special(tags.string)], class: 'yaml-meta' },
]);

export const yamlHighlighting: Extension = syntaxHighlighting(yamlHighlight);
