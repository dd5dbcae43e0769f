// PromQL text to the typed syntax tree: the Lezer grammar Prometheus ships for
// its editor (@prometheus-io/lezer-promql) finds the structure; this module
// turns it into ast.ts nodes and reports errors with Prometheus's wording.

import type { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';
import { METRIC_NAME } from '../../model/labels';
import { Matcher, type MatchType } from '../../model/matcher';
import type { AggregateOp, AtModifier, BinaryOp, Expr, PosRange, VectorMatching, VectorSelector } from './ast';
import { ParseError } from '../errors';
import { FUNCTIONS } from './functions';
import { parseDurationMs, parseNumber, unquote } from './literals';
import { lexError } from './syntaxErrors';
import { checkAST } from './typeCheck';
import { errorMessage } from '../../model/result';

const BINARY_OPS: Record<string, BinaryOp> = {
  Add: '+',
  Sub: '-',
  Mul: '*',
  Div: '/',
  Mod: '%',
  Pow: '^',
  Atan2: 'atan2',
  Eql: '==',
  Neq: '!=',
  Gtr: '>',
  Lss: '<',
  Gte: '>=',
  Lte: '<=',
  TrimUpper: '</',
  TrimLower: '>/',
  And: 'and',
  Or: 'or',
  Unless: 'unless',
};

/** Binding strength of binary operators, weakest first (Prometheus's grammar). */
const PRECEDENCE: Record<BinaryOp, number> = {
  or: 1,
  and: 2,
  unless: 2,
  '==': 3,
  '!=': 3,
  '>': 3,
  '<': 3,
  '>=': 3,
  '<=': 3,
  '</': 3,
  '>/': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
  '%': 5,
  atan2: 5,
  '^': 6,
};

const MATCH_OPS: Record<string, MatchType> = { EqlSingle: '=', Neq: '!=', EqlRegex: '=~', NeqRegex: '!~' };

/** What `step()` and `range()` mean inside duration expressions: the query's step and span, 0 for instant queries. */
export interface DurationContext {
  stepMs: number;
  rangeMs: number;
}

/** Parses and type-checks a PromQL expression; throws ParseError. */
export function parseExpr(query: string, durations: DurationContext = { stepMs: 0, rangeMs: 0 }): Expr {
  const expr = new TreeReader(query, durations).read();
  checkAST(expr, query);
  return expr;
}

class TreeReader {
  /** Binary expressions that had a modifier pushed into their last operand, whose precedence may need repair. */
  private readonly loosened = new WeakSet<Expr>();

  constructor(
    private readonly q: string,
    private readonly durations: DurationContext,
  ) {}

  read(): Expr {
    // `min_of(…)` is a scalar function at the top and a duration function after
    // `offset`; try the first reading, then the second.
    let tree = parser.parse(lezerFriendly(this.q, true));
    let bad = firstError(tree);
    if (bad) {
      tree = parser.parse(lezerFriendly(this.q, false));
      bad = firstError(tree);
    }
    if (bad) this.syntaxError(bad);
    const top = tree.topNode.firstChild;
    if (!top) throw new ParseError(this.q, 0, 'no expression found in input');
    return this.expr(top);
  }

  private syntaxError(n: SyntaxNode): never {
    const lexical = lexError(this.q);
    if (lexical) throw new ParseError(this.q, lexical.pos, lexical.what);
    const at = n.from;
    if (at >= this.q.trimEnd().length) throw new ParseError(this.q, at, 'unexpected end of input');
    const tok = this.q.slice(at, Math.max(n.to, at + 1)).trim() || this.q[at];
    const inner = n.firstChild;
    const shown = inner ? this.q.slice(inner.from, inner.to) : tok;
    throw new ParseError(this.q, at, `unexpected ${JSON.stringify(shown)}`);
  }

  private text(n: SyntaxNode): string {
    return this.q.slice(n.from, n.to);
  }

  private pos(n: SyntaxNode): PosRange {
    return { start: n.from, end: n.to };
  }

  private fail(n: SyntaxNode, what: string): never {
    throw new ParseError(this.q, n.from, what);
  }

  private children(n: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
    return out;
  }

  private expr(n: SyntaxNode): Expr {
    const pos = this.pos(n);
    switch (n.name) {
      case 'NumberDurationLiteral': {
        const v = parseNumber(this.text(n));
        if (v === undefined) this.fail(n, `bad number or duration syntax: ${JSON.stringify(this.text(n))}`);
        return { kind: 'number', value: v, pos };
      }
      case 'StringLiteral':
        return { kind: 'string', value: this.string(n), pos };
      case 'ParenExpr':
        return { kind: 'paren', expr: this.expr(n.firstChild!), pos };
      case 'UnaryExpr': {
        const [op, inner] = this.children(n);
        const minus = this.text(op) === '-';
        const e = this.expr(inner);
        // generated_parser.y's unary_expr: a sign before a number literal is folded into it (`vector(-Inf)` prints `-Inf`, `- -1` is 1).
        if (e.kind === 'number') return { kind: 'number', value: minus ? -e.value : e.value, pos };
        return { kind: 'unary', op: minus ? '-' : '+', expr: e, pos };
      }
      case 'VectorSelector':
        return this.vectorSelector(n);
      case 'MatrixSelector': {
        const [sel, dur] = this.children(n);
        const inner = this.expr(sel);
        if (inner.kind !== 'vectorSelector') this.fail(n, 'ranges only allowed for vector selectors');
        if (inner.offset !== 0 || inner.at !== undefined) this.fail(n, 'no offset or @ modifiers allowed before range');
        return { kind: 'matrixSelector', selector: inner, range: this.duration(dur), pos };
      }
      case 'SubqueryExpr': {
        const [inner, range, step] = this.children(n);
        return {
          kind: 'subquery',
          expr: this.expr(inner),
          range: this.duration(range),
          step: step ? this.duration(step) : 0,
          offset: 0,
          at: undefined,
          pos,
        };
      }
      case 'OffsetExpr': {
        const parts = this.children(n);
        const inner = this.expr(parts[0]);
        const offset = this.duration(parts[2]);
        return this.modify(n, inner, (t) => {
          if (t.offset !== 0) this.fail(n, 'offset may not be set multiple times');
          t.offset = offset;
        });
      }
      case 'StepInvariantExpr': {
        const parts = this.children(n);
        const inner = this.expr(parts[0]);
        const at = this.at(parts.slice(2));
        return this.modify(n, inner, (t) => {
          if (t.at !== undefined) this.fail(n, '@ <timestamp> may not be set multiple times');
          t.at = at;
        });
      }
      case 'FunctionCall':
        return this.call(n);
      case 'AggregateExpr':
        return this.aggregate(n);
      case 'BinaryExpr':
        return this.binary(n);
      case 'AnchoredExpr':
      case 'SmoothedExpr': {
        const inner = this.expr(n.firstChild!);
        const mode = n.name === 'AnchoredExpr' ? 'anchored' : 'smoothed';
        const sel = inner.kind === 'matrixSelector' ? inner.selector : inner.kind === 'vectorSelector' && mode === 'smoothed' ? inner : undefined;
        if (!sel) this.fail(n, `${mode} modifier can only be used on a range vector selector`);
        sel.mode = mode;
        return { ...inner, pos };
      }
      default:
        this.fail(n, `unexpected ${JSON.stringify(this.text(n))}`);
    }
  }

  /** Applies an offset or @ to the selector or subquery it follows, as Prometheus's addOffset/setTimestamp. */
  private modify(n: SyntaxNode, inner: Expr, set: (t: VectorSelector | Extract<Expr, { kind: 'subquery' }>) => void): Expr {
    // The Lezer grammar binds a trailing modifier to a whole binary or unary
    // expression (`a offset 1m or b offset 2m`, `-a @ 10`); Prometheus binds
    // it to the last operand.
    if (inner.kind === 'binary') {
      const out: Expr = { ...inner, rhs: this.modify(n, inner.rhs, set) };
      this.loosened.add(out);
      return out;
    }
    if (inner.kind === 'unary') return { ...inner, expr: this.modify(n, inner.expr, set) };
    const target =
      inner.kind === 'vectorSelector' || inner.kind === 'subquery' ? inner : inner.kind === 'matrixSelector' ? inner.selector : undefined;
    if (!target) {
      this.fail(n, 'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery');
    }
    set(target);
    return { ...inner, pos: this.pos(n) } as Expr;
  }

  private at(parts: SyntaxNode[]): AtModifier {
    const last = parts[parts.length - 1];
    if (last.name === 'AtModifierPreprocessors') return last.firstChild!.name === 'AtStart' ? 'start' : 'end';
    const v = parseNumber(parts.map((p) => this.text(p)).join(''));
    if (v === undefined || !Number.isFinite(v)) this.fail(last, 'timestamp out of bounds for @ modifier');
    return Math.round(v * 1000);
  }

  /** A duration in ms from a DurationExpr, OffsetDurationExpr or literal (arithmetic folded). */
  private duration(n: SyntaxNode): number {
    const kids = this.children(n);
    switch (n.name) {
      case 'NumberDurationLiteralInDurationContext':
      case 'NumberDurationLiteral': {
        const ms = parseDurationMs(this.text(n));
        if (ms === undefined) this.fail(n, `bad number or duration syntax: ${JSON.stringify(this.text(n))}`);
        return ms;
      }
      case 'DurationStep':
        return this.durations.stepMs;
      case 'DurationRange':
        return this.durations.rangeMs;
      case 'DurationExpr':
      case 'OffsetDurationExpr': {
        if (kids.length === 1) return this.duration(kids[0]);
        if (kids.length === 3 && (kids[0].name === 'DurationMinOf' || kids[0].name === 'DurationMaxOf')) {
          const a = this.duration(kids[1]);
          const b = this.duration(kids[2]);
          return kids[0].name === 'DurationMinOf' ? Math.min(a, b) : Math.max(a, b);
        }
        if (kids.length === 2 && kids[0].name === 'UnaryOp') {
          const v = this.duration(kids[1]);
          return this.text(kids[0]) === '-' ? -v : v;
        }
        if (kids.length === 3) {
          const a = this.duration(kids[0]) / 1000;
          const b = this.duration(kids[2]) / 1000;
          const r = foldDuration(kids[1].name, a, b);
          if (r === undefined || !Number.isFinite(r)) this.fail(n, `invalid duration expression`);
          return Math.round(r * 1000);
        }
        break;
      }
    }
    this.fail(n, `the duration expression ${JSON.stringify(this.text(n))} is not supported`);
  }

  private string(n: SyntaxNode): string {
    try {
      return unquote(this.text(n));
    } catch {
      this.fail(n, `invalid syntax`);
    }
  }

  private labelName(n: SyntaxNode): string {
    return n.name === 'QuotedLabelName' ? this.string(n.firstChild!) : this.text(n);
  }

  private vectorSelector(n: SyntaxNode): VectorSelector {
    const matchers: Matcher[] = [];
    let name = '';
    for (const c of this.children(n)) {
      if (c.name === 'Identifier') {
        name = this.text(c);
        matchers.push(this.matcher(c, '=', METRIC_NAME, name));
      } else if (c.name === 'LabelMatchers') {
        for (const m of this.children(c)) {
          if (m.name === 'QuotedLabelName') {
            const quoted = this.string(m.firstChild!);
            if (name !== '') this.fail(m, `metric name must not be set twice: ${JSON.stringify(name)} or ${JSON.stringify(quoted)}`);
            name = quoted;
            matchers.push(this.matcher(m, '=', METRIC_NAME, quoted));
            continue;
          }
          const [ln, op, value] = this.children(m);
          const label = this.labelName(ln);
          const type = MATCH_OPS[op.firstChild!.name];
          const v = this.string(value);
          if (label === METRIC_NAME && type === '=') {
            if (name !== '') this.fail(m, `metric name must not be set twice: ${JSON.stringify(name)} or ${JSON.stringify(v)}`);
            name = v;
          }
          matchers.push(this.matcher(m, type, label, v));
        }
      }
    }
    return { kind: 'vectorSelector', name, matchers, offset: 0, at: undefined, pos: this.pos(n) };
  }

  private matcher(n: SyntaxNode, type: MatchType, name: string, value: string): Matcher {
    try {
      return new Matcher(type, name, value);
    } catch (e) {
      this.fail(n, errorMessage(e));
    }
  }

  private call(n: SyntaxNode): Expr {
    const [ident, body] = this.children(n);
    const name = this.text(ident);
    const func = FUNCTIONS.get(name);
    if (!func) this.fail(ident, `unknown function with name ${JSON.stringify(name)}`);
    const args = body ? this.children(body).map((a) => this.expr(a)) : [];
    return { kind: 'call', func, args, pos: this.pos(n) };
  }

  private aggregate(n: SyntaxNode): Expr {
    let op: AggregateOp = 'sum';
    let grouping: string[] = [];
    let without = false;
    let args: Expr[] = [];
    let body: SyntaxNode | undefined;
    for (const c of this.children(n)) {
      if (c.name === 'AggregateOp') op = this.text(c).toLowerCase() as AggregateOp;
      else if (c.name === 'AggregateModifier') {
        const [kind, labels] = this.children(c);
        without = kind.name === 'Without';
        grouping = labels ? this.children(labels).map((l) => this.labelName(l)) : [];
      } else if (c.name === 'FunctionCallBody') {
        body = c;
        args = this.children(c).map((a) => this.expr(a));
      }
    }
    const takesParam = op === 'topk' || op === 'bottomk' || op === 'quantile' || op === 'count_values' || op === 'limitk' || op === 'limit_ratio';
    const want = takesParam ? 2 : 1;
    if (args.length !== want) {
      this.fail(body ?? n, `wrong number of arguments for aggregate expression provided, expected ${want}, got ${args.length}`);
    }
    return {
      kind: 'aggregate',
      op,
      param: takesParam ? args[0] : undefined,
      expr: args[args.length - 1],
      grouping,
      without,
      pos: this.pos(n),
    };
  }

  private binary(n: SyntaxNode): Expr {
    const kids = this.children(n);
    const op = BINARY_OPS[kids[1].name];
    if (!op) this.fail(kids[1], `unexpected ${JSON.stringify(this.text(kids[1]))}`);
    const signed = op === '^' ? this.signedLiteral(kids[0]) : undefined;
    if (signed) {
      // Lezer reads `-2 ^ 2` as the literal -2 raised to 2; in Prometheus's
      // grammar the sign is a unary operator binding looser than `^`: -(2 ^ 2).
      const pow: Expr = { kind: 'binary', op, lhs: signed.literal, rhs: this.expr(kids[kids.length - 1]), returnBool: false, matching: undefined, pos: { start: signed.literal.pos.start, end: n.to } };
      return { kind: 'unary', op: signed.sign, expr: pow, pos: this.pos(n) };
    }
    const lhs = this.expr(kids[0]);
    const rhs = this.expr(kids[kids.length - 1]);
    let returnBool = false;
    let matching: VectorMatching | undefined;
    let fills: SyntaxNode | undefined;
    for (const c of kids.slice(2, -1)) {
      if (c.name === 'BoolModifier') returnBool = true;
      else if (c.name === 'MatchingModifierClause') matching = this.matching(c);
      else if (c.name === 'FillModifier') fills = c;
    }
    if (fills) {
      matching ??= { card: 'one-to-one', on: false, labels: [], include: [] };
      for (const clause of this.children(fills)) {
        const [kw, value] = this.children(clause);
        const v = parseNumber(this.text(value));
        if (v === undefined) this.fail(value, `bad number or duration syntax: ${JSON.stringify(this.text(value))}`);
        if (kw.name !== 'FillRight') matching.fillLeft = v;
        if (kw.name !== 'FillLeft') matching.fillRight = v;
      }
    }
    // After a modifier moved into `a + b @ t`, a tighter operator that follows
    // (`* 0`) belongs to `b @ t`, not to the sum.
    if (lhs.kind === 'binary' && this.loosened.has(lhs) && PRECEDENCE[op] > PRECEDENCE[lhs.op]) {
      const inner: Expr = { kind: 'binary', op, lhs: lhs.rhs, rhs, returnBool, matching, pos: { start: lhs.rhs.pos.start, end: n.to } };
      const out: Expr = { ...lhs, rhs: inner, pos: this.pos(n) };
      this.loosened.add(out);
      return out;
    }
    return { kind: 'binary', op, lhs, rhs, returnBool, matching, pos: this.pos(n) };
  }

  /** A number literal the Lezer tokenizer read with its sign (`-2`, `- 2`), split into the sign and the unsigned literal. */
  private signedLiteral(n: SyntaxNode): { sign: '-' | '+'; literal: Expr & { kind: 'number' } } | undefined {
    if (n.name !== 'NumberDurationLiteral') return undefined;
    const text = this.text(n);
    if (text[0] !== '-' && text[0] !== '+') return undefined;
    const digits = text.slice(1).trimStart();
    const v = parseNumber(digits);
    if (v === undefined) this.fail(n, `bad number or duration syntax: ${JSON.stringify(text)}`);
    return { sign: text[0], literal: { kind: 'number', value: v, pos: { start: n.to - digits.length, end: n.to } } };
  }

  private matching(n: SyntaxNode): VectorMatching {
    const m: VectorMatching = { card: 'one-to-one', on: false, labels: [], include: [] };
    let target: 'labels' | 'include' = 'labels';
    for (const c of this.children(n)) {
      switch (c.name) {
        case 'On':
          m.on = true;
          break;
        case 'Ignoring':
          break;
        case 'GroupLeft':
          m.card = 'many-to-one';
          target = 'include';
          break;
        case 'GroupRight':
          m.card = 'one-to-many';
          target = 'include';
          break;
        case 'GroupingLabels':
          m[target] = this.children(c).map((l) => this.labelName(l));
          break;
      }
    }
    return m;
  }
}

/**
 * The query rewritten, at equal length so positions stay put, into what the
 * Lezer grammar reads: the dot of numbers like `5.` blanked (Go reads `5./6.`
 * as 5/6), `STEP()` lowercased, and the experimental `min_of`/`max_of`
 * outside durations spelled as a function the grammar knows. Node text is
 * still read from the original query.
 */
function lezerFriendly(q: string, minMaxAsFunction: boolean): string {
  let out = '';
  let brackets = 0;
  for (let i = 0; i < q.length; i++) {
    const c = q[i];
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < q.length && q[j] !== c) j += c !== '`' && q[j] === '\\' ? 2 : 1;
      out += q.slice(i, j + 1);
      i = j;
      continue;
    }
    if (/[a-zA-Z_]/.test(c)) {
      const word = /^[a-zA-Z_][a-zA-Z0-9_:]*/.exec(q.slice(i))![0];
      const call = /^\s*\(/.test(q.slice(i + word.length));
      const lower = word.toLowerCase();
      if (call && (lower === 'step' || lower === 'range')) out += lower;
      else if (call && (word === 'min_of' || word === 'max_of') && brackets === 0 && minMaxAsFunction) out += 'minute';
      else out += word;
      i += word.length - 1;
      continue;
    }
    if (c === '[') brackets++;
    else if (c === ']') brackets--;
    else if (c === '.' && i > 0 && /[0-9]/.test(q[i - 1]) && !/[0-9eE]/.test(q[i + 1] ?? '')) {
      out += ' ';
      continue;
    }
    out += c;
  }
  return out;
}

function firstError(tree: Tree): SyntaxNode | undefined {
  let bad: SyntaxNode | undefined;
  tree.iterate({
    enter: (n) => {
      if (bad) return false;
      if (n.type.isError) bad = n.node;
      return undefined;
    },
  });
  return bad;
}

function foldDuration(op: string, a: number, b: number): number | undefined {
  switch (op) {
    case 'Add':
      return a + b;
    case 'Sub':
      return a - b;
    case 'Mul':
      return a * b;
    case 'Div':
      return b === 0 ? undefined : a / b;
    case 'Mod':
      return b === 0 ? undefined : a % b;
    case 'Pow':
      return a ** b;
  }
  return undefined;
}
