// A query or look-up failure in one line as a person reads it: Prometheus's
// errorType and message, and the HTTP status when a remote source gave one,
// so a remote's refusal reads as the remote's and not as this browser's.

import type { Failure } from '../../model/result';

export function queryErrorText(e: Failure): string {
  return `${e.errorType ?? 'internal'}: ${e.what}${e.httpStatus ? ` (HTTP ${e.httpStatus})` : ''}`;
}
