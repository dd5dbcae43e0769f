// The engine's problems with a YAML file (1-based line and column, 0 when the
// problem has no place) as CodeMirror diagnostics marking the word they name.

import type { Diagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import type { TextProblem } from '../../../model/result';

/** The extent of the YAML token starting at `start` in `line`: a quoted string, a key up to its colon, or a plain value to the end of the line. */
function tokenEnd(line: string, start: number): number {
  const quote = line[start];
  if (quote === '"' || quote === "'") {
    const close = line.indexOf(quote, start + 1);
    return close < 0 ? line.length : close + 1;
  }
  const rest = line.slice(start);
  const key = /^[^\s#][^:#]*?(?=:(\s|$))/.exec(rest);
  if (key) return start + key[0].length;
  return start + rest.replace(/\s+#.*$/, '').trimEnd().length;
}

export function problemDiagnostic(doc: Text, p: TextProblem, severity: Diagnostic['severity']): Diagnostic {
  if (p.line <= 0) {
    // Unplaced (a template error rulefmt does not place): the first line carries it, and the list below says it all.
    const first = doc.line(1);
    return { from: first.from, to: first.to, severity, message: p.message };
  }
  const line = doc.line(Math.min(p.line, doc.lines));
  const start = Math.min(Math.max(p.column - 1, 0), line.length);
  const end = tokenEnd(line.text, start);
  return { from: line.from + start, to: line.from + Math.max(end, start), severity, message: p.message };
}

export function problemDiagnostics(doc: Text, check: { errors: readonly TextProblem[]; warnings: readonly TextProblem[] }): Diagnostic[] {
  return [...check.errors.map((p) => problemDiagnostic(doc, p, 'error')), ...check.warnings.map((p) => problemDiagnostic(doc, p, 'warning'))];
}
