// Prometheus's series description notation from its test scripts
// (`metric{a="b"} 0+10x100 _ stale`), as parser.ParseSeriesDesc reads it.

import { Labels, METRIC_NAME } from '../model/labels';
import { STALE_NAN } from '../tsdb/storage';
import { unquote } from './literals';

/** One position in a sequence: a value, or omitted (`_`). */
export type SequenceValue = { omitted: true } | { omitted: false; value: number };

export interface SeriesDesc {
  labels: Labels;
  values: SequenceValue[];
  /** True when any value is a native histogram (`{{…}}`), which this storage cannot hold. */
  histogram: boolean;
}

// No hex here: in a sequence `0x8` means zero repeated.
const NUMBER = /^[+-]?(?:inf(?:inity)?|nan|(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)/i;

function parseNum(text: string): number {
  const lower = text.toLowerCase().replace(/^\+/, '');
  if (lower === 'inf' || lower === 'infinity') return Infinity;
  if (lower === '-inf' || lower === '-infinity') return -Infinity;
  if (lower.endsWith('nan')) return NaN;
  const neg = lower.startsWith('-');
  const body = neg ? lower.slice(1) : lower;
  const v = Number(body);
  return neg ? -v : v;
}

/** Reads `name{labels}` at the start of text; returns the labels and where the rest begins. */
export function parseMetric(text: string): { labels: Labels; rest: number } {
  let i = 0;
  const flat: string[] = [];
  const ident = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(text);
  if (ident) {
    flat.push(METRIC_NAME, ident[0]);
    i = ident[0].length;
  }
  if (text[i] === '{') {
    i++;
    const skipSpace = () => {
      while (text[i] === ' ' || text[i] === '\t') i++;
    };
    const readQuoted = (): string => {
      const q = text[i];
      let j = i + 1;
      while (j < text.length && text[j] !== q) j += text[j] === '\\' ? 2 : 1;
      const lit = text.slice(i, j + 1);
      i = j + 1;
      return unquote(lit);
    };
    for (;;) {
      skipSpace();
      if (text[i] === '}') {
        i++;
        break;
      }
      let name: string;
      if (text[i] === '"' || text[i] === "'" || text[i] === '`') name = readQuoted();
      else {
        const m = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(text.slice(i));
        if (!m) throw new SyntaxError(`unexpected character in label set: ${JSON.stringify(text.slice(i, i + 10))}`);
        name = m[0];
        i += name.length;
      }
      skipSpace();
      if (text[i] === '=') {
        i++;
        skipSpace();
        flat.push(name, readQuoted());
      } else {
        flat.push(METRIC_NAME, name);
      }
      skipSpace();
      if (text[i] === ',') i++;
    }
  }
  return { labels: Labels.fromPairs(flat), rest: i };
}

/** Expands one sequence item: `_`, `_xN`, `stale`, `v`, `vxN`, `v+dxN`, `v-dxN`. */
function expandItem(item: string): SequenceValue[] {
  if (item === '_') return [{ omitted: true }];
  const blank = /^_x(\d+)$/.exec(item);
  if (blank) return Array.from({ length: Number(blank[1]) }, () => ({ omitted: true }) as const);
  if (item === 'stale') return [{ omitted: false, value: STALE_NAN }];
  const start = NUMBER.exec(item);
  if (!start) throw new SyntaxError(`invalid sequence item ${JSON.stringify(item)}`);
  let v = parseNum(start[0]);
  let rest = item.slice(start[0].length);
  if (rest === '') return [{ omitted: false, value: v }];
  let delta = 0;
  if (rest[0] === '+' || rest[0] === '-') {
    const d = NUMBER.exec(rest);
    if (!d) throw new SyntaxError(`invalid sequence item ${JSON.stringify(item)}`);
    delta = parseNum(d[0]);
    rest = rest.slice(d[0].length);
  }
  const times = /^x(\d+)$/.exec(rest);
  if (!times) throw new SyntaxError(`invalid sequence item ${JSON.stringify(item)}`);
  const out: SequenceValue[] = [{ omitted: false, value: v }];
  for (let k = 1; k <= Number(times[1]); k++) {
    // Repeated addition, as the series grammar accumulates it.
    v += delta;
    out.push({ omitted: false, value: v });
  }
  return out;
}

export function parseSeriesDesc(line: string): SeriesDesc {
  const { labels, rest } = parseMetric(line.trim());
  const valuesText = line.trim().slice(rest).trim();
  const histogram = valuesText.includes('{{');
  const values: SequenceValue[] = [];
  if (!histogram) for (const item of valuesText.split(/\s+/).filter((s) => s !== '')) values.push(...expandItem(item));
  return { labels, values, histogram };
}
