// An expression written back as PromQL, as Prometheus's parser.Expr String()
// writes it: one canonical line, so the editor's Format turns any spacing and
// spelling into the form Prometheus itself would show.

import { formatDuration } from '../../model/duration';
import { isLegacyLabelName, isLegacyName, METRIC_NAME, quote } from '../../model/labels';
import type { AtModifier, Expr, VectorMatching, VectorSelector } from './ast';
import { formatG } from '../../model/goFloat';

function duration(ms: number): string {
  return ms < 0 ? `-${formatDuration(-ms)}` : formatDuration(ms);
}

function modifiers(at: AtModifier | undefined, offset: number): string {
  let out = '';
  if (at !== undefined) out += at === 'start' || at === 'end' ? ` @ ${at}()` : ` @ ${(at / 1000).toFixed(3)}`;
  if (offset !== 0) out += ` offset ${duration(offset)}`;
  return out;
}

function labelName(n: string): string {
  return isLegacyLabelName(n) ? n : quote(n);
}

function labelList(names: readonly string[]): string {
  return `(${names.map(labelName).join(', ')})`;
}

function selector(s: VectorSelector): string {
  const legacy = s.name !== '' && isLegacyName(s.name);
  const matchers = s.matchers.filter((m) => !(s.name !== '' && m.name === METRIC_NAME && m.type === '=' && m.value === s.name));
  const parts = matchers.map((m) => `${labelName(m.name)}${m.type}${quote(m.value)}`);
  if (s.name !== '' && !legacy) parts.unshift(quote(s.name));
  const head = legacy ? s.name : '';
  return parts.length === 0 ? head : `${head}{${parts.join(', ')}}`;
}

function matching(m: VectorMatching | undefined): string {
  if (!m) return '';
  let out = '';
  if (m.on || m.labels.length > 0) out += ` ${m.on ? 'on' : 'ignoring'} ${labelList(m.labels)}`;
  if (m.card === 'many-to-one' || m.card === 'one-to-many') {
    out += ` ${m.card === 'many-to-one' ? 'group_left' : 'group_right'}`;
    if (m.include.length > 0) out += ` ${labelList(m.include)}`;
  }
  if (m.fillLeft !== undefined && m.fillLeft === m.fillRight) out += ` fill (${formatG(m.fillLeft)})`;
  else {
    if (m.fillLeft !== undefined) out += ` fill_left (${formatG(m.fillLeft)})`;
    if (m.fillRight !== undefined) out += ` fill_right (${formatG(m.fillRight)})`;
  }
  return out;
}

export function printExpr(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return formatG(e.value);
    case 'string':
      return quote(e.value);
    case 'vectorSelector':
      return (e.mode ? `${selector(e)} ${e.mode}` : selector(e)) + modifiers(e.at, e.offset);
    case 'matrixSelector': {
      const s = e.selector;
      return `${selector(s)}[${duration(e.range)}]${s.mode ? ` ${s.mode}` : ''}${modifiers(s.at, s.offset)}`;
    }
    case 'subquery':
      return `${printExpr(e.expr)}[${duration(e.range)}:${e.step > 0 ? duration(e.step) : ''}]${modifiers(e.at, e.offset)}`;
    case 'call':
      return `${e.func.name}(${e.args.map(printExpr).join(', ')})`;
    case 'aggregate': {
      // AggregateExpr.String: `sum(x)`, `topk(3, x)`, but `sum by (job) (x)`.
      const grouping = e.without || e.grouping.length > 0 ? ` ${e.without ? 'without' : 'by'} ${labelList(e.grouping)} ` : '';
      const args = e.param ? `${printExpr(e.param)}, ${printExpr(e.expr)}` : printExpr(e.expr);
      return `${e.op}${grouping}(${args})`;
    }
    case 'binary':
      return `${printExpr(e.lhs)} ${e.op}${e.returnBool ? ' bool' : ''}${matching(e.matching)} ${printExpr(e.rhs)}`;
    case 'unary':
      return `${e.op}${printExpr(e.expr)}`;
    case 'paren':
      return `(${printExpr(e.expr)})`;
  }
}
