// label_replace and label_join, and the helpers they and sort_by_label need:
// Go regexp expansion ($1, ${name}) and natural ordering as Prometheus's natsort.

import { METRIC_NAME } from '../model/labels';
import { compileAnchored } from '../model/matcher';
import { QueryError } from './errors';
import { hasInvalidUtf8 } from './parser/literals';
import type { FunctionCall } from './evalContext';
import { mergeSameLabels } from './value';

/** A label name Prometheus 3 accepts: any valid UTF-8, not empty. */
export function isValidLabelName(name: string): boolean {
  return name !== '' && !hasInvalidUtf8(name);
}

/** Go's Regexp.ExpandString: `$1`, `${1}`, `$name`, `${name}`, `$$`. */
export function expandTemplate(template: string, m: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c !== '$' || i + 1 >= template.length) {
      out += c;
      continue;
    }
    const next = template[i + 1];
    if (next === '$') {
      out += '$';
      i++;
      continue;
    }
    let name: string;
    if (next === '{') {
      const close = template.indexOf('}', i + 2);
      const inner = close < 0 ? '' : template.slice(i + 2, close);
      if (close < 0 || !/^[A-Za-z0-9_]+$/.test(inner)) {
        out += c;
        continue;
      }
      name = inner;
      i = close;
    } else {
      const word = /^[A-Za-z0-9_]+/.exec(template.slice(i + 1));
      if (!word) {
        out += c;
        continue;
      }
      name = word[0];
      i += name.length;
    }
    if (/^\d+$/.test(name)) out += m[Number(name)] ?? '';
    else out += m.groups?.[name] ?? '';
  }
  return out;
}

/** True when a sorts before b with digit runs compared as numbers (natsort.Compare). */
export function naturalLess(a: string, b: string): boolean {
  const chunk = /(\d+|\D+)/g;
  const ca = a.match(chunk) ?? [];
  const cb = b.match(chunk) ?? [];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const x = ca[i];
    const y = cb[i];
    if (x === y) continue;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const nx = BigInt(x);
      const ny = BigInt(y);
      if (nx !== ny) return nx < ny;
      return x.length < y.length;
    }
    return x < y;
  }
  return ca.length < cb.length;
}

/** label_replace(v, dst, replacement, src, regex), as funcLabelReplace. */
export const labelReplace: FunctionCall = async (env, e, g) => {
  const [dst, repl, src, regexText] = e.args.slice(1).map((a) => env.stringArg(a));
  let re: RegExp;
  try {
    re = compileAnchored(regexText);
  } catch {
    throw new QueryError('execution', `invalid regular expression in label_replace(): ${regexText}`);
  }
  if (!isValidLabelName(dst)) throw new QueryError('execution', `invalid destination label name in label_replace(): ${dst}`);
  const input = await env.vectorArg(e.args[0], g);
  const out = input.map((s) => {
    const m = re.exec(s.labels.get(src));
    if (!m) return s;
    const labels = s.labels.builder().set(dst, expandTemplate(repl, m)).labels();
    return { ...s, labels, dropName: dst === METRIC_NAME ? false : s.dropName };
  });
  return { type: 'vector', series: mergeSameLabels(out) };
};

/** label_join(v, dst, separator, src...), as funcLabelJoin. */
export const labelJoin: FunctionCall = async (env, e, g) => {
  const [dst, sep, ...srcs] = e.args.slice(1).map((a) => env.stringArg(a));
  for (const s of srcs) if (!isValidLabelName(s)) throw new QueryError('execution', `invalid source label name in label_join(): ${s}`);
  if (!isValidLabelName(dst)) throw new QueryError('execution', `invalid destination label name in label_join(): ${dst}`);
  const input = await env.vectorArg(e.args[0], g);
  const out = input.map((s) => {
    const labels = s.labels
      .builder()
      .set(dst, srcs.map((n) => s.labels.get(n)).join(sep))
      .labels();
    return { ...s, labels, dropName: dst === METRIC_NAME ? false : s.dropName };
  });
  return { type: 'vector', series: mergeSameLabels(out) };
};
