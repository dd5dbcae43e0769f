// Where in a YAML file's mappings the cursor is, read from indentation alone,
// for key completion: the schema path of the mapping being typed into, the
// keys it already has, and the partial key. A half-typed document does not
// parse, so this reads lines rather than a syntax tree, as a person would.

import type { MappingShape, YamlShape } from '../../../engine/api';

export interface KeyContext {
  /** Where the partial key starts (a document offset) and its text so far. */
  from: number;
  prefix: string;
  /** Column of the key: what a nested mapping or list is indented from. */
  column: number;
  /** Keys from the document root to the mapping: a name, or `-` for a list item. */
  path: string[];
  /** Keys the mapping already has above the cursor. */
  present: Set<string>;
}

interface Frame {
  kind: 'mapping' | 'list';
  column: number;
  /** For a mapping: its last key, whose value the next deeper line belongs to. */
  key?: string;
  keys: Set<string>;
}

interface LineParts {
  indent: number;
  /** Columns of the `- ` item markers that open the line. */
  dashes: number[];
  /** Column where the line's content starts after the markers. */
  column: number;
  /** A `key:` the line holds, if any. */
  key?: string;
  /** `key: |` or `key: >`: the lines indented below are text, not YAML. */
  blockScalar: boolean;
}

const KEY = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^\s#'"{[][^:#]*?)\s*:(?:\s+|$)(.*)$/;

function partsOf(line: string): LineParts {
  const indent = line.length - line.trimStart().length;
  let i = indent;
  const dashes: number[] = [];
  while (line[i] === '-' && (i + 1 === line.length || line[i + 1] === ' ')) {
    dashes.push(i);
    i += 1;
    while (line[i] === ' ') i++;
  }
  const m = KEY.exec(line.slice(i));
  const key = m ? m[1].replace(/^["']|["']$/g, '') : undefined;
  return { indent, dashes, column: i, key, blockScalar: m !== null && /^[|>][-+0-9]*\s*(#.*)?$/.test(m[2]) };
}

/** Pops frames deeper than `column`, then opens a list item at `column`. */
function openItem(stack: Frame[], column: number): void {
  while (stack.length > 0 && stack[stack.length - 1].column > column) stack.pop();
  const top = stack[stack.length - 1];
  // A list at its parent key's column (`key:\n- item`) is the key's value, as YAML allows.
  if (top?.kind === 'list' && top.column === column) return;
  stack.push({ kind: 'list', column, keys: new Set() });
}

/** Makes the top frame the mapping at `column`, opening it when the line starts one. */
function enterMapping(stack: Frame[], column: number, newItem: boolean): Frame {
  if (!newItem) {
    while (stack.length > 0 && stack[stack.length - 1].column > column) stack.pop();
    // A list's items each start with `- `; a bare key at the list's column ends it.
    if (stack[stack.length - 1]?.kind === 'list' && stack[stack.length - 1].column === column) stack.pop();
  }
  const top = stack[stack.length - 1];
  if (!newItem && top?.kind === 'mapping' && top.column === column) return top;
  const frame: Frame = { kind: 'mapping', column, keys: new Set() };
  stack.push(frame);
  return frame;
}

/** The key being typed at `pos`, and where it sits; null where no key can go (a value, a comment, flow style). */
export function keyContextAt(text: string, pos: number): KeyContext | null {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  const before = text.slice(lineStart, pos);
  const stack: Frame[] = [];
  let scalarBelow = -1;
  for (const line of text.slice(0, lineStart).split('\n')) {
    const p = partsOf(line);
    const blank = line.trim() === '' || line.trimStart().startsWith('#');
    if (scalarBelow >= 0 && (blank || p.indent > scalarBelow)) continue;
    scalarBelow = -1;
    if (blank || line.trimStart().startsWith('---')) continue;
    for (const d of p.dashes) openItem(stack, d);
    if (p.key === undefined) continue;
    const frame = enterMapping(stack, p.column, p.dashes.length > 0);
    frame.key = p.key;
    frame.keys.add(p.key);
    if (p.blockScalar) scalarBelow = p.column;
  }
  const here = partsOf(before);
  const prefix = before.slice(here.column);
  if (!/^[\w.-]*$/.test(prefix)) return null;
  if (scalarBelow >= 0 && here.column > scalarBelow) return null;
  for (const d of here.dashes) openItem(stack, d);
  const frame = enterMapping(stack, here.column, here.dashes.length > 0);
  const path: string[] = [];
  for (const f of stack) {
    if (f === frame) break;
    if (f.kind === 'list') path.push('-');
    else if (f.key !== undefined) path.push(f.key);
  }
  return { from: pos - prefix.length, prefix, column: here.column, path, present: frame.keys };
}

/** The shape of the mapping at `path` under `root`, or null where the schema has none (free-form labels, unknown keys). */
export function shapeAt(root: MappingShape, path: readonly string[]): MappingShape | null {
  let shape: YamlShape = root;
  for (const step of path) {
    if (step === '-') {
      if (shape.kind !== 'list') return null;
      shape = shape.item;
    } else {
      if (shape.kind !== 'mapping') return null;
      const child: YamlShape | undefined = shape.children[step];
      if (!child) return null;
      shape = child;
    }
  }
  return shape.kind === 'mapping' ? shape : null;
}
