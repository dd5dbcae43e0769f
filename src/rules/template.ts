// Go text/template, the subset Prometheus's alert templates use: actions,
// pipelines, variables, if/else/range/with, define/template, comments and
// trim markers. Templates are data walked by an interpreter: a template can
// only call the functions it is given and read own keys of plain data, so it
// can never run code, and its output is plain text (as text/template's, not
// html/template's).

import { errorMessage } from '../model/result';

export type TemplateFunc = (...args: unknown[]) => unknown;

/** A template's failure worded as Go's: `template: NAME:LINE: what` (parse) or `…:LINE:COL: executing "NAME" at <node>: what`. */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

type Pos = { line: number; col: number; text: string };

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'action'; pipe: Pipe; pos: Pos }
  | { kind: 'if' | 'with'; pipe: Pipe; list: Node[]; elseList: Node[] | null; pos: Pos }
  | { kind: 'range'; pipe: Pipe; list: Node[]; elseList: Node[] | null; pos: Pos }
  | { kind: 'template'; name: string; pipe: Pipe | null; pos: Pos };

interface Pipe {
  decl: string[];
  assign: boolean;
  cmds: Cmd[];
}

type Cmd = Operand[];

type Operand =
  | { kind: 'field'; chain: string[] }
  | { kind: 'var'; name: string; chain: string[] }
  | { kind: 'ident'; name: string }
  | { kind: 'literal'; value: unknown }
  | { kind: 'pipe'; pipe: Pipe; chain: string[] };

// ---- lexing ----

type Tok =
  | { t: 'ident' | 'var' | 'field' | 'string' | 'number' | 'op'; v: string; col: number }
  | { t: 'end'; v: ''; col: number };

interface RawAction {
  body: string;
  line: number;
  col: number;
}

type Piece = { text: string } | RawAction;

function splitActions(src: string, name: string): Piece[] {
  const out: Piece[] = [];
  let i = 0;
  let line = 1;
  const lineAt = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (src.charCodeAt(k) === 10) line++;
  };
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open < 0) {
      out.push({ text: src.slice(i) });
      break;
    }
    let text = src.slice(i, open);
    let bodyStart = open + 2;
    if (src.startsWith('- ', bodyStart) || src.startsWith('-\t', bodyStart) || src.startsWith('-\n', bodyStart)) {
      text = text.replace(/\s+$/, '');
      bodyStart += 1;
    }
    if (text !== '') out.push({ text });
    lineAt(i, open);
    const actionLine = line;
    const col = open - src.lastIndexOf('\n', open - 1);
    // Find the closing braces outside of string literals.
    let j = bodyStart;
    let quote = '';
    for (; j < src.length; j++) {
      const c = src[j];
      if (quote) {
        if (c === '\\' && quote !== '`') j++;
        else if (c === quote) quote = '';
      } else if (c === '"' || c === '`' || c === "'") quote = c;
      else if (src.startsWith('}}', j)) break;
    }
    if (j >= src.length) throw new TemplateError(`template: ${name}:${actionLine}: unclosed action`);
    let body = src.slice(bodyStart, j);
    let next = j + 2;
    if (/[ \t\n]-$/.test(body)) {
      body = body.slice(0, -1);
      while (next < src.length && /\s/.test(src[next])) next++;
    }
    lineAt(open, j);
    lineAt(j, next);
    out.push({ body, line: actionLine, col });
    i = next;
  }
  return out;
}

