// A query or look-up error in one line as a person reads it: Prometheus's
// errorType and message, and the HTTP status when a remote source gave one,
// so a remote's refusal reads as the remote's and not as this browser's.

import type { QueryError } from '../../engine/api';

export function queryErrorText(e: QueryError): string {
  return `${e.errorType}: ${e.error}${e.httpStatus ? ` (HTTP ${e.httpStatus})` : ''}`;
}

/** An engine answer that is an error rather than the data asked for. */
export function isQueryError(answer: unknown): answer is QueryError {
  return typeof answer === 'object' && answer !== null && !Array.isArray(answer) && (answer as { status?: unknown }).status === 'error';
}
