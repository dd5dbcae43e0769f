// The one answer shape of anything that can fail across the engine API: a
// value, or a Failure saying where and what, with what the UI shows beside it
// (Prometheus's errorType, a remote's HTTP status, a text's line and column).

/**
 * Prometheus's HTTP API error types, which a Prometheus user searches for
 * (`not_found` is Prometheus's too), and `conflict`: a save refused because
 * what is stored changed since the edit began (a board saved in another tab).
 */
export type ErrorType = 'bad_data' | 'execution' | 'timeout' | 'canceled' | 'internal' | 'not_found' | 'conflict';

/** A place in a text (prometheus.yml, a rule file) and what is wrong there. */
export interface TextProblem {
  line: number;
  column: number;
  message: string;
}

export interface Failure {
  /** The place: a source's URL, a file's name, the query. */
  where: string;
  /** The cause, in Prometheus's wording where it has one. */
  what: string;
  /** For query and look-up failures: Prometheus's errorType. */
  errorType?: ErrorType;
  /** The HTTP status a remote source gave with its error answer. */
  httpStatus?: number;
  /** What to do about it, where the cause is one of Vigil's own limits. */
  hint?: string;
  /** For a text that does not load: every problem with its line and column, for the editor. */
  problems?: TextProblem[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: Failure };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(error: Failure): { ok: false; error: Failure } {
  return { ok: false, error };
}

/**
 * A query or look-up failure in one line as a person reads it: Prometheus's
 * errorType and message, and the HTTP status when a remote source gave one,
 * so a remote's refusal reads as the remote's and not as this browser's.
 */
export function failureText(e: Failure): string {
  return `${e.errorType ?? 'internal'}: ${e.what}${e.httpStatus ? ` (HTTP ${e.httpStatus})` : ''}`;
}

/** The words of anything thrown: an Error's message, else the thing as text. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