function lex(body: string, pos: RawAction, name: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const fail = (what: string) => new TemplateError(`template: ${name}:${pos.line}: ${what}`);
  while (i < body.length) {
    const c = body[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const col = pos.col + 2 + i;
    if (c === '"' || c === '`') {
      let j = i + 1;
      while (j < body.length && body[j] !== c) j += c === '"' && body[j] === '\\' ? 2 : 1;
      if (j >= body.length) throw fail('unterminated quoted string');
      const lit = body.slice(i, j + 1);
      toks.push({ t: 'string', v: c === '`' ? lit.slice(1, -1) : (JSON.parse(lit.replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1')) as string), col });
      i = j + 1;
      continue;
    }
    if (c === "'") {
      const m = /^'(\\.|[^'])'/.exec(body.slice(i));
      if (!m) throw fail('unterminated character constant');
      toks.push({ t: 'number', v: String(m[1].codePointAt(m[1].length - 1)), col });
      i += m[0].length;
      continue;
    }
    const rest = body.slice(i);
    let m = /^:=|^=|^[|(),]/.exec(rest);
    if (m) {
      toks.push({ t: 'op', v: m[0], col });
      i += m[0].length;
      continue;
    }
    m = /^\$[A-Za-z0-9_]*/.exec(rest);
    if (m) {
      toks.push({ t: 'var', v: m[0], col });
      i += m[0].length;
      continue;
    }
    m = /^\.[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (m) {
      toks.push({ t: 'field', v: m[0].slice(1), col });
      i += m[0].length;
      continue;
    }
    if (c === '.') {
      toks.push({ t: 'field', v: '', col });
      i++;
      continue;
    }
    m = /^[+-]?(0x[0-9a-fA-F]+|\d+(\.\d*)?([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)/.exec(rest);
    if (m) {
      toks.push({ t: 'number', v: m[0], col });
      i += m[0].length;
      continue;
    }
    m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (m) {
      toks.push({ t: 'ident', v: m[0], col });
      i += m[0].length;
      continue;
    }
    throw fail(`unexpected ${JSON.stringify(c)} in command`);
  }
  toks.push({ t: 'end', v: '', col: pos.col + 2 + body.length });
  return toks;
}

// ---- parsing ----

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'template', 'block']);

class Parser {
  private pieces: Piece[];
  private idx = 0;
  private scopes: Set<string>[] = [new Set(['$'])];
  readonly defines = new Map<string, Node[]>();

  constructor(
    src: string,
    private readonly name: string,
    private readonly funcs: ReadonlySet<string>,
  ) {
    this.pieces = splitActions(src, name);
  }

  parse(): Node[] {
    const { list, stop } = this.list();
    if (stop) throw this.error(stop.pos, `unexpected {{${stop.word}}}`);
    return list;
  }

  private error(pos: RawAction | Pos, what: string): TemplateError {
    return new TemplateError(`template: ${this.name}:${pos.line}: ${what}`);
  }

  /** Nodes up to an `else` or `end` action, which is returned as `stop`. */
  private list(): { list: Node[]; stop?: { word: string; pos: RawAction; toks: Tok[] } } {
    const list: Node[] = [];
    while (this.idx < this.pieces.length) {
      const piece = this.pieces[this.idx++];
      if ('text' in piece) {
        list.push({ kind: 'text', text: piece.text });
        continue;
      }
      const trimmed = piece.body.trim();
      if (trimmed.startsWith('/*')) {
        if (!trimmed.endsWith('*/')) throw this.error(piece, 'unclosed comment');
        continue;
      }
      const toks = lex(piece.body, piece, this.name);
      const pos: Pos = { line: piece.line, col: piece.col, text: piece.body.trim() };
      const first = toks[0];
      if (first.t === 'end') throw this.error(piece, 'missing value for command');
      if (first.t === 'ident' && KEYWORDS.has(first.v)) {
        const word = first.v;
        if (word === 'end' || word === 'else') return { list, stop: { word, pos: piece, toks } };
        if (word === 'if' || word === 'with' || word === 'range') {
          list.push(this.control(word, toks.slice(1), piece, pos));
          continue;
        }
        if (word === 'define') {
          const nameTok = toks[1];
          if (nameTok?.t !== 'string') throw this.error(piece, 'define name must be a string');
          const saved = this.scopes;
          this.scopes = [new Set(['$'])];
          const body = this.list();
          this.scopes = saved;
          if (body.stop?.word !== 'end') throw this.error(piece, 'unexpected EOF');
          this.defines.set(nameTok.v, body.list);
          continue;
        }
        if (word === 'template') {
          const nameTok = toks[1];
          if (nameTok?.t !== 'string') throw this.error(piece, 'template name must be a string');
          const rest = toks.slice(2);
          list.push({ kind: 'template', name: nameTok.v, pipe: rest[0].t === 'end' ? null : this.pipeline(rest, piece, false), pos });
          continue;
        }
        throw this.error(piece, `unexpected keyword ${word}`);
      }
      list.push({ kind: 'action', pipe: this.pipeline(toks, piece, true), pos });
    }
    return { list };
  }

  private control(word: 'if' | 'with' | 'range', toks: Tok[], piece: RawAction, pos: Pos): Node {
    this.scopes.push(new Set());
    const pipe = this.pipeline(toks, piece, true, word === 'range');
    const body = this.list();
    this.scopes.pop();
    let elseList: Node[] | null = null;
    if (body.stop?.word === 'else') {
      const after = body.stop.toks.slice(1);
      if (after[0].t === 'ident' && (after[0].v === 'if' || after[0].v === 'with')) {
        // `{{else if …}}` nests a new if/with that shares this one's {{end}}.
        elseList = [this.control(after[0].v, after.slice(1), body.stop.pos, pos)];
      } else {
        this.scopes.push(new Set());
        const e = this.list();
        this.scopes.pop();
        if (e.stop?.word !== 'end') throw this.error(piece, `unexpected EOF`);
        elseList = e.list;
      }
    } else if (body.stop?.word !== 'end') {
      throw this.error(piece, 'unexpected EOF');
    }
    return { kind: word, pipe, list: body.list, elseList, pos };
  }

  private declare(name: string): void {
    this.scopes[this.scopes.length - 1].add(name);
  }

  private known(name: string): boolean {
    return this.scopes.some((s) => s.has(name));
  }

  private pipeline(toks: Tok[], piece: RawAction, allowDecl: boolean, isRange = false): Pipe {
    let k = 0;
    const decl: string[] = [];
    let assign = false;
    if (allowDecl && toks[0].t === 'var') {
      // `$x :=`, `$x =`, or in range `$i, $e :=`.
      let j = 0;
      const names: string[] = [];
      while (toks[j].t === 'var') {
        names.push(toks[j].v);
        if (toks[j + 1].t === 'op' && toks[j + 1].v === ',' && isRange) j += 2;
        else break;
      }
      const op = toks[j + 1];
      if (op.t === 'op' && (op.v === ':=' || op.v === '=')) {
        if (op.v === '=') {
          for (const n of names) if (!this.known(n)) throw this.error(piece, `undefined variable "${n}"`);
          assign = true;
        }
        decl.push(...names);
        k = j + 2;
      }
    }
    const cmds: Cmd[] = [];
    let cmd: Cmd = [];
    for (;;) {
      const tok = toks[k];
      if (tok.t === 'end' || (tok.t === 'op' && tok.v === ')')) break;
      if (tok.t === 'op' && tok.v === '|') {
        if (cmd.length === 0) throw this.error(piece, 'missing command');
        cmds.push(cmd);
        cmd = [];
        k++;
        continue;
      }
      const { operand, next } = this.operand(toks, k, piece);
      cmd.push(operand);
      k = next;
    }
    if (toks[k].t !== 'end') throw this.error(piece, `unexpected ")" in command`);
    if (cmd.length === 0) throw this.error(piece, 'missing value for command');
    cmds.push(cmd);
    for (const n of decl) this.declare(n);
    return { decl, assign, cmds };
  }

  private operand(toks: Tok[], k: number, piece: RawAction): { operand: Operand; next: number } {
    const tok = toks[k];
    const chainAfter = (i: number): { chain: string[]; next: number } => {
      const chain: string[] = [];
      while (toks[i].t === 'field' && toks[i].v !== '' && toks[i].col === toks[i - 1].col + toks[i - 1].v.length + (toks[i - 1].t === 'field' ? 1 : 0)) {
        chain.push(toks[i].v);
        i++;
      }
      return { chain, next: i };
    };
    switch (tok.t) {
      case 'field': {
        const chain = tok.v === '' ? [] : [tok.v];
        const more = chainAfter(k + 1);
        return { operand: { kind: 'field', chain: [...chain, ...more.chain] }, next: more.next };
      }
      case 'var': {
        if (!this.known(tok.v)) throw this.error(piece, `undefined variable "${tok.v}"`);
        const more = chainAfter(k + 1);
        return { operand: { kind: 'var', name: tok.v, chain: more.chain }, next: more.next };
      }
      case 'string':
        return { operand: { kind: 'literal', value: tok.v }, next: k + 1 };
      case 'number':
        return { operand: { kind: 'literal', value: Number(tok.v) }, next: k + 1 };
      case 'ident': {
        if (tok.v === 'true' || tok.v === 'false') return { operand: { kind: 'literal', value: tok.v === 'true' }, next: k + 1 };
        if (tok.v === 'nil') return { operand: { kind: 'literal', value: null }, next: k + 1 };
        if (!this.funcs.has(tok.v)) throw this.error(piece, `function "${tok.v}" not defined`);
        return { operand: { kind: 'ident', name: tok.v }, next: k + 1 };
      }
      case 'op':
        if (tok.v === '(') {
          const inner = toks.slice(k + 1);
          let depth = 0;
          let close = -1;
          for (let i = 0; i < inner.length; i++) {
            const t = inner[i];
            if (t.t === 'op' && t.v === '(') depth++;
            if (t.t === 'op' && t.v === ')') {
              if (depth === 0) {
                close = i;
                break;
              }
              depth--;
            }
          }
          if (close < 0) throw this.error(piece, 'unclosed left paren');
          const sub = [...inner.slice(0, close), { t: 'end', v: '', col: inner[close].col } as Tok];
          const pipe = this.pipeline(sub, piece, false);
          const after = k + 1 + close + 1;
          const chain: string[] = [];
          let i = after;
          while (toks[i].t === 'field' && toks[i].v !== '' && toks[i].col === toks[i - 1].col + 1 + (toks[i - 1].t === 'field' ? toks[i - 1].v.length : 0)) {
            chain.push(toks[i].v);
            i++;
          }
          return { operand: { kind: 'pipe', pipe, chain }, next: i };
        }
        throw this.error(piece, `unexpected ${JSON.stringify(tok.v)} in operand`);
      case 'end':
        throw this.error(piece, 'missing value for command');
    }
  }
}

// ---- execution ----

/** Go's truth: false, 0, "", nil and empty collections are false. */
export function isTrue(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

/** A value as text/template prints it (fmt's %v). */
function printValue(v: unknown, formatNumber: (n: number) => string): string {
  if (v === null || v === undefined) return '<no value>';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => printValue(x, formatNumber)).join(' ')}]`;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${printValue((v as Record<string, unknown>)[k], formatNumber)}`).join(' ')}]`;
  }
  return String(v);
}

/** A field of plain data: own keys only, so no prototype or function is ever reachable; a missing key is "" (missingkey=zero over label maps). */
function field(v: unknown, name: string): unknown {
  if (v === null || v === undefined || typeof v !== 'object') return '';
  if (v instanceof Map) return v.has(name) ? v.get(name) : '';
  if (!Object.prototype.hasOwnProperty.call(v, name)) return '';
  const got = (v as Record<string, unknown>)[name];
  return typeof got === 'function' ? '' : got;
}

interface Scope {
  vars: Map<string, unknown>[];
}

const MAX_DEPTH = 100;
const MAX_OUTPUT = 1 << 20;

class Exec {
  private out = '';

  constructor(
    private readonly name: string,
    private readonly funcs: Readonly<Record<string, TemplateFunc>>,
    private readonly defines: Map<string, Node[]>,
    private readonly formatNumber: (n: number) => string,
  ) {}

  async run(list: Node[], dot: unknown): Promise<string> {
    await this.walk(list, dot, { vars: [new Map([['$', dot]])] }, 0);
    return this.out;
  }

  private fail(pos: Pos, what: string): TemplateError {
    return new TemplateError(`template: ${this.name}:${pos.line}:${pos.col + 2}: executing "${this.name}" at <${pos.text}>: ${what}`);
  }

  private write(s: string): void {
    this.out += s;
    if (this.out.length > MAX_OUTPUT) throw new TemplateError(`template: ${this.name}: output exceeds ${MAX_OUTPUT} characters`);
  }

  private lookup(scope: Scope, name: string): unknown {
    for (let i = scope.vars.length - 1; i >= 0; i--) if (scope.vars[i].has(name)) return scope.vars[i].get(name);
    return undefined;
  }

  private setVar(scope: Scope, name: string, value: unknown, assign: boolean): void {
    if (assign) {
      for (let i = scope.vars.length - 1; i >= 0; i--) {
        if (scope.vars[i].has(name)) {
          scope.vars[i].set(name, value);
          return;
        }
      }
    }
    scope.vars[scope.vars.length - 1].set(name, value);
  }

  private async walk(list: Node[], dot: unknown, scope: Scope, depth: number): Promise<void> {
    if (depth > MAX_DEPTH) throw new TemplateError(`template: ${this.name}: exceeded maximum template depth (${MAX_DEPTH})`);
    for (const n of list) {
      switch (n.kind) {
        case 'text':
          this.write(n.text);
          break;
        case 'action': {
          const v = await this.pipe(n.pipe, dot, scope, n.pos);
          if (n.pipe.decl.length === 0) this.write(printValue(v, this.formatNumber));
          break;
        }
        case 'if':
        case 'with': {
          scope.vars.push(new Map());
          const v = await this.pipe(n.pipe, dot, scope, n.pos);
          if (isTrue(v)) await this.walk(n.list, n.kind === 'with' ? v : dot, scope, depth + 1);
          else if (n.elseList) await this.walk(n.elseList, dot, scope, depth + 1);
          scope.vars.pop();
          break;
        }
        case 'range':
          await this.range(n, dot, scope, depth);
          break;
        case 'template': {
          const body = this.defines.get(n.name);
          if (!body) throw this.fail(n.pos, `no such template "${n.name}"`);
          const arg = n.pipe ? await this.pipe(n.pipe, dot, scope, n.pos) : null;
          await this.walk(body, arg, { vars: [new Map([['$', arg]])] }, depth + 1);
          break;
        }
      }
    }
  }

  private async range(n: Extract<Node, { kind: 'range' }>, dot: unknown, scope: Scope, depth: number): Promise<void> {
    scope.vars.push(new Map());
    const collection = await this.pipe({ ...n.pipe, decl: [] }, dot, scope, n.pos);
    let items: [unknown, unknown][];
    if (Array.isArray(collection)) items = collection.map((v, i) => [i, v]);
    else if (collection instanceof Map) items = [...collection.entries()].sort(([a], [b]) => (String(a) < String(b) ? -1 : 1));
    else if (typeof collection === 'number') items = Array.from({ length: Math.max(0, Math.floor(collection)) }, (_, i) => [i, i]);
    else if (collection && typeof collection === 'object') items = Object.keys(collection).sort().map((k) => [k, (collection as Record<string, unknown>)[k]]);
    else if (collection === null || collection === undefined || collection === '') items = [];
    else throw this.fail(n.pos, `range can't iterate over ${printValue(collection, this.formatNumber)}`);
    if (items.length === 0) {
      if (n.elseList) await this.walk(n.elseList, dot, scope, depth + 1);
    }
    for (const [k, v] of items) {
      scope.vars.push(new Map());
      if (n.pipe.decl.length === 1) this.setVar(scope, n.pipe.decl[0], v, false);
      if (n.pipe.decl.length === 2) {
        this.setVar(scope, n.pipe.decl[0], k, false);
        this.setVar(scope, n.pipe.decl[1], v, false);
      }
      await this.walk(n.list, v, scope, depth + 1);
      scope.vars.pop();
    }
    scope.vars.pop();
  }

  private async pipe(p: Pipe, dot: unknown, scope: Scope, pos: Pos): Promise<unknown> {
    let value: unknown = undefined;
    let hasValue = false;
    for (const cmd of p.cmds) {
      value = await this.cmd(cmd, dot, scope, pos, hasValue ? [value] : []);
      hasValue = true;
    }
    for (const name of p.decl) this.setVar(scope, name, value, p.assign);
    return value;
  }

  private async cmd(cmd: Cmd, dot: unknown, scope: Scope, pos: Pos, piped: unknown[]): Promise<unknown> {
    const head = cmd[0];
    if (head.kind === 'ident') {
      const fn = this.funcs[head.name];
      const args: unknown[] = [];
      for (const op of cmd.slice(1)) args.push(await this.operand(op, dot, scope, pos));
      args.push(...piped);
      try {
        return await fn(...args);
      } catch (e) {
        if (e instanceof TemplateError) throw e;
        throw this.fail(pos, `error calling ${head.name}: ${errorMessage(e)}`);
      }
    }
    if (cmd.length > 1 || piped.length > 0) throw this.fail(pos, `can't give argument to non-function ${describe(head)}`);
    return this.operand(head, dot, scope, pos);
  }

  private async operand(op: Operand, dot: unknown, scope: Scope, pos: Pos): Promise<unknown> {
    switch (op.kind) {
      case 'literal':
        return op.value;
      case 'field':
        return op.chain.reduce(field, dot);
      case 'var':
        return op.chain.reduce(field, this.lookup(scope, op.name));
      case 'pipe':
        return op.chain.reduce(field, await this.pipe(op.pipe, dot, scope, pos));
      case 'ident':
        return this.cmd([op], dot, scope, pos, []);
    }
  }
}

function describe(op: Operand): string {
  switch (op.kind) {
    case 'field':
      return '.' + op.chain.join('.');
    case 'var':
      return [op.name, ...op.chain].join('.');
    case 'literal':
      return JSON.stringify(op.value);
    default:
      return op.kind;
  }
}

/** A parsed template, ready to run against data with its functions. */
export class Template {
  private constructor(
    private readonly name: string,
    private readonly root: Node[],
    private readonly defines: Map<string, Node[]>,
    private readonly funcs: Readonly<Record<string, TemplateFunc>>,
  ) {}

  /** Parses `text`; throws a TemplateError worded as Go's parser words it. */
  static parse(name: string, text: string, funcs: Readonly<Record<string, TemplateFunc>>): Template {
    const p = new Parser(text, name, new Set(Object.keys(funcs)));
    const root = p.parse();
    return new Template(name, root, p.defines, funcs);
  }

  execute(data: unknown, formatNumber: (n: number) => string): Promise<string> {
    return new Exec(this.name, this.funcs, this.defines, formatNumber).run(this.root, data);
  }
}
