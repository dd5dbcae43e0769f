// Typed reads over a YAML syntax tree that keep each node's line and column,
// so a config error names its place and says what go-yaml would say.

import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type Scalar } from 'yaml';
import { errorMessage } from '../model/result';

/** A rejected config: 1-based line and column, and the cause in Prometheus's words. */
export class ConfigError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly what: string,
    cause?: unknown,
  ) {
    super(line > 0 ? `${line}:${column}: ${what}` : what, { cause });
    this.name = 'ConfigError';
  }
}

/** A parsed document and the means to place errors in it. */
export class YamlSource {
  private readonly lines = new LineCounter();
  readonly root: Node | null;

  constructor(text: string) {
    // go-yaml v2 reads YAML 1.1 (so `yes` is a bool) and reports duplicate keys itself.
    const doc = parseDocument(text, { lineCounter: this.lines, version: '1.1', uniqueKeys: false });
    const err = doc.errors[0];
    if (err) {
      const at = err.linePos?.[0];
      throw new ConfigError(at?.line ?? 0, at?.col ?? 0, `yaml: ${err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`);
    }
    this.root = (doc.contents as Node | null) ?? null;
  }

  error(node: Node | null | undefined, what: string, cause?: unknown): ConfigError {
    const offset = node?.range?.[0];
    if (offset === undefined) return new ConfigError(0, 0, what, cause);
    const { line, col } = this.lines.linePos(offset);
    return new ConfigError(line, col, what, cause);
  }

  /** `!!str`, `!!int`… as go-yaml names a node's kind in "cannot unmarshal" errors. */
  private tagOf(node: Node): string {
    if (isMap(node)) return '!!map';
    if (isSeq(node)) return '!!seq';
    const v = (node as Scalar).value;
    if (v === null) return '!!null';
    if (typeof v === 'boolean') return '!!bool';
    if (typeof v === 'number') return Number.isInteger(v) ? '!!int' : '!!float';
    return '!!str';
  }

  private cannot(node: Node, into: string): ConfigError {
    const shown = isScalar(node) ? ` \`${String((node as Scalar).source ?? (node as Scalar).value)}\`` : '';
    return this.error(node, `cannot unmarshal ${this.tagOf(node)}${shown} into ${into}`);
  }

  isNull(node: Node | null | undefined): boolean {
    return node == null || (isScalar(node) && node.value === null);
  }

  /**
   * The pairs of a mapping, each key checked against `fields` (go-yaml's
   * UnmarshalStrict): an unknown key is "field x not found in type T", a
   * repeated one "field x already set in type T".
   */
  struct(node: Node, type: string, fields: readonly string[]): Map<string, Node | null> {
    if (!isMap(node)) throw this.cannot(node, type);
    const out = new Map<string, Node | null>();
    for (const pair of node.items as Pair<Node, Node | null>[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!fields.includes(key)) throw this.error(pair.key, `field ${key} not found in type ${type}`);
      if (out.has(key)) throw this.error(pair.key, `field ${key} already set in type ${type}`);
      out.set(key, pair.value);
    }
    return out;
  }

  /** The key node of a field, for placing errors about a whole field. */
  keyOf(node: Node, field: string): Node | undefined {
    if (!isMap(node)) return undefined;
    const pair = (node.items as Pair<Node, Node | null>[]).find((p) => isScalar(p.key) && p.key.value === field);
    return pair?.key;
  }

  string(node: Node): string {
    if (!isScalar(node)) throw this.cannot(node, 'string');
    const v = node.value;
    if (v === null) return '';
    // go-yaml accepts any scalar into a string field, keeping its source text.
    return typeof v === 'string' ? v : String(node.source ?? v);
  }

  bool(node: Node): boolean {
    if (!isScalar(node) || typeof node.value !== 'boolean') throw this.cannot(node, 'bool');
    return node.value;
  }

  uint(node: Node, into = 'uint'): number {
    if (!isScalar(node) || typeof node.value !== 'number' || !Number.isSafeInteger(node.value) || node.value < 0) throw this.cannot(node, into);
    return node.value;
  }

  /** A float64 field: any YAML number, as go-yaml decodes into float64. */
  float(node: Node, into = 'float64'): number {
    if (!isScalar(node) || typeof node.value !== 'number') throw this.cannot(node, into);
    return node.value;
  }

  /** A value parsed from its string form; the parser's message becomes the error, as Prometheus's UnmarshalYAML hooks do. */
  parsed<T>(node: Node, parse: (s: string) => T): T {
    const s = this.string(node);
    try {
      return parse(s);
    } catch (e) {
      throw this.error(node, errorMessage(e), e);
    }
  }

  seq(node: Node, into: string): Node[] {
    if (this.isNull(node)) return [];
    if (!isSeq(node)) throw this.cannot(node, into);
    return node.items as Node[];
  }

  strings(node: Node): string[] {
    return this.seq(node, '[]string').map((n) => this.string(n));
  }

  /** The pairs of a free-form mapping, in document order. */
  entries(node: Node, into: string): [key: string, value: Node | null, keyNode: Node][] {
    if (this.isNull(node)) return [];
    if (!isMap(node)) throw this.cannot(node, into);
    return (node.items as Pair<Node, Node | null>[]).map((p) => [this.string(p.key), p.value, p.key]);
  }

  /** A mapping of strings, in document order. */
  stringMap(node: Node, into: string): [key: string, value: string, keyNode: Node][] {
    return this.entries(node, into).map(([k, v, keyNode]) => [k, v === null ? '' : this.string(v), keyNode]);
  }

  /** Plain JavaScript data for a section kept as it was written. */
  plain(node: Node | null): unknown {
    return node === null ? null : node.toJSON();
  }
}
