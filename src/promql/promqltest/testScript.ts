// Prometheus's PromQL test-script language (promql/promqltest/test.go):
// `load`, `clear`, `eval instant|range` with expected series, failures and
// annotations. Each eval statement passes or fails (with why).

import { parseDuration } from '../../model/duration';
import type { Storage } from '../../tsdb/storage';
import { almostEqual } from '../almost';
import { QueryEngine, type ResultValue } from '../engine';
import { QueryError } from '../errors';
import type { FloatHistogram } from '../../model/histogram/floatHistogram';
import { nativeHistogramsMatch } from './histogramCompare';
import { nhcbSeries } from './nhcbLoad';
import type { Labels } from '../../model/labels';
import type { Expr } from '../parser/ast';
import { parseExpr } from '../parser/parse';
import { isStartTimeLine, parseSeriesDesc, parseStartTimeDesc, type SequenceValue, type SeriesDesc } from '../parser/seriesDesc';
import { errorMessage } from '../../model/result';

export type Outcome = 'pass' | 'fail';

export interface StatementResult {
  line: number;
  text: string;
  outcome: Outcome;
  reason?: string;
}

const PAT_LOAD = /^load(?:_(with_nhcb))?\s+(.+?)$/;
const PAT_EVAL_INSTANT = /^eval(?:_(fail|warn|ordered|info))?\s+instant\s+(?:at\s+(.+?))?\s+(.+)$/;
const PAT_EVAL_RANGE = /^eval(?:_(fail|warn|info))?\s+range\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+?)\s+(.+)$/;
const PAT_EXPECT = /^expect\s+(ordered|fail|warn|no_warn|info|no_info)(?:\s+(regex|msg):(.+))?$/;
const PAT_EXPECT_RANGE = /^expect range vector\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+)$/;
const QUERY_CONTEXT_FUNCS = /(start|end|range|step)\(\)/;
const EPSILON = 0.000001;

interface Expectation {
  message?: string;
  regex?: RegExp;
}

interface ExpectedSeries {
  labels: Labels;
  pos: number;
  vals: SequenceValue[];
}

interface EvalCmd {
  line: number;
  text: string;
  expr: string;
  isRange: boolean;
  start: number;
  end: number;
  step: number;
  fail: boolean;
  warn: boolean;
  info: boolean;
  ordered: boolean;
  failMessage?: string;
  failRegexp?: RegExp;
  expects: Map<string, Expectation[]>;
  expected: Map<string, ExpectedSeries>;
  expectScalar?: number;
  expectString?: string;
  excludeFromRangeQuery: boolean;
}

/** A Go regexp as a JavaScript one (RE2 inline flags at the start only). */
function goRegexp(pattern: string): RegExp {
  const m = /^\(\?([is]+)\)/.exec(pattern);
  return m ? new RegExp(pattern.slice(m[0].length), m[1]) : new RegExp(pattern);
}

function matches(e: Expectation, text: string): boolean {
  return e.regex ? e.regex.test(text) : e.message === text;
}

/** Go's strconv.Unquote for a double-quoted test expectation. */
function goUnquote(s: string): string {
  return JSON.parse(s) as string;
}

function parseTestDuration(text: string): number {
  const t = text.trim();
  return t.startsWith('-') ? -parseDuration(t.slice(1)) : parseDuration(t);
}

class ScriptRunner {
  private storage: Storage;
  private readonly engine = new QueryEngine();
  readonly results: StatementResult[] = [];

  constructor(
    private readonly lines: string[],
    private readonly newStorage: () => Storage,
  ) {
    this.storage = newStorage();
  }

  async run(): Promise<void> {
    const lines = this.lines;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      if (l === '') continue;
      const c = l.split(/[\t ]+/, 1)[0].toLowerCase();
      if (c === 'clear') {
        this.storage = this.newStorage();
      } else if (c.startsWith('load')) {
        i = this.load(i);
      } else if (c.startsWith('eval')) {
        const parsed = this.parseEval(i);
        i = parsed.next;
        if (parsed.cmd) await this.exec(parsed.cmd);
      } else {
        this.results.push({ line: i + 1, text: l, outcome: 'fail', reason: `invalid command ${JSON.stringify(l)}` });
      }
    }
  }

  private load(i: number): number {
    const m = PAT_LOAD.exec(this.lines[i]);
    if (!m) throw new SyntaxError(`line ${i + 1}: invalid load command. (load[_with_nhcb] <step:duration>)`);
    const gap = parseDuration(m[2]);
    // A later definition of the same series replaces an earlier one, as loadCmd.set does.
    const defs = new Map<string, { desc: SeriesDesc; startOffsets?: SequenceValue[] }>();
    // A start-time line gives the start times of the sample line right after it (parseLoad).
    let pending: { labels: Labels; offsets: SequenceValue[]; line: number } | undefined;
    while (i + 1 < this.lines.length && this.lines[i + 1] !== '') {
      i++;
      const def = this.lines[i];
      if (isStartTimeLine(def)) {
        if (pending) throw new SyntaxError(`line ${pending.line + 1}: @st line has no following sample line`);
        pending = { ...parseStartTimeDesc(def), line: i };
        continue;
      }
      const desc = parseSeriesDesc(def);
      if (pending) {
        const where = `line ${pending.line + 1}`;
        if (pending.labels.key() !== desc.labels.key()) throw new SyntaxError(`${where}: @st metric does not match the following sample line metric`);
        if (!desc.histogram && pending.offsets.length !== desc.values.length) {
          throw new SyntaxError(`${where}: @st line has ${pending.offsets.length} values but sample line has ${desc.values.length}`);
        }
      }
      defs.set(desc.labels.key(), { desc, startOffsets: pending?.offsets });
      pending = undefined;
    }
    if (pending) throw new SyntaxError(`line ${pending.line + 1}: @st line has no following sample line`);
    const app = this.storage.appender();
    for (const { desc, startOffsets } of defs.values()) {
      desc.values.forEach((v, k) => {
        if (v.omitted) return;
        const st = startOffsets?.[k];
        const stMs = st === undefined || st.omitted ? 0 : k * gap + st.value;
        if (v.histogram) app.appendHistogram(0, desc.labels, k * gap, v.histogram, stMs);
        else app.append(0, desc.labels, k * gap, v.value, stMs);
      });
    }
    if (m[1] === 'with_nhcb') {
      for (const s of nhcbSeries([...defs.values()].map((d) => d.desc), gap)) for (const { t, h } of s.samples) app.appendHistogram(0, s.labels, t, h);
    }
    app.commit();
    return i;
  }

  private parseEval(i: number): { next: number; cmd?: EvalCmd } {
    const line = this.lines[i];
    const inst = PAT_EVAL_INSTANT.exec(line);
    const rng = PAT_EVAL_RANGE.exec(line);
    if (!inst && !rng) {
      this.results.push({ line: i + 1, text: line, outcome: 'fail', reason: 'invalid evaluation command' });
      return { next: i };
    }
    const mod = inst ? inst[1] : rng![1];
    const expr = inst ? inst[3] : rng![5];
    const cmd: EvalCmd = {
      line: i + 1,
      text: line,
      expr,
      isRange: !inst,
      start: inst ? parseTestDuration(inst[2] ?? '0s') : parseTestDuration(rng![2]),
      end: inst ? 0 : parseTestDuration(rng![3]),
      step: inst ? 0 : parseDuration(rng![4]),
      fail: mod === 'fail',
      warn: mod === 'warn',
      info: mod === 'info',
      ordered: mod === 'ordered',
      expects: new Map(),
      expected: new Map(),
      excludeFromRangeQuery: false,
    };
    if (inst) cmd.end = cmd.start;
    let j = 1;
    for (; i + 1 < this.lines.length; j++) {
      i++;
      const def = this.lines[i];
      if (def === '') {
        i--;
        break;
      }
      if (cmd.fail && def.startsWith('expected_fail_message')) {
        cmd.failMessage = def.slice('expected_fail_message'.length).trim();
        break;
      }
      if (cmd.fail && def.startsWith('expected_fail_regexp')) {
        cmd.failRegexp = goRegexp(def.slice('expected_fail_regexp'.length).trim());
        break;
      }
      const er = PAT_EXPECT_RANGE.exec(def);
      if (er) {
        cmd.start = parseTestDuration(er[1]);
        cmd.end = parseTestDuration(er[2]);
        cmd.step = parseDuration(er[3].trim());
        cmd.excludeFromRangeQuery = true;
        continue;
      }
      if (def.startsWith('expect string')) {
        cmd.expectString = goUnquote(def.slice('expect string'.length).trim());
        cmd.excludeFromRangeQuery = true;
        continue;
      }
      if (def.split(' ')[0] === 'expect') {
        const m = PAT_EXPECT.exec(def);
        if (!m) {
          this.results.push({ line: i + 1, text: def, outcome: 'fail', reason: 'invalid expect statement' });
          continue;
        }
        const list = cmd.expects.get(m[1]) ?? [];
        const body = m[3]?.trim();
        // A bare `expect warn` accepts any message (patMatchAny).
        list.push(m[2] === 'regex' ? { regex: goRegexp(body!) } : body === undefined ? { regex: /^.*$/ } : { message: body });
        cmd.expects.set(m[1], list);
        j--;
        continue;
      }
      const num = Number(def);
      if (def !== '' && (!Number.isNaN(num) || /^[+-]?(inf|nan)$/i.test(def))) {
        cmd.expectScalar = /^[+-]?nan$/i.test(def) ? NaN : /^-inf$/i.test(def) ? -Infinity : /^\+?inf$/i.test(def) ? Infinity : num;
        break;
      }
      const desc = parseSeriesDesc(def);
      cmd.expected.set(desc.labels.key(), { labels: desc.labels, pos: j, vals: desc.values });
    }
    return { next: i, cmd };
  }

  private async exec(cmd: EvalCmd): Promise<void> {
    const res = (outcome: Outcome, reason?: string) => this.results.push({ line: cmd.line, text: cmd.text, outcome, reason });
    try {
      const why = cmd.isRange ? await this.execRange(cmd) : await this.execInstant(cmd);
      if (why) res('fail', why);
      else res('pass');
    } catch (e) {
      res('fail', `unexpected error: ${errorMessage(e)}`);
    }
  }

  private isFail(cmd: EvalCmd): boolean {
    return cmd.fail || (cmd.expects.get('fail')?.length ?? 0) > 0;
  }

  private isOrdered(cmd: EvalCmd): boolean {
    return cmd.ordered || (cmd.expects.get('ordered')?.length ?? 0) > 0;
  }

  private checkExpectedFailure(cmd: EvalCmd, err: Error): string | undefined {
    const msg = err.message;
    if (cmd.failMessage !== undefined && cmd.failMessage !== msg) return `expected error ${JSON.stringify(cmd.failMessage)}, but got: ${msg}`;
    if (cmd.failRegexp && !cmd.failRegexp.test(msg)) return `expected error matching ${cmd.failRegexp}, but got: ${msg}`;
    const f = cmd.expects.get('fail')?.[0];
    if (f && (f.message !== undefined || f.regex) && !matches(f, msg)) return `expected error matching ${JSON.stringify(f.message ?? String(f.regex))}, but got: ${msg}`;
    return undefined;
  }

  private async query(expr: string, isRange: boolean, start: number, end: number, step: number): Promise<{ err?: Error; value?: ResultValue; warnings?: string[]; infos?: string[] }> {
    const q = this.storage.querier();
    try {
      const r = isRange ? await this.engine.rangeQuery(q, expr, start, end, step) : await this.engine.instantQuery(q, expr, start);
      return { value: r.value, warnings: r.annotations.warnings, infos: r.annotations.infos };
    } catch (e) {
      if (e instanceof QueryError) return { err: e };
      throw e;
    }
  }

  private async execRange(cmd: EvalCmd): Promise<string | undefined> {
    const r = await this.query(cmd.expr, true, cmd.start, cmd.end, cmd.step);
    if (r.err) return this.isFail(cmd) ? this.checkExpectedFailure(cmd, r.err) : `error evaluating query: ${r.err.message}`;
    if (this.isFail(cmd)) return 'expected error evaluating query but got none';
    return this.checkAnnotations(cmd, r.warnings!, r.infos!) ?? this.compare(cmd, r.value!);
  }

  /** The query as written, then pinned with `@` at other times, which must not change the result (execInstantEval). */
  private async execInstant(cmd: EvalCmd): Promise<string | undefined> {
    for (const v of [{ expr: cmd.expr, t: cmd.start }, ...atModifierVariants(cmd.expr, cmd.start)]) {
      const why = await this.runInstant(cmd, v.expr, v.t);
      if (why) return v.expr === cmd.expr ? why : `with ${v.expr} at ${v.t / 1000}s: ${why}`;
    }
    return undefined;
  }

  private async runInstant(cmd: EvalCmd, expr: string, t: number): Promise<string | undefined> {
    const r = await this.query(expr, false, t, 0, 0);
    if (r.err) return this.isFail(cmd) ? this.checkExpectedFailure(cmd, r.err) : `error evaluating query: ${r.err.message}`;
    if (this.isFail(cmd)) return 'expected error evaluating query but got none';
    const bad = this.checkAnnotations(cmd, r.warnings!, r.infos!) ?? this.compare(cmd, r.value!);
    if (bad) return bad;
    if (cmd.excludeFromRangeQuery || QUERY_CONTEXT_FUNCS.test(expr) || this.isOrdered(cmd)) return undefined;
    const rr = await this.query(expr, true, t - 60_000, t + 60_000, 60_000);
    if (rr.err) return `error evaluating query in range mode: ${rr.err.message}`;
    const mat = rr.value as Extract<ResultValue, { type: 'matrix' }>;
    const samples: { labels: Labels; t: number; v: number; h?: FloatHistogram }[] = [];
    for (const s of mat.series) {
      const k = s.ts.indexOf(t);
      if (k >= 0) samples.push({ labels: s.labels, t, v: s.vs[k], h: s.hs?.[k] });
    }
    const asInstant: ResultValue = r.value!.type === 'scalar' ? { type: 'scalar', t, v: samples[0]?.v ?? NaN } : { type: 'vector', samples };
    const why = this.compare(cmd, asInstant);
    return why ? `range mode: ${why}` : undefined;
  }


  private checkAnnotations(cmd: EvalCmd, warnings: string[], infos: string[]): string | undefined {
    if (cmd.warn && warnings.length === 0) return 'expected warnings but got none';
    if (cmd.info && infos.length === 0) return 'expected info annotations but got none';
    for (const [kind, actual] of [
      ['warn', warnings],
      ['info', infos],
    ] as const) {
      const expected = cmd.expects.get(kind) ?? [];
      if (expected.length === 0) continue;
      if (actual.length === 0) {
        return `expected ${kind} annotations but none were found`;
      }
      for (const e of expected) if (!actual.some((a) => matches(e, a))) return `expected ${kind} annotation ${JSON.stringify(e.message ?? String(e.regex))} but found: ${JSON.stringify(actual)}`;
      for (const a of actual) if (!expected.some((e) => matches(e, a))) return `unexpected ${kind} annotation ${JSON.stringify(a)}`;
    }
    if (cmd.expects.has('no_warn') && warnings.length > 0) return `unexpected warning annotations: ${JSON.stringify(warnings)}`;
    if (cmd.expects.has('no_info') && infos.length > 0) return `unexpected info annotations: ${JSON.stringify(infos)}`;
    return undefined;
  }

  private compare(cmd: EvalCmd, v: ResultValue): string | undefined {
    switch (v.type) {
      case 'matrix': {
        if (this.isOrdered(cmd)) return 'expected ordered result, but query returned a matrix';
        if (cmd.expectScalar !== undefined) return 'expected scalar result, but got matrix';
        const seen = new Set<string>();
        for (const s of v.series) {
          const key = s.labels.key();
          const exp = cmd.expected.get(key);
          if (!exp) return `unexpected metric ${s.labels.toString()} in result, has ${describePoints(splitPoints(s))}`;
          seen.add(key);
          const wantF: { t: number; v: number }[] = [];
          const wantH: { t: number; h: FloatHistogram; hintSet: boolean }[] = [];
          exp.vals.forEach((e, i) => {
            if (e.omitted) return;
            const t = cmd.start + i * cmd.step;
            if (e.histogram) wantH.push({ t, h: e.histogram, hintSet: e.counterResetHintSet ?? false });
            else wantF.push({ t, v: e.value });
          });
          const got = splitPoints(s);
          if (wantF.length !== got.floats.length || wantH.length !== got.histograms.length) {
            return `expected ${wantF.length} float points and ${wantH.length} histogram points for ${s.labels.toString()}, but got ${describePoints(got)}`;
          }
          for (let i = 0; i < wantF.length; i++) {
            const a = got.floats[i];
            if (wantF[i].t !== a.t) return `expected float value at index ${i} for ${s.labels.toString()} to have timestamp ${wantF[i].t}, but it had timestamp ${a.t}`;
            if (!almostEqual(a.v, wantF[i].v, EPSILON)) return `expected float value at index ${i} (t=${a.t}) for ${s.labels.toString()} to be ${wantF[i].v}, but got ${a.v}`;
          }
          for (let i = 0; i < wantH.length; i++) {
            const a = got.histograms[i];
            const w = wantH[i];
            if (w.t !== a.t) return `expected histogram value at index ${i} for ${s.labels.toString()} to have timestamp ${w.t}, but it had timestamp ${a.t}`;
            if (!nativeHistogramsMatch(w.h.copy().compact(0), a.h.copy().compact(0), w.hintSet, EPSILON)) {
              return `expected histogram value at index ${i} (t=${a.t}) for ${s.labels.toString()} to be ${w.h.testExpression()}, but got ${a.h.testExpression()}`;
            }
          }
        }
        for (const [key, e] of cmd.expected) if (!seen.has(key)) return `expected metric ${e.labels.toString()} not found`;
        return undefined;
      }
      case 'vector': {
        if (cmd.expectScalar !== undefined) return 'expected scalar result, but got vector';
        const seen = new Set<string>();
        for (let pos = 0; pos < v.samples.length; pos++) {
          const s = v.samples[pos];
          const key = s.labels.key();
          const exp = cmd.expected.get(key);
          if (!exp) return `unexpected metric ${s.labels.toString()} in result, has value ${s.h ? s.h.testExpression() : s.v}`;
          if (this.isOrdered(cmd) && exp.pos !== pos + 1) return `expected metric ${s.labels.toString()} at position ${exp.pos} but was at ${pos + 1}`;
          const e0 = exp.vals[0];
          const wantH = e0 && !e0.omitted ? e0.histogram : undefined;
          if (wantH === undefined && s.h) return `expected float value ${e0 && !e0.omitted ? e0.value : NaN} for ${s.labels.toString()} but got histogram ${s.h.testExpression()}`;
          if (wantH !== undefined && !s.h) return `expected histogram ${wantH.testExpression()} for ${s.labels.toString()} but got float value ${s.v}`;
          if (wantH !== undefined && s.h) {
            if (!nativeHistogramsMatch(wantH.copy().compact(0), s.h.copy().compact(0), (e0 as { counterResetHintSet?: boolean }).counterResetHintSet ?? false, EPSILON)) {
              return `expected ${wantH.testExpression()} for ${s.labels.toString()} but got ${s.h.testExpression()}`;
            }
          } else {
            const want = e0 && !e0.omitted ? e0.value : NaN;
            if (!almostEqual(want, s.v, EPSILON)) return `expected ${want} for ${s.labels.toString()} but got ${s.v}`;
          }
          seen.add(key);
        }
        for (const [key, e] of cmd.expected) if (!seen.has(key)) return `expected metric ${e.labels.toString()} not found`;
        return undefined;
      }
      case 'scalar':
        if (cmd.expectScalar === undefined) return `expected vector or matrix result, but got scalar ${v.v}`;
        if (!almostEqual(cmd.expectScalar, v.v, EPSILON)) return `expected scalar ${cmd.expectScalar} but got ${v.v}`;
        return undefined;
      case 'string':
        if (cmd.expectString !== v.v) return `expected string ${JSON.stringify(cmd.expectString ?? '')} but got ${JSON.stringify(v.v)}`;
        return undefined;
    }
  }
}

type MatrixSeries = Extract<ResultValue, { type: 'matrix' }>['series'][number];

/** A result series' points split as Prometheus's Series holds them: floats, histograms. */
function splitPoints(s: MatrixSeries): { floats: { t: number; v: number }[]; histograms: { t: number; h: FloatHistogram }[] } {
  const floats: { t: number; v: number }[] = [];
  const histograms: { t: number; h: FloatHistogram }[] = [];
  s.ts.forEach((t, i) => {
    const h = s.hs?.[i];
    if (h) histograms.push({ t, h });
    else floats.push({ t, v: s.vs[i] });
  });
  return { floats, histograms };
}

function describePoints(p: ReturnType<typeof splitPoints>): string {
  const f = p.floats.map((x) => `${x.v} @[${x.t}]`);
  const h = p.histograms.map((x) => `${x.h.testExpression()} @[${x.t}]`);
  return `${f.length} float point${f.length === 1 ? '' : 's'} [${f.join(' ')}] and ${h.length} histogram point${h.length === 1 ? '' : 's'} [${h.join(' ')}]`;
}

/** Functions whose result depends on the evaluation time itself (AtModifierUnsafeFunctions). */
const AT_UNSAFE = new Set([
  'days_in_month', 'day_of_month', 'day_of_week', 'day_of_year', 'end', 'hour', 'minute', 'month', 'year',
  'predict_linear', 'range', 'start', 'step', 'time', 'timestamp',
]);

/**
 * The query with every selector and subquery not already pinned given
 * `@ <evalTime>`, to run at other times (atModifierTestCases); none when a
 * function depends on the evaluation time.
 */
function atModifierVariants(query: string, evalT: number): { expr: string; t: number }[] {
  let expr: Expr;
  try {
    expr = parseExpr(query);
  } catch {
    return [];
  }
  const ends: number[] = [];
  let unsafe = false;
  const walk = (e: Expr): void => {
    switch (e.kind) {
      case 'vectorSelector':
        if (e.at === undefined) ends.push(e.pos.end);
        return;
      case 'matrixSelector':
        if (e.selector.at === undefined) ends.push(e.pos.end);
        return;
      case 'subquery':
        if (e.at === undefined) ends.push(e.pos.end);
        return;
      case 'call':
        if (AT_UNSAFE.has(e.func.name)) unsafe = true;
        e.args.forEach(walk);
        return;
      case 'aggregate':
        if (e.param) walk(e.param);
        walk(e.expr);
        return;
      case 'binary':
        walk(e.lhs);
        walk(e.rhs);
        return;
      case 'unary':
      case 'paren':
        walk(e.expr);
        return;
      default:
        return;
    }
  };
  walk(expr);
  if (unsafe || ends.length === 0) return [];
  let pinned = query;
  for (const at of [...new Set(ends)].sort((a, b) => b - a)) pinned = `${pinned.slice(0, at)} @ ${evalT / 1000}${pinned.slice(at)}`;
  const times = evalT === 0 ? [-1000, 0, 1000] : [-10 * evalT, 0, Math.trunc(evalT / 5), evalT, 10 * evalT];
  return times.map((t) => ({ expr: pinned, t }));
}

/**
 * Runs one test script; one result per eval statement (plus any malformed
 * command). `newStorage` gives an empty storage at the start and at each `clear`.
 */
export async function runTestScript(text: string, newStorage: () => Storage): Promise<StatementResult[]> {
  const lines = text.split('\n').map((l) => {
    const t = l.trim();
    return t.startsWith('#') ? '' : t;
  });
  const runner = new ScriptRunner(lines, newStorage);
  await runner.run();
  return runner.results;
}

